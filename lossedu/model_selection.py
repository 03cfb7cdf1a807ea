"""Choosing with validation data: when to stop training, and where to put the threshold.

It also says in which epochs a run overfits (:func:`overfitting_epochs`), the rule that
:func:`lossedu.plotting.plot_loss_curves` shades.

Both choices are made on a validation set, never on the test set, which stays untouched
until the very end (chapter 7).
"""

from __future__ import annotations

import numbers

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    check_labels_in,
    check_nonnegative,
    check_probabilities,
    check_same_shape,
)

__all__ = ["best_threshold", "early_stopping", "overfitting_epochs", "threshold_curve"]

METRICS = ("f1", "precision", "recall", "accuracy")


def early_stopping(
    val_loss: npt.ArrayLike, *, patience: int | None = None, min_delta: float = 0.0
) -> tuple[int, int]:
    """The epoch early stopping keeps, and the epoch at which it stops training.

    After each epoch the validation loss is compared with the best so far; it counts as an
    improvement when it is lower than the best by more than ``min_delta``. Training stops
    after ``patience`` epochs in a row without improvement, and the weights of the best
    epoch are restored (the rule of Keras's ``EarlyStopping`` with
    ``restore_best_weights=True``). Prechelt (1998) compares such stopping criteria: waiting
    longer finds slightly better epochs at a much higher training cost.

    Parameters
    ----------
    val_loss : array-like, shape (n_epochs,)
        The validation loss after epochs 1, 2, ..., n_epochs.
    patience : int >= 1 or None
        None never stops early: the best epoch over the whole curve is kept.
    min_delta : float >= 0, default 0.0

    Returns
    -------
    (best_epoch, stop_epoch) : tuple of int
        Both counted from 1. ``stop_epoch`` is the last epoch trained (n_epochs if the
        patience never ran out); ``best_epoch`` is the first epoch with the best loss seen
        up to then.

    References
    ----------
    Prechelt, L. (1998). Early stopping -- but when? In *Neural Networks: Tricks of the
    Trade*, LNCS 1524, 55-69. Springer.

    Examples
    --------
    >>> early_stopping([1.0, 0.8, 0.9, 0.85, 0.7, 0.95], patience=2)
    (2, 4)
    >>> early_stopping([1.0, 0.8, 0.9, 0.85, 0.7, 0.95])
    (5, 6)
    """
    v = as_float_array(val_loss, "val_loss")
    if v.ndim != 1:
        raise ValueError(f"val_loss must be 1-D, one loss per epoch; got shape {v.shape}.")
    if patience is not None and (
        isinstance(patience, bool) or not isinstance(patience, numbers.Integral) or patience < 1
    ):
        raise ValueError(f"patience must be an integer >= 1 or None, got {patience!r}.")
    min_delta = check_nonnegative(min_delta, "min_delta")
    best, best_epoch, wait = v[0], 1, 0
    for epoch in range(2, v.size + 1):
        if v[epoch - 1] < best - min_delta:
            best, best_epoch, wait = v[epoch - 1], epoch, 0
        else:
            wait += 1
            if patience is not None and wait >= patience:
                return best_epoch, epoch
    return best_epoch, v.size


def overfitting_epochs(
    train: npt.ArrayLike, validation: npt.ArrayLike, *, rtol: float = 0.05
) -> np.ndarray:
    """Which epochs overfit: validation has risen clearly above its best while training falls.

    With ``b`` the epoch of lowest validation loss (the first one, if several tie), epoch
    ``e`` overfits when all three hold:

    - ``e`` comes after ``b``;
    - ``validation[e] > (1 + rtol) * validation[b]``: the validation loss has risen more than
      the tolerance above its best value (a drift inside the tolerance is noise, as in a
      converged run);
    - ``train[e] < train[b]``: the training loss is still below its value at ``b``, so the
      model keeps fitting the training set better while it gets worse on new data. A
      validation loss that rises *with* the training loss is a diverging run, not overfitting.

    Underfitting is not a shape of these curves but a level (both losses high), so no rule of
    this kind can detect it.

    Parameters
    ----------
    train, validation : array-like, shape (n_epochs,)
        The training and validation loss after epochs 1, 2, ..., n_epochs; finite.
    rtol : float >= 0, default 0.05
        The tolerance, relative to the best validation loss.

    Returns
    -------
    ndarray of bool, shape (n_epochs,)
        Position ``e - 1`` is True when epoch ``e`` overfits. All False when no epoch does.

    Examples
    --------
    >>> train = [1.0, 0.8, 0.6, 0.5, 0.4, 0.3]
    >>> overfitting_epochs(train, [1.2, 1.0, 0.9, 0.92, 1.0, 1.2]).tolist()
    [False, False, False, False, True, True]
    >>> bool(overfitting_epochs(train, [1.2, 1.0, 0.9, 0.92, 0.93, 0.91]).any())  # within 5 %
    False
    """
    tr = as_float_array(train, "train")
    va = as_float_array(validation, "validation")
    if tr.ndim != 1:
        raise ValueError(f"train must be 1-D (one loss per epoch), got shape {tr.shape}.")
    check_same_shape(tr, va, "train", "validation")
    rtol = check_nonnegative(rtol, "rtol")
    best = int(np.argmin(va))
    after = np.arange(va.size) > best
    return after & (va > (1.0 + rtol) * va[best]) & (tr < tr[best])


