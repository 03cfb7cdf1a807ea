"""Chapter 8's exercises and quiz questions: the data behind them, checked from outside.

The generic checker tests live in tests/test_exercises.py; here each exercise's anticipated
mistakes are shown to be real wrong answers, the statements' examples are recomputed by hand,
and the new references are compared with the model they stand for.
"""

import numpy as np
import pytest

from lossedu import datasets, multitask
from lossedu.exercises import ch08
from lossedu.exercises._core import get_exercise

IDS = [e.id for e in ch08.EXERCISES]


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_prompt_states_its_tolerance(exercise_id):
    assert "tolerance" in get_exercise(exercise_id).prompt


def test_statement_examples_match_hand_computed_values():
    # 8.1: column MSEs of [[1, 2], [1, 0]] against zeros are (1 + 1)/2 = 1 and (4 + 0)/2 = 2,
    # so 1 * 1 + 0.5 * 2 = 2.0; the gradient 2 w (y_pred - y_true) / n is w * y_pred here.
    case = ch08._FIXED[0]
    assert get_exercise("8.1").reference(**case) == pytest.approx(2.0)
    np.testing.assert_allclose(get_exercise("8.2").reference(**case), [[1.0, 1.0], [1.0, 0.0]])
    # 8.3: 0.5 * 2 + 0.5 * 0.5 + 0 = 1.25 (by hand, sigma = 1)
    first = get_exercise("8.3").cases[0]
    assert get_exercise("8.3").reference(**first) == pytest.approx(1.25)
    # 8.5: [1, 1] / [1, 100]^2 = [1, 1e-4]
    first = get_exercise("8.5").cases[0]
    np.testing.assert_allclose(get_exercise("8.5").reference(**first), [1.0, 1e-4])


@pytest.mark.parametrize("seed", range(5))
def test_rescaled_weights_select_the_same_model_in_the_new_units(seed):
    # Independent check of 8.5's reference: the exact weighted optimum (reduced-rank
    # regression, multitask.weighted_optimum) of the rescaled targets with the rescaled
    # weights predicts the old optimum times the scale, and its weighted loss is unchanged.
    X, Y = datasets.make_multitask(100, n_features=2, noise_scales=(0.3, 1.0), rng=seed)
    weights, scale = np.array([0.7, 0.3]), np.array([3.0, 100.0])
    new_weights = get_exercise("8.5").reference(weights, scale)
    old_fit = multitask.weighted_optimum(X, Y, weights).forward(X)
    new_fit = multitask.weighted_optimum(X, Y * scale, new_weights).forward(X)
    np.testing.assert_allclose(new_fit / scale, old_fit, rtol=1e-7, atol=1e-9)
    old_loss = multitask.weighted_mse(Y, old_fit, weights=weights)
    new_loss = multitask.weighted_mse(Y * scale, new_fit, weights=new_weights)
    assert new_loss == pytest.approx(old_loss, rel=1e-9)
    # and the planted "divide by the scale once" answer selects another model
    wrong_fit = multitask.weighted_optimum(X, Y * scale, weights / scale).forward(X)
    assert not np.allclose(wrong_fit / scale, old_fit, rtol=1e-3)


def test_front_is_monotone_and_sweep_minimum_is_at_an_end():
    # 8.q1 and 8.q7 state two general facts of exact weighted optima; check them on other
    # data sets than the chapter's: L1 never rises and L2 never falls as omega grows, and
    # the optimal weighted loss is lowest at omega = 0 or 1 (it is concave in omega).
    omegas = np.linspace(0.0, 1.0, 41)
    weights = np.column_stack([omegas, 1 - omegas])
    for seed in range(6):
        X, Y = datasets.make_multitask(150, n_features=3, noise_scales=(0.5, 2.0), rng=seed)
        front = multitask.trade_off_front(X, Y, weights)
        assert np.all(np.diff(front[:, 0]) <= 1e-10)
        assert np.all(np.diff(front[:, 1]) >= -1e-10)
        weighted = np.sum(weights * front, axis=1)
        assert np.argmin(weighted) in (0, len(omegas) - 1)


def test_uncertainty_optimum_shifts_log_sigma_by_log_of_the_scale():
    # 8.q3: scaling task 2 by 100 adds log 100 to its optimal log sigma and leaves the
    # predictions (in original units) unchanged, on data sets other than the chapter's.
    for seed in range(4):
        X, Y = datasets.make_multitask(200, n_features=2, noise_scales=(0.3, 1.0), rng=seed)
        fit1, s1 = multitask.uncertainty_optimum(X, Y)
        fit100, s100 = multitask.uncertainty_optimum(
            X, Y * np.array([1.0, 100.0]), log_sigma=s1 + np.array([0.0, np.log(100.0)])
        )
        assert s100[1] - s1[1] == pytest.approx(np.log(100.0), abs=1e-6)
        np.testing.assert_allclose(
            fit100.forward(X) / np.array([1.0, 100.0]), fit1.forward(X), rtol=1e-5, atol=1e-7
        )
