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
    assert ng[2].default == 1e-6
    cg = list(inspect.signature(gc.check_grad).parameters.values())
    assert [(p.name, p.kind) for p in cg] == [
        (name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in ("f", "grad_f", "x")
    ]
