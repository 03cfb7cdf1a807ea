"""Stable activations: sigmoid, softmax and log-softmax, which turn logits into probabilities."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lossedu._validation import Unrepresentable, as_float_array, check_axis

__all__ = [
    "log_softmax",
    "sigmoid",
    "softmax",
]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # exp(-|z|) never overflows; 1/(1+e) and e/(1+e) are sigmoid(|z|) and sigmoid(-|z|).
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _log_softmax(z: np.ndarray, axis: int) -> np.ndarray:
    # Subtracting the maximum keeps every exp() <= 1, so the sum cannot overflow (log-sum-exp).
    top = np.expand_dims(np.argmax(z, axis=axis), axis)
    with np.errstate(over="ignore"):  # a gap beyond float64 is refused below
        shifted = z - np.take_along_axis(z, top, axis)
    if not np.isfinite(shifted).all():
        raise Unrepresentable(
            "log_softmax overflows float64: two logits along the axis differ by more than "
            "1.8e308, so a log-probability is below -1.8e308. Rescale the logits."
        )
    e = np.exp(shifted)
    # The maximum's term is exactly 1: log1p of the others' sum keeps full precision when
    # they are tiny (log(1 + rest) rounds rest < 1.1e-16 away).
    np.put_along_axis(e, top, 0.0, axis)
    return shifted - np.log1p(np.sum(e, axis=axis, keepdims=True))


def _z_with_axis(z, axis) -> tuple[np.ndarray, int]:
    z = as_float_array(z, "z")
    if z.ndim == 0:
        raise ValueError(
            "z must have at least one dimension to normalise over, got a scalar. "
            "Pass the scores of all classes, e.g. [2.0, 1.0, 0.1]."
        )
    return z, check_axis(axis, z.ndim)


def sigmoid(z: ArrayLike) -> np.ndarray:
    r"""Logistic sigmoid, element-wise, without overflow.

    .. math::

        \sigma(z) = \frac{1}{1 + e^{-z}}

    Parameters
    ----------
    z : array_like of float, any shape
        Logits (finite real numbers).

    Returns
    -------
    numpy.ndarray or numpy.float64
        Values in [0, 1] with the shape of ``z`` (a NumPy float for a scalar).

    Notes
    -----
    ``exp(-z)`` overflows for ``z < -709`` in float64, so the formula is evaluated as
    :math:`1 / (1 + e^{-|z|})` for :math:`z \ge 0` and :math:`e^{-|z|} / (1 + e^{-|z|})` for
    :math:`z < 0`, where the exponential is at most 1. Results round to exactly 0 or 1 only
    when the true value is within float64 resolution of them.

    References
    ----------
    Goodfellow, I., Bengio, Y. & Courville, A. (2016). *Deep Learning*, section 3.10.
    MIT Press.

    Examples
    --------
    >>> from lossedu.losses import sigmoid
    >>> sigmoid([0.0, 2.0, -1e4])
    array([0.5       , 0.88079708, 0.        ])
    """
    return _sigmoid(as_float_array(z, "z"))[()]


def softmax(z: ArrayLike, *, axis: int = -1) -> np.ndarray:
    r"""Softmax along ``axis``, without overflow.

    .. math::

        \operatorname{softmax}(z)_j = \frac{e^{z_j - m}}{\sum_i e^{z_i - m}}, \qquad
        m = \max_i z_i

    Parameters
    ----------
    z : array_like of float, at least 1-D
        Scores (logits), for example of shape (n, k) for n samples and k classes.
    axis : int, default -1
        The axis that is normalised to sum to 1.

    Returns
    -------
    numpy.ndarray
        Probabilities with the shape of ``z``, summing to 1 along ``axis``.

    Notes
    -----
    Subtracting the maximum :math:`m` leaves the result unchanged mathematically and keeps
    every exponential in (0, 1], so logits of any finite size are safe.

    References
    ----------
    Bridle, J. S. (1990). Probabilistic interpretation of feedforward classification network
    outputs, with relationships to statistical pattern recognition. *Neurocomputing*, 227-236.

    Blanchard, P., Higham, D. J. & Higham, N. J. (2021). Accurately computing the log-sum-exp
    and softmax functions. *IMA Journal of Numerical Analysis* 41(4), 2311-2330.

    Examples
    --------
    >>> from lossedu.losses import softmax
    >>> softmax([[1.0, 1.0], [0.0, 1e4]])
    array([[0.5, 0.5],
           [0. , 1. ]])
    """
    z, axis = _z_with_axis(z, axis)
    with np.errstate(over="ignore"):  # a gap beyond float64 gives exp(-inf) = 0, the limit
        e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z: ArrayLike, *, axis: int = -1) -> np.ndarray:
    r"""Logarithm of the softmax along ``axis``, computed with the log-sum-exp trick.

    .. math::

        \log \operatorname{softmax}(z)_j = (z_j - m) - \log \sum_i e^{z_i - m}, \qquad
        m = \max_i z_i

    Parameters
    ----------
    z : array_like of float, at least 1-D
        Scores (logits).
    axis : int, default -1
        The axis over which the softmax normalises.

    Returns
    -------
    numpy.ndarray
        Log-probabilities (all <= 0) with the shape of ``z``.

    Notes
    -----
    ``np.log(softmax(z))`` would give ``-inf`` once a probability underflows to 0 (a logit gap
    above about 745); this form stays finite for any finite logits because the largest term
    of the sum is exactly 1. That term is kept apart, :math:`\log \sum_i e^{z_i - m} =
    \operatorname{log1p}(\sum_{i \ne \arg\max} e^{z_i - m})`, so the log-probability of a
    confident maximum (``[30, 0]`` gives :math:`-9.3576 \times 10^{-14}`) keeps its digits
    (Blanchard, Higham & Higham 2021); each entry is accurate to a few units of rounding
    relative to the largest of :math:`|z_j - m|` and the log-sum-exp.

    References
    ----------
    Blanchard, P., Higham, D. J. & Higham, N. J. (2021). Accurately computing the log-sum-exp
    and softmax functions. *IMA Journal of Numerical Analysis* 41(4), 2311-2330.

    Examples
    --------
    >>> from lossedu.losses import log_softmax
    >>> log_softmax([0.0, 1e4])
    array([-10000.,      0.])
    """
    z, axis = _z_with_axis(z, axis)
    return _log_softmax(z, axis)
