"""Generic tests of every loss in lossedu.losses, driven by one registry.

REGISTRY maps each loss name to ``(loss, grad, make_inputs)``; ``make_inputs(rng)`` returns
a list of cases ``(y_true, prediction, options)``. Every expected value comes from an
independent reference: the closed forms in REFERENCE below (written here, not imported from
lossedu), SciPy, or PyTorch when it is installed (the PyTorch tests skip without it).
Hypothesis checks the invariants (>= 0, zero at a perfect fit, sum == n * mean, the shapes of
"none" and of the gradient) on drawn inputs, and every bad-input rule shared by all losses is
checked for each loss and its gradient. The facts of one family of losses are tested in
test_losses_<family>.py, beside the module that holds them.
"""

from __future__ import annotations

import doctest
import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import special

from lossedu import losses
from lossedu.losses import activations, adaptive, classification, likelihood, regression

CATEGORICAL = ("categorical_cross_entropy", "categorical_cross_entropy_with_logits")
#: Negative log-likelihoods without their constants: they can be negative (see minimum()).
LIKELIHOODS = ("gaussian_nll", "poisson_nll")
REDUCTIONS = ("mean", "sum", "none")


def _residual_pair(rng, shape=(4, 3)):
    y = rng.normal(size=shape)
    return y, y + 2.0 * rng.normal(size=shape)


def _prob_rows(rng, n, k):
    p = rng.uniform(0.05, 1.0, size=(n, k))
    return p / p.sum(axis=1, keepdims=True)


def _cases_regression(rng):
    return [(*_residual_pair(rng), {}), (*_residual_pair(rng, (7,)), {})]


def _cases_huber(rng):
    return [(*_residual_pair(rng), {"delta": d}) for d in (1.0, 0.3, 2.5)]


def _cases_bce(rng):
    hard = (rng.random(10) < 0.5).astype(float)
    soft = rng.random((2, 5))
    return [
        (hard, rng.uniform(0.05, 0.95, 10), {}),
        (soft, rng.uniform(0.05, 0.95, (2, 5)), {}),
    ]


def _cases_bce_logits(rng):
    hard = (rng.random(10) < 0.5).astype(float)
    return [
        (hard, 3.0 * rng.normal(size=10), {}),
        (rng.random((2, 5)), rng.normal(size=(2, 5)), {}),
    ]


def _cases_cce(rng):
    n, k = 5, 3
    return [
        (rng.integers(0, k, n), _prob_rows(rng, n, k), {}),
        (_prob_rows(rng, n, k), _prob_rows(rng, n, k), {}),
    ]


def _cases_cce_logits(rng):
    n, k = 5, 4
    out = []
    for eps in (0.0, 0.1):
        out.append((rng.integers(0, k, n), 2.0 * rng.normal(size=(n, k)), {"label_smoothing": eps}))
        out.append((_prob_rows(rng, n, k), 2.0 * rng.normal(size=(n, k)), {"label_smoothing": eps}))
    return out


def _cases_hinge(rng):
    y = np.where(rng.random(12) < 0.5, -1.0, 1.0)
    return [(y, 2.0 * rng.normal(size=12), {})]


def _cases_focal(rng):
    y = (rng.random(12) < 0.5).astype(float)
    z = 3.0 * rng.normal(size=12)
    options = [{}, {"gamma": 0.0}, {"gamma": 0.5, "alpha": None}, {"gamma": 3.3, "alpha": 0.8}]
    return [(y, z, opts) for opts in options]


BARRON_ALPHAS = (2.0, 1.0, 0.0, -2.0, -np.inf, 0.5, -1.3, 3.7, 1e-9, 2.0 - 1e-9, -40.0)


def _cases_barron(rng):
    return [
        (*_residual_pair(rng, (6,)), {"alpha": a, "scale": s})
        for a in BARRON_ALPHAS
        for s in (1.0, 0.7)
    ]


def _cases_quantile(rng):
    return [(*_residual_pair(rng), {"tau": tau}) for tau in (0.5, 0.1, 0.9, 0.01)]


def _cases_gaussian(rng):
    y, mean = _residual_pair(rng)
    var = rng.uniform(0.1, 3.0, size=(4, 3))
    tiny = np.array([0.0, 1e-9, 1e-6, 2e-6])  # at and below the clamp at 1e-6
    return [
        (y, mean, {"var": 0.7}),  # one variance for all, a Python float
        (y, mean, {"var": var}),
        (y, mean, {"var": var, "full": True}),
        (y, mean, {"var": rng.uniform(0.1, 3.0, size=4)}),  # one per row, as PyTorch
        (y, mean, {"var": rng.uniform(0.1, 3.0, size=(1, 3))}),  # one per column
        (y[0], y[0] + 0.01 * rng.normal(size=3), {"var": np.r_[tiny[:2], 0.5]}),
        (*_residual_pair(rng, (4,)), {"var": tiny + 0.0}),
    ]


