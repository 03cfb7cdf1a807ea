"""Choosing with validation data: when to stop training, and where to put the threshold.

It also says in which epochs a run overfits (:func:`overfitting_epochs`), the rule that
:func:`lossedu.plotting.plot_loss_curves` shades; where the threshold goes when the two
kinds of mistake have known costs (:func:`cost_threshold`, :func:`expected_cost`); and how
to split a small data set into k folds for cross-validation (:func:`k_fold`).

Both choices are made on a validation set, never on the test set, which stays untouched
until the very end (chapter 7).
"""

from __future__ import annotations

import numbers

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    as_rng,
    check_int,
    check_labels_in,
    check_nonnegative,
    check_positive,
    check_probabilities,
    check_same_shape,
)

__all__ = [
    "best_threshold",
    "cost_threshold",
    "early_stopping",
    "expected_cost",
    "k_fold",
    "overfitting_epochs",
    "threshold_curve",
]

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


def cost_threshold(c_fp: float, c_fn: float) -> float:
    r"""The threshold that minimises the expected cost of calibrated probabilities.

    For an example whose probability of class 1 is :math:`p`, predicting positive costs
    :math:`(1 - p)\,C_{FP}` on average (a false positive if it is negative) and predicting
    negative costs :math:`p\,C_{FN}` (a miss if it is positive). Positive is the cheaper
    decision when :math:`(1 - p)\,C_{FP} < p\,C_{FN}`, that is when

    .. math::

        p > \frac{C_{FP}}{C_{FP} + C_{FN}}.

    This holds only if ``p`` is calibrated (among examples given ``p``, a share ``p`` is
    positive); for other scores the best threshold must be searched on validation data,
    e.g. by minimising :func:`expected_cost`. Equal costs give 0.5.

    Parameters
    ----------
    c_fp, c_fn : float > 0
        The cost of a false positive and of a false negative (a miss), in any common unit;
        only their ratio matters.

    Returns
    -------
    float
        ``c_fp / (c_fp + c_fn)``, in (0, 1).

    References
    ----------
    Elkan, C. (2001). The foundations of cost-sensitive learning. *Proceedings of IJCAI
    2001*, 973-978.

    Examples
    --------
    >>> cost_threshold(1.0, 1.0)
    0.5
    >>> cost_threshold(1.0, 9.0)  # a miss costs 9 false alarms: flag from p > 0.1
    0.1
    """
    c_fp = check_positive(c_fp, "c_fp")
    c_fn = check_positive(c_fn, "c_fn")
    return c_fp / (c_fp + c_fn)


def expected_cost(
    y_true: npt.ArrayLike,
    probs: npt.ArrayLike,
    threshold: float | npt.ArrayLike,
    *,
    c_fp: float,
    c_fn: float,
) -> float | np.ndarray:
    r"""Mean cost per example of the rule ``probs >= threshold``: (C_FP FP + C_FN FN) / n.

    Parameters
    ----------
    y_true : array-like of 0/1 labels, shape (n,)
    probs : array-like of probabilities (or scores in [0, 1]) of class 1, shape (n,)
    threshold : float or 1-D array-like of floats
        One threshold, or several (a cost curve).
    c_fp, c_fn : float > 0, keyword-only
        The cost of a false positive and of a false negative.

    Returns
    -------
    float, or ndarray of the thresholds' shape
        The mean cost; the counts FP and FN are those of :func:`threshold_curve` at the
        same thresholds (so the two agree exactly).

    Examples
    --------
    >>> y, p = [0, 0, 1, 1], [0.1, 0.6, 0.4, 0.9]
    >>> expected_cost(y, p, 0.5, c_fp=1.0, c_fn=5.0)  # one FP (0.6), one FN (0.4)
    1.5
    >>> expected_cost(y, p, [0.3, 0.5], c_fp=1.0, c_fn=5.0).tolist()
    [0.25, 1.5]
    """
    c_fp = check_positive(c_fp, "c_fp")
    c_fn = check_positive(c_fn, "c_fn")
    th = as_float_array(threshold, "threshold")
    if th.ndim > 1:
        raise ValueError(f"threshold must be a number or 1-D, got shape {th.shape}.")
    if not np.all(np.isfinite(th)):
        raise ValueError(
            "threshold must be finite; use e.g. 0.0 to predict every example positive."
        )
    curve = threshold_curve(y_true, probs, thresholds=th.ravel())
    m = curve["confusion_matrix"]
    n = m[0].sum()
    cost = (c_fp * m[:, 0, 1] + c_fn * m[:, 1, 0]) / n
    return float(cost[0]) if th.ndim == 0 else cost


def k_fold(n: int, k: int, *, rng: int | np.random.Generator | None = 0) -> list:
    """Split the indices 0..n-1 into k shuffled folds: (train, validation) index pairs.

    The indices are shuffled once; the first ``n % k`` folds hold ``n // k + 1`` of them and
    the others ``n // k``, the fold sizes of scikit-learn's ``KFold(k, shuffle=True)``.
    Every index is in exactly one validation fold, and each training part is the rest.
    Fit on ``train``, score on ``validation``, and report the mean of the k validation
    losses with its standard error (:func:`lossedu.metrics.standard_error`); the k scores
    share training data, so that standard error is a rough, usually optimistic, guide
    (Bengio & Grandvalet, 2004).

    Parameters
    ----------
    n : int >= 2
        The number of examples.
    k : int in [2, n]
        The number of folds.
    rng : int, numpy.random.Generator or None, default 0
        The seed or generator of the shuffle.

    Returns
    -------
    list of k tuples (train, validation) of sorted int64 index arrays

    References
    ----------
    Hastie, T., Tibshirani, R. & Friedman, J. (2009). *The Elements of Statistical
    Learning*, 2nd ed., section 7.10. Springer.
    Bengio, Y. & Grandvalet, Y. (2004). No unbiased estimator of the variance of k-fold
    cross-validation. *Journal of Machine Learning Research* 5, 1089-1105.

    Examples
    --------
    >>> folds = k_fold(10, 3, rng=0)
    >>> [len(val) for _, val in folds]
    [4, 3, 3]
    >>> sorted(int(i) for _, val in folds for i in val) == list(range(10))
    True
    """
    n = check_int(n, "n", low=2)
    k = check_int(k, "k", low=2)
    if k > n:
        raise ValueError(f"k must be at most n = {n} (one example per fold), got k = {k}.")
    order = as_rng(rng).permutation(n)
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    bounds = np.r_[0, np.cumsum(sizes)]
    folds = []
    for i in range(k):
        val = np.sort(order[bounds[i] : bounds[i + 1]]).astype(np.int64)
        train = np.sort(np.r_[order[: bounds[i]], order[bounds[i + 1] :]]).astype(np.int64)
        folds.append((train, val))
    return folds
