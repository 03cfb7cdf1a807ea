"""Tests for lossedu.gradcheck against gradients known in closed form (and SciPy's)."""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lossedu import gradcheck as gc


def sum_cubes(x):
    return float(np.sum(x**3))


def logsumexp(x):
    scipy_special = pytest.importorskip("scipy.special")
    return float(scipy_special.logsumexp(x))


def softmax(x):
    # the gradient of logsumexp is softmax (SciPy's implementation, independent of lossedu)
    scipy_special = pytest.importorskip("scipy.special")
    return scipy_special.softmax(x)


# --- numerical_grad ---------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(), (4,), (3, 4), (2, 2, 3)])
def test_numerical_grad_of_sum_of_cubes(rng, shape):
    x = rng.normal(size=shape)
    # d/dx sum(x^3) = 3 x^2; central differences err by eps^2 * f'''/6 = 1e-12 here
    np.testing.assert_allclose(gc.numerical_grad(sum_cubes, x), 3 * x**2, rtol=1e-7, atol=1e-8)
    assert gc.numerical_grad(sum_cubes, x).shape == np.shape(x)


def test_numerical_grad_of_sin_and_quadratic_form(rng):
    x = rng.normal(size=6)
    np.testing.assert_allclose(
        gc.numerical_grad(lambda v: np.sin(v).sum(), x), np.cos(x), rtol=1e-8, atol=1e-9
    )
    m = rng.normal(size=(6, 6))
    a = m @ m.T
    # gradient of x.A x / 2 with A symmetric is A x
    np.testing.assert_allclose(
        gc.numerical_grad(lambda v: 0.5 * v @ a @ v, x), a @ x, rtol=1e-7, atol=1e-7
    )


def test_numerical_grad_eps_changes_the_step():
    # for x^3 the central difference is exactly 3x^2 + eps^2, so a big eps shows its error
    got = gc.numerical_grad(sum_cubes, [1.0], eps=0.1)
    np.testing.assert_allclose(got, [3.0 + 0.01], rtol=1e-12)


def test_numerical_grad_accepts_one_element_arrays_and_lists():
    np.testing.assert_allclose(
        gc.numerical_grad(lambda v: np.array([v.sum() ** 2]), [1.0, 2.0]), [6.0, 6.0], rtol=1e-8
    )


finite_points = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=4), elements=st.floats(-3, 3)
)


@settings(max_examples=50, deadline=None)
@given(finite_points, st.floats(-2, 2), st.floats(-2, 2))
def test_hypothesis_exact_on_quadratics(x, a, b):
    # central differences are exact for polynomials of degree <= 2, up to rounding
    def f(v):
        return float(a * np.sum(v**2) + b * np.sum(v))

    np.testing.assert_allclose(gc.numerical_grad(f, x), 2 * a * x + b, rtol=1e-6, atol=1e-6)


# Functions with their gradients in closed form, evaluated far from x ~ 1 below.
CLOSED_FORMS = {
    "cube": (lambda v: float(np.sum(v**3)), lambda v: 3 * v**2),
    "fifth power": (lambda v: float(np.sum(v**5)), lambda v: 5 * v**4),
    "square": (lambda v: float(np.sum(v**2)), lambda v: 2 * v),
    "sin": (lambda v: float(np.sum(np.sin(v))), np.cos),
    "exp": (lambda v: float(np.sum(np.exp(v))), np.exp),
    "log": (lambda v: float(np.sum(np.log(v))), lambda v: 1 / v),
    "inverse": (lambda v: float(np.sum(1 / v)), lambda v: -1 / v**2),
    "sqrt": (lambda v: float(np.sum(np.sqrt(v))), lambda v: 0.5 / np.sqrt(v)),
}


# log and sqrt warn where the unscaled step crosses 0; that step is then skipped
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@pytest.mark.parametrize("name", sorted(CLOSED_FORMS))
@pytest.mark.parametrize("x", [[1e-9, 2e-9], [3e-7, 5e-12], [0.5, 1.5], [1e10, 3e9], [7e4, 2e6]])
def test_default_step_handles_tiny_and_huge_x(name, x):
    # a fixed step of 1e-6 reads these right gradients as wrong: at 1e-9 its error h**2 f'''/6
    # is far larger than the gradient of x**3, and log, 1/x and sqrt are undefined at x - h
    f, grad = CLOSED_FORMS[name]
    if name == "exp" and max(x) > 700:
        pytest.skip("exp overflows float64 there")
    if name == "sin" and max(x) > 1e3:
        pytest.skip("sin varies on a scale of 1, far below the step scaled to such an x")
    # sqrt at 5e-12 beside 3e-7: f's rounding, set by the larger term, limits the estimate
    assert gc.check_grad(f, grad, x) < (1e-7 if name == "sqrt" and min(x) < 1e-9 else 1e-8)


