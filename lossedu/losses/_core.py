"""Input preparation shared by the loss modules of :mod:`lossedu.losses` (private to it).

Each helper only composes the checks of :mod:`lossedu._validation`, so the rules and the
error messages stay in one place.
"""

from __future__ import annotations

import math
import threading

import numpy as np

from lossedu._validation import (
    as_float_array,
    as_float_array_unchecked,
    as_probability_array,
    check_class_indices,
    check_finite,
    check_probabilities,
    check_reduction,
    check_rows_sum_to_one,
    check_same_shape,
    in_unit_interval,
    source_dtype,
)

# Work arrays reused between calls, one set per thread, for the block loops below: a fresh
# array costs about as much as a pass of arithmetic over it (the kernel maps and zeroes every
# page on first touch). Only arrays that never leave a function come from here, and only up
# to _SCRATCH_MAX elements, so at most a few MB stay held.
_scratch = threading.local()
_SCRATCH_MAX = 1 << 16


def work_buffer(size: int, slot: int) -> np.ndarray:
    """A 1-D float64 array of ``size`` elements for intermediate results; its contents are
    undefined, and it must not be returned to the caller (the next call reuses it)."""
    if size > _SCRATCH_MAX:
        return np.empty(size)
    pool = getattr(_scratch, "pool", None)
    if pool is None:
        pool = _scratch.pool = {}
    buffer = pool.get(slot)
    if buffer is None or buffer.size < size:
        buffer = pool[slot] = np.empty(max(size, 1))
    return buffer[:size]


#: Elements per block in the loops of :func:`blocks` (32768 float64 = 256 KiB an array).
#: A chain of whole-array NumPy passes over 1e6 elements (8 MB, more than a core's L2
#: cache) fetches every array from main memory again for each pass; on blocks, the few
#: arrays a chain works on stay in cache from one pass to the next.
BLOCK = 1 << 15


def blocks(size: int) -> list[slice]:
    """Consecutive slices of at most :data:`BLOCK` elements that cover ``range(size)``."""
    return [slice(start, min(start + BLOCK, size)) for start in range(0, size, BLOCK)]


def row_blocks(shape: tuple) -> list[slice]:
    """Consecutive slices of the rows of an array of ``shape`` (n, k), each of at most
    :data:`BLOCK` elements, that cover all n rows; one slice of all rows if a single row is
    longer than that (no block would fit in cache)."""
    n, k = shape
    step = BLOCK // k if 0 < k <= BLOCK else max(n, 1)
    return [slice(start, min(start + step, n)) for start in range(0, n, step)]


def elementwise_inputs(y_true, pred, pred_name: str, reduction) -> tuple:
    """Return ``(t, p, reduction)`` for an element-wise loss: float64 arrays of one shape."""
    reduction = check_reduction(reduction)
    t = as_float_array(y_true, "y_true")
    p = as_float_array(pred, pred_name)
    check_same_shape(t, p, "y_true", pred_name)
    return t, p, reduction


def elementwise_arrays(y_true, pred, pred_name: str, reduction) -> tuple:
    """As :func:`elementwise_inputs` without the test for NaN and inf: for a loss whose
    result is finite only if every input is, and which calls :func:`check_elementwise_values`
    when it is not (one test of the result instead of a pass over each input)."""
    return _unchecked_pair(y_true, pred, pred_name, reduction, elementwise_inputs)


def _unchecked_pair(y_true, pred, pred_name: str, reduction, exact) -> tuple:
    """``(t, p, reduction)`` converted and shape-checked but with values not yet tested.

    On a bad input, ``exact`` (the full input check this one stands in for) runs first, so
    the error raised is the one it raises first: it checks y_true's values before it reads
    pred.
    """
    try:
        reduction = check_reduction(reduction)
        t = as_float_array_unchecked(y_true, "y_true")
        p = as_float_array_unchecked(pred, pred_name)
        check_same_shape(t, p, "y_true", pred_name)
    except (TypeError, ValueError):
        exact(y_true, pred, pred_name, reduction)
        raise
    return t, p, reduction


def check_elementwise_values(t: np.ndarray, p: np.ndarray, pred_name: str) -> None:
    """The value tests :func:`elementwise_inputs` runs, in its order."""
    check_finite(t, "y_true")
    check_finite(p, pred_name)


def probability_label_inputs(y_true, pred, pred_name: str, reduction) -> tuple:
    """As :func:`elementwise_inputs` for losses whose ``y_true`` are probabilities in [0, 1]:
    the label array is converted and range-checked in one read when it is fine."""
    reduction = check_reduction(reduction)
    t = as_probability_array(y_true, "y_true")
    p = as_float_array(pred, pred_name)
    check_same_shape(t, p, "y_true", pred_name)
    return t, p, reduction


def probability_label_blocks(y_true, pred, pred_name: str, reduction) -> tuple:
    """As :func:`probability_label_inputs`, for a loss that reads its inputs block by block
    (see :func:`blocks`): returns ``(t, p, reduction, check)`` where the values of ``t`` and
    ``p`` are not checked yet, and ``check(t_block, p_block)`` must be called on each pair of
    blocks before they are used.

    A block is checked while it is in cache, rather than in two more passes over the whole
    arrays from main memory. A block that fails the fast test (labels in [0, 1] by their bit
    patterns, a finite sum of the predictions) sends the whole arrays through the exact
    checks of :func:`probability_label_inputs`, which raise its error naming the argument and
    the index; if they pass (a sum of large finite values overflowed), later blocks are not
    tested again.
    """
    t, p, reduction = _unchecked_pair(y_true, pred, pred_name, reduction, probability_label_inputs)
    checked = False

    def check(t_block: np.ndarray, p_block: np.ndarray) -> None:
        nonlocal checked
        if checked:
            return
        with np.errstate(over="ignore", invalid="ignore"):  # NaN and inf propagate
            total = np.add.reduce(p_block)
        if in_unit_interval(t_block) and math.isfinite(total):
            return
        check_finite(t, "y_true")
        check_probabilities(t, "y_true")
        check_finite(p, pred_name)
        checked = True

    return t, p, reduction, check


def categorical_inputs(y_true, pred, pred_name: str, reduction) -> tuple:
    """Return ``(t, p, reduction)`` for a categorical loss.

    ``p`` is a float64 (n, k) array; ``t`` is either an intp array of n class indices or a
    float64 (n, k) array of probability rows that sum to 1.
    """
    reduction = check_reduction(reduction)
    p = as_float_array(pred, pred_name)
    if p.ndim != 2:
        raise ValueError(
            f"{pred_name} must be 2-D with one row per sample and one column per class, "
            f"got shape {p.shape}. For a single sample use shape (1, k)."
        )
    n, k = p.shape
    t = as_float_array(y_true, "y_true")
    if t.shape == (n,):
        return check_class_indices(t, k, "y_true"), p, reduction
    if t.shape == (n, k):
        check_probabilities(t, "y_true")
        check_rows_sum_to_one(t, "y_true", dtype=source_dtype(y_true))
        return t, p, reduction
    raise ValueError(
        f"y_true must be class indices of shape ({n},) or probability rows of shape "
        f"{p.shape} to match {pred_name}, got shapes {t.shape} and {p.shape}."
    )


def one_hot(indices: np.ndarray, n_classes: int) -> np.ndarray:
    """Return the (n, k) one-hot float64 matrix of n class indices."""
    out = np.zeros((indices.shape[0], n_classes))
    out[np.arange(indices.shape[0]), indices] = 1.0
    return out
