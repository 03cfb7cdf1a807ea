"""lossedu.multitask.balancing: learned uncertainty weights and their exact optimum, gradient
norms."""

import numpy as np
import pytest

from lossedu import datasets, multitask, optim


@pytest.fixture
def data():
    return tuple(datasets.make_multitask(120, n_features=2, noise_scales=(0.3, 1.0), rng=6))


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


def test_fit_uncertainty_rejects_a_bad_optimizer():
    y = np.zeros((3, 2))
    with pytest.raises(TypeError, match="optimizer"):
        multitask.fit_uncertainty(
            multitask.SharedLinear(1, 2), np.zeros((3, 1)), y, optimizer=1, epochs=1
        )
