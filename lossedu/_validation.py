"""The one place where inputs are checked.

Every public function of :mod:`lossedu` passes its arguments through these helpers, so
that bad input fails early with a message that names the argument, says what was expected,
what arrived, and how to fix it. None of the helpers modifies its input: arrays are
converted with ``np.asarray`` (a copy when the dtype changes) and never written to.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np

REDUCTIONS = ("mean", "sum", "none")


class Unrepresentable(ValueError):
    """A result beyond float64 (it would be inf): a ValueError that the training loop can
    tell apart from bad input, and report as divergence."""


def refuse_masked(x, name: str) -> None:
    """Raise TypeError for a NumPy masked array: NumPy's conversions drop the mask silently."""
    if isinstance(x, np.ma.MaskedArray):
        raise TypeError(
            f"{name} is a masked array, and lossedu does not honour masks: the masked entries "
            f"would count as data. Replace them with {name}.filled(value), or drop them with "
            f"{name}.compressed() (a flat array; drop the same entries from the other "
            "arguments)."
        )


def as_float_array(x, name: str, *, allow_empty: bool = False) -> np.ndarray:
    """Return ``x`` as a float64 array, refusing non-numeric kinds, NaN, inf and emptiness."""
    arr = _to_float64(x, name, allow_empty)
    check_finite(arr, name)
    return arr


def as_float_array_unchecked(x, name: str) -> np.ndarray:
    """As :func:`as_float_array` without the test for NaN and inf, for a caller that tests
    the values itself before it uses them."""
    return _to_float64(x, name, allow_empty=False)


def _to_float64(x, name: str, allow_empty: bool) -> np.ndarray:
    """``x`` as a float64 array, refusing non-numeric kinds and emptiness (not NaN, inf)."""
    refuse_masked(x, name)
    if x is None:
        raise TypeError(f"{name} must be an array-like of numbers, got None.")
    if isinstance(x, (str, bytes, dict, set)):
        raise TypeError(
            f"{name} must be an array-like of numbers (list, tuple or NumPy array), "
            f"got {type(x).__name__}."
        )
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(
            f"{name} could not be read as a rectangular array ({exc}). "
            "Make every row the same length."
        ) from None
    if arr.dtype == bool:
        arr = arr.astype(np.float64)
    if not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(
            f"{name} must hold real numbers, got an array of dtype {arr.dtype}. "
            "Convert it with np.asarray(..., dtype=float)."
        )
    arr = arr.astype(np.float64, copy=False)
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty; pass at least one value.")
    return arr


def as_probability_array(x, name: str) -> np.ndarray:
    """:func:`as_float_array` followed by :func:`check_probabilities`, in one read of the data
    when all is well (an entry in [0, 1] is finite); otherwise the two exact checks, with
    their messages."""
    arr = _to_float64(x, name, allow_empty=False)
    if not in_unit_interval(arr):
        check_finite(arr, name)
        check_probabilities(arr, name)
    return arr


def check_finite(arr: np.ndarray, name: str) -> None:
    """Raise ValueError if ``arr`` holds NaN or an infinite value."""
    # One read of the data, no boolean temporary: a sum is finite only if every term is
    # (NaN and inf propagate through additions); a sum that overflows from finite terms
    # falls through to the exact element-wise test below.
    if arr.dtype.kind == "f":
        with np.errstate(over="ignore", invalid="ignore"):
            total = np.add.reduce(arr, axis=None)
        if math.isfinite(total):
            return
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad) if arr.ndim else ()
        raise ValueError(
            f"{name} contains NaN or infinite values (first at index {where}). "
            "Remove or replace them before computing the loss."
        )


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ValueError if two arrays differ in shape (never broadcast silently)."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}. "
            "If one is (n,) and the other (n, 1), flatten both with .ravel()."
        )


