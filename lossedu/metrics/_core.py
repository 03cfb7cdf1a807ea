"""Input preparation shared by the modules of :mod:`lossedu.metrics` (private to it).

Each helper only composes the checks of :mod:`lossedu._validation`, so the rules and the
error messages stay in one place.
"""

from __future__ import annotations

import numpy as np

from lossedu._validation import (
    as_float_array,
    as_probability_array,
    check_labels_in,
    check_same_shape,
)


def _one_dimensional(arr: np.ndarray, name: str, what: str) -> None:
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D ({what} per example), got shape {arr.shape}. "
            "Flatten a column vector with .ravel()."
        )


def binary_inputs(y_true, pred, pred_name: str, *, probabilities: bool = False) -> tuple:
    """Return ``(t, s)``: 1-D float64 arrays of labels in {0, 1} and of scores (or of
    probabilities in [0, 1] if ``probabilities``), of one length."""
    t = as_float_array(y_true, "y_true")
    _one_dimensional(t, "y_true", "one label")
    check_labels_in(t, (0, 1), "y_true")
    if probabilities:
        s = as_probability_array(pred, pred_name)
    else:
        s = as_float_array(pred, pred_name)
    _one_dimensional(s, pred_name, "one score")
    check_same_shape(t, s, "y_true", pred_name)
    return t, s


def require_classes(t: np.ndarray, function: str, *, negatives: bool = True) -> None:
    """Raise ValueError if ``t`` lacks positives (or negatives, when they are needed)."""
    n_pos = int(np.count_nonzero(t))
    if n_pos == 0 or (negatives and n_pos == t.size):
        missing = "no positive (1)" if n_pos == 0 else "no negative (0)"
        needs = "both classes" if negatives else "at least one positive"
        raise ValueError(
            f"y_true holds {missing} label, and {function} needs {needs}: it is undefined "
            "for this sample. Use a larger sample, or stratify it so that every class occurs."
        )
