"""Categorical cross-entropies (private; import them from :mod:`lossedu.losses`).

Both take an (n, k) array, one row per sample, and give one loss per row: ``"none"`` has
shape (n,) and ``"mean"`` divides the sum by n. ``y_true`` is either n class indices or
(n, k) one-hot / probability rows.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lossedu._losses_binary import PROB_EPS
from lossedu._losses_common import categorical_inputs, one_hot
from lossedu._validation import (
    check_in_interval,
    check_probabilities,
    check_rows_sum_to_one,
    reduce,
    reduce_grad,
)


def _prob_inputs(y_true, probs, reduction) -> tuple:
    t, p, reduction = categorical_inputs(y_true, probs, "probs", reduction)
    check_probabilities(p, "probs")
    check_rows_sum_to_one(p, "probs")
    return t, np.clip(p, PROB_EPS, 1.0 - PROB_EPS), reduction


def categorical_cross_entropy(
    y_true: ArrayLike, probs: ArrayLike, *, reduction: str = "mean"
) -> float | np.ndarray:
    r"""Categorical cross-entropy of predicted class probabilities.

    .. math::

        \ell_i = -\sum_{j=1}^{k} t_{ij} \log p_{ij}

    Parameters
    ----------
    y_true : array_like
        Either n class indices in {0, ..., k-1} (ints, or floats with integral values),
        shape (n,), or one-hot / probability rows of shape (n, k) that sum to 1.
    probs : array_like of float, shape (n, k)
        Predicted probabilities; each row must sum to 1 within 1e-6 (it is not
        renormalised).
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"`` gives one value per row, shape (n,); ``"mean"`` divides the sum by n.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` an array of shape (n,).

    Notes
    -----
    Probabilities are clipped to :math:`[10^{-12}, 1 - 10^{-12}]` before the logarithm, as in
    :func:`binary_cross_entropy`, so a zero probability on the true class costs about 27.6
    rather than infinity. Terms with :math:`t_{ij} = 0` contribute exactly 0. With class
    indices this is the negative log-likelihood of the true class.

    References
    ----------
    Bridle, J. S. (1990). Probabilistic interpretation of feedforward classification network
    outputs, with relationships to statistical pattern recognition. *Neurocomputing*, 227-236.

    Examples
    --------
    >>> from lossedu.losses import categorical_cross_entropy
    >>> round(categorical_cross_entropy([0, 1], [[0.5, 0.5], [0.2, 0.8]]), 6)
    0.458145
    """
    t, p, reduction = _prob_inputs(y_true, probs, reduction)
    if t.ndim == 1:
        values = -np.log(p[np.arange(p.shape[0]), t])
    else:
        values = -np.einsum("ij,ij->i", t, np.log(p))
    return reduce(values, reduction)


def categorical_cross_entropy_grad(
    y_true: ArrayLike, probs: ArrayLike, *, reduction: str = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`categorical_cross_entropy` with respect to ``probs``.

    .. math::

        \frac{\partial \ell_i}{\partial p_{ij}} = -\frac{t_{ij}}{p_{ij}}

    Parameters
    ----------
    y_true, probs, reduction
        As for :func:`categorical_cross_entropy`.

    Returns
    -------
    numpy.ndarray
        Shape (n, k); divided by n only for ``"mean"``.

    Notes
    -----
    The gradient treats every :math:`p_{ij}` as free (the loss does not renormalise), and is
    evaluated at the clipped probabilities, so it is finite (at most :math:`10^{12}` in size).

    References
    ----------
    Bridle, J. S. (1990). Probabilistic interpretation of feedforward classification network
    outputs, with relationships to statistical pattern recognition. *Neurocomputing*, 227-236.

    Examples
    --------
    >>> from lossedu.losses import categorical_cross_entropy_grad
    >>> categorical_cross_entropy_grad([0, 1], [[0.5, 0.5], [0.2, 0.8]], reduction="sum")
    array([[-2.  ,  0.  ],
           [ 0.  , -1.25]])
    """
    t, p, reduction = _prob_inputs(y_true, probs, reduction)
    if t.ndim == 1:
        t = one_hot(t, p.shape[1])
    # 0.0 - x rather than -x, so that classes with t = 0 get +0.0, not -0.0
    return reduce_grad(0.0 - t / p, reduction, p.shape[0])


def _shifted_and_exp_sums(z: np.ndarray, *, exp_in_place: bool = False) -> tuple:
    """Return ``z`` minus its row maxima (exponentiated if asked) and the rows' sums of exp."""
    # With the row maximum subtracted every exp() is <= 1 and the largest is exactly 1, so
    # the sum lies in [1, k]: no overflow, and its log is well conditioned (log-sum-exp).
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted, out=shifted) if exp_in_place else np.exp(shifted)
    # a matrix-vector product sums short rows several times faster than e.sum(axis=1)
    return shifted, e @ np.ones(z.shape[1])


