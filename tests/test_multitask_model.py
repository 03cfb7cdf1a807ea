"""lossedu.multitask.model: the shared-trunk model, its exact weighted optimum and the
trade-off front."""

import numpy as np
import pytest
from scipy import optimize

from lossedu import datasets, gradcheck, models, multitask, optim


@pytest.fixture
def data():
    return tuple(datasets.make_multitask(120, n_features=2, noise_scales=(0.3, 1.0), rng=6))


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


def test_optimum_rejects_dependent_features():
    with pytest.raises(ValueError, match="linearly dependent"):
        multitask.weighted_optimum(np.ones((5, 2)), np.zeros((5, 2)), [1, 1])


def test_an_all_zero_weighting_is_refused_naming_its_row():
    # With weights (0, 0) the weighted loss is 0 for every model: no optimum to report.
    X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    with pytest.raises(ValueError, match=r"weights row 1 is \[0\.0, 0\.0\].*positive"):
        multitask.trade_off_front(X, X, [[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match=r"weights must not all be 0"):
        multitask.weighted_optimum(X, X, [0.0, 0.0])
