"""lossedu.multitask.losses: per-task MSE, weighted and uncertainty-weighted losses."""

import numpy as np
import pytest
from scipy import optimize

from lossedu import gradcheck, multitask


def test_task_mse_and_weighted_mse_match_numpy(rng):
    y_true, y_pred = rng.normal(size=(7, 3)), rng.normal(size=(7, 3))
    w = np.array([1.0, 0.5, 2.0])
    per_task = ((y_pred - y_true) ** 2).mean(axis=0)  # reference: the definition in NumPy
    np.testing.assert_allclose(multitask.task_mse(y_true, y_pred), per_task)
    assert multitask.weighted_mse(y_true, y_pred, weights=w) == pytest.approx(w @ per_task)
    total = multitask.weighted_mse(y_true, y_pred, weights=w, reduction="sum")
    assert total == pytest.approx(7 * w @ per_task)  # "mean" divides by the rows n = 7
    none = multitask.weighted_mse(y_true, y_pred, weights=w, reduction="none")
    assert none.shape == (7, 3) and none.sum() == pytest.approx(total)


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_weighted_mse_grad_matches_central_differences(rng, reduction):
    y_true, y_pred = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    w = [0.3, 1.7]

    def f(p):
        return multitask.weighted_mse(y_true, p, weights=w, reduction=reduction)

    def g(p):
        return multitask.weighted_mse_grad(y_true, p, weights=w, reduction=reduction)

    assert gradcheck.check_grad(f, g, y_pred) < 1e-7


def test_uncertainty_loss_value_gradient_and_optimum(rng):
    L, s = rng.uniform(0.1, 5.0, 3), rng.normal(size=3)
    # reference: Kendall et al. (2018) written with sigma itself, not log sigma
    sigma = np.exp(s)
    assert multitask.uncertainty_loss(L, s) == pytest.approx(
        np.sum(L / (2 * sigma**2) + np.log(sigma))
    )
    assert (
        gradcheck.check_grad(
            lambda v: multitask.uncertainty_loss(L, v),
            lambda v: multitask.uncertainty_loss_grad(L, v),
            s,
        )
        < 1e-7
    )
    np.testing.assert_allclose(multitask.uncertainty_weights(s), 1 / (2 * sigma**2))
    # the optimum sigma^2 = L: a numerical minimiser (SciPy) finds the same point
    found = optimize.minimize(lambda v: multitask.uncertainty_loss(L, v), np.zeros(3), tol=1e-12).x
    np.testing.assert_allclose(np.exp(2 * found), L, rtol=1e-5)
    np.testing.assert_allclose(np.exp(2 * multitask.optimal_log_sigma(L)), L, rtol=1e-12)


def test_bad_input_is_rejected():
    y = np.zeros((3, 2))
    with pytest.raises(ValueError, match=r"shape \(n, n_tasks\)"):
        multitask.task_mse(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="same shape"):
        multitask.weighted_mse(y, np.zeros((3, 3)), weights=[1, 1])
    with pytest.raises(ValueError, match="one value per task"):
        multitask.weighted_mse(y, y, weights=[1, 1, 1])
    with pytest.raises(ValueError, match="weights must be >= 0"):
        multitask.weighted_mse(y, y, weights=[1, -1])
    with pytest.raises(ValueError, match="reduction must be one of"):
        multitask.weighted_mse(y, y, weights=[1, 1], reduction=None)
    with pytest.raises(ValueError, match="task_losses must be > 0"):
        multitask.optimal_log_sigma([1.0, 0.0])
    with pytest.raises(ValueError, match="NaN"):
        multitask.uncertainty_loss([1.0, np.nan], [0.0, 0.0])


def test_inputs_are_not_modified(rng):
    y_true, y_pred = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    copies = y_true.copy(), y_pred.copy()
    multitask.weighted_mse_grad(y_true, y_pred, weights=[1.0, 2.0])
    np.testing.assert_array_equal(y_true, copies[0])
    np.testing.assert_array_equal(y_pred, copies[1])


def test_uncertainty_loss_has_no_spurious_overflow_and_refuses_a_real_one():
    # Closed form: 0.5 exp(800) 1e-300 - 800 + (0 - 800) = 0.5 e^800 1e-300 - 1600, where
    # exp(800) alone overflows float64 (e^800 = 2.7263745721125e347, mpmath); a zero loss
    # weighted by exp(800) is 0, not NaN.
    L, s = [1e-300, 0.0], [-400.0, -400.0]
    expected = 0.5 * np.exp(800.0 - 300.0 * np.log(10.0)) - 1600.0
    assert multitask.uncertainty_loss(L, s) == pytest.approx(expected, rel=1e-12)
    np.testing.assert_allclose(
        multitask.uncertainty_loss_grad(L, s), [1.0 - 2.0 * (expected + 1600.0), 1.0], rtol=1e-12
    )
    # exp(800) * 1 is beyond float64: an error that names the fix, never inf
    for fn in (multitask.uncertainty_loss, multitask.uncertainty_loss_grad):
        with pytest.raises(ValueError, match=r"overflows float64.*start log_sigma nearer 0"):
            fn([1.0], [-400.0])
    with pytest.raises(ValueError, match=r"uncertainty_weights overflows float64"):
        multitask.uncertainty_weights([-400.0])


def test_task_and_weighted_mse_have_no_spurious_overflow_and_refuse_a_real_one():
    # Closed forms: four squared errors of (1e154)^2 = 1e308 have the mean 1e308 although
    # their sum overflows; (1e200)^2 = 1e400 and 2 * 1e308 are beyond float64.
    t, p = np.zeros((4, 2)), np.full((4, 2), 1e154)
    np.testing.assert_allclose(multitask.task_mse(t, p), [1e308, 1e308], rtol=1e-15)
    assert multitask.weighted_mse(t[:, :1], p[:, :1], weights=[1.0]) == pytest.approx(1e308)
    big = np.full((2, 2), 1e200)
    with pytest.raises(ValueError, match=r"task_mse overflows float64.*Rescale y_true"):
        multitask.task_mse(np.zeros((2, 2)), big)
    with pytest.raises(ValueError, match=r"weighted_mse overflows float64.*Rescale y_true"):
        multitask.weighted_mse(np.zeros((2, 2)), big, weights=[1.0, 1.0])
    with pytest.raises(ValueError, match=r"weighted_mse_grad overflows float64"):
        multitask.weighted_mse_grad([[0.0]], [[1e308]], weights=[1.0], reduction="sum")
