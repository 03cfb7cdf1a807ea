"""The bandit explorer of chapter 10: its controls, its description and its numbers."""

import re

import numpy as np
import pytest

from lossedu import rl, widgets
from lossedu.datasets import Bandit
from lossedu.widgets import _bandit


@pytest.fixture(scope="module")
def explorer():
    return widgets.bandit_explorer(steps=200, n_runs=20)


# The checks every explorer shares (self-contained, labelled, small, deterministic, every
# control moves the figure, the live widget redraws, works in Chromium) run on all exported
# explorers in tests/test_widgets.py; this file checks what is particular to this one.


def test_has_the_two_controls_the_chapter_describes(explorer):
    assert len(explorer.controls) == 2


def test_svg_has_a_description(explorer):
    svg = explorer.svg(lr=0.5, baseline=False)
    label = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert "learning rate η: 0.5" in label and "baseline (average reward): hidden" in label
    assert f"<title>{label}</title>" in svg


def test_curves_are_run_means_and_the_note_reports_them():
    bandit = Bandit(4, means=[1.0, 2.0, 0.0, 1.5], rng=0)
    prob, reward = _bandit.learning_curves(bandit, 0.2, True, 60, 8, 3)
    runs = rl.reinforce_bandit(bandit, steps=60, lr=0.2, baseline=True, n_runs=8, rng=3)
    np.testing.assert_array_equal(prob, runs.best_prob.mean(axis=0))
    np.testing.assert_array_equal(reward, runs.rewards.mean(axis=0))
    svg = widgets.bandit_explorer(bandit, steps=60, n_runs=8, seed=3).svg(lr=0.2)
    assert f"P(best) = {prob[-1]:.2f}" in svg


def test_smoothing_is_a_trailing_moving_average(rng):
    x = rng.normal(size=30)
    # reference: np.convolve with a box of 10, valid part, for full windows
    full = np.convolve(x, np.ones(10) / 10, mode="valid")
    np.testing.assert_allclose(_bandit._smooth(x)[9:], full, rtol=1e-12)
    assert _bandit._smooth(x)[0] == pytest.approx(x[0])


def test_validates_arguments():
    with pytest.raises(TypeError, match="bandit must be"):
        widgets.bandit_explorer([1.0, 2.0])
    with pytest.raises(ValueError, match="steps must be an integer in"):
        widgets.bandit_explorer(steps=5)
    with pytest.raises(ValueError, match="n_runs must be an integer in"):
        widgets.bandit_explorer(n_runs=0)