def _cases_poisson(rng):
    counts = rng.poisson(3.0, size=(4, 3)).astype(float)
    return [
        (counts, rng.normal(1.0, 1.0, size=(4, 3)), {}),
        (np.r_[0.0, 0.0, 2.5, 40.0, 1.0], np.r_[-3.0, 2.0, 0.9, 3.7, 0.0], {}),  # rates too
    ]


REGISTRY = {
    "mse": (losses.mse, losses.mse_grad, _cases_regression),
    "mae": (losses.mae, losses.mae_grad, _cases_regression),
    "huber": (losses.huber, losses.huber_grad, _cases_huber),
    "log_cosh": (losses.log_cosh, losses.log_cosh_grad, _cases_regression),
    "binary_cross_entropy": (
        losses.binary_cross_entropy,
        losses.binary_cross_entropy_grad,
        _cases_bce,
    ),
    "binary_cross_entropy_with_logits": (
        losses.binary_cross_entropy_with_logits,
        losses.binary_cross_entropy_with_logits_grad,
        _cases_bce_logits,
    ),
    "categorical_cross_entropy": (
        losses.categorical_cross_entropy,
        losses.categorical_cross_entropy_grad,
        _cases_cce,
    ),
    "categorical_cross_entropy_with_logits": (
        losses.categorical_cross_entropy_with_logits,
        losses.categorical_cross_entropy_with_logits_grad,
        _cases_cce_logits,
    ),
    "hinge": (losses.hinge, losses.hinge_grad, _cases_hinge),
    "focal": (losses.focal, losses.focal_grad, _cases_focal),
    "barron": (losses.barron, losses.barron_grad, _cases_barron),
    "quantile": (losses.quantile, losses.quantile_grad, _cases_quantile),
    "gaussian_nll": (losses.gaussian_nll, losses.gaussian_nll_grad, _cases_gaussian),
    "poisson_nll": (losses.poisson_nll, losses.poisson_nll_grad, _cases_poisson),
}

NAMES = tuple(REGISTRY)


def _targets(y, k, eps=0.0):
    y = np.asarray(y)
    t = np.eye(k)[y.astype(int)] if y.ndim == 1 else y
    return (1.0 - eps) * t + eps / k  # PyTorch's label smoothing


def _focal_reference(y, z, gamma=2.0, alpha=0.25):
    # Lin et al. (2017), eq. (5), with p = expit(z) (SciPy)
    p = special.expit(z)
    p_t = np.where(y == 1, p, 1.0 - p)
    alpha_t = 1.0 if alpha is None else np.where(y == 1, alpha, 1.0 - alpha)
    return -alpha_t * (1.0 - p_t) ** gamma * np.log(p_t)


def _barron_reference(y, y_hat, alpha, scale=1.0):
    # Barron (2019), eq. (1) and its limits, eqs. (2)-(5)
    x2 = ((y_hat - y) / scale) ** 2
    if alpha == 2.0:
        return x2 / 2
    if alpha == 0.0:
        return np.log(x2 / 2 + 1)
    if alpha == -np.inf:
        return 1 - np.exp(-x2 / 2)
    d = abs(alpha - 2)
    if abs(alpha) < 1e-6 or d < 1e-6:  # the plain formula cancels here: first-order series
        return None
    return d / alpha * ((x2 / d + 1) ** (alpha / 2) - 1)


def _gaussian_reference(y, mean, var, full=False):
    # PyTorch's documented formula: 0.5 (log max(var, eps) + (mean - y)^2 / max(var, eps))
    v = np.asarray(var, dtype=float)
    if v.ndim and v.shape == np.shape(mean)[:-1]:
        v = v[..., None]  # one variance per row
    v = np.maximum(v, 1e-6)
    return 0.5 * (np.log(v) + (mean - y) ** 2 / v) + (0.5 * np.log(2 * np.pi) if full else 0.0)


