"""Tests for lossedu.landscapes: closed-form values and minima, central differences, run()."""

import numpy as np
import pytest

from lossedu import landscapes as ls
from lossedu import optim

PAIRS = [
    (ls.quadratic, ls.quadratic_grad, {}),
    (ls.quadratic, ls.quadratic_grad, {"curvatures": (1.0, 9.0)}),
    (ls.rosenbrock, ls.rosenbrock_grad, {}),
    (ls.rosenbrock, ls.rosenbrock_grad, {"a": 0.5, "b": 5.0}),
    (ls.double_well, ls.double_well_grad, {}),
    (ls.double_well, ls.double_well_grad, {"tilt": 0.0}),
]


def central_diff(f, w, h=1e-6):
    """Independent central differences, written here so the test does not trust gradcheck."""
    return np.array([(f(w + h * e) - f(w - h * e)) / (2 * h) for e in np.eye(2)])


@pytest.mark.parametrize(("f", "grad", "options"), PAIRS)
def test_gradient_matches_central_differences(f, grad, options, rng):
    for _ in range(10):
        w = rng.uniform(-2.0, 2.0, 2)
        numeric = central_diff(lambda v: f(v, **options), w)
        np.testing.assert_allclose(grad(w, **options), numeric, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(("f", "grad", "options"), PAIRS)
def test_vectorised_over_a_grid_equals_pointwise(f, grad, options, rng):
    W = rng.uniform(-2.0, 2.0, (2, 4, 3))
    values = f(W, **options)
    grads = grad(W, **options)
    assert values.shape == (4, 3) and grads.shape == (2, 4, 3)
    for i, j in np.ndindex(4, 3):
        assert values[i, j] == pytest.approx(f(W[:, i, j], **options))
        np.testing.assert_allclose(grads[:, i, j], grad(W[:, i, j], **options))


def test_closed_form_values_and_minima():
    assert ls.quadratic([2.0, -1.0], curvatures=(1.0, 3.0)) == pytest.approx(0.5 * (4 + 3))
    assert ls.rosenbrock([1.0, 1.0]) == 0.0  # the minimum (a, a^2) of Rosenbrock (1960)
    assert ls.rosenbrock([0.5, 0.25], a=0.5) == 0.0
    np.testing.assert_array_equal(ls.rosenbrock_grad([1.0, 1.0]), [0.0, 0.0])
    # double well: the stationary points solve 4 w (w^2 - 1) + t = 0 (numpy.roots reference)
    roots = np.sort(np.roots([4.0, 0.0, -4.0, 0.3]).real)
    for r in roots:
        np.testing.assert_allclose(ls.double_well_grad([r, 0.0]), [0.0, 0.0], atol=1e-12)
    global_min, _, local_min = roots
    assert ls.double_well([global_min, 0.0]) < ls.double_well([local_min, 0.0])


@pytest.mark.parametrize("lr", [0.05, 0.1, 0.3])
def test_run_gradient_descent_on_a_quadratic_is_geometric(lr):
    # closed form: w_t = (1 - lr * c)^t * w0 per coordinate (the optimiser explorer's bowl)
    c, w0 = np.array([0.2, 4.0]), np.array([-4.5, 2.0])
    path = ls.run(optim.SGD(lr), ls.quadratic_grad, w0, steps=20)
    t = np.arange(21)[:, None]
    np.testing.assert_allclose(path, (1 - lr * c) ** t * w0, rtol=1e-12, atol=1e-14)


def test_run_with_momentum_matches_the_heavy_ball_recursion():
    # Polyak (1964): w_{t+1} = w_t - lr * g_t + mu * (w_t - w_{t-1}), written out here
    lr, mu, w0 = 0.01, 0.9, np.array([-1.5, 2.5])
    grad = lambda w: ls.rosenbrock_grad(w, b=5.0)  # noqa: E731
    path = ls.run(optim.SGD(lr, momentum=mu), grad, w0, steps=30)
    expected = [w0, w0 - lr * grad(w0)]
    for _ in range(29):
        w, prev = expected[-1], expected[-2]
        expected.append(w - lr * grad(w) + mu * (w - prev))
    np.testing.assert_allclose(path, expected, rtol=1e-10)


def test_run_stops_when_the_weights_diverge():
    # lr > 2 / L on w^2/2 (L = 1) multiplies w by -1.5 per step: |w| = 1.5^t passes 100 at t = 12
    path = ls.run(optim.SGD(2.5), lambda w: w, [1.0], steps=50, max_norm=100.0)
    assert len(path) == 12
    assert np.all(np.abs(path) <= 100.0)


def test_run_stops_a_diverging_descent_by_default():
    # |1 - lr * 4| = 3 > 1 along w2: |w2| = 2 * 3^t passes the default 1e6 at t = 12, so the
    # path keeps the 12 points t = 0, ..., 11
    path = ls.run(optim.SGD(1.0), ls.quadratic_grad, [-4.5, 2.0], steps=500)
    assert len(path) == 12 and np.all(np.isfinite(path))
    assert np.all(np.linalg.norm(path, axis=1) <= 1e6)


@pytest.mark.parametrize("tilt", [0.0, 0.3, 1.0, 2.0])
def test_double_well_minima_are_the_minima_scipy_finds(tilt):
    optimize = pytest.importorskip("scipy.optimize")
    # reference: SciPy's BFGS from a start in each well; past t = 8 / (3 sqrt 3) ~ 1.54 the
    # right-hand well is gone and both starts end in the same minimum
    found = [
        optimize.minimize(
            lambda w: ls.double_well(w, tilt=tilt),
            start,
            jac=lambda w: ls.double_well_grad(w, tilt=tilt),
            method="BFGS",
            options={"gtol": 1e-12},
        ).x
        for start in ([-1.5, 0.5], [1.5, 0.5])
    ]
    found = np.unique(np.round(found, 6), axis=0)
    found = found[np.argsort([ls.double_well(w, tilt=tilt) for w in found], kind="stable")]
    minima = ls.double_well_minima(tilt=tilt)
    assert minima.shape == ((2, 2) if tilt < 1.5 else (1, 2))
    np.testing.assert_allclose(minima, found, atol=1e-6)
    values = [ls.double_well(m, tilt=tilt) for m in minima]
    assert values == sorted(values)  # the deepest first


def test_run_does_not_modify_w0_and_steps_zero():
    w0 = np.array([1.0, 2.0])
    path = ls.run(optim.SGD(0.1), ls.quadratic_grad, w0, steps=0)
    np.testing.assert_array_equal(path, [[1.0, 2.0]])
    ls.run(optim.SGD(0.1), ls.quadratic_grad, w0, steps=5)
    np.testing.assert_array_equal(w0, [1.0, 2.0])


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: ls.quadratic([1.0, 2.0, 3.0]), ValueError, r"w must have shape \(2,\)"),
        (lambda: ls.quadratic([1.0, 2.0], curvatures=(1.0, 0.0)), ValueError, "curvatures"),
        (lambda: ls.rosenbrock([1.0, np.nan]), ValueError, "w"),
        (lambda: ls.rosenbrock([1.0, 1.0], b=0.0), ValueError, "b"),
        (lambda: ls.double_well([0.0, 0.0], tilt=-1.0), ValueError, "tilt"),
        (lambda: ls.double_well("ab"), TypeError, "w"),
        (lambda: ls.double_well_minima(tilt=-0.1), ValueError, "tilt"),
        (lambda: ls.run(optim.SGD(0.1), None, [0.0, 0.0], steps=3), TypeError, "grad"),
        (lambda: ls.run(object(), ls.quadratic_grad, [0.0, 0.0], steps=3), TypeError, "optim"),
        (
            lambda: ls.run(optim.SGD(0.1), ls.quadratic_grad, [0.0, 0.0], steps=-1),
            ValueError,
            "steps",
        ),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