def check_reduction(reduction) -> str:
    """Return ``reduction`` if it is one of 'mean', 'sum', 'none'; raise otherwise."""
    if not isinstance(reduction, str) or reduction not in REDUCTIONS:
        raise ValueError(
            "reduction must be one of 'mean', 'sum', 'none'; got "
            f"{reduction!r}. Use reduction='none' for one value per element."
        )
    return reduction


_ONE_BITS = int(np.array(1.0).view(np.uint64))


def in_unit_interval(arr: np.ndarray) -> bool:
    """True if ``arr`` is float64 and every entry lies in [+0, 1]; False says "test exactly"."""
    return bool(arr.dtype == np.float64 and arr.size and arr.view(np.uint64).max() <= _ONE_BITS)


def check_probabilities(arr: np.ndarray, name: str) -> None:
    """Raise ValueError unless every entry of ``arr`` lies in [0, 1]."""
    # Fast path in one integer pass: float64 numbers with a clear sign bit order like their
    # bit patterns, so the largest pattern is at most that of 1.0 exactly when every entry
    # lies in [+0, 1] (negatives, -0.0, inf and NaN all have larger patterns). Anything
    # else, -0.0 included, gets the exact test.
    if in_unit_interval(arr):
        return
    if np.any((arr < 0.0) | (arr > 1.0)):
        lo, hi = float(arr.min()), float(arr.max())
        raise ValueError(
            f"{name} must be probabilities in [0, 1], got values in [{lo:g}, {hi:g}]. "
            "If these are logits (unbounded scores), use the *_with_logits loss instead."
        )


def check_labels_in(arr: np.ndarray, allowed: Iterable[float], name: str) -> None:
    """Raise ValueError unless every entry of ``arr`` is one of ``allowed``."""
    allowed = tuple(allowed)
    bad = ~np.isin(arr, allowed)
    if np.any(bad):
        example = arr[bad].ravel()[0]
        raise ValueError(
            f"{name} must contain only the labels {allowed}, got {example:g}. "
            "Map your labels onto these values first."
        )


def check_positive(value, name: str) -> float:
    """Return ``value`` as a float if it is a finite number > 0; raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {type(value).__name__}.")
    value = float(value)
    if not np.isfinite(value) or value <= 0.0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}.")
    return value


def check_nonnegative(value, name: str) -> float:
    """Return ``value`` as a float if it is a finite number >= 0; raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a non-negative number, got {type(value).__name__}.")
    value = float(value)
    if not np.isfinite(value) or value < 0.0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}.")
    return value


def reduce(values: np.ndarray, reduction: str, name: str = "the loss"):
    """Apply a checked reduction: a Python float for 'mean'/'sum', the array for 'none'.

    As :func:`finite_reduce`: never returns inf or NaN silently.
    """
    return finite_reduce(values, reduction, name)


def finite_reduce(values: np.ndarray, reduction: str, name: str):
    """Reduce element-wise values of ``name``, raising ValueError instead of returning inf.

    'mean' survives a sum that overflows when the mean itself is representable (four
    values of 1e308 have the mean 1e308); 'sum' and 'none' refuse what float64 cannot hold.
    Ordinary values cost one reduction and one check of the scalar result ('none': one
    pass of np.isfinite).
    """
    if reduction == "none":
        if not np.isfinite(values).all():
            _refuse_overflow(values, name)
        return values
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is diagnosed below
        total = float(np.sum(values))
    if math.isfinite(total):
        return total / values.size if reduction == "mean" else total
    if not np.isfinite(values).all():
        _refuse_overflow(values, name)
    if reduction == "mean":
        scale = float(np.max(np.abs(values)))
        mean = scale * float(np.mean(values / scale))  # terms in [-1, 1]: no overflow
        if math.isfinite(mean):
            return mean
        raise Unrepresentable(
            f"the mean of {name} overflows float64; rescale the inputs (e.g. divide them by "
            "their largest magnitude) so that the loss stays below 1e308."
        )
    raise Unrepresentable(
        f"the sum of {name} overflows float64 (it exceeds 1.8e308); use reduction='mean', "
        "or rescale the inputs (e.g. divide them by their largest magnitude)."
    )