REFERENCE = {
    "mse": lambda y, p: (p - y) ** 2,
    "mae": lambda y, p: np.abs(p - y),
    "huber": lambda y, p, delta=1.0: special.huber(delta, p - y),  # SciPy, same convention
    "log_cosh": lambda y, p: np.log(np.cosh(p - y)),
    "binary_cross_entropy": lambda y, p: -(special.xlogy(y, p) + special.xlogy(1 - y, 1 - p)),
    "binary_cross_entropy_with_logits": lambda y, z: (
        -(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))
    ),
    "categorical_cross_entropy": lambda y, p: -special.xlogy(_targets(y, p.shape[1]), p).sum(1),
    "categorical_cross_entropy_with_logits": lambda y, z, label_smoothing=0.0: (
        -(_targets(y, z.shape[1], label_smoothing) * special.log_softmax(z, axis=1)).sum(1)
    ),
    "hinge": lambda y, s: np.maximum(0.0, 1.0 - y * s),
    "focal": _focal_reference,
    "barron": _barron_reference,
    # Koenker & Bassett (1978): max(tau r, (tau - 1) r) with r = y - y_hat
    "quantile": lambda y, p, tau=0.5: np.where(y >= p, tau * (y - p), (1 - tau) * (p - y)),
    "gaussian_nll": _gaussian_reference,
    # -log Poisson(y; exp(z)) without log y!
    "poisson_nll": lambda y, z: np.exp(z) - y * z,
}


def minimum(name, y, pred, opts):
    """The smallest value the loss can take at y over all predictions (closed forms)."""
    if name == "gaussian_nll":  # at mean = y: 0.5 log max(var, eps) (+ 0.5 log 2 pi)
        return _gaussian_reference(y, y, **opts)
    if name == "poisson_nll":  # at exp(z) = y: y - y log y (0 for y = 0)
        return y - special.xlogy(y, y)
    return 0.0


def all_cases(name, seed=20261121):
    return REGISTRY[name][2](np.random.default_rng(seed))


def count(name, pred) -> int:
    """What "mean" divides by: rows for the categorical losses, elements otherwise."""
    return np.shape(pred)[0] if name in CATEGORICAL else np.size(pred)