def test_examples_of_tiny_and_huge_x():
    # closed forms: d/dx sum(x^3) = 3x^2, d/dx sum(x^2) = 2x, d/dx sum(x) = 1
    assert gc.check_grad(lambda x: sum(x**3), lambda x: 3 * x**2, [1e-9, 2e-9]) < 1e-8
    assert gc.check_grad(lambda x: sum(x**2), lambda x: 2 * x, [1e10, -3e9]) < 1e-8
    np.testing.assert_allclose(gc.numerical_grad(sum, [1e17]), [1.0], rtol=1e-8)
    np.testing.assert_allclose(gc.numerical_grad(sum, [-1e17, 3e16]), 1.0, rtol=1e-8)


def test_default_step_still_fine_near_zero_and_for_offsets(rng):
    # a constant offset makes |f| large against its change: the step must not shrink with x
    x = rng.normal(size=4) * 1e-3
    assert gc.check_grad(lambda v: 1.0 + np.sum(np.sin(v)), np.cos, x) < 1e-8
    assert gc.check_grad(lambda v: 5.0 + np.sum(np.exp(v)), np.exp, [1e-9, 0.0, -2e-9]) < 1e-8
    # sin at 1e10 changes on a scale of 1: an unscaled step is still tried there
    x_big = np.array([1e10, -2.5e9])
    assert gc.check_grad(lambda v: np.sum(np.sin(v)), np.cos, x_big) < 1e-6


def test_check_grad_passes_eps_on():
    # with eps=0.1 the central difference of x^3 is 3x^2 + eps^2 exactly: the error shows
    err = gc.check_grad(sum_cubes, lambda v: 3 * v**2, [1.0], eps=0.1)
    assert err == pytest.approx(0.01 / (3.0 + 3.01), rel=1e-8)


def test_explicit_eps_that_vanishes_against_x_is_refused():
    # 1e17 + 1e-6 == 1e17 in float64: the step would be zero and the gradient read as 0
    with pytest.raises(ValueError, match=r"eps=1e-06 is too small for x\[0\] = 1e\+17"):
        gc.numerical_grad(sum, [1e17], eps=1e-6)


def test_relative_error_of_huge_gradients_is_finite():
    # the norm of a gradient near 1e200 overflows float64 if computed naively
    x = np.array([1.0, -2.0])
    err = gc.check_grad(lambda v: float(np.sum(v)) * 1e200, lambda v: np.full(2, 1e200), x)
    assert np.isfinite(err) and err < 1e-8
    assert gc.check_grad(lambda v: float(np.sum(v)) * 1e200, lambda v: np.full(2, -1e200), x) == (
        pytest.approx(1.0, rel=1e-8)
    )


# --- check_grad -------------------------------------------------------------------------------


def test_right_gradients_give_tiny_errors(rng):
    x = rng.normal(size=(3, 4))
    assert gc.check_grad(sum_cubes, lambda v: 3 * v**2, x) < 1e-8
    z = rng.normal(size=7)
    assert gc.check_grad(logsumexp, softmax, z) < 1e-8
    assert gc.check_grad(lambda v: np.sum(np.exp(v)), np.exp, z) < 1e-8


def test_wrong_gradients_give_large_errors(rng):
    x = rng.normal(size=5) + 3.0
    # a flipped sign: ||-n - n|| / (||n|| + ||n||) = 1 exactly
    assert gc.check_grad(sum_cubes, lambda v: -3 * v**2, x) == pytest.approx(1.0, rel=1e-6)
    # a factor 2: ||2n - n|| / (2||n|| + ||n||) = 1/3
    assert gc.check_grad(sum_cubes, lambda v: 6 * v**2, x) == pytest.approx(1 / 3, rel=1e-6)
    # a planted mistake of the kind learners make: the power rule without the factor 3
    assert gc.check_grad(sum_cubes, lambda v: v**2, x) > 1e-2
    z = rng.normal(size=4)
    assert gc.check_grad(logsumexp, np.exp, z) > 1e-2  # softmax without normalisation


def test_zero_gradients_stay_finite():
    zero = np.zeros(3)
    # both gradients zero: 0 / max(0, 1e-12) = 0.0
    assert gc.check_grad(lambda v: float(np.sum(v**2)), lambda v: 2 * v, zero) == 0.0
    assert gc.check_grad(lambda v: 4.0, np.zeros_like, [1.0, 2.0]) == 0.0
    # some components zero, the rest right
    err = gc.check_grad(lambda v: float(np.sum(v**2)), lambda v: 2 * v, [0.0, 1.0, 0.0])
    assert np.isfinite(err) and err < 1e-8