def _refuse_overflow(values: np.ndarray, name: str) -> None:
    where = tuple(int(i) for i in np.argwhere(~np.isfinite(values))[0]) if values.ndim else ()
    raise Unrepresentable(
        f"{name} overflows float64 at index {where}: the inputs are too large for the loss "
        "to be represented (a square exceeds 1.8e308 once |x| > 1.3e154). rescale the inputs, "
        "e.g. divide them by their largest magnitude."
    )


def check_representable(values: np.ndarray, name: str, fix: str) -> np.ndarray:
    """Return ``values`` if every entry is finite, else raise ValueError naming ``name``.

    For results computed from finite inputs (a gradient, a product): an inf there means the
    true value exceeds float64. One sum decides in the ordinary case (inf and NaN propagate);
    the exact element-wise test runs only when that sum is not finite.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.add.reduce(values, axis=None)
    if math.isfinite(total) or np.isfinite(values).all():
        return values
    where = tuple(int(i) for i in np.argwhere(~np.isfinite(values))[0]) if values.ndim else ()
    raise Unrepresentable(
        f"{name} overflows float64 at index {where}: its true value exceeds 1.8e308. {fix}"
    )


def scaled_power_sum(w: np.ndarray, power: int, coef: float, name: str, fix: str) -> float:
    """``coef * sum(|w| ** power)`` as a float, without overflow in an intermediate.

    The direct form runs first (ordinary values keep their exact rounding); only if it is
    not finite is the sum taken on ``w / max|w|`` and multiplied back by ``max|w|``.
    A result beyond float64 raises ValueError naming ``name`` and ``fix``.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        a = np.abs(w)
        total = float(coef * np.sum(a * a if power == 2 else a))
    if math.isfinite(total):
        return total
    top = float(np.max(a))
    if coef == 0.0 or top == 0.0:
        return 0.0
    s = float(np.sum((a / top) ** power))  # in [1, w.size]: no overflow
    # A few roundings, in an order where a partial product overflows only if the result does.
    factors = [s] + [top] * power if top >= 1.0 else [top] * power + [s]
    total = coef
    with np.errstate(over="ignore"):
        for factor in factors:
            total *= factor
    if math.isfinite(total):
        return total
    raise Unrepresentable(f"{name} is beyond float64 (it exceeds 1.8e308). {fix}")


def reduce_grad(grad: np.ndarray, reduction: str, count: int) -> np.ndarray:
    """Scale an element-wise gradient of the sum to the gradient of the reduced loss."""
    if reduction == "mean":
        return grad / count
    return grad


_I64 = 2**63  # labels are compared as int64: integers in [-2**63, 2**63)


def _refuse_beyond_int64(name: str, example: str) -> None:
    raise ValueError(
        f"{name} holds the label {example}, outside the int64 range [-2**63, 2**63 - 1] in "
        "which labels are compared (converting it would merge it with another label). "
        f"Relabel the classes, e.g. np.unique({name}, return_inverse=True)[1], or pass the "
        "labels as strings."
    )


