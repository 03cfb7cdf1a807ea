"""lossedu.losses.likelihood: gaussian_nll and poisson_nll beyond the generic tests of
test_losses.py (which check their values, gradients in the prediction, reductions, extremes and
shared bad-input rules).

Every expected value comes from SciPy, PyTorch (when installed) or a closed form written here;
the source is named beside it.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats
from test_losses import _valid, both

from lossedu import gradcheck, losses
from lossedu.losses import likelihood

EPS = 1e-6  # PyTorch's default eps of gaussian_nll_loss

# ---- Gaussian: the exact density, PyTorch, and the gradient in var


def test_gaussian_full_is_scipy_negative_log_density(rng):
    y, mean = rng.normal(size=20), rng.normal(size=20)
    var = rng.uniform(0.01, 5.0, size=20)
    got = losses.gaussian_nll(y, mean, var=var, full=True, reduction="none")
    # scipy.stats.norm: -log N(y; mean, var)
    expected = -stats.norm.logpdf(y, loc=mean, scale=np.sqrt(var))
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_gaussian_with_unit_variance_is_half_the_squared_error(rng):
    y, mean = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    # closed form: log 1 = 0 leaves (mean - y)^2 / 2
    assert losses.gaussian_nll(y, mean, var=1.0) == pytest.approx(
        0.5 * np.mean((mean - y) ** 2), rel=1e-13
    )


def _torch_gaussian(y, mean, var, full, reduction):
    """PyTorch's gaussian_nll_loss and its gradients in mean and var (float64)."""
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    mean_t = torch.tensor(mean, dtype=torch.float64, requires_grad=True)
    var_t = torch.tensor(var, dtype=torch.float64, requires_grad=True)
    y_t = torch.tensor(y, dtype=torch.float64)
    out = F.gaussian_nll_loss(mean_t, y_t, var_t, full=full, eps=EPS, reduction=reduction)
    (out.sum() if reduction == "none" else out).backward()
    return out.detach().numpy(), mean_t.grad.numpy(), var_t.grad.numpy()


VAR_SHAPES = [(5, 3), (5,), (5, 1), (1, 3)]  # every shape PyTorch accepts for mean (5, 3)


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("var_shape", VAR_SHAPES)
def test_gaussian_matches_torch_for_every_var_shape(rng, var_shape, reduction, full):
    y, mean = rng.normal(size=(5, 3)), 3.0 * rng.normal(size=(5, 3))
    var = rng.uniform(0.05, 4.0, size=var_shape)
    value, d_mean, d_var = _torch_gaussian(y, mean, var, full, reduction)
    kwargs = {"var": var, "full": full, "reduction": reduction}
    np.testing.assert_allclose(losses.gaussian_nll(y, mean, **kwargs), value, rtol=1e-12)
    got_mean = losses.gaussian_nll_grad(y, mean, **kwargs)
    got_var = losses.gaussian_nll_grad(y, mean, wrt="var", **kwargs)
    assert got_mean.shape == mean.shape and got_var.shape == var.shape
    np.testing.assert_allclose(got_mean, d_mean, rtol=1e-11, atol=1e-15)
    np.testing.assert_allclose(got_var, d_var, rtol=1e-11, atol=1e-15)


def test_gaussian_mean_divides_by_the_elements_of_mean_whatever_var(rng):
    y, mean = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    var = rng.uniform(0.5, 2.0, size=4)  # one per row
    total = losses.gaussian_nll(y, mean, var=var, reduction="sum")
    assert losses.gaussian_nll(y, mean, var=var) == pytest.approx(total / 24, rel=1e-14)
    g_sum = losses.gaussian_nll_grad(y, mean, var=var, reduction="sum", wrt="var")
    g_mean = losses.gaussian_nll_grad(y, mean, var=var, wrt="var")
    np.testing.assert_allclose(g_mean * 24, g_sum, rtol=1e-14)


def _var_functions(y, mean, var_shape, reduction):
    """The loss and its gradient in var as functions of var alone, for gradcheck."""

    def f(v):
        return losses.gaussian_nll(y, mean, var=v.reshape(var_shape), reduction=reduction)

    def g(v):
        grad = losses.gaussian_nll_grad(
            y, mean, var=v.reshape(var_shape), reduction=reduction, wrt="var"
        )
        return grad.reshape(v.shape)

    return f, g


@pytest.mark.parametrize("var_shape", [(4, 3), (4,), (1, 3), (1, 1), ()])
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_gaussian_var_gradient_matches_central_differences(rng, var_shape, reduction):
    y, mean = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    var = rng.uniform(0.1, 3.0, size=var_shape)
    f, g = _var_functions(y, mean, var_shape, reduction)
    assert gradcheck.check_grad(f, g, np.atleast_1d(var)) < 1e-7


