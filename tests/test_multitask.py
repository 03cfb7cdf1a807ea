"""Multi-task losses, the shared-trunk model, its exact weighted optimum and learned sigmas."""

import numpy as np
import pytest
from scipy import optimize

from lossedu import datasets, gradcheck, models, multitask, optim


@pytest.fixture
def data():
    return tuple(datasets.make_multitask(120, n_features=2, noise_scales=(0.3, 1.0), rng=6))


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


def test_shared_linear_backward_matches_central_differences(rng):
    model = multitask.SharedLinear(3, 2, rank=2, rng=0)
    X, y = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    w = [1.0, 0.2]
    for name, value in model.params.items():

        def f(v, name=name):
            model.params[name] = v
            return multitask.weighted_mse(y, model.forward(X), weights=w)

        def g(v, name=name):
            model.params[name] = v
            grad_out = multitask.weighted_mse_grad(y, model.forward(X), weights=w)
            return model.backward(X, grad_out)[name]

        assert gradcheck.check_grad(f, g, value.copy()) < 1e-7


@pytest.mark.parametrize("weights", [[0.5, 0.5], [0.9, 0.1], [0.05, 0.95]])
def test_weighted_optimum_matches_a_numerical_minimiser(data, weights):
    X, y = data
    exact = multitask.weighted_optimum(X, y, weights)
    best = multitask.weighted_mse(y, exact.forward(X), weights=weights)
    model = multitask.SharedLinear(2, 2)

    def objective(theta):  # reference: SciPy's BFGS over the five parameters, several starts
        model.params = {"W1": theta[:2, None], "W2": theta[None, 2:4], "b2": theta[4:]}
        return multitask.weighted_mse(y, model.forward(X), weights=weights)

    starts = np.random.default_rng(1).normal(size=(5, 6))
    found = min(optimize.minimize(objective, x0).fun for x0 in starts)
    assert best == pytest.approx(found, rel=1e-6)


def test_full_rank_optimum_is_least_squares_per_task(data):
    X, y = data
    model = multitask.weighted_optimum(X, y, [1.0, 3.0], rank=2)
    A = np.column_stack([X, np.ones(len(X))])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]  # reference: ordinary least squares
    np.testing.assert_allclose(model.forward(X), A @ coef, atol=1e-10)


def test_fit_reaches_the_exact_weighted_optimum(data):
    X, y = data
    model = multitask.SharedLinear(2, 2, rng=0)
    loss = (multitask.weighted_mse, multitask.weighted_mse_grad)
    models.fit(model, X, y, loss=loss, loss_options={"weights": [0.7, 0.3]},
               optimizer=optim.Adam(0.05), epochs=1500, progress=False)  # fmt: skip
    exact = multitask.weighted_optimum(X, y, [0.7, 0.3])
    np.testing.assert_allclose(
        multitask.task_mse(y, model.forward(X)), multitask.task_mse(y, exact.forward(X)), rtol=1e-5
    )


def test_front_is_monotone_and_ends_at_single_task_fits(data):
    X, y = data
    lams = np.linspace(0, 1, 21)
    front = multitask.trade_off_front(X, y, np.column_stack([lams, 1 - lams]))
    assert np.all(np.diff(front[:, 0]) <= 1e-12) and np.all(np.diff(front[:, 1]) >= -1e-12)
    A = np.column_stack([X, np.ones(len(X))])
    ols = np.mean((A @ np.linalg.lstsq(A, y, rcond=None)[0] - y) ** 2, axis=0)
    # with all weight on one task, a rank-1 trunk loses nothing for that task (least squares)
    assert front[-1, 0] == pytest.approx(ols[0]) and front[0, 1] == pytest.approx(ols[1])


def test_uncertainty_training_and_alternating_optimum_agree(data):
    X, y = data
    model = multitask.SharedLinear(2, 2, rng=0)
    history, s = multitask.fit_uncertainty(model, X, y, optimizer=optim.Adam(0.05), epochs=2500)
    L = multitask.task_mse(y, model.forward(X))
    np.testing.assert_allclose(np.exp(2 * s), L, rtol=1e-4)  # sigma^2 = L at the optimum
    _, s_exact = multitask.uncertainty_optimum(X, y)
    np.testing.assert_allclose(s, s_exact, atol=1e-4)
    assert len(history.loss) == 2500 and history.loss[-1] <= history.loss[0]


def test_uncertainty_optimum_ignores_the_scale_of_a_task(data):
    X, y = data
    _, s1 = multitask.uncertainty_optimum(X, y)
    _, s100 = multitask.uncertainty_optimum(X, y * [1.0, 100.0])
    # scaling task 2 by 100 scales its loss by 1e4, so sigma_2 by 100: log sigma + log 100
    np.testing.assert_allclose(s100 - s1, [0.0, np.log(100.0)], atol=1e-8)


def test_task_gradient_norms_scale_with_the_task(data):
    X, y = data
    model = multitask.weighted_optimum(X, y, [0.5, 0.5])
    g = multitask.task_gradient_norms(model, X, y)
    weighted = multitask.task_gradient_norms(model, X, y, weights=[2.0, 0.0])
    np.testing.assert_allclose(weighted, [2 * g[0], 0.0])
    grad_out = multitask.weighted_mse_grad(y, model.forward(X), weights=[1.0, 0.0])
    assert g[0] == pytest.approx(np.linalg.norm(model.backward(X, grad_out)["W1"]))


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
    with pytest.raises(ValueError, match="linearly dependent"):
        multitask.weighted_optimum(np.ones((5, 2)), np.zeros((5, 2)), [1, 1])
    with pytest.raises(TypeError, match="optimizer"):
        multitask.fit_uncertainty(
            multitask.SharedLinear(1, 2), np.zeros((3, 1)), y, optimizer=1, epochs=1
        )


def test_inputs_are_not_modified(rng):
    y_true, y_pred = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    copies = y_true.copy(), y_pred.copy()
    multitask.weighted_mse_grad(y_true, y_pred, weights=[1.0, 2.0])
    np.testing.assert_array_equal(y_true, copies[0])
    np.testing.assert_array_equal(y_pred, copies[1])
