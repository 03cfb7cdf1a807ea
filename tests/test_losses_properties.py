"""Hypothesis property tests of every loss: >= 0, zero at a perfect fit, sum == n * mean,
the shapes of "none" and of the gradient, and finite gradients for any valid input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from test_losses import CATEGORICAL, NAMES, REGISTRY, count

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
    opts = {}
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
    assert np.all(values >= 0.0) and np.all(np.isfinite(values))
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
    best, bound = _perfect_prediction(name, y)
    assert 0.0 <= loss(y, best, reduction="sum", **opts) <= bound * y.size