def test_gaussian_var_with_several_axes_of_size_one_is_one_shared_variance(rng):
    y, mean = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    # closed form: var of shape (1, 1) is the single number var[0, 0] (PyTorch refuses it)
    for reduction in ("mean", "sum", "none"):
        np.testing.assert_array_equal(
            losses.gaussian_nll(y, mean, var=[[0.3]], reduction=reduction),
            losses.gaussian_nll(y, mean, var=0.3, reduction=reduction),
        )
    g = losses.gaussian_nll_grad(y, mean, var=[[0.3]], wrt="var")
    assert g.shape == (1, 1)
    assert g[0, 0] == pytest.approx(float(losses.gaussian_nll_grad(y, mean, var=0.3, wrt="var")))


def test_gaussian_var_gradient_is_zero_below_the_clamp_where_torch_passes_it_through():
    y, mean, var = np.zeros(3), np.array([0.5, 1.0, 2.0]), np.array([1e-8, 0.0, 0.5])
    ours = losses.gaussian_nll_grad(y, mean, var=var, reduction="sum", wrt="var")
    # closed form: below 1e-6 the loss is constant in var; above, 0.5 (1/v - r^2 / v^2)
    np.testing.assert_array_equal(ours[:2], [0.0, 0.0])
    assert ours[2] == pytest.approx(0.5 * (1 / 0.5 - 4.0 / 0.25), rel=1e-14)
    # the loss is indeed flat there: central differences (gradcheck) measure 0
    numeric = gradcheck.numerical_grad(
        lambda v: losses.gaussian_nll(y[:1], mean[:1], var=v, reduction="sum"), [1e-8], eps=1e-9
    )
    assert numeric[0] == 0.0
    # PyTorch clamps var without recording it: its gradient is the formula at eps
    _, _, d_var = _torch_gaussian(y, mean, var, False, "sum")
    np.testing.assert_allclose(d_var[:2], 0.5 * (1 / EPS - mean[:2] ** 2 / EPS**2), rtol=1e-12)
    np.testing.assert_allclose(ours[2], d_var[2], rtol=1e-12)


def test_gaussian_var_gradient_vanishes_at_the_squared_error(rng):
    y = rng.normal(size=8)
    mean = y + rng.choice([-1.0, 1.0], size=8) * rng.uniform(0.1, 2.0, size=8)
    var = (mean - y) ** 2  # closed form: the best variance is the squared residual
    g = losses.gaussian_nll_grad(y, mean, var=var, reduction="sum", wrt="var")
    np.testing.assert_allclose(g, 0.0, atol=1e-12)
    off = losses.gaussian_nll_grad(y, mean, var=2.0 * var, reduction="sum", wrt="var")
    assert np.all(off > 0.0)  # a larger variance than the error: the loss rises with it


@settings(max_examples=60, deadline=None)
@given(
    r=st.floats(-100.0, 100.0),
    log_var=st.floats(-10.0, 10.0),
)
def test_gaussian_is_smallest_at_the_mean_and_the_squared_error_variance(r, log_var):
    var = np.exp(log_var)
    loss = losses.gaussian_nll([0.0], [r], var=var)
    assert loss >= losses.gaussian_nll([0.0], [0.0], var=var)  # best mean: y
    best_var = max(r * r, EPS)  # best variance: the squared error (the clamp floors it)
    assert loss >= losses.gaussian_nll([0.0], [r], var=best_var) - 1e-12 * abs(loss)


def test_gaussian_extreme_mean_is_refused_not_inf():
    with pytest.raises(ValueError, match="gaussian_nll overflows"):
        losses.gaussian_nll([0.0], [1e160], var=1.0, reduction="none")
    with pytest.raises(ValueError, match="gradient of gaussian_nll with respect to var"):
        losses.gaussian_nll_grad([0.0], [1e160], var=1.0, wrt="var")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"var": -0.1}, ValueError, "var must be >= 0"),
        ({"var": [1.0, -1e-9]}, ValueError, "var must be >= 0"),
        ({"var": [1.0, np.nan]}, ValueError, "var contains NaN or infinite"),
        ({"var": [1.0, np.inf]}, ValueError, "var contains NaN or infinite"),
        ({"var": [1.0, 1.0, 1.0]}, ValueError, r"var must have the shape of mean \(2,\)"),
        ({"var": [[1.0, 1.0]]}, ValueError, r"var must have the shape of mean \(2,\)"),
        ({"var": []}, ValueError, "var is empty"),
        ({"var": None}, TypeError, "var must be an array-like"),
        ({"var": "1.0"}, TypeError, "var must be an array-like"),
        ({"var": 1.0, "full": 1}, TypeError, "full must be True or False"),
        ({"var": 1.0, "full": "yes"}, TypeError, "full must be True or False"),
    ],
)  # fmt: skip
def test_gaussian_bad_var_and_full_are_refused(kwargs, error, message):
    y, mean, _ = _valid("gaussian_nll")
    for fn in both("gaussian_nll"):
        with pytest.raises(error, match=message):
            fn(y, mean, **kwargs)


