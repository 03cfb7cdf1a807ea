"""Input checks shared by the modules of :mod:`lossedu.multitask` (private to it)."""

from __future__ import annotations

import numpy as np

from lossedu._validation import as_float_array, check_same_shape


def targets(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    """y_true and y_pred as float64 arrays of one shape (n, n_tasks)."""
    t = as_float_array(y_true, "y_true")
    p = as_float_array(y_pred, "y_pred")
    check_same_shape(t, p, "y_true", "y_pred")
    if t.ndim != 2:
        raise ValueError(
            f"y_true and y_pred must have shape (n, n_tasks), one column per task; got "
            f"{t.shape}. For a single task reshape with y.reshape(-1, 1)."
        )
    return t, p


def task_vector(values, name: str, n_tasks: int, *, positive: bool = False) -> np.ndarray:
    """One float per task, shape (n_tasks,); all > 0 when ``positive``."""
    v = as_float_array(values, name)
    if v.ndim != 1 or v.size != n_tasks:
        raise ValueError(
            f"{name} must hold one value per task, shape ({n_tasks},); got shape {v.shape}."
        )
    if positive and np.any(v <= 0.0):
        raise ValueError(f"{name} must be > 0 for every task, got {v.tolist()}.")
    return v


def task_weights(weights, n_tasks: int) -> np.ndarray:
    """One weight >= 0 per task."""
    w = task_vector(weights, "weights", n_tasks)
    if np.any(w < 0.0):
        raise ValueError(f"weights must be >= 0 (one per task), got {w.tolist()}.")
    return w


def task_data(X, y) -> tuple[np.ndarray, np.ndarray]:
    """X (n, n_features) and y (n, n_tasks) as float64 arrays with the same n."""
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    if X.ndim != 2 or y.ndim != 2 or X.shape[0] != y.shape[0]:
        raise ValueError(
            "X and y must have shapes (n, n_features) and (n, n_tasks) with the same n, got "
            f"{X.shape} and {y.shape}."
        )
    return X, y
