"""Tests for lossedu.regularization: closed forms, central differences, torch autograd, and
the lasso, ridge and elastic-net solutions against scikit-learn."""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lossedu import regularization as reg

PENALTIES = ("l1_penalty", "l2_penalty", "elastic_net_penalty")
PUBLIC = PENALTIES + tuple(f"{name}_grad" for name in PENALTIES)


def central_diff(f, w, h=1e-6):
    """Independent central differences, written here so the test does not trust gradcheck."""
    grad = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[i] = h
        grad[i] = (f(w + step) - f(w - step)) / (2 * h)
    return grad


def away_from_zero(rng, shape):
    """Weights with |w| >= 0.1, so the kink of |w| is not inside a finite-difference step."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.1, 3.0, size=shape)


# --- closed forms -----------------------------------------------------------------------------


def test_hand_values():
    w = [1.0, -2.0, 0.0]
    assert reg.l1_penalty(w, 0.5) == 1.5  # 0.5 * (1 + 2 + 0)
    assert reg.l2_penalty(w, 0.5) == 2.5  # 0.5 * (1 + 4 + 0), no factor 1/2
    assert reg.elastic_net_penalty(w, 0.5, l1_ratio=0.25) == 0.5 * (0.25 * 3 + 0.75 * 5)
    np.testing.assert_array_equal(reg.l1_penalty_grad(w, 0.5), [0.5, -0.5, 0.0])
    np.testing.assert_array_equal(reg.l2_penalty_grad(w, 0.5), [1.0, -2.0, 0.0])


@pytest.mark.parametrize("shape", [(7,), (3, 4), (2, 3, 2), ()])
def test_penalties_equal_norm_formulas(rng, shape):
    w = rng.normal(size=shape)
    lam = 0.37
    l1 = lam * np.linalg.norm(np.ravel(w), 1)  # the l1 norm, computed by NumPy
    l2 = lam * np.linalg.norm(np.ravel(w)) ** 2  # the squared Euclidean norm
    assert reg.l1_penalty(w, lam) == pytest.approx(l1, rel=1e-13)
    assert reg.l2_penalty(w, lam) == pytest.approx(l2, rel=1e-13)
    for rho in (0.0, 0.3, 1.0):
        expected = rho * l1 + (1 - rho) * l2  # Zou & Hastie's mix, lambda_1 = lam*rho
        assert reg.elastic_net_penalty(w, lam, l1_ratio=rho) == pytest.approx(expected, rel=1e-13)
    assert reg.elastic_net_penalty(w, lam, l1_ratio=1.0) == pytest.approx(reg.l1_penalty(w, lam))
    assert reg.elastic_net_penalty(w, lam, l1_ratio=0.0) == pytest.approx(reg.l2_penalty(w, lam))


@pytest.mark.parametrize("shape", [(6,), (3, 4), ()])
def test_grads_equal_central_differences(rng, shape):
    w = away_from_zero(rng, shape)
    lam = 0.8
    cases = [
        (reg.l1_penalty, reg.l1_penalty_grad, {}),
        (reg.l2_penalty, reg.l2_penalty_grad, {}),
        (reg.elastic_net_penalty, reg.elastic_net_penalty_grad, {"l1_ratio": 0.3}),
    ]
    for penalty, grad, kw in cases:
        numeric = central_diff(lambda v, p=penalty, k=kw: p(v, lam, **k), w)
        analytic = grad(w, lam, **kw)
        assert analytic.shape == np.shape(w)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-7, atol=1e-8)


def test_l1_grad_is_zero_at_zero_and_never_negative_zero():
    w = np.array([0.0, -0.0, 2.0, -2.0])
    for grad in (
        reg.l1_penalty_grad(w, 1.5),
        reg.l2_penalty_grad(w, 1.5),
        reg.elastic_net_penalty_grad(w, 1.5, l1_ratio=0.7),
        reg.l1_penalty_grad(w, 0.0),  # lam = 0 times a negative sign
    ):
        assert grad[0] == 0.0 and grad[1] == 0.0  # sign(0) = 0: the subgradient of least norm
        assert not np.signbit(grad[:2]).any()
    np.testing.assert_array_equal(reg.l1_penalty_grad(w, 1.5), [0.0, 0.0, 1.5, -1.5])


def test_grads_equal_torch_autograd(rng):
    torch = pytest.importorskip("torch")
    w = rng.normal(size=(4, 3))
    w[0, 0] = 0.0  # torch's abs backward is sign(w) with sign(0) = 0, as here
    lam, rho = 0.6, 0.35
    forms = [
        (reg.l1_penalty_grad, {}, lambda t: lam * t.abs().sum()),
        (reg.l2_penalty_grad, {}, lambda t: lam * (t**2).sum()),
        (
            reg.elastic_net_penalty_grad,
            {"l1_ratio": rho},
            lambda t: lam * (rho * t.abs().sum() + (1 - rho) * (t**2).sum()),
        ),
    ]
    for grad, kw, torch_penalty in forms:
        t = torch.tensor(w, dtype=torch.float64, requires_grad=True)
        torch_penalty(t).backward()
        np.testing.assert_allclose(grad(w, lam, **kw), t.grad.numpy(), rtol=1e-14, atol=0)


finite_weights = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
    elements=st.floats(-1e3, 1e3),
)


@settings(max_examples=80, deadline=None)
@given(finite_weights, st.floats(0.0, 10.0), st.floats(0.0, 1.0))
def test_hypothesis_nonnegative_linear_in_lam_zero_at_zero(w, lam, rho):
    for name in PENALTIES:
        kw = {"l1_ratio": rho} if name == "elastic_net_penalty" else {}
        fn = getattr(reg, name)
        value = fn(w, lam, **kw)
        assert value >= 0.0
        assert fn(w, 2 * lam, **kw) == pytest.approx(2 * value, rel=1e-12, abs=1e-300)
        assert fn(np.zeros_like(w), lam, **kw) == 0.0
        grad = getattr(reg, f"{name}_grad")(w, lam, **kw)
        assert grad.shape == w.shape and np.all(np.isfinite(grad))


def test_returns_python_float_and_array(rng):
    w = rng.normal(size=5)
    for name in PENALTIES:
        assert type(getattr(reg, name)(w, 0.1)) is float
        assert isinstance(getattr(reg, f"{name}_grad")(w, 0.1), np.ndarray)
    assert reg.l2_penalty([1, 2], 1) == 5.0  # integer input is computed in float64


def test_inputs_not_modified(rng):
    w = rng.normal(size=(3, 3))
    before = w.copy()
    for name in PUBLIC:
        getattr(reg, name)(w, 0.5)
    np.testing.assert_array_equal(w, before)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PUBLIC)
def test_negative_or_nonfinite_lam(name):
    for lam in (-0.1, np.nan, np.inf):
        with pytest.raises(ValueError, match="lam must be a finite number >= 0"):
            getattr(reg, name)([1.0, 2.0], lam)


@pytest.mark.parametrize("name", PUBLIC)
def test_lam_wrong_kind(name):
    for lam in ("0.1", None, True, [0.1]):
        with pytest.raises(TypeError, match="lam must be a non-negative number"):
            getattr(reg, name)([1.0, 2.0], lam)


@pytest.mark.parametrize("name", ["elastic_net_penalty", "elastic_net_penalty_grad"])
def test_l1_ratio_out_of_range(name):
    for rho in (-0.1, 1.5, np.nan):
        with pytest.raises(ValueError, match=r"l1_ratio must lie in \[0, 1\].*lasso"):
            getattr(reg, name)([1.0], 1.0, l1_ratio=rho)
    with pytest.raises(TypeError, match="l1_ratio must be a number"):
        getattr(reg, name)([1.0], 1.0, l1_ratio="half")


@pytest.mark.parametrize("name", PUBLIC)
def test_bad_weights(name):
    fn = getattr(reg, name)
    with pytest.raises(
        ValueError, match=r"w contains NaN or infinite values \(first at index \(1,\)\)"
    ):
        fn([1.0, np.nan], 1.0)
    with pytest.raises(ValueError, match="w is empty"):
        fn([], 1.0)
    with pytest.raises(TypeError, match="w must be an array-like of numbers"):
        fn("weights", 1.0)
    with pytest.raises(ValueError, match="w could not be read as a rectangular array"):
        fn([[1.0], [1.0, 2.0]], 1.0)


# --- soft_threshold, the proximal operator of L1 ----------------------------------------------
# References: the closed form sign(v) * max(|v| - t, 0); SciPy's scalar minimiser on the 1-D
# problem it solves; scikit-learn's Lasso and ElasticNet for the proximal-gradient solutions.


def test_soft_threshold_hand_values():
    # |v| <= t goes to 0, else moves t towards 0
    np.testing.assert_array_equal(
        reg.soft_threshold([3.0, -0.5, 0.2, -2.0, 1.0], 1.0), [2.0, 0.0, 0.0, -1.0, 0.0]
    )
    np.testing.assert_array_equal(reg.soft_threshold([[1.5, -4.0]], 0.0), [[1.5, -4.0]])


def test_soft_threshold_no_negative_zero_and_shape_kept():
    out = reg.soft_threshold(-np.full((2, 3), 0.3), 0.5)
    assert out.shape == (2, 3)
    assert not np.any(np.signbit(out))


def test_soft_threshold_solves_the_one_dimensional_l1_problem(rng):
    optimize = pytest.importorskip("scipy.optimize")
    # argmin_u 0.5 (u - v)^2 + t |u|, found by SciPy's bounded scalar minimiser
    for _ in range(20):
        v, t = rng.normal(0.0, 2.0), rng.uniform(0.0, 2.0)
        found = optimize.minimize_scalar(
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


def test_soft_threshold_input_not_modified():
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
def test_soft_threshold_bad_input(w, t, error, match):
    with pytest.raises(error, match=match):
        reg.soft_threshold(w, t)


# --- penalised_least_squares ------------------------------------------------------------------


@pytest.mark.parametrize("lam", [0.05, 0.5, 3.0])
def test_penalised_least_squares_matches_scikit_learn(rng, lam):
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y = _problem(rng)
    n = len(y)
    # ours: mean((y - Xw)^2) + lam * sum w^2  ==  (1/n) * Ridge objective with alpha = n * lam
    ridge = linear_model.Ridge(alpha=n * lam, fit_intercept=False).fit(X, y)
    w2 = reg.penalised_least_squares(X, y, lam, penalty="l2")
    np.testing.assert_allclose(w2, ridge.coef_, atol=1e-10)
    # ours / 2: (1/2n) ||y - Xw||^2 + (lam / 2) * sum |w|  ==  Lasso with alpha = lam / 2
    lasso = linear_model.Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-14, max_iter=100_000)
    w1 = reg.penalised_least_squares(X, y, lam, penalty="l1")
    np.testing.assert_allclose(w1, lasso.fit(X, y).coef_, atol=1e-8)
    assert np.array_equal(w1 == 0.0, lasso.coef_ == 0.0)  # the same exact zeros
    # the elastic net with the constants of test_proximal_gradient_reaches_scikit_learn_elastic_net
    rho = 0.6
    net = linear_model.ElasticNet(
        alpha=lam * (1 - rho / 2),
        l1_ratio=rho / (2 - rho),
        fit_intercept=False,
        tol=1e-14,
        max_iter=100_000,
    )
    w_net = reg.penalised_least_squares(X, y, lam, penalty="elastic_net", l1_ratio=rho)
    np.testing.assert_allclose(w_net, net.fit(X, y).coef_, atol=1e-8)


def test_penalised_least_squares_minimises_its_objective(rng):
    optimize = pytest.importorskip("scipy.optimize")
    X, y = _problem(rng)
    X, y = X[:30, :3], y[:30]
    lam, rho = 0.3, 0.5
    w = reg.penalised_least_squares(X, y, lam, penalty="elastic_net", l1_ratio=rho)

    def objective(v):
        return np.mean((y - X @ v) ** 2) + reg.elastic_net_penalty(v, lam, l1_ratio=rho)

    # reference: Nelder-Mead (no gradient needed at the kinks) from the solution, perturbed
    found = optimize.minimize(
        objective, w + 0.1, method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-14}
    )
    assert objective(w) <= found.fun + 1e-12


def test_strong_l1_zeroes_every_weight_and_l2_does_not(rng):
    X, y = _problem(rng)
    # w = 0 is optimal for L1 once lam / 2 >= max |X^T y / n| (the subgradient condition)
    lam = 2.0 * np.max(np.abs(X.T @ y / len(y))) + 1e-9
    assert np.all(reg.penalised_least_squares(X, y, lam, penalty="l1") == 0.0)
    assert np.all(reg.penalised_least_squares(X, y, lam, penalty="l2") != 0.0)


def test_penalised_least_squares_no_penalty_is_least_squares(rng):
    X, y = _problem(rng)
    ls = np.linalg.lstsq(X, y, rcond=None)[0]  # reference: NumPy least squares
    for penalty in ("l1", "l2", "elastic_net"):
        w = reg.penalised_least_squares(X, y, 0.0, penalty=penalty)
        np.testing.assert_allclose(w, ls, rtol=1e-9, atol=1e-12)


def test_penalised_least_squares_zero_column_gets_zero_weight(rng):
    X, y = _problem(rng)
    X[:, 2] = 0.0
    for penalty in ("l1", "l2", "elastic_net"):
        w = reg.penalised_least_squares(X, y, 0.1, penalty=penalty)
        assert np.all(np.isfinite(w)) and w[2] == 0.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"X": [1.0, 2.0]}, ValueError, r"X must have shape \(n, d\)"),
        ({"y": [1.0, 2.0, 3.0]}, ValueError, r"y shape \(n,\)"),
        ({"X": [[1.0], [np.nan]]}, ValueError, "X"),
        ({"lam": -1.0}, ValueError, "lam"),
        ({"penalty": "l3"}, ValueError, "penalty must be one of 'l1', 'l2', 'elastic_net'"),
        ({"penalty": "elastic_net", "l1_ratio": 1.5}, ValueError, "l1_ratio"),
        ({"X": [[1.0, 1.0], [2.0, 2.0]], "lam": 0.0}, ValueError, "linearly dependent"),
    ],
)
def test_penalised_least_squares_bad_input(kwargs, error, match):
    args = {"X": [[1.0, 0.0], [0.0, 1.0]], "y": [1.0, 2.0], "lam": 0.1, "penalty": "l2"}
    args.update(kwargs)
    X, y, lam = args.pop("X"), args.pop("y"), args.pop("lam")
    with pytest.raises(error, match=match):
        reg.penalised_least_squares(X, y, lam, **args)


# --- signatures -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PUBLIC)
def test_signature_arrays_positional_options_keyword_only(name):
    params = list(inspect.signature(getattr(reg, name)).parameters.values())
    assert [(p.name, p.kind) for p in params[:2]] == [
        ("w", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        ("lam", inspect.Parameter.POSITIONAL_OR_KEYWORD),
    ]
    options = [(p.name, p.default) for p in params[2:]]
    assert all(p.kind is p.KEYWORD_ONLY for p in params[2:])
    assert options == ([("l1_ratio", 0.5)] if name.startswith("elastic") else [])


def test_penalties_do_not_overflow_in_an_intermediate():
    # Closed forms: 0.5 * (1e308 + 1e308) = 1e308 (representable; the sum 2e308 is not);
    # 1e-10 * 2 * (1e150)^2 = 2e290 (each square 1e300 is fine, the reference order is not).
    assert reg.l1_penalty([1e308, 1e308], 0.5) == 1e308
    assert reg.elastic_net_penalty([1e308, 1e308], 0.5, l1_ratio=1.0) == 1e308
    assert reg.l2_penalty([1e150, 1e150], 1e-10) == pytest.approx(2e290, rel=1e-15)
    assert reg.l2_penalty([1e200, 1e200], 1e-300) == pytest.approx(2e100, rel=1e-15)


@pytest.mark.parametrize(
    ("name", "w"),
    [
        ("l2_penalty", [1e200]),
        ("elastic_net_penalty", [1e200]),
        ("l1_penalty", [1e308, 1e308]),
        ("l2_penalty_grad", [1e308]),
        ("elastic_net_penalty_grad", [1e308]),
    ],
)
def test_penalties_beyond_float64_raise(name, w):
    # Closed forms with lam = 2: 2 (1e200)^2, 2 * 2e308, 2 * 2 * 1e308 and
    # 2 * (0.5 + 1e308) all exceed float64's 1.8e308.
    with pytest.raises(ValueError, match=rf"{name}.* float64.*Rescale w"):
        getattr(reg, name)(w, 2.0)


# --- the MAP penalty strength ------------------------------------------------------------------


@pytest.mark.parametrize("prior", ["gaussian", "laplace"])
def test_map_penalty_strength_minimiser_is_the_posterior_mode(rng, prior):
    # Independent reference: the negative log posterior written from scipy.stats densities,
    # minimised by scipy.optimize, against penalised_least_squares at the returned lambda.
    stats = pytest.importorskip("scipy.stats")
    optimize = pytest.importorskip("scipy.optimize")
    n, sigma, scale = 40, 0.7, 0.3
    X = rng.normal(size=(n, 2))
    y = X @ np.array([1.0, -0.05]) + rng.normal(0.0, sigma, n)
    density = stats.norm(0.0, scale) if prior == "gaussian" else stats.laplace(0.0, scale)

    def neg_log_posterior(w):
        return -(stats.norm.logpdf(y, X @ w, sigma).sum() + density.logpdf(w).sum())

    w_map = optimize.minimize(
        neg_log_posterior,
        np.zeros(2),
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20_000},
    ).x
    lam = reg.map_penalty_strength(sigma**2, scale, n, prior=prior)
    penalty = "l2" if prior == "gaussian" else "l1"
    w_pen = reg.penalised_least_squares(X, y, lam, penalty=penalty)
    np.testing.assert_allclose(w_map, w_pen, rtol=0, atol=1e-7)


def test_map_penalty_strength_hand_values():
    # closed forms: sigma^2 / (n tau^2) and 2 sigma^2 / (n b)
    assert reg.map_penalty_strength(1.0, 0.1, 50) == pytest.approx(1.0 / (50 * 0.01))
    assert reg.map_penalty_strength(1.0, 0.1, 50, prior="laplace") == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((0.0, 1.0, 10), {}, ValueError, "noise_var"),
        ((1.0, -1.0, 10), {}, ValueError, "prior_scale"),
        ((1.0, 1.0, 0), {}, ValueError, "n must be"),
        ((1.0, 1.0, 2.5), {}, TypeError, "n must be an integer"),
        (("1", 1.0, 10), {}, TypeError, "noise_var"),
        ((1.0, 1.0, 10), {"prior": "cauchy"}, ValueError, "prior"),
        ((1e300, 1e-300, 1), {}, ValueError, "not finite"),
        ((1e-300, 1e300, 10**9), {}, ValueError, "not finite"),
    ],
)
def test_map_penalty_strength_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        reg.map_penalty_strength(*args, **kwargs)
