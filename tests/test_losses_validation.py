"""Every bad-input rule of CONTRIBUTING.md ("Errors") for every loss, its gradient and the
activations: the right exception, and a message that names the argument."""

from __future__ import annotations

import numpy as np
import pytest
from test_losses import CATEGORICAL, NAMES, REGISTRY

from lossedu import losses

ELEMENTWISE = tuple(n for n in NAMES if n not in CATEGORICAL)
SECOND = {
    "binary_cross_entropy": "probs",
    "binary_cross_entropy_with_logits": "logits",
    "categorical_cross_entropy": "probs",
    "categorical_cross_entropy_with_logits": "logits",
    "hinge": "scores",
    "focal": "logits",
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


@pytest.mark.parametrize("name", CATEGORICAL)
def test_categorical_shapes(name):
    _, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(
            ValueError, match=r"y_true must be class indices .* \(3,\) and \(2, 2\)"
        ):
            fn([0, 1, 1], pred, **opts)
        with pytest.raises(ValueError, match=r"y_true .* got shapes \(2, 3\) and \(2, 2\)"):
            fn(np.eye(3)[:2], pred, **opts)
        with pytest.raises(ValueError, match=rf"{SECOND[name]} must be 2-D .* got shape \(2,\)"):
            fn([0, 1], [0.5, 0.5], **opts)


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


@pytest.mark.parametrize(
    ("name", "y", "pred"),
    [
        ("binary_cross_entropy", [1.0, 0.0], [1.2, 0.5]),
        ("binary_cross_entropy", [1.0, -0.1], [0.5, 0.5]),
        ("binary_cross_entropy_with_logits", [2.0, 0.0], [0.5, 0.5]),
        ("categorical_cross_entropy", [0, 1], [[1.5, -0.5], [0.5, 0.5]]),
        ("categorical_cross_entropy", [[1.2, -0.2], [0.0, 1.0]], [[0.5, 0.5], [0.5, 0.5]]),
        ("categorical_cross_entropy_with_logits", [[1.2, -0.2], [0.0, 1.0]], [[0, 1], [1, 0]]),
    ],
)
def test_probabilities_outside_0_1_are_refused(name, y, pred):
    for fn in both(name):
        with pytest.raises(ValueError, match=r"must be probabilities in \[0, 1\]"):
            fn(y, pred)


@pytest.mark.parametrize(
    ("name", "y", "message"),
    [
        ("hinge", [1.0, 0.0], r"y_true must contain only the labels \(-1.0, 1.0\), got 0"),
        ("focal", [1.0, 0.5], r"y_true must contain only the labels \(0.0, 1.0\), got 0.5"),
        ("categorical_cross_entropy", [0, 2], r"class indices must lie in \[0, 1\] .* got 2"),
        ("categorical_cross_entropy", [0, -1], r"must lie in \[0, 1\] .* got -1"),
        ("categorical_cross_entropy_with_logits", [0, 2], r"must lie in \[0, 1\] .* got 2"),
        ("categorical_cross_entropy_with_logits", [0.5, 1], r"whole numbers, got 0.5"),
    ],
)
def test_labels_outside_the_allowed_set_are_refused(name, y, message):
    _, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(ValueError, match=message):
            fn(y, pred, **opts)


@pytest.mark.parametrize("name", CATEGORICAL)
def test_rows_must_sum_to_one(name):
    _, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(ValueError, match=r"every row of y_true must sum to 1 .* row 1 sums"):
            fn([[1.0, 0.0], [0.5, 0.4]], pred, **opts)
    for fn in both("categorical_cross_entropy"):
        with pytest.raises(ValueError, match=r"every row of probs must sum to 1 .* row 0 sums"):
            fn([0, 1], [[0.5, 0.4], [0.5, 0.5]])
        with pytest.raises(ValueError, match=r"row 0 sums to 1\.000002"):
            fn([0, 1], [[0.5 + 2e-6, 0.5], [0.5, 0.5]])  # just outside the 1e-6 tolerance


@pytest.mark.parametrize(
    ("name", "option", "value", "error", "message"),
    [
        ("huber", "delta", 0.0, ValueError, "delta must be a finite number > 0"),
        ("huber", "delta", -1.0, ValueError, "delta must be a finite number > 0"),
        ("huber", "delta", np.inf, ValueError, "delta must be a finite number > 0"),
        ("huber", "delta", "1", TypeError, "delta must be a positive number"),
        ("barron", "scale", 0.0, ValueError, "scale must be a finite number > 0"),
        ("barron", "scale", -2.0, ValueError, "scale must be a finite number > 0"),
        ("barron", "scale", None, TypeError, "scale must be a positive number"),
        ("barron", "alpha", np.nan, ValueError, "alpha must be a finite number or -inf"),
        ("barron", "alpha", np.inf, ValueError, "alpha must be a finite number or -inf"),
        ("barron", "alpha", None, TypeError, "alpha must be a real number"),
        ("focal", "gamma", -0.5, ValueError, "gamma must be a finite number >= 0"),
        ("focal", "gamma", np.nan, ValueError, "gamma must be a finite number >= 0"),
        ("focal", "alpha", 1.5, ValueError, r"alpha must lie in \[0, 1\]"),
        ("focal", "alpha", "0.25", TypeError, "alpha must be a number"),
        ("categorical_cross_entropy_with_logits", "label_smoothing", 1.5, ValueError,
         r"label_smoothing must lie in \[0, 1\]"),
        ("categorical_cross_entropy_with_logits", "label_smoothing", -0.1, ValueError,
         r"label_smoothing must lie in \[0, 1\]"),
    ],
)  # fmt: skip
def test_bad_options_are_refused(name, option, value, error, message):
    y, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(error, match=message):
            fn(y, pred, **{**opts, option: value})


def test_barron_overflow_raises_instead_of_returning_inf():
    for fn in both("barron"):
        with pytest.raises(ValueError, match=r"barron overflows float64 for alpha=200\.0"):
            fn([0.0], [1e4], alpha=200.0)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        losses.huber([0.0], [1.0], 2.0)
    with pytest.raises(TypeError):
        losses.focal_grad([0.0], [1.0], 2.0, 0.25)


@pytest.mark.parametrize("fn", [losses.softmax, losses.log_softmax])
def test_activation_axis_and_scalar(fn):
    with pytest.raises(ValueError, match=r"axis=2 is out of range .* 2 dimension\(s\)"):
        fn([[1.0, 2.0]], axis=2)
    with pytest.raises(TypeError, match="axis must be an integer"):
        fn([1.0, 2.0], axis=0.5)
    with pytest.raises(ValueError, match="z must have at least one dimension"):
        fn(1.0)


@pytest.mark.parametrize("fn", [losses.sigmoid, losses.softmax, losses.log_softmax])
def test_activations_refuse_nan_empty_and_wrong_kinds(fn):
    with pytest.raises(ValueError, match="z contains NaN or infinite"):
        fn([0.0, np.nan])
    with pytest.raises(ValueError, match="z is empty"):
        fn([])
    with pytest.raises(TypeError, match="z must be an array-like of numbers"):
        fn(None)