def as_label_array(y, name: str) -> np.ndarray:
    """Return class labels as a non-empty 1-D int64 or str array; raise otherwise.

    Integers, booleans (as 0/1), floats with integer values (as int64) and strings are
    accepted. Integers outside the int64 range are refused rather than wrapped onto other
    labels, and a list that mixes strings and numbers is refused rather than silently
    turned into strings by NumPy.
    """
    refuse_masked(y, name)
    if y is None or isinstance(y, (str, bytes, dict, set)):
        raise TypeError(
            f"{name} must be a 1-D array-like of class labels (list, tuple or NumPy array), "
            f"got {type(y).__name__}."
        )
    try:
        arr = np.asarray(y)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(f"{name} could not be read as a 1-D array of labels ({exc}).") from None
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D (one label per sample), got shape {arr.shape}. "
            "Flatten a column vector with .ravel(); turn per-class scores into labels "
            "with .argmax(axis=1)."
        )
    if arr.size == 0:
        raise ValueError(f"{name} is empty; pass at least one label.")
    if arr.dtype.kind in "OU":
        items = list(y) if isinstance(y, (list, tuple)) else arr.tolist()
        n_str = sum(isinstance(v, str) for v in items)
        if 0 < n_str < len(items):
            raise TypeError(
                f"{name} mixes strings and numbers; use one kind of label throughout, "
                "e.g. map every label to a string with [str(v) for v in labels]."
            )
        if n_str:
            return arr.astype(str)
        arr = np.asarray(items)  # an object array of numbers: let NumPy infer the kind
        if arr.dtype.kind == "O":
            big = [v for v in items if isinstance(v, numbers.Integral) and not -_I64 <= v < _I64]
            if big:  # Python integers too large for any NumPy integer type
                _refuse_beyond_int64(name, str(big[0]))
    if arr.dtype.kind in "biu":
        if arr.dtype.kind == "u" and arr.dtype.itemsize == 8 and arr.max() >= _I64:
            _refuse_beyond_int64(name, str(arr[arr >= _I64][0]))
        return arr.astype(np.int64)
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            raise ValueError(
                f"{name} contains NaN or infinite values; class labels must be integers or strings."
            )
        if np.any(arr != np.round(arr)):
            example = arr[arr != np.round(arr)][0]
            raise ValueError(
                f"{name} must hold class labels (integers or strings), got the non-integer "
                f"value {example:g}. If these are probabilities or scores, threshold them "
                "first, e.g. (probs >= 0.5).astype(int)."
            )
        outside = (arr >= float(_I64)) | (arr < -float(_I64))
        if np.any(outside):  # int64 conversion would wrap them onto one value
            _refuse_beyond_int64(name, f"{arr[outside][0]:g}")
        return arr.astype(np.int64)
    raise TypeError(
        f"{name} must hold integer or string class labels, got an array of dtype "
        f"{arr.dtype}. Convert it with np.asarray(..., dtype=int) or dtype=str."
    )


def check_in_interval(
    value, name: str, low: float, high: float, *, high_open: bool = False, hint: str = ""
) -> float:
    """Return ``value`` as a float if it lies in [low, high] ([low, high) if high_open)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}.")
    value = float(value)
    below_high = value < high if high_open else value <= high
    if not (np.isfinite(value) and low <= value and below_high):
        interval = f"[{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{name} must lie in {interval}, got {value!r}.{hint}")
    return value


def check_real(value, name: str, *, allow_neg_inf: bool = False) -> float:
    """Return ``value`` as a float if it is a real number that is not NaN or +inf.

    -inf is accepted only with ``allow_neg_inf`` (Barron's shape parameter has a limit there).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}.")
    value = float(value)
    if np.isfinite(value) or (allow_neg_inf and value == -np.inf):
        return value
    allowed = "a finite number or -inf" if allow_neg_inf else "a finite number"
    raise ValueError(f"{name} must be {allowed}, got {value!r}.")


def check_axis(axis, ndim: int, name: str = "axis") -> int:
    """Return ``axis`` as a non-negative int if it indexes an array with ``ndim`` dimensions."""
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(axis).__name__}.")
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{name}={axis} is out of range for an array with {ndim} dimension(s); "
            f"use an integer in [{-ndim}, {ndim - 1}], e.g. -1 for the last axis."
        )
    return axis % ndim


def check_class_indices(arr: np.ndarray, n_classes: int, name: str) -> np.ndarray:
    """Return float class indices as an intp array if they are whole numbers in [0, n_classes)."""
    fractional = arr != np.round(arr)
    if np.any(fractional):
        raise ValueError(
            f"{name} holds class indices, which must be whole numbers, got "
            f"{arr[fractional][0]:g}. Pass probability rows of shape (n, k) for soft labels."
        )
    outside = (arr < 0) | (arr >= n_classes)
    if np.any(outside):
        raise ValueError(
            f"{name} class indices must lie in [0, {n_classes - 1}] for {n_classes} classes, "
            f"got {arr[outside][0]:g}. Relabel the classes as 0, 1, ..., k - 1."
        )
    return arr.astype(np.intp)


