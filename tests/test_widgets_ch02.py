"""The error explorer of chapter 2: a well-formed fallback, and the right numbers."""

import re

import numpy as np
import pytest

from lossedu import losses, widgets
from lossedu.widgets import _errors


@pytest.fixture(scope="module")
def explorer():
    return widgets.error_explorer()


def _frame(svg):
    return re.search(r'<g class="lossedu-frame">(.*)</g>', svg, flags=re.S).group(1)


def test_fallback_is_self_contained_labelled_and_small(explorer):
    html = explorer.html()
    assert html.startswith('<div class="lossedu-explorer" data-explorer="error" id="lossedu-')
    assert html.count("<script>") == 1 and len(html.encode()) < 300_000
    assert not re.search(r"https?://", html)
    assert html.count("<label for=") == len(explorer.controls) == 2


def test_fallback_is_deterministic_up_to_the_id(explorer):
    pattern = re.compile(r"lossedu-error-[0-9a-f]{10}-\d+")
    again = widgets.error_explorer().html()
    assert pattern.sub("ID", again) == pattern.sub("ID", explorer.html())


def test_every_control_changes_the_figure(explorer):
    for control in explorer.controls:
        a = _frame(explorer.svg(**{control.name: control.values[0]}))
        b = _frame(explorer.svg(**{control.name: control.values[-1]}))
        assert a != b, control.name


def test_live_widget_redraws(explorer):
    view, box = widgets.error_explorer().widget.children
    for control in box.children:
        before = view.value
        control.value = [v for _, v in control.options][-1]
        assert view.value != before


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
