"""The error explorer of chapter 2: a well-formed fallback, and the right numbers."""

import numpy as np
import pytest

from lossedu import losses, widgets
from lossedu.widgets import _errors


@pytest.fixture(scope="module")
def explorer():
    return widgets.error_explorer()


# The checks every explorer shares (self-contained, labelled, small, deterministic, every
# control moves the figure, the live widget redraws, works in Chromium) run on all exported
# explorers in tests/test_widgets.py; this file checks what is particular to this one.


def test_has_the_two_controls_the_chapter_describes(explorer):
    assert len(explorer.controls) == 2


def test_point_errors_match_the_unreduced_losses(rng):
    y, p = rng.normal(size=9), rng.normal(size=9)
    np.testing.assert_allclose(
        _errors.point_errors(y, p, "absolute"), losses.mae(y, p, reduction="none")
    )
    np.testing.assert_allclose(
        _errors.point_errors(y, p, "squared"), losses.mse(y, p, reduction="none")
    )


def test_aggregations_match_scikit_learn(rng):
    skm = pytest.importorskip("sklearn.metrics")
    y, p = rng.normal(size=9), rng.normal(size=9)
    a, s = _errors.point_errors(y, p, "absolute"), _errors.point_errors(y, p, "squared")
    assert _errors.aggregate(a, "mean") == pytest.approx(skm.mean_absolute_error(y, p))
    assert _errors.aggregate(a, "median") == pytest.approx(skm.median_absolute_error(y, p))
    assert _errors.aggregate(a, "max") == pytest.approx(skm.max_error(y, p))
    assert _errors.aggregate(s, "mean") == pytest.approx(skm.mean_squared_error(y, p))
    assert _errors.aggregate(s, "sum") == pytest.approx(9 * skm.mean_squared_error(y, p))


def test_moving_the_target_changes_only_that_points_error():
    _, y, p = _errors.make_points(8, 0)
    moved = np.append(y[:-1], y[-1] + 3.0)
    before, after = (_errors.point_errors(t, p, "squared") for t in (y, moved))
    np.testing.assert_array_equal(before[:-1], after[:-1])
    assert after[-1] != before[-1]


def test_validates_its_arguments():
    with pytest.raises(ValueError, match="n must be an integer"):
        widgets.error_explorer(n=2)