def row_sum_tolerance(dtype, k: int) -> float:
    """How far from 1 a row of k probabilities stored in ``dtype`` may sum: 1e-6 for float64,
    2 k eps(dtype) where that is larger (each entry is rounded by eps/2, and a softmax
    computed in that dtype errs by a few eps per entry)."""
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        return 1e-6
    return max(1e-6, 2.0 * k * float(np.finfo(dtype).eps))


def source_dtype(x) -> np.dtype:
    """The floating dtype ``x`` arrived in (float64 for lists, integers and other kinds)."""
    dtype = getattr(x, "dtype", None)
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return dtype
    return np.dtype(np.float64)


def check_rows_sum_to_one(
    arr: np.ndarray, name: str, *, atol: float | None = None, dtype=None
) -> None:
    """Raise ValueError unless every row of a 2-D array sums to 1 within ``atol``.

    By default ``atol`` is :func:`row_sum_tolerance` of ``dtype``, the dtype the rows
    arrived in before their conversion to float64 (pass ``source_dtype(x)``; None means
    float64, 1e-6).
    """
    if atol is None:
        atol = row_sum_tolerance(np.float64 if dtype is None else dtype, arr.shape[-1])
    sums = arr.sum(axis=1)
    bad = np.abs(sums - 1.0) > atol
    if np.any(bad):
        row = int(np.argmax(bad))
        raise ValueError(
            f"every row of {name} must sum to 1 (within {atol:g}), but row {row} sums to "
            f"{sums[row]:.10g}. Normalise with x / x.sum(axis=1, keepdims=True), or pass "
            "unnormalised scores to categorical_cross_entropy_with_logits."
        )


def check_int(value, name: str, *, low: int = 1, high: int | None = None) -> int:
    """Return ``value`` as an int if it is an integer in [low, high] (no upper bound if None)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}.")
    value = int(value)
    if value < low or (high is not None and value > high):
        interval = f">= {low}" if high is None else f"in [{low}, {high}]"
        raise ValueError(f"{name} must be an integer {interval}, got {value}.")
    return value


def as_rng(rng, name: str = "rng") -> np.random.Generator:
    """Return ``np.random.default_rng(rng)`` for an int seed, a Generator or None."""
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral) or rng < 0:
        integral = isinstance(rng, numbers.Integral) and not isinstance(rng, bool)
        error = ValueError if integral else TypeError
        raise error(
            f"{name} must be a non-negative int seed, a numpy.random.Generator or None, got "
            f"{rng!r}. Use e.g. {name}=0 for reproducible draws."
        )
    return np.random.default_rng(int(rng))


def check_choice(value, name: str, options: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of the strings ``options``, else a ValueError listing them."""
    if not isinstance(value, str) or value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}.")
    return value


def check_open_interval(value, name: str, low: float, high: float, *, hint: str = "") -> float:
    """Return ``value`` as a float if it lies in the open interval (low, high); raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}.")
    value = float(value)
    if not (np.isfinite(value) and low < value < high):
        raise ValueError(
            f"{name} must lie in the open interval ({low:g}, {high:g}), got {value!r}.{hint}"
        )
    return value


def check_nonnegative_array(arr: np.ndarray, name: str, *, hint: str = "") -> None:
    """Raise ValueError if an entry of a (finite, float) array is negative."""
    if np.any(arr < 0.0):
        raise ValueError(f"{name} must be >= 0 everywhere, got {float(arr.min()):g}.{hint}")


def check_bool(value, name: str) -> bool:
    """Return ``value`` as a bool if it is True or False (NumPy's bool too); raise TypeError."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}.")
    return bool(value)
