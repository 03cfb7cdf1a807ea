"""Metrics of predicted probabilities: the Brier score, the reliability curve and the ECE.

A predicted probability is calibrated when, among the examples given probability p, a
fraction p is positive. These functions take labels ``y_true`` in {0, 1} and probabilities
``probs`` in [0, 1] of the positive class, with scikit-learn's semantics.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu._validation import check_int
from lossedu.metrics._core import binary_inputs

__all__ = ["brier_score", "calibration_curve", "expected_calibration_error"]


def brier_score(y_true: npt.ArrayLike, probs: npt.ArrayLike) -> float:
    r"""Brier score: the mean squared difference between probability and outcome.

    .. math::

        \mathrm{BS} = \frac{1}{n} \sum_{i=1}^{n} (p_i - y_i)^2

    Parameters
    ----------
    y_true : array-like of shape (n,)
        Labels in {0, 1}.
    probs : array-like of shape (n,)
        Predicted probabilities of the positive class, in [0, 1].

    Returns
    -------
    float
        A number in [0, 1]; lower is better, and always predicting the base rate
        :math:`\bar y` scores :math:`\bar y (1 - \bar y)`.

    Notes
    -----
    A strictly proper scoring rule: its expectation is smallest only when the predicted
    probabilities are the true ones, as for the log loss, but it is bounded, so one confident
    mistake costs at most 1. Equal to scikit-learn's ``brier_score_loss`` for binary labels.

    References
    ----------
    Brier, G. W. (1950). Verification of forecasts expressed in terms of probability.
    *Monthly Weather Review* 78(1), 1-3.

    Examples
    --------
    >>> brier_score([0, 1, 1], [0.1, 0.9, 0.6])  # (0.01 + 0.01 + 0.16) / 3
    0.06
    """
    t, p = binary_inputs(y_true, probs, "probs", probabilities=True)
    r = p - t
    return float(np.dot(r, r) / r.size)


def _bins(t: np.ndarray, p: np.ndarray, n_bins: int) -> tuple:
    """Per non-empty uniform bin of [0, 1]: the count, the sum of labels and of probabilities."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # as scikit-learn: a probability on an inner edge goes to the bin below it
    ids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(ids, minlength=n_bins)
    positives = np.bincount(ids, weights=t, minlength=n_bins)
    prob_sum = np.bincount(ids, weights=p, minlength=n_bins)
    filled = total > 0
    return total[filled], positives[filled], prob_sum[filled]


def calibration_curve(y_true: npt.ArrayLike, probs: npt.ArrayLike, *, n_bins: int = 10) -> tuple:
    r"""Reliability curve: the fraction of positives against the mean probability, per bin.

    .. math::

        \mathrm{prob\_true}_b = \frac{1}{|B_b|} \sum_{i \in B_b} y_i, \qquad
        \mathrm{prob\_pred}_b = \frac{1}{|B_b|} \sum_{i \in B_b} p_i

    where :math:`B_b` holds the examples whose probability falls in the b-th of ``n_bins``
    equal-width bins of [0, 1].

    Parameters
    ----------
    y_true : array-like of shape (n,)
        Labels in {0, 1}.
    probs : array-like of shape (n,)
        Predicted probabilities of the positive class, in [0, 1].
    n_bins : int, default 10
        The number of equal-width bins (at least 1).

    Returns
    -------
    prob_true, prob_pred : ndarray of shape (m,)
        One value per non-empty bin (m <= n_bins), by increasing probability. A calibrated
        model's points lie on the diagonal.

    Notes
    -----
    Equal to ``sklearn.calibration.calibration_curve(y_true, probs, n_bins=n_bins,
    strategy="uniform")``: the bins are :math:`[0, \frac1m], (\frac1m, \frac2m], \ldots`,
    so a probability on an inner edge counts in the bin below it, and empty bins are left
    out. A bin with few examples has a noisy fraction of positives: show the counts with
    the curve.

    References
    ----------
    DeGroot, M. H. & Fienberg, S. E. (1983). The comparison and evaluation of forecasters.
    *Journal of the Royal Statistical Society D* 32(1-2), 12-22.

    Niculescu-Mizil, A. & Caruana, R. (2005). Predicting good probabilities with supervised
    learning. *Proceedings of ICML 2005*, 625-632.

    Examples
    --------
    >>> prob_true, prob_pred = calibration_curve([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], n_bins=2)
    >>> prob_true
    array([0., 1.])
    >>> prob_pred
    array([0.15, 0.8 ])
    """
    n_bins = check_int(n_bins, "n_bins", low=1)
    t, p = binary_inputs(y_true, probs, "probs", probabilities=True)
    total, positives, prob_sum = _bins(t, p, n_bins)
    return positives / total, prob_sum / total


def expected_calibration_error(
    y_true: npt.ArrayLike, probs: npt.ArrayLike, *, n_bins: int = 10
) -> float:
    r"""Expected calibration error: the count-weighted gap of the reliability curve.

    .. math::

        \mathrm{ECE} = \sum_{b} \frac{|B_b|}{n}
        \left| \mathrm{prob\_true}_b - \mathrm{prob\_pred}_b \right|

    over the non-empty bins :math:`B_b` of :func:`calibration_curve`.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        Labels in {0, 1}.
    probs : array-like of shape (n,)
        Predicted probabilities of the positive class, in [0, 1].
    n_bins : int, default 10
        The number of equal-width bins (at least 1), as in :func:`calibration_curve`.

    Returns
    -------
    float
        A number in [0, 1]; 0 when every bin's mean probability equals its fraction of
        positives.

    Notes
    -----
    The ECE depends on the binning: with one bin it is only the gap between the mean
    probability and the base rate; with many bins on a small sample it is inflated by the
    noise of each bin's fraction. Unlike the Brier score and the log loss it is not a proper
    scoring rule: always predicting the base rate has an ECE of 0.

    References
    ----------
    Naeini, M. P., Cooper, G. F. & Hauskrecht, M. (2015). Obtaining well calibrated
    probabilities using Bayesian binning. *Proceedings of AAAI 2015*, 2901-2907.

    Guo, C., Pleiss, G., Sun, Y. & Weinberger, K. Q. (2017). On calibration of modern neural
    networks. *Proceedings of ICML 2017*, 1321-1330.

    Examples
    --------
    >>> y, probs = [0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9]
    >>> expected_calibration_error(y, probs, n_bins=2)  # (2 |0 - 0.15| + 2 |1 - 0.8|) / 4
    0.175
    """
    n_bins = check_int(n_bins, "n_bins", low=1)
    t, p = binary_inputs(y_true, probs, "probs", probabilities=True)
    _, positives, prob_sum = _bins(t, p, n_bins)
    return float(np.sum(np.abs(positives - prob_sum)) / t.size)