def _logit_inputs(y_true, logits, label_smoothing, reduction) -> tuple:
    eps = check_in_interval(
        label_smoothing,
        "label_smoothing",
        0.0,
        1.0,
        hint=" Typical values are 0.0 (off) to 0.2.",
    )
    t, z, reduction = categorical_inputs(y_true, logits, "logits", reduction)
    return t, z, eps, reduction


def categorical_cross_entropy_with_logits(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    label_smoothing: float = 0.0,
    reduction: str = "mean",
) -> float | np.ndarray:
    r"""Softmax cross-entropy from logits, with optional label smoothing (as PyTorch).

    .. math::

        \ell_i = -\sum_{j=1}^{k} \tilde t_{ij} \log \operatorname{softmax}(z_i)_j, \qquad
        \tilde t_{ij} = (1 - \varepsilon)\, t_{ij} + \frac{\varepsilon}{k}

    Parameters
    ----------
    y_true : array_like
        n class indices, shape (n,), or probability rows of shape (n, k) that sum to 1.
    logits : array_like of float, shape (n, k)
        Unnormalised scores, one row per sample.
    label_smoothing : float, default 0.0
        :math:`\varepsilon \in [0, 1]`: the share of the target spread uniformly over the k
        classes; PyTorch's ``cross_entropy(..., label_smoothing=eps)``.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"`` gives one value per row, shape (n,); ``"mean"`` divides the sum by n.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` an array of shape (n,).

    Notes
    -----
    Computed with :func:`log_softmax` (log-sum-exp with the row maximum subtracted), never
    from probabilities, so it is exact and finite for logits of any finite size. With class
    indices and no smoothing it is :math:`\operatorname{logsumexp}(z_i) - z_{i, y_i}`.

    References
    ----------
    Bridle, J. S. (1990). Probabilistic interpretation of feedforward classification network
    outputs, with relationships to statistical pattern recognition. *Neurocomputing*, 227-236.

    Szegedy, C., Vanhoucke, V., Ioffe, S., Shlens, J. & Wojna, Z. (2016). Rethinking the
    Inception architecture for computer vision. *CVPR*, 2818-2826 (label smoothing).

    Examples
    --------
    >>> from lossedu.losses import categorical_cross_entropy_with_logits as cce
    >>> cce([0, 1], [[1e4, 0.0], [0.0, 0.0]], reduction="none")
    array([0.        , 0.69314718])
    >>> round(cce([0], [[2.0, 0.0]], label_smoothing=0.2), 6)
    0.326928
    """
    t, z, eps, reduction = _logit_inputs(y_true, logits, label_smoothing, reduction)
    n, k = z.shape
    shifted, row_sums = _shifted_and_exp_sums(z)
    log_sum = np.log(row_sums)  # log-sum-exp of the shifted row: finite, >= 0
    if t.ndim == 1:
        # -log softmax(z)_y = log_sum - shifted_y; the (n, k) log-softmax is never formed
        values = log_sum - shifted[np.arange(n), t]
        if eps:
            mean_log_p = shifted @ np.full(k, 1.0 / k) - log_sum
            values = (1.0 - eps) * values - eps * mean_log_p
    else:
        shifted -= log_sum[:, None]  # now the log-softmax
        values = -np.einsum("ij,ij->i", (1.0 - eps) * t + eps / k, shifted)
    return reduce(values, reduction)


def categorical_cross_entropy_with_logits_grad(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    label_smoothing: float = 0.0,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`categorical_cross_entropy_with_logits` with respect to ``logits``.

    .. math::

        \frac{\partial \ell_i}{\partial z_{ij}} = \operatorname{softmax}(z_i)_j - \tilde t_{ij}

    Parameters
    ----------
    y_true, logits, label_smoothing, reduction
        As for :func:`categorical_cross_entropy_with_logits`.

    Returns
    -------
    numpy.ndarray
        Shape (n, k); divided by n only for ``"mean"``.

    Notes
    -----
    The softmax is formed with the row maximum subtracted, so no exponential overflows;
    each row of the gradient sums to 0 because both the softmax and the smoothed target sum
    to 1.

    References
    ----------
    Bridle, J. S. (1990). Probabilistic interpretation of feedforward classification network
    outputs, with relationships to statistical pattern recognition. *Neurocomputing*, 227-236.

    Examples
    --------
    >>> from lossedu.losses import categorical_cross_entropy_with_logits_grad as cce_grad
    >>> cce_grad([0, 1], [[0.0, 0.0], [1e4, 0.0]], reduction="sum")
    array([[-0.5,  0.5],
           [ 1. , -1. ]])
    """
    t, z, eps, reduction = _logit_inputs(y_true, logits, label_smoothing, reduction)
    n, k = z.shape
    g, row_sums = _shifted_and_exp_sums(z, exp_in_place=True)
    g /= row_sums[:, None]  # the softmax
    if t.ndim == 1:
        g[np.arange(n), t] -= 1.0 - eps
        if eps:
            g -= eps / k
    else:
        g -= (1.0 - eps) * t + eps / k
    return reduce_grad(g, reduction, n)
