"""Binary classification losses (private; import them from :mod:`lossedu.losses`).

binary_cross_entropy (on probabilities), binary_cross_entropy_with_logits and hinge, each
element-wise: ``"none"`` gives one value per element, ``"mean"`` divides by their number.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lossedu._losses_common import elementwise_inputs
from lossedu._validation import check_labels_in, check_probabilities, reduce, reduce_grad

#: Probabilities are clipped to [PROB_EPS, 1 - PROB_EPS] so that log(p) stays finite.
PROB_EPS = 1e-12


def _clipped_probs(y_true, probs, reduction) -> tuple:
    t, p, reduction = elementwise_inputs(y_true, probs, "probs", reduction)
    check_probabilities(t, "y_true")
    check_probabilities(p, "probs")
    return t, np.clip(p, PROB_EPS, 1.0 - PROB_EPS), reduction


def binary_cross_entropy(
    y_true: ArrayLike, probs: ArrayLike, *, reduction: str = "mean"
) -> float | np.ndarray:
    r"""Binary cross-entropy of predicted probabilities.

    .. math::

        \ell(y, p) = -\bigl(y \log p + (1 - y) \log(1 - p)\bigr)

    Parameters
    ----------
    y_true : array_like of float
        Labels in [0, 1]: hard labels 0 and 1, or soft labels in between.
    probs : array_like of float, same shape
        Predicted probabilities of the positive class, in [0, 1].
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    ``probs`` is clipped to :math:`[10^{-12}, 1 - 10^{-12}]`, so a confident wrong answer
    costs at most :math:`-\log 10^{-12} \approx 27.6` instead of infinity, and a perfect
    prediction costs about :math:`10^{-12}` instead of 0. :math:`\log(1-p)` is computed as
    ``log1p(-p)``. Prefer :func:`binary_cross_entropy_with_logits` when logits are at hand.

    References
    ----------
    Cox, D. R. (1958). The regression analysis of binary sequences. *Journal of the Royal
    Statistical Society B* 20(2), 215-242.

    Examples
    --------
    >>> from lossedu.losses import binary_cross_entropy
    >>> round(binary_cross_entropy([1.0, 0.0], [0.9, 0.2]), 6)
    0.164252
    """
    t, p, reduction = _clipped_probs(y_true, probs, reduction)
    return reduce(-(t * np.log(p) + (1.0 - t) * np.log1p(-p)), reduction)


def binary_cross_entropy_grad(
    y_true: ArrayLike, probs: ArrayLike, *, reduction: str = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy` with respect to ``probs``.

    .. math::

        \frac{\partial \ell}{\partial p} = -\frac{y}{p} + \frac{1 - y}{1 - p}
        = \frac{p - y}{p (1 - p)}

    Parameters
    ----------
    y_true, probs, reduction
        As for :func:`binary_cross_entropy`.

    Returns
    -------
    numpy.ndarray
        Shape of ``probs``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    The formula is evaluated at the clipped probability (see :func:`binary_cross_entropy`),
    so it stays finite, reaching about :math:`\pm 10^{12}` at 0 and 1.

    References
    ----------
    Cox, D. R. (1958). The regression analysis of binary sequences. *Journal of the Royal
    Statistical Society B* 20(2), 215-242.

    Examples
    --------
    >>> from lossedu.losses import binary_cross_entropy_grad
    >>> binary_cross_entropy_grad([1.0, 0.0], [0.5, 0.2], reduction="sum")
    array([-2.  ,  1.25])
    """
    t, p, reduction = _clipped_probs(y_true, probs, reduction)
    return reduce_grad((p - t) / (p * (1.0 - p)), reduction, p.size)


def _logit_inputs(y_true, logits, reduction) -> tuple:
    t, z, reduction = elementwise_inputs(y_true, logits, "logits", reduction)
    check_probabilities(t, "y_true")
    return t, z, reduction


def binary_cross_entropy_with_logits(
    y_true: ArrayLike, logits: ArrayLike, *, reduction: str = "mean"
) -> float | np.ndarray:
    r"""Binary cross-entropy of :math:`\sigma(z)`, computed from the logits :math:`z`.

    .. math::

        \ell(y, z) = -\bigl(y \log \sigma(z) + (1 - y) \log(1 - \sigma(z))\bigr)
        = \max(z, 0) - y z + \log\bigl(1 + e^{-|z|}\bigr)

    Parameters
    ----------
    y_true : array_like of float
        Labels in [0, 1] (hard or soft).
    logits : array_like of float, same shape
        Unbounded scores; the predicted probability is :math:`\sigma(z)`.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    No probability is ever formed: :math:`\sigma(z)` rounds to 1 for :math:`z > 37`, after
    which :math:`\log(1 - \sigma(z))` would be :math:`-\infty`. The right-hand form is
    :math:`\operatorname{softplus}(z) - y z` with the maximum split off, so every term is
    finite for any finite :math:`z` and :math:`\max(z, 0) - y z` is exact for hard labels.

    References
    ----------
    Goodfellow, I., Bengio, Y. & Courville, A. (2016). *Deep Learning*, section 6.2.2.2.
    MIT Press.

    Examples
    --------
    >>> from lossedu.losses import binary_cross_entropy_with_logits
    >>> binary_cross_entropy_with_logits([1.0, 0.0, 1.0], [1e4, 1e4, 0.0], reduction="none")
    array([0.00000000e+00, 1.00000000e+04, 6.93147181e-01])
    """
    t, z, reduction = _logit_inputs(y_true, logits, reduction)
    # Two buffers, reused in place: fresh 8 MB temporaries cost as much as the arithmetic.
    values = np.maximum(z, 0.0, out=np.empty_like(z))  # arrays even for 0-d input
    buffer = np.multiply(t, z, out=np.empty_like(z))
    values -= buffer  # first, so that the exact cancellation precedes adding the small tail
    np.copysign(z, -1.0, out=buffer)  # -|z| in one pass
    np.exp(buffer, out=buffer)  # exp(-|z|) <= 1: never overflows
    values += np.log1p(buffer, out=buffer)
    return reduce(values, reduction)