def test_returns_python_float(rng):
    assert type(gc.check_grad(sum_cubes, lambda v: 3 * v**2, rng.normal(size=2))) is float


def test_x_not_modified_even_by_an_f_that_writes_to_its_argument(rng):
    x = rng.normal(size=(2, 3))
    before = x.copy()

    def rude_f(v):
        total = float(np.sum(v**2))
        v += 1.0  # modifies its argument: lossedu must have passed a copy
        return total

    def rude_grad(v):
        g = 2 * v.copy()
        v *= 0.0
        return g

    np.testing.assert_allclose(gc.numerical_grad(rude_f, x), 2 * before, rtol=1e-7)
    assert gc.check_grad(rude_f, rude_grad, x) < 1e-8
    np.testing.assert_array_equal(x, before)


# --- bad input --------------------------------------------------------------------------------


def test_f_and_grad_f_must_be_callable():
    with pytest.raises(TypeError, match="f must be a function, got float"):
        gc.numerical_grad(3.0, [1.0])
    with pytest.raises(TypeError, match="grad_f must be a function, got ndarray"):
        gc.check_grad(sum_cubes, np.array([3.0]), [1.0])


def test_eps_must_be_positive():
    for eps in (0.0, -1e-6, np.nan):
        with pytest.raises(ValueError, match="eps must be a finite number > 0"):
            gc.numerical_grad(sum_cubes, [1.0], eps=eps)
    with pytest.raises(TypeError, match="eps must be a positive number"):
        gc.numerical_grad(sum_cubes, [1.0], eps="1e-6")


def test_f_must_return_a_finite_scalar():
    with pytest.raises(ValueError, match=r"f must return a scalar, got an array of shape \(2,\)"):
        gc.numerical_grad(lambda v: v * 2, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"f returned nan at x = \[-1\.?e-06\]"):
        gc.numerical_grad(lambda v: float(np.sqrt(v[0]) if v[0] >= 0 else np.nan), [0.0])
    with pytest.raises(ValueError, match="f returned inf"):
        gc.check_grad(lambda v: np.inf, lambda v: v, [1.0])
    with pytest.raises(TypeError, match="f must return a real number, got str"):
        gc.numerical_grad(lambda v: "small", [1.0])


def test_bad_x():
    with pytest.raises(ValueError, match="x contains NaN"):
        gc.numerical_grad(sum_cubes, [1.0, np.nan])
    with pytest.raises(ValueError, match="x is empty"):
        gc.check_grad(sum_cubes, lambda v: 3 * v**2, [])
    with pytest.raises(TypeError, match="x must be an array-like of numbers"):
        gc.numerical_grad(sum_cubes, "1.0")


def test_grad_f_output_checked():
    with pytest.raises(ValueError, match=r"grad_f\(x\) and x must have the same shape"):
        gc.check_grad(sum_cubes, lambda v: 3 * v.sum(), [1.0, 2.0])
    with pytest.raises(ValueError, match=r"grad_f\(x\) contains NaN"):
        gc.check_grad(sum_cubes, lambda v: v * np.nan, [1.0, 2.0])


# --- signatures -------------------------------------------------------------------------------


def test_signatures():
    ng = list(inspect.signature(gc.numerical_grad).parameters.values())
    assert [(p.name, p.kind) for p in ng] == [
        ("f", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        ("x", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        ("eps", inspect.Parameter.KEYWORD_ONLY),
    ]
    assert ng[2].default is None  # None: a step scaled to each coordinate
    cg = list(inspect.signature(gc.check_grad).parameters.values())
    assert [(p.name, p.kind) for p in cg] == [
        (name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in ("f", "grad_f", "x")
    ] + [("eps", inspect.Parameter.KEYWORD_ONLY)]
    assert cg[3].default is None


@pytest.mark.parametrize("x", [5e-324, 1e-310, -2.2e-308, 1e-290])
def test_subnormal_and_tiny_coordinates_use_a_normal_step(x):
    # closed form: d/dx (0.4 x) = 0.4 whatever x is; a step scaled to a subnormal x would
    # difference subnormal numbers, which carry a few bits only (found by hypothesis)
    np.testing.assert_allclose(gc.numerical_grad(lambda v: 0.4 * v.sum(), [x]), [0.4], rtol=1e-9)
