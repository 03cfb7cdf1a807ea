"""Metrics of rankings: ROC and precision-recall curves, ROC AUC and average precision.

These judge real-valued scores (logits, probabilities, margins: only their order matters) of
a binary problem with labels ``y_true`` in {0, 1}, at every threshold at once, with
scikit-learn's semantics. Every curve sorts the scores once: there is no loop over thresholds.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu.metrics._core import binary_inputs, require_classes

__all__ = ["average_precision", "precision_recall_curve", "roc_auc", "roc_curve"]


def _counts_at_thresholds(t: np.ndarray, s: np.ndarray) -> tuple:
    """False and true positives when predicting positive at ``s >= threshold``, for every
    distinct score taken as the threshold, from the highest down (one sort)."""
    order = np.argsort(s, kind="stable")[::-1]  # as scikit-learn: a stable sort, reversed
    s_sorted, t_sorted = s[order], t[order]
    # the last index of each run of tied scores: ties cross the threshold together
    last = np.r_[np.flatnonzero(np.diff(s_sorted)), s.size - 1]
    tps = np.cumsum(t_sorted)[last]
    fps = (last + 1) - tps
    return fps, tps, s_sorted[last]


def roc_curve(y_true: npt.ArrayLike, scores: npt.ArrayLike) -> tuple:
    r"""Receiver operating characteristic: true against false positive rate at each threshold.

    .. math::

        \mathrm{FPR}(c) = \frac{\#\{i : s_i \ge c,\ y_i = 0\}}{\#\{i : y_i = 0\}}, \qquad
        \mathrm{TPR}(c) = \frac{\#\{i : s_i \ge c,\ y_i = 1\}}{\#\{i : y_i = 1\}}

    Parameters
    ----------
    y_true : array-like of shape (n,)
        Labels in {0, 1} (booleans accepted); both classes must occur.
    scores : array-like of shape (n,)
        Real scores, larger meaning "more likely positive" (logits, probabilities, margins).

    Returns
    -------
    fpr, tpr, thresholds : ndarray of shape (m + 1,)
        One point per distinct score (m of them) plus the start. ``thresholds`` decreases:
        ``thresholds[0]`` is ``inf`` (no example predicted positive, the point (0, 0)) and
        ``thresholds[j]`` for j >= 1 is the j-th largest distinct score; the last point,
        at the smallest score, is (1, 1).

    Notes
    -----
    Equal to scikit-learn's ``roc_curve(y_true, scores, drop_intermediate=False)``, the
    first threshold ``inf`` included. Examples with tied scores cross a threshold together,
    so a tie between classes draws a diagonal segment. A class that does not occur makes one
    of the rates 0 / 0: ValueError (scikit-learn warns and returns NaN).

    References
    ----------
    Fawcett, T. (2006). An introduction to ROC analysis. *Pattern Recognition Letters*
    27(8), 861-874.

    Examples
    --------
    >>> fpr, tpr, thresholds = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> fpr
    array([0. , 0. , 0.5, 0.5, 1. ])
    >>> tpr
    array([0. , 0.5, 0.5, 1. , 1. ])
    >>> thresholds
    array([ inf, 0.8 , 0.4 , 0.35, 0.1 ])
    """
    t, s = binary_inputs(y_true, scores, "scores")
    require_classes(t, "roc_curve")
    fps, tps, thresholds = _counts_at_thresholds(t, s)
    fps, tps = np.r_[0.0, fps], np.r_[0.0, tps]
    return fps / fps[-1], tps / tps[-1], np.r_[np.inf, thresholds]


def roc_auc(y_true: npt.ArrayLike, scores: npt.ArrayLike) -> float:
    r"""Area under the ROC curve: the chance that a random positive outscores a random negative.

    .. math::

        \mathrm{AUC} = \frac{1}{n_+ n_-} \sum_{i : y_i = 1} \sum_{j : y_j = 0}
        \left( \mathbb{1}[s_i > s_j] + \tfrac12 \mathbb{1}[s_i = s_j] \right)

    Parameters
    ----------
    y_true : array-like of shape (n,)
        Labels in {0, 1}; both classes must occur.
    scores : array-like of shape (n,)
        Real scores, larger meaning "more likely positive".

    Returns
    -------
    float
        A number in [0, 1]: 0.5 for scores that ignore the label, 1 for a perfect ranking.

    Notes
    -----
    Computed as the trapezoidal area under :func:`roc_curve`, which counts a tie between a
    positive and a negative as half a correct pair (the formula above, the Mann-Whitney
    statistic). Equal to scikit-learn's ``roc_auc_score``. Reversing the scores gives
    1 - AUC. Undefined (ValueError) when a class does not occur.

    References
    ----------
    Hanley, J. A. & McNeil, B. J. (1982). The meaning and use of the area under a receiver
    operating characteristic (ROC) curve. *Radiology* 143(1), 29-36.

    Examples
    --------
    >>> roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    >>> roc_auc([0, 1], [0.5, 0.5])  # a tie is half right
    0.5
    """
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))


def precision_recall_curve(y_true: npt.ArrayLike, scores: npt.ArrayLike) -> tuple:
    r"""Precision and recall at each threshold on the scores.

    .. math::

        \mathrm{precision}(c) = \frac{TP(c)}{TP(c) + FP(c)}, \qquad
        \mathrm{recall}(c) = \frac{TP(c)}{\#\{i : y_i = 1\}}

    with :math:`TP(c)` and :math:`FP(c)` counted over the examples with :math:`s_i \ge c`.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        Labels in {0, 1}; at least one positive must occur.
    scores : array-like of shape (n,)
        Real scores, larger meaning "more likely positive".

    Returns
    -------
    precision, recall : ndarray of shape (m + 1,)
        One point per distinct score (m of them), by increasing threshold, so recall
        decreases; the last point is (precision 1, recall 0) and has no threshold.
    thresholds : ndarray of shape (m,)
        The distinct scores, increasing.

    Notes
    -----
    Equal to scikit-learn's ``precision_recall_curve`` (which keeps every threshold). A
    threshold above which no example lies has precision 0 / 0, scored 1 by convention at
    the end point. Without positives recall is 0 / 0: ValueError (scikit-learn warns and sets
    recall to 1).

    References
    ----------
    Davis, J. & Goadrich, M. (2006). The relationship between precision-recall and ROC
    curves. *Proceedings of ICML 2006*, 233-240.

    Examples
    --------
    >>> precision, recall, thresholds = precision_recall_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> precision
    array([0.5       , 0.66666667, 0.5       , 1.        , 1.        ])
    >>> recall
    array([1. , 1. , 0.5, 0.5, 0. ])
    >>> thresholds
    array([0.1 , 0.35, 0.4 , 0.8 ])
    """
    t, s = binary_inputs(y_true, scores, "scores")
    require_classes(t, "precision_recall_curve", negatives=False)
    fps, tps, thresholds = _counts_at_thresholds(t, s)
    precision = tps / (tps + fps)  # tps + fps >= 1: every threshold is a score
    recall = tps / tps[-1]
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], thresholds[::-1]


def average_precision(y_true: npt.ArrayLike, scores: npt.ArrayLike) -> float:
    r"""Average precision: the precision at each threshold, weighted by the recall it adds.

    .. math::

        \mathrm{AP} = \sum_{k} (R_k - R_{k-1}) \, P_k

    Parameters
    ----------
    y_true : array-like of shape (n,)
        Labels in {0, 1}; at least one positive must occur.
    scores : array-like of shape (n,)
        Real scores, larger meaning "more likely positive".

    Returns
    -------
    float
        A number in [0, 1]; a random ranking scores about the fraction of positives.

    Notes
    -----
    The step-function sum over the points of :func:`precision_recall_curve`, without
    interpolation: scikit-learn's ``average_precision_score``. The trapezoidal area under the
    PR curve is optimistic, because precision does not vary linearly with recall.
    Undefined (ValueError) without positives.

    References
    ----------
    Zhu, M. (2004). *Recall, precision and average precision*. Working paper 2004-09,
    Department of Statistics and Actuarial Science, University of Waterloo.

    Examples
    --------
    >>> average_precision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])  # 0.5 * 1 + 0.5 * 2/3
    0.8333333333333333
    """
    precision, recall, _ = precision_recall_curve(y_true, scores)
    return float(max(0.0, -np.sum(np.diff(recall) * precision[:-1])))