def binary_cross_entropy_with_logits_grad(
    y_true: ArrayLike, logits: ArrayLike, *, reduction: str = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to ``logits``.

    .. math::

        \frac{\partial \ell}{\partial z} = \sigma(z) - y

    Parameters
    ----------
    y_true, logits, reduction
        As for :func:`binary_cross_entropy_with_logits`.

    Returns
    -------
    numpy.ndarray
        Shape of ``logits``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    :math:`\sigma(z) - y` is evaluated as :math:`([z \ge 0] - y) \mp \sigma(-|z|)`, so a
    well-classified example with a hard label gets its tiny gradient
    (:math:`-\sigma(-z)` for :math:`y = 1`) to full relative precision instead of a rounded
    difference of numbers near 1.

    References
    ----------
    Goodfellow, I., Bengio, Y. & Courville, A. (2016). *Deep Learning*, section 6.2.2.2.
    MIT Press.

    Examples
    --------
    >>> from lossedu.losses import binary_cross_entropy_with_logits_grad
    >>> binary_cross_entropy_with_logits_grad([1.0, 0.0], [0.0, 40.0], reduction="sum")
    array([-0.5,  1. ])
    """
    t, z, reduction = _logit_inputs(y_true, logits, reduction)
    # In-place steps on two buffers: fresh 8 MB temporaries cost as much as the arithmetic.
    tail = np.copysign(z, -1.0, out=np.empty_like(z))  # -|z|; an array even for 0-d input
    np.exp(tail, out=tail)
    g = np.add(tail, 1.0, out=np.empty_like(z))
    np.divide(tail, g, out=tail)  # sigmoid(-|z|): tiny but to full precision for large |z|
    # sigmoid(z) = [z >= 0] - sign(z) sigmoid(-|z|); both factors read the sign bit, so
    # z = -0.0 is consistent, and no np.where (slow on random masks) is needed.
    nonneg = np.signbit(z, out=np.empty(z.shape, dtype=bool))
    np.logical_not(nonneg, out=nonneg)
    np.subtract(nonneg, t, out=g)  # exact for hard labels
    g -= np.copysign(tail, z, out=tail)
    if reduction == "mean":
        g /= g.size
    return g


def _hinge_inputs(y_true, scores, reduction) -> tuple:
    t, s, reduction = elementwise_inputs(y_true, scores, "scores", reduction)
    check_labels_in(t, (-1.0, 1.0), "y_true")
    return t, s, reduction


def hinge(y_true: ArrayLike, scores: ArrayLike, *, reduction: str = "mean") -> float | np.ndarray:
    r"""Hinge loss of a binary classifier's scores.

    .. math::

        \ell(y, s) = \max(0, 1 - y s), \qquad y \in \{-1, +1\}

    Parameters
    ----------
    y_true : array_like of float
        Labels, each -1 or +1.
    scores : array_like of float, same shape
        Decision values; the predicted class is the sign of the score.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    Zero once the margin :math:`y s` reaches 1; linear (not quadratic) in the violation, so
    it is less sensitive to badly misclassified points than the squared error. Labels 0/1
    are refused rather than guessed: map them with ``2 * y - 1``.

    References
    ----------
    Cortes, C. & Vapnik, V. (1995). Support-vector networks. *Machine Learning* 20(3),
    273-297.

    Examples
    --------
    >>> from lossedu.losses import hinge
    >>> hinge([1.0, -1.0, 1.0], [2.0, 0.5, -1.0], reduction="none")
    array([0. , 1.5, 2. ])
    """
    t, s, reduction = _hinge_inputs(y_true, scores, reduction)
    return reduce(np.maximum(0.0, 1.0 - t * s), reduction)


def hinge_grad(y_true: ArrayLike, scores: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    r"""Gradient (a subgradient at the kink) of :func:`hinge` with respect to ``scores``.

    .. math::

        \frac{\partial \ell}{\partial s} = \begin{cases} -y & y s < 1 \\
        0 & y s \ge 1 \end{cases}

    Parameters
    ----------
    y_true, scores, reduction
        As for :func:`hinge`.

    Returns
    -------
    numpy.ndarray
        Shape of ``scores``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    At the kink, a margin of exactly 1, any value between :math:`-y` and 0 is a subgradient;
    0 is chosen, so a point that just meets the margin no longer moves (as for a point
    beyond it).

    References
    ----------
    Cortes, C. & Vapnik, V. (1995). Support-vector networks. *Machine Learning* 20(3),
    273-297.

    Examples
    --------
    >>> from lossedu.losses import hinge_grad
    >>> hinge_grad([1.0, -1.0, 1.0], [1.0, 0.5, -1.0], reduction="sum")
    array([ 0.,  1., -1.])
    """
    t, s, reduction = _hinge_inputs(y_true, scores, reduction)
    return reduce_grad(np.where(t * s < 1.0, -t, 0.0), reduction, s.size)
