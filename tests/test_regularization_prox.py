"""Tests for lossedu.regularization.soft_threshold, the proximal operator of the L1 penalty.

References: the closed form sign(v) * max(|v| - t, 0); SciPy's scalar minimiser on the 1-D
problem it solves; scikit-learn's Lasso and ElasticNet for the proximal-gradient solutions.
"""

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from lossedu import regularization as reg


def test_hand_values():
    # |v| <= t goes to 0, else moves t towards 0
    np.testing.assert_array_equal(
        reg.soft_threshold([3.0, -0.5, 0.2, -2.0, 1.0], 1.0), [2.0, 0.0, 0.0, -1.0, 0.0]
    )
    np.testing.assert_array_equal(reg.soft_threshold([[1.5, -4.0]], 0.0), [[1.5, -4.0]])


def test_no_negative_zero_and_shape_kept():
    out = reg.soft_threshold(-np.full((2, 3), 0.3), 0.5)
    assert out.shape == (2, 3)
    assert not np.any(np.signbit(out))


def test_solves_the_one_dimensional_l1_problem(rng):
    # argmin_u 0.5 (u - v)^2 + t |u|, found by SciPy's bounded scalar minimiser
    for _ in range(20):
        v, t = rng.normal(0.0, 2.0), rng.uniform(0.0, 2.0)
        found = minimize_scalar(
            lambda u, v=v, t=t: 0.5 * (u - v) ** 2 + t * abs(u),
            bounds=(-10.0, 10.0),
            method="bounded",
            options={"xatol": 1e-10},
        ).x
        assert reg.soft_threshold([v], t)[0] == pytest.approx(found, abs=1e-6)


def _problem(rng, n=80, d=6):
    X = rng.normal(size=(n, d))
    y = X @ np.array([2.0, -1.0, 0.0, 0.0, 0.5, 0.0]) + rng.normal(0.0, 0.5, n)
    return X, y


def _proximal_gradient(X, y, lam, l1_ratio=1.0, steps=5000):
    """ISTA on mean((Xw - y)^2) + elastic_net_penalty(w, lam, l1_ratio)."""
    n = X.shape[0]
    lr = 1.0 / (2.0 * np.linalg.eigvalsh(X.T @ X / n)[-1])  # 1 / L of the smooth part
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        v = w - lr * 2.0 * X.T @ (X @ w - y) / n
        w = reg.soft_threshold(v, lr * lam * l1_ratio) / (1.0 + 2.0 * lr * lam * (1 - l1_ratio))
    return w


def test_proximal_gradient_reaches_scikit_learn_lasso(rng):
    sklearn = pytest.importorskip("sklearn.linear_model")
    X, y = _problem(rng)
    lam = 0.4
    w = _proximal_gradient(X, y, lam)
    # sklearn minimises ||y - Xw||^2 / (2n) + alpha |w|_1: half our objective, so alpha = lam / 2
    ref = sklearn.Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-12, max_iter=100_000)
    ref.fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, atol=1e-8)
    assert np.sum(w == 0.0) == np.sum(ref.coef_ == 0.0) >= 1  # exact zeros, as the lasso's


def test_proximal_gradient_reaches_scikit_learn_elastic_net(rng):
    sklearn = pytest.importorskip("sklearn.linear_model")
    X, y = _problem(rng)
    lam, rho = 0.5, 0.6
    w = _proximal_gradient(X, y, lam, rho)
    # half our objective is ||.||^2/(2n) + (lam rho/2)|w|_1 + (lam (1-rho)/2)||w||^2; sklearn's
    # alpha * l1_ratio |w|_1 + alpha (1 - l1_ratio)/2 ||w||^2 matches with these two values:
    alpha, l1_ratio = lam * (1 - rho / 2), rho / (2 - rho)
    ref = sklearn.ElasticNet(
        alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-12, max_iter=100_000
    )
    ref.fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, atol=1e-8)


def test_input_not_modified():
    w = np.array([1.0, -2.0])
    reg.soft_threshold(w, 0.5)
    np.testing.assert_array_equal(w, [1.0, -2.0])


@pytest.mark.parametrize(
    ("w", "t", "error", "match"),
    [
        ([1.0], -0.1, ValueError, "threshold"),
        ([1.0], np.nan, ValueError, "threshold"),
        ([np.nan], 0.1, ValueError, "w"),
        ("abc", 0.1, TypeError, "w"),
        ([], 0.1, ValueError, "w"),
    ],
)
def test_bad_input(w, t, error, match):
    with pytest.raises(error, match=match):
        reg.soft_threshold(w, t)
