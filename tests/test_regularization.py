"""Tests for lossedu.regularization: closed forms, central differences and torch autograd."""

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
