"""Chapter 9's exercises and quiz questions: the data behind them, checked from outside.

The generic checker tests live in tests/test_exercises.py; here each exercise's anticipated
mistakes are shown to be real wrong answers, the tolerance of 9.2 is shown to be fair (the
chapter's own trapezoid grid passes, a grid cut at +-100 does not), and the facts the quiz
questions state are recomputed on other data than the chapter's.
"""

import numpy as np
import pytest

from lossedu import exercises, losses
from lossedu.exercises import ch09
from lossedu.exercises._core import get_exercise

IDS = [e.id for e in ch09.EXERCISES]


@pytest.mark.parametrize("exercise_id", ["9.1", "9.2", "9.3"])
def test_numeric_prompts_state_their_tolerance(exercise_id):
    assert "tolerance" in get_exercise(exercise_id).prompt


def test_statement_examples_by_hand():
    # 9.1 at alpha = 1, c = 1: sqrt(x^2 + 1) - 1 (Charbonnier, closed form)
    first = get_exercise("9.1").cases[0]
    np.testing.assert_allclose(
        get_exercise("9.1").reference(**first), np.sqrt(first["x"] ** 2 + 1) - 1, rtol=1e-12
    )
    # 9.3 at logit 0: p = 0.5 for both classes, (1 - 0.5)^2 = 0.25
    first = get_exercise("9.3").cases[0]
    np.testing.assert_allclose(get_exercise("9.3").reference(**first), [0.25, 0.25])
    # 9.4: only 0.1 is strictly below 0.5
    first = get_exercise("9.4").cases[0]
    np.testing.assert_array_equal(get_exercise("9.4").reference(**first), [1.0, 0.0, 0.0])
    # 9.2: the Cauchy normaliser is pi * sqrt(2) (substitution x = sqrt(2) u)
    assert get_exercise("9.2").reference() == pytest.approx(np.pi * np.sqrt(2), rel=1e-9)


def test_the_chapter_trapezoid_grid_passes_9_2_and_a_short_grid_does_not():
    # The grid of section 3: [-2000, 2000], 2 000 001 points.
    grid = np.linspace(-2000, 2000, 2_000_001)
    rho = losses.barron(np.zeros_like(grid), grid, alpha=0.0, reduction="none")
    assert exercises.check("9.2", float(np.trapezoid(np.exp(-rho), grid))).passed
    # The tail beyond +-L is 2 * int_L^inf dx / (1 + x^2/2) = 2 sqrt(2) (pi/2 - atan(L/sqrt(2)))
    short = ch09._cauchy_integral_to(100.0)
    tail = 2 * np.sqrt(2) * (np.pi / 2 - np.arctan(100 / np.sqrt(2)))
    assert short == pytest.approx(np.pi * np.sqrt(2) - tail, rel=1e-6)
    assert not exercises.check("9.2", short).passed


def test_influence_at_alpha_1_is_bounded_but_never_redescends():
    # 9.q1 and 9.q2: psi at alpha = 1 rises monotonically towards 1/c; at alpha = 0 it
    # peaks and falls (closed form psi = x / (c^2 + x^2 / 2) for c = 1, peak at sqrt(2)).
    x = np.linspace(0.0, 1000.0, 100_001)
    for c in (0.5, 2.0):
        psi1 = losses.barron_grad(np.zeros_like(x), x, alpha=1.0, scale=c, reduction="none")
        assert np.all(np.diff(psi1) >= 0) and psi1[-1] < 1 / c
        assert psi1[-1] > 0.99 / c
    psi0 = losses.barron_grad(np.zeros_like(x), x, alpha=0.0, reduction="none")
    np.testing.assert_allclose(psi0, x / (1 + x**2 / 2), rtol=1e-9, atol=1e-15)
    assert x[np.argmax(psi0)] == pytest.approx(np.sqrt(2), abs=0.01)


@pytest.mark.parametrize("q", [0.01, 0.05, 0.2])
def test_expected_focal_loss_is_minimised_away_from_the_true_probability(q):
    # 9.q6: for gamma = 2 and no class weight, the minimiser of the expected focal loss
    # q (1 - p)^2 (-log p) + (1 - q) p^2 (-log(1 - p)) lies between q and 0.5, far from q
    # (the chapter quotes 0.25 for q = 0.05).
    p = np.linspace(1e-4, 1 - 1e-4, 100_001)
    logits = np.log(p / (1 - p))
    expected = q * losses.focal(
        np.ones_like(p), logits, gamma=2.0, alpha=None, reduction="none"
    ) + (1 - q) * losses.focal(np.zeros_like(p), logits, gamma=2.0, alpha=None, reduction="none")
    best = p[np.argmin(expected)]
    assert q * 1.5 < best < 0.5
    if q == 0.05:
        assert best == pytest.approx(0.25, abs=0.005)