def _scored(y_true, probs) -> tuple[np.ndarray, np.ndarray]:
    t = as_float_array(y_true, "y_true")
    p = as_float_array(probs, "probs")
    check_same_shape(t, p, "y_true", "probs")
    if t.ndim != 1:
        raise ValueError(f"y_true and probs must be 1-D, got shape {t.shape}.")
    check_labels_in(t, (0, 1), "y_true")
    check_probabilities(p, "probs")
    return t.astype(np.int64), p


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den with 0.0 where den is 0, as lossedu.metrics scores (zero_division=0)."""
    out = np.zeros(num.shape, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return out


def threshold_curve(
    y_true: npt.ArrayLike, probs: npt.ArrayLike, *, thresholds: npt.ArrayLike | None = None
) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and accuracy of the rule ``probs >= threshold`` at each threshold.

    Parameters
    ----------
    y_true : array-like of 0/1 labels, shape (n,)
    probs : array-like of probabilities of class 1, shape (n,)
    thresholds : array-like, optional
        By default the sorted distinct values of ``probs``: every distinct way of
        splitting the examples, as scikit-learn's ``precision_recall_curve``.

    Returns
    -------
    dict of ndarray
        ``"threshold"``, ``"precision"``, ``"recall"``, ``"f1"``, ``"accuracy"``, each of
        length len(thresholds), scored by :mod:`lossedu.metrics` (0.0 where undefined),
        and ``"confusion_matrix"``, shape (len(thresholds), 2, 2): at each threshold
        :func:`lossedu.metrics.confusion_matrix` with ``labels=[0, 1]`` (rows the true
        label, columns the predicted one: ``[[TN, FP], [FN, TP]]``).

    Examples
    --------
    >>> curve = threshold_curve([0, 0, 1, 1], [0.1, 0.6, 0.4, 0.9])
    >>> curve["threshold"].tolist(), curve["recall"].tolist()
    ([0.1, 0.4, 0.6, 0.9], [1.0, 1.0, 0.5, 0.5])
    >>> curve["confusion_matrix"][1].tolist()  # at 0.4: one false positive, no miss
    [[1, 1], [0, 2]]
    """
    t, p = _scored(y_true, probs)
    if thresholds is None:
        th = np.unique(p)
    else:
        th = as_float_array(thresholds, "thresholds").ravel()
    # Sort once and count: the examples at or above a threshold are a suffix of the sorted
    # scores, so searchsorted gives every confusion matrix without a loop over thresholds.
    fn = np.searchsorted(np.sort(p[t == 1]), th, side="left").astype(np.int64)
    tn = np.searchsorted(np.sort(p[t == 0]), th, side="left").astype(np.int64)
    tp, fp = np.sum(t == 1) - fn, np.sum(t == 0) - tn
    tp_f, fp_f, fn_f = (c.astype(np.float64) for c in (tp, fp, fn))
    # the ratios of lossedu.metrics, in the same floating-point operations (0.0 if undefined)
    out = {
        "f1": _ratio(2.0 * tp_f, (tp_f + fp_f) + (tp_f + fn_f)),
        "precision": _ratio(tp_f, tp_f + fp_f),
        "recall": _ratio(tp_f, tp_f + fn_f),
        "accuracy": (tp + tn) / t.size,
    }
    out["confusion_matrix"] = np.stack([tn, fp, fn, tp], axis=-1).reshape(th.size, 2, 2)
    out["threshold"] = th
    return out


def best_threshold(
    y_true: npt.ArrayLike, probs: npt.ArrayLike, *, metric: str = "f1"
) -> tuple[float, float]:
    """The threshold among the distinct values of ``probs`` that maximises a metric.

    Predictions are ``probs >= threshold``. Among equally good thresholds the lowest is
    returned. Choose it on validation data: chosen on the test set, the score would be
    biased upwards.

    Parameters
    ----------
    y_true, probs : array-like, shape (n,)
    metric : {"f1", "precision", "recall", "accuracy"}

    Returns
    -------
    (threshold, score) : tuple of float

    Examples
    --------
    >>> best_threshold([0, 0, 1, 1], [0.1, 0.6, 0.4, 0.9])
    (0.4, 0.8)
    """
    if not isinstance(metric, str) or metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(map(repr, METRICS))}; got {metric!r}.")
    curve = threshold_curve(y_true, probs)
    i = int(np.argmax(curve[metric]))  # the first maximum: the lowest threshold
    return float(curve["threshold"][i]), float(curve[metric][i])