def test_gaussian_var_is_required_and_wrt_is_checked():
    with pytest.raises(TypeError, match="var"):
        losses.gaussian_nll([0.0], [1.0])
    for wrt in ("y_true", "variance", None):
        with pytest.raises(ValueError, match="wrt must be one of 'mean', 'var'"):
            losses.gaussian_nll_grad([0.0], [1.0], var=1.0, wrt=wrt)


def test_gaussian_does_not_modify_var(rng):
    var = rng.uniform(0.0, 1e-5, size=6)  # some below the clamp
    copy = var.copy()
    losses.gaussian_nll(np.zeros(6), np.ones(6), var=var)
    losses.gaussian_nll_grad(np.zeros(6), np.ones(6), var=var, wrt="var")
    np.testing.assert_array_equal(var, copy)


# ---- Poisson: SciPy's log-pmf, PyTorch, the largest log-rate


def test_poisson_is_scipy_negative_log_pmf_without_log_factorial(rng):
    y = rng.poisson(4.0, size=30).astype(float)
    z = rng.normal(1.0, 1.5, size=30)
    got = losses.poisson_nll(y, z, reduction="none")
    # scipy.stats.poisson: -log P(y; exp z) = exp z - y z + log y!, less log y! (gammaln)
    expected = -stats.poisson.logpmf(y, np.exp(z)) - special.gammaln(y + 1.0)
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


def test_poisson_gradient_vanishes_where_the_rate_is_the_count():
    y = np.array([1.0, 3.0, 17.0, 0.5])
    g = losses.poisson_nll_grad(y, np.log(y), reduction="sum")
    np.testing.assert_allclose(g, 0.0, atol=1e-14)  # closed form: exp(log y) - y = 0
    values = losses.poisson_nll(y, np.log(y), reduction="none")
    np.testing.assert_allclose(values, y - y * np.log(y), rtol=1e-14)  # closed form minimum


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_poisson_matches_torch_at_extreme_log_rates(reduction):
    torch = pytest.importorskip("torch")
    y = np.array([0.0, 3.0, 1e6, 2.0, 0.0, 7.5])
    z = np.array([-700.0, -40.0, 13.8, 700.0, likelihood.MAX_LOG_RATE, 0.0])
    z_t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    out = torch.nn.functional.poisson_nll_loss(
        z_t, torch.tensor(y, dtype=torch.float64), log_input=True, full=False, reduction="none"
    )
    # the values one by one (their sum overflows float64: lossedu refuses "sum", see below)
    np.testing.assert_allclose(
        losses.poisson_nll(y, z, reduction="none"), out.detach().numpy(), rtol=1e-13
    )
    (out.mean() if reduction == "mean" else out.sum()).backward()
    got = losses.poisson_nll_grad(y, z, reduction=reduction)
    np.testing.assert_allclose(got, z_t.grad.numpy(), rtol=1e-13)
    assert np.all(np.isfinite(got))


def test_poisson_too_large_log_rate_is_refused_with_the_limit():
    assert likelihood.MAX_LOG_RATE == pytest.approx(709.782712893384, rel=1e-15)
    assert np.isfinite(losses.poisson_nll([0.0], [likelihood.MAX_LOG_RATE]))
    for fn in both("poisson_nll"):
        with pytest.raises(ValueError, match=r"log_rate must be at most 709.78, .* got 710"):
            fn([1.0, 0.0], [0.0, 710.0])
        with pytest.raises(ValueError, match="log_rate must be at most"):
            fn([1.0], [1e4])


def test_poisson_sum_overflow_is_refused_not_inf():
    z = np.full(3, 709.0)  # each exp(709) = 8.2e307 is finite; their sum is not
    with pytest.raises(ValueError, match="sum of poisson_nll overflows"):
        losses.poisson_nll(np.zeros(3), z, reduction="sum")
    # closed form: the mean is exp(709) itself
    assert losses.poisson_nll(np.zeros(3), z) == pytest.approx(np.exp(709.0), rel=1e-14)


@pytest.mark.parametrize("bad", [-1.0, -1e-12])
def test_poisson_negative_counts_are_refused(bad):
    for fn in both("poisson_nll"):
        with pytest.raises(ValueError, match="y_true must be >= 0"):
            fn([1.0, bad], [0.0, 0.0])


@settings(max_examples=60, deadline=None)
@given(y=st.floats(0.0, 1e4), z=st.floats(-50.0, 50.0))
def test_poisson_is_at_least_its_minimum(y, z):
    # closed form: the minimum over z is y - y log y (at z = log y), 0 for y = 0
    minimum = y - (y * np.log(y) if y > 0 else 0.0)
    assert losses.poisson_nll([y], [z]) >= minimum - 1e-12 * max(1.0, abs(minimum))