def numerical_grad(f, x, h=1e-6):
    """Central differences of a scalar function f at x, one element at a time."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        g[i] = (f(up) - f(down)) / (2 * h)
    return g


@pytest.mark.parametrize("name", NAMES)
def test_value_matches_reference(name):
    loss = REGISTRY[name][0]
    checked = 0
    for y, pred, opts in all_cases(name):
        expected = REFERENCE[name](y, pred, **opts)
        if expected is None:
            continue
        np.testing.assert_allclose(loss(y, pred, reduction="none", **opts), expected, rtol=1e-10)
        assert loss(y, pred, **opts) == pytest.approx(expected.mean(), rel=1e-10)
        assert loss(y, pred, reduction="sum", **opts) == pytest.approx(expected.sum(), rel=1e-10)
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_central_differences(name):
    loss, grad, _ = REGISTRY[name]
    h = 1e-7 if name == "categorical_cross_entropy" else 1e-6  # rows stay within 1e-6 of 1
    for y, pred, opts in all_cases(name):
        for reduction in ("mean", "sum"):
            kwargs = dict(opts, reduction=reduction)
            numeric = numerical_grad(lambda p, y=y, kw=kwargs: loss(y, p, **kw), pred, h)
            analytic = grad(y, pred, reduction=reduction, **opts)
            assert analytic.shape == np.shape(pred)
            atol = 1e-7 * max(1.0, np.abs(numeric).max())
            np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=atol)


@pytest.mark.parametrize("name", NAMES)
def test_gradient_of_none_is_gradient_of_sum(name):
    grad = REGISTRY[name][1]
    for y, pred, opts in all_cases(name):
        none = grad(y, pred, reduction="none", **opts)
        np.testing.assert_array_equal(none, grad(y, pred, reduction="sum", **opts))
        mean = grad(y, pred, reduction="mean", **opts)
        np.testing.assert_allclose(mean * count(name, pred), none, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("name", NAMES)
def test_reductions_are_consistent(name):
    loss = REGISTRY[name][0]
    for y, pred, opts in all_cases(name):
        values = loss(y, pred, reduction="none", **opts)
        expected_shape = (np.shape(pred)[0],) if name in CATEGORICAL else np.shape(pred)
        assert values.shape == expected_shape
        total, mean = loss(y, pred, reduction="sum", **opts), loss(y, pred, **opts)
        assert type(total) is float and type(mean) is float
        assert total == pytest.approx(count(name, pred) * mean, rel=1e-12)
        assert total == pytest.approx(values.sum(), rel=1e-12)
        assert np.all(values >= minimum(name, y, pred, opts))


PERFECT_FIT = {
    # name: (y_true, prediction, options, largest allowed loss)
    "mse": ([0.5, -2.0], [0.5, -2.0], {}, 0.0),
    "mae": ([0.5, -2.0], [0.5, -2.0], {}, 0.0),
    "huber": ([0.5, -2.0], [0.5, -2.0], {}, 0.0),
    "log_cosh": ([0.5, -2.0], [0.5, -2.0], {}, 0.0),
    # probabilities are clipped to [1e-12, 1 - 1e-12]: -log(1 - 1e-12) is about 1e-12
    "binary_cross_entropy": ([1.0, 0.0], [1.0, 0.0], {}, 1.1e-12),
    # exp(-1e4) underflows to 0, so log1p of it is exactly 0
    "binary_cross_entropy_with_logits": ([1.0, 0.0], [1e4, -1e4], {}, 0.0),
    "categorical_cross_entropy": ([0, 1], [[1.0, 0.0], [0.0, 1.0]], {}, 1.1e-12),
    "categorical_cross_entropy_with_logits": ([0, 1], [[1e4, 0.0], [0.0, 1e4]], {}, 0.0),
    "hinge": ([1.0, -1.0], [1.0, -3.0], {}, 0.0),  # margins 1 and 3
    "focal": ([1.0, 0.0], [1e4, -1e4], {}, 0.0),
    "barron": ([0.5, -2.0], [0.5, -2.0], {"alpha": -0.5}, 0.0),
    "quantile": ([0.5, -2.0], [0.5, -2.0], {"tau": 0.2}, 0.0),
    "gaussian_nll": ([0.5, -2.0], [0.5, -2.0], {"var": 1.0}, 0.0),  # log 1 = 0
    # without log y!, only a zero count is fitted with loss 0: a rate exp(-1e4) = 0
    "poisson_nll": ([0.0, 0.0], [-1e4, -800.0], {}, 0.0),
}


@pytest.mark.parametrize("name", NAMES)
def test_zero_at_perfect_fit(name):
    loss, grad, _ = REGISTRY[name]
    y, pred, opts, bound = PERFECT_FIT[name]
    assert 0.0 <= loss(y, pred, **opts) <= bound
    if bound == 0.0:  # an exact minimum: the gradient vanishes too (hinge: 0 at the kink)
        np.testing.assert_array_equal(grad(y, pred, **opts), np.zeros(np.shape(pred)))


EXTREME = {
    # name: (y_true, prediction, options, expected "none" values from the closed form)
    "mse": ([0.0, 0.0], [1e4, -1e4], {}, [1e8, 1e8]),
    "mae": ([0.0, 0.0], [1e4, -1e4], {}, [1e4, 1e4]),
    "huber": ([0.0, 0.0], [1e4, -1e4], {}, [1e4 - 0.5, 1e4 - 0.5]),
    # log cosh r = |r| - log 2 + log1p(exp(-2|r|)), the last term 0 in float64 here
    "log_cosh": (
        [0.0, 0.0, 0.0],
        [1e4, -1e4, 800.0],
        {},
        [1e4 - np.log(2)] * 2 + [800 - np.log(2)],
    ),
    # clipped to 1e-12 and fl(1 - 1e-12); 1 - fl(1 - 1e-12) is exact (Sterbenz)
    "binary_cross_entropy": (
        [1.0, 0.0],
        [0.0, 1.0],
        {},
        [-np.log(1e-12), -np.log(1 - (1 - 1e-12))],
    ),
    # softplus(z) - y z: 0, 1e4, 1e4, 0
    "binary_cross_entropy_with_logits": (
        [1.0, 0.0, 1.0, 0.0],
        [1e4, 1e4, -1e4, -1e4],
        {},
        [0.0, 1e4, 1e4, 0.0],
    ),
    "categorical_cross_entropy": ([1], [[1.0, 0.0]], {}, [-np.log(1e-12)]),
    # logsumexp(z) - z_y with logsumexp = 1e4
    "categorical_cross_entropy_with_logits": (
        [0, 1, 2],
        [[1e4, -1e4, 0.0]] * 3,
        {},
        [0.0, 2e4, 1e4],
    ),
    "hinge": ([1.0, -1.0], [-1e4, -1e4], {}, [1e4 + 1, 0.0]),
    # -alpha_t (1 - p_t)^gamma log p_t with p_t = 1 or exp(-1e4) (log p_t = -1e4)
    "focal": ([1.0, 0.0, 1.0], [1e4, 1e4, -1e4], {}, [0.0, 0.75e4, 0.25e4]),
    # Geman-McClure at x = 1e4: 2 x^2 / (x^2 + 4)
    "barron": ([0.0], [1e4], {"alpha": -2.0}, [2e8 / (1e8 + 4)]),
    # tau r where y > y_hat, (1 - tau)(-r) where y < y_hat
    "quantile": ([0.0, 0.0], [1e4, -1e4], {"tau": 0.9}, [1e3, 9e3]),
    # var 1e-12 is clamped to 1e-6: 0.5 (log 1e-6 + 1e8 / 1e-6); then 0.5 (log 1e8 + 1)
    "gaussian_nll": (
        [0.0, 0.0],
        [1e4, -1e4],
        {"var": [1e-12, 1e8]},
        [0.5 * (np.log(1e-6) + 1e14), 0.5 * (np.log(1e8) + 1.0)],
    ),
    # exp(z) - y z: exp(-1e4) underflows to 0; exp(709) = 8.2e307 is still finite
    "poisson_nll": ([0.0, 5.0, 3.0], [-1e4, -1e4, 709.0], {}, [0.0, 5e4, np.exp(709.0) - 2127.0]),
}


@pytest.mark.parametrize("name", NAMES)
def test_finite_and_exact_at_extreme_inputs(name):
    loss, grad, _ = REGISTRY[name]
    y, pred, opts, expected = EXTREME[name]
    np.testing.assert_allclose(loss(y, pred, reduction="none", **opts), expected, rtol=1e-12)
    for reduction in REDUCTIONS:
        assert np.all(np.isfinite(grad(y, pred, reduction=reduction, **opts)))


@pytest.mark.parametrize("name", NAMES)
def test_inputs_are_not_modified(name):
    loss, grad, _ = REGISTRY[name]
    for y, pred, opts in all_cases(name):
        y, pred = np.asarray(y, dtype=float), np.asarray(pred, dtype=float)
        y_copy, pred_copy = y.copy(), pred.copy()
        for reduction in REDUCTIONS:
            loss(y, pred, reduction=reduction, **opts)
            grad(y, pred, reduction=reduction, **opts)
        np.testing.assert_array_equal(y, y_copy)
        np.testing.assert_array_equal(pred, pred_copy)


@pytest.mark.parametrize("name", NAMES)
def test_lists_and_arrays_give_the_same_result(name):
    loss, grad, _ = REGISTRY[name]
    y, pred, opts = all_cases(name)[0]
    assert loss(np.asarray(y).tolist(), pred.tolist(), **opts) == loss(y, pred, **opts)
    np.testing.assert_array_equal(
        grad(np.asarray(y).tolist(), pred.tolist(), **opts), grad(y, pred, **opts)
    )


@pytest.mark.parametrize("name", [n for n in NAMES if n not in CATEGORICAL])
def test_scalar_inputs(name):
    loss, grad, _ = REGISTRY[name]
    y, pred, opts = all_cases(name)[0]
    y0, p0 = float(np.ravel(y)[0]), float(np.ravel(pred)[0])
    expected = REFERENCE[name](np.array(y0), np.array(p0), **opts)
    assert loss(y0, p0, **opts) == pytest.approx(float(expected), rel=1e-10)
    assert np.shape(loss(y0, p0, reduction="none", **opts)) == ()
    assert np.shape(grad(y0, p0, **opts)) == ()


SECOND_ARGUMENT = {
    "mse": "y_pred",
    "mae": "y_pred",
    "huber": "y_pred",
    "log_cosh": "y_pred",
    "binary_cross_entropy": "probs",
    "binary_cross_entropy_with_logits": "logits",
    "categorical_cross_entropy": "probs",
    "categorical_cross_entropy_with_logits": "logits",
    "hinge": "scores",
    "focal": "logits",
    "barron": "y_pred",
    "quantile": "y_pred",
    "gaussian_nll": "mean",
    "poisson_nll": "log_rate",
}


def test_registry_covers_every_loss():
    assert set(NAMES) == set(losses.LOSSES) == set(SECOND_ARGUMENT) == set(REFERENCE)
    assert len(NAMES) == 14


@pytest.mark.parametrize("name", NAMES)
def test_signature(name):
    loss, grad = getattr(losses, name), getattr(losses, f"{name}_grad")
    params = list(inspect.signature(loss).parameters.values())
    assert [p.name for p in params[:2]] == ["y_true", SECOND_ARGUMENT[name]]
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty for p in params[:2])
    options = params[2:]
    assert options and all(p.kind is p.KEYWORD_ONLY for p in options)
    assert inspect.signature(loss).parameters["reduction"].default == "mean"
    # same parameters, names, kinds, defaults and annotations (only the return type differs);
    # gaussian_nll_grad adds wrt="mean" | "var", the argument it differentiates
    grad_params = dict(inspect.signature(grad).parameters)
    if name == "gaussian_nll":
        wrt = grad_params.pop("wrt")
        assert wrt.kind is wrt.KEYWORD_ONLY and wrt.default == "mean"
    assert grad_params == dict(inspect.signature(loss).parameters)


PUBLIC = [getattr(losses, n) for n in losses.__all__ if callable(getattr(losses, n))]


@pytest.mark.parametrize("fn", PUBLIC, ids=lambda f: f.__name__)
def test_docstring_has_formula_reference_notes_and_example(fn):
    doc = inspect.getdoc(fn)
    for section in (".. math::", "Parameters", "Returns", "Notes", "References", "Examples"):
        assert section in doc, f"{fn.__name__} lacks {section}"
    references = doc.split("References\n----------")[1].split("Examples")[0]
    assert any(f"({year})" in references for year in range(1800, 2030))
    assert ">>> " in doc


@pytest.mark.parametrize(
    "module",
    [losses, activations, adaptive, classification, likelihood, regression],
    ids=lambda m: m.__name__,
)
def test_doctests_pass(module):
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    result = doctest.testmod(module, optionflags=flags, verbose=False)
    assert result.attempted > 0 and result.failed == 0


# ---- properties on drawn inputs (hypothesis)

SETTINGS = settings(max_examples=60, deadline=None)

SHAPES = hnp.array_shapes(min_dims=1, max_dims=3, max_side=5)

VALUES = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)

LOGITS = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)

UNIT = st.floats(0.0, 1.0)


def _array(shape, elements):
    return hnp.arrays(np.float64, shape, elements=elements)


@st.composite
def prob_rows(draw, n, k):
    w = draw(_array((n, k), st.floats(0.01, 1.0)))
    return w / w.sum(axis=1, keepdims=True)


@st.composite
def categorical_case(draw, name):
    n, k = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    if draw(st.booleans()):
        y = draw(_array((n,), st.integers(0, k - 1).map(float)))
    else:
        y = draw(prob_rows(n, k))
    if name == "categorical_cross_entropy":
        return y, draw(prob_rows(n, k)), {}
    return y, draw(_array((n, k), LOGITS)), {"label_smoothing": draw(UNIT)}


@st.composite
def case(draw, name):
    """A valid (y_true, prediction, options) for the loss ``name``."""
    if name in CATEGORICAL:
        return draw(categorical_case(name))
    shape = draw(SHAPES)
    if name in ("binary_cross_entropy", "binary_cross_entropy_with_logits"):
        pred = _array(shape, UNIT if name == "binary_cross_entropy" else LOGITS)
        return draw(_array(shape, UNIT)), draw(pred), {}
    if name == "hinge":
        return draw(_array(shape, st.sampled_from([-1.0, 1.0]))), draw(_array(shape, LOGITS)), {}
    if name == "focal":
        opts = {"gamma": draw(st.floats(0.0, 5.0)), "alpha": draw(st.none() | UNIT)}
        return draw(_array(shape, st.sampled_from([0.0, 1.0]))), draw(_array(shape, LOGITS)), opts
    if name == "gaussian_nll":
        var_shape = draw(st.sampled_from([shape, shape[:-1], ()]))
        var = draw(_array(var_shape, st.floats(0.0, 1e3)))
        return (
            draw(_array(shape, VALUES)),
            draw(_array(shape, VALUES)),
            {
                "var": var,
                "full": draw(st.booleans()),
            },
        )
    if name == "poisson_nll":
        counts = _array(shape, st.floats(0.0, 1e3))
        return draw(counts), draw(_array(shape, st.floats(-1e3, 700.0))), {}
    opts = {}
    if name == "quantile":
        opts = {"tau": draw(st.floats(0.01, 0.99))}
    if name == "huber":
        opts = {"delta": draw(st.floats(0.01, 10.0))}
    if name == "barron":
        alpha = st.sampled_from([2.0, 1.0, 0.0, -2.0, -np.inf]) | st.floats(-10.0, 10.0)
        opts = {"alpha": draw(alpha), "scale": draw(st.floats(0.1, 10.0))}
    return draw(_array(shape, VALUES)), draw(_array(shape, VALUES)), opts


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_nonnegative_and_reductions_consistent(name, data):
    loss, grad, _ = REGISTRY[name]
    y, pred, opts = data.draw(case(name))
    values = loss(y, pred, reduction="none", **opts)
    assert values.shape == ((pred.shape[0],) if name in CATEGORICAL else pred.shape)
    assert np.all(values >= minimum(name, y, pred, opts)) and np.all(np.isfinite(values))
    total, mean = loss(y, pred, reduction="sum", **opts), loss(y, pred, **opts)
    assert type(total) is float and type(mean) is float
    assert total == pytest.approx(count(name, pred) * mean, rel=1e-12, abs=1e-300)
    g = grad(y, pred, reduction="none", **opts)
    assert g.shape == pred.shape and np.all(np.isfinite(g))
    np.testing.assert_array_equal(g, grad(y, pred, reduction="sum", **opts))


def _perfect_prediction(name, y):
    """The prediction that fits y perfectly, and the largest loss allowed there."""
    if name in ("binary_cross_entropy", "categorical_cross_entropy"):
        return y, 1.1e-12  # probabilities are clipped to [1e-12, 1 - 1e-12]
    if name in ("binary_cross_entropy_with_logits", "focal"):
        return np.where(y == 1, 1e4, -1e4), 0.0  # exp(-1e4) underflows to 0: exactly 0
    if name == "categorical_cross_entropy_with_logits":
        return 1e4 * y, 0.0
    if name == "hinge":
        return 1.5 * y, 0.0  # every margin beyond 1
    if name == "poisson_nll":
        return np.full(y.shape, -1e4), 0.0  # a rate of 0 (exp underflows) for zero counts
    return y, 0.0


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_zero_at_a_perfect_fit(name, data):
    loss = REGISTRY[name][0]
    y, pred, opts = data.draw(case(name))
    if name in CATEGORICAL:
        k = pred.shape[1]
        y = np.eye(k)[data.draw(hnp.arrays(np.intp, pred.shape[0], elements=st.integers(0, k - 1)))]
        opts = {}  # label smoothing moves the optimum away from a one-hot prediction
    elif name in ("binary_cross_entropy", "binary_cross_entropy_with_logits"):
        y = np.round(y)  # a soft label's cross-entropy never reaches 0 (its entropy)
    elif name == "gaussian_nll":
        opts = {"var": 1.0}  # log var = 0: the loss reaches 0 only at unit variance
    elif name == "poisson_nll":
        y = np.zeros_like(y)  # without log y!, only zero counts have a minimum of 0
    best, bound = _perfect_prediction(name, y)
    assert 0.0 <= loss(y, best, reduction="sum", **opts) <= bound * y.size


# ---- bad input: the rules every loss and its gradient share

ELEMENTWISE = tuple(n for n in NAMES if n not in CATEGORICAL)

SECOND = {
    "binary_cross_entropy": "probs",
    "binary_cross_entropy_with_logits": "logits",
    "categorical_cross_entropy": "probs",
    "categorical_cross_entropy_with_logits": "logits",
    "hinge": "scores",
    "focal": "logits",
    "gaussian_nll": "mean",
    "poisson_nll": "log_rate",
}


def _valid(name):
    """A small valid (y_true, prediction, options) for ``name``."""
    if name == "categorical_cross_entropy":
        return [0, 1], [[0.7, 0.3], [0.4, 0.6]], {}
    if name == "categorical_cross_entropy_with_logits":
        return [0, 1], [[0.7, -0.3], [0.4, 2.0]], {}
    if name == "hinge":
        return [1.0, -1.0], [0.3, 0.2], {}
    if name in ("binary_cross_entropy", "focal"):
        return [1.0, 0.0], [0.3, 0.2], {}
    if name == "gaussian_nll":
        return [1.0, 0.0], [0.3, 0.2], {"var": 1.0}
    return [1.0, 0.0], [0.3, 0.2], {"alpha": 1.0} if name == "barron" else {}


def both(name):
    """The loss and its gradient: every rule must hold for each."""
    loss, grad, _ = REGISTRY[name]
    return [loss, grad]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_mismatched_shapes_name_both_shapes(name):
    y, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(ValueError, match=r"same shape, got \(3,\) and \(2,\)"):
            fn([*y, y[0]], pred, **opts)
        with pytest.raises(ValueError, match=r"\(2, 1\) and \(2,\)"):
            fn(np.reshape(y, (2, 1)), pred, **opts)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("name", NAMES)
def test_nan_and_inf_are_refused(name, bad):
    y, pred, opts = _valid(name)
    second = SECOND.get(name, "y_pred")
    pred_bad = np.array(pred, dtype=float)
    pred_bad.flat[0] = bad
    y_bad = np.array(y, dtype=float)
    y_bad.flat[0] = bad
    for fn in both(name):
        with pytest.raises(ValueError, match=f"{second} contains NaN or infinite"):
            fn(y, pred_bad, **opts)
        with pytest.raises(ValueError, match="y_true contains NaN or infinite"):
            fn(y_bad, pred, **opts)


@pytest.mark.parametrize("name", NAMES)
def test_empty_arrays_are_refused(name):
    opts = _valid(name)[2]
    empty_pred = np.zeros((0, 2)) if name in CATEGORICAL else []
    for fn in both(name):
        with pytest.raises(ValueError, match="is empty"):
            fn([], empty_pred, **opts)


@pytest.mark.parametrize("reduction", [None, "avg", "MEAN", "", 1])
@pytest.mark.parametrize("name", NAMES)
def test_unknown_reduction_is_refused(name, reduction):
    y, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(ValueError, match="reduction must be one of 'mean', 'sum', 'none'"):
            fn(y, pred, reduction=reduction, **opts)


@pytest.mark.parametrize("name", NAMES)
def test_wrong_kinds_are_type_errors(name):
    y, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(TypeError, match="y_true must be an array-like of numbers"):
            fn("1, 0", pred, **opts)
        with pytest.raises(TypeError, match="must hold real numbers"):
            fn(y, np.array(pred, dtype=complex), **opts)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        losses.huber([0.0], [1.0], 2.0)
    with pytest.raises(TypeError):
        losses.focal_grad([0.0], [1.0], 2.0, 0.25)


# ---- PyTorch as a second reference, when it is installed


def torch_references() -> dict:
    """{name: the loss written with torch operations}; skips the calling test without PyTorch."""
    torch = pytest.importorskip("torch")
    F = torch.nn.functional

    def _focal(y, z, gamma=2.0, alpha=0.25):
        # torchvision.ops.sigmoid_focal_loss (Lin et al. 2017), written with torch ops
        p = torch.sigmoid(z)
        ce = F.binary_cross_entropy_with_logits(z, y, reduction="none")
        p_t = p * y + (1 - p) * (1 - y)
        loss = ce * (1 - p_t) ** gamma
        if alpha is not None:
            loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
        return loss

    def _barron(y, y_hat, alpha, scale=1.0):
        # Barron (2019), eq. (1) and its limits at alpha = 2, 0 and -inf
        x2 = ((y_hat - y) / scale) ** 2
        if alpha == 2.0:
            return x2 / 2
        if alpha == 0.0:
            return torch.log1p(x2 / 2)
        if alpha == -math.inf:
            return -torch.expm1(-x2 / 2)
        d = abs(alpha - 2.0)
        return d / alpha * torch.expm1(alpha / 2 * torch.log1p(x2 / d))

    def _cce(y, p):
        if y.ndim == 1:  # class indices: the negative log-likelihood of log p
            return F.nll_loss(torch.log(p), y.long(), reduction="none")
        return -(y * torch.log(p)).sum(dim=1)

    def _cce_logits(y, z, label_smoothing=0.0):
        target = y.long() if y.ndim == 1 else y
        return F.cross_entropy(z, target, label_smoothing=label_smoothing, reduction="none")

    def _gaussian(y, mean, var, full=False):
        v = np.asarray(var, dtype=float)
        var_t = float(v) if v.ndim == 0 else torch.tensor(v, dtype=torch.float64)
        return F.gaussian_nll_loss(mean, y, var_t, full=full, eps=1e-6, reduction="none")

    return {
        "quantile": lambda y, p, tau=0.5: torch.maximum(tau * (y - p), (tau - 1) * (y - p)),
        "gaussian_nll": _gaussian,
        "poisson_nll": lambda y, z: F.poisson_nll_loss(
            z, y, log_input=True, full=False, reduction="none"
        ),
        "mse": lambda y, p: F.mse_loss(p, y, reduction="none"),
        "mae": lambda y, p: F.l1_loss(p, y, reduction="none"),
        "huber": lambda y, p, delta=1.0: F.huber_loss(p, y, delta=delta, reduction="none"),
        "log_cosh": lambda y, p: torch.log(torch.cosh(p - y)),
        "binary_cross_entropy": lambda y, p: F.binary_cross_entropy(p, y, reduction="none"),
        "binary_cross_entropy_with_logits": lambda y, z: F.binary_cross_entropy_with_logits(
            z, y, reduction="none"
        ),
        "categorical_cross_entropy": _cce,
        "categorical_cross_entropy_with_logits": _cce_logits,
        "hinge": lambda y, s: torch.clamp(1 - y * s, min=0),
        "focal": _focal,
        "barron": _barron,
    }


def torch_loss_and_grad(name, y, pred, opts, reduction):
    torch = pytest.importorskip("torch")
    y_t = torch.tensor(np.asarray(y), dtype=torch.float64)
    pred_t = torch.tensor(np.asarray(pred), dtype=torch.float64, requires_grad=True)
    values = torch_references()[name](y_t, pred_t, **opts)
    if reduction == "none":
        values.sum().backward()  # lossedu: the gradient of "none" is that of the sum
        return values.detach().numpy(), pred_t.grad.numpy()
    total = values.mean() if reduction == "mean" else values.sum()
    total.backward()
    return total.item(), pred_t.grad.numpy()


def test_every_loss_has_a_torch_reference():
    assert set(torch_references()) == set(NAMES)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("name", NAMES)
def test_value_and_gradient_match_torch(name, reduction):
    loss, grad, _ = REGISTRY[name]
    for y, pred, opts in all_cases(name):
        if name == "barron" and opts["alpha"] in (1e-9, 2.0 - 1e-9):
            continue  # the reference formula itself is inaccurate there; see test_losses_adaptive
        expected, expected_grad = torch_loss_and_grad(name, y, pred, opts, reduction)
        got = loss(y, pred, reduction=reduction, **opts)
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=0)
        got_grad = grad(y, pred, reduction=reduction, **opts)
        np.testing.assert_allclose(got_grad, expected_grad, rtol=1e-10, atol=1e-14)
