"""Classification losses: binary and categorical cross-entropies and the hinge loss.

The binary losses and the hinge are element-wise: ``"none"`` gives one value per element and
``"mean"`` divides the sum by their number. The two categorical losses take an (n, k) array, one
row per sample, and give one loss per row: ``"none"`` has shape (n,) and ``"mean"`` divides the
sum by n; their ``y_true`` is either n class indices or (n, k) one-hot / probability rows.
Each loss comes with its gradient ``NAME_grad``; the probability forms clip at
:data:`~lossedu.losses.PROB_EPS`, the logit forms never build a probability.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from lossedu._validation import (
    check_in_interval,
    check_labels_in,
    check_probabilities,
    check_rows_sum_to_one,
    reduce,
    reduce_grad,
    source_dtype,
)
from lossedu.losses._core import (
    BLOCK,
    blocks,
    categorical_inputs,
    elementwise_inputs,
    one_hot,
    probability_label_blocks,
    row_blocks,
    work_buffer,
)

__all__ = [
    "PROB_EPS",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "categorical_cross_entropy_with_logits",
    "categorical_cross_entropy_with_logits_grad",
    "hinge",
    "hinge_grad",
]

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


def _binary_logit_inputs(y_true, logits, reduction) -> tuple:
    """``(t, z, reduction, check)``: see :func:`~lossedu.losses._core.probability_label_blocks`."""
    return probability_label_blocks(y_true, logits, "logits", reduction)


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
    finite for any finite :math:`z`. Its first part is computed as :math:`([z \ge 0] - y)\,z`:
    exact for hard labels, and without the cancellation of :math:`z - y z` when a soft label
    is close to 1.

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
    t, z, reduction, check = _binary_logit_inputs(y_true, logits, reduction)
    if reduction != "none":
        total = _bce_logits_total(t.reshape(-1), z.reshape(-1), check)
        if math.isfinite(total):
            return total / z.size if reduction == "mean" else total
    # One value per element, or a sum that overflowed: reduce() decides on the whole array.
    values = np.empty(z.shape)  # C order, so that reshape(-1) is a view
    _bce_logits_terms(t.reshape(-1), z.reshape(-1), values.reshape(-1), check)
    return reduce(values, reduction)


def _bce_logits_terms(t: np.ndarray, z: np.ndarray, out: np.ndarray, check) -> None:
    """Write the element-wise loss of the 1-D arrays ``t``, ``z`` into ``out``, block by
    block (see :data:`~lossedu.losses._core.BLOCK`), each checked by ``check`` first."""
    size = min(z.size, BLOCK)
    scratch, nonneg = work_buffer(size, 0), np.empty(size, dtype=bool)
    for part in blocks(z.size):
        k = part.stop - part.start
        check(t[part], z[part])
        _bce_logits_block(t[part], z[part], out[part], scratch[:k], nonneg[:k])


def _bce_logits_total(t: np.ndarray, z: np.ndarray, check) -> float:
    """The sum of the element-wise loss of the 1-D arrays ``t``, ``z``, block by block, each
    checked by ``check`` first, without an array of n values; inf if the sum overflows."""
    size = min(z.size, BLOCK)
    values, scratch = work_buffer(size, 0), work_buffer(size, 1)
    nonneg = np.empty(size, dtype=bool)
    total = 0.0
    with np.errstate(over="ignore"):  # an overflowing sum is diagnosed by the caller
        for part in blocks(z.size):
            k = part.stop - part.start
            check(t[part], z[part])
            _bce_logits_block(t[part], z[part], values[:k], scratch[:k], nonneg[:k])
            total += float(np.add.reduce(values[:k]))
    return total


def _bce_logits_block(t, z, out, scratch, nonneg) -> None:
    """``out`` := ([z >= 0] - t) z + log1p(exp(-|z|)), the loss max(z, 0) - t z + ...,
    in place on ``out`` and the work arrays ``scratch`` (float) and ``nonneg`` (bool), all
    1-D and the size of ``z``: fresh temporaries would cost as much as the arithmetic."""
    _step_minus_t(z, t, out, nonneg)
    out *= z  # exact for hard labels (0, z or -z), and no cancellation for soft ones
    _minus_abs(z, out=scratch)
    np.exp(scratch, out=scratch)  # exp(-|z|) <= 1: never overflows
    out += np.log1p(scratch, out=scratch)


#: The sign bit of a float64, as the uint64 with the same bits.
_SIGN_BIT = np.uint64(1 << 63)


def _minus_abs(z: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``out`` := -|z| for 1-D float64 arrays: ``z`` with its sign bit set, one integer
    pass (``np.copysign(z, -1.0)`` gives the same bits at three times the cost)."""
    np.bitwise_or(z.view(np.uint64), _SIGN_BIT, out=out.view(np.uint64))
    return out


def _step_minus_t(z, t, out, nonneg) -> np.ndarray:
    """``out`` := [z >= 0] - t, read from the sign bit of ``z`` (so -0.0 counts as negative,
    as in :func:`np.copysign`); exact for hard labels. ``nonneg`` is a bool work array."""
    np.signbit(z, out=nonneg)
    np.logical_not(nonneg, out=nonneg)
    np.copyto(out, nonneg)  # then a float subtraction: bool - float costs twice as much
    out -= t
    return out


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
    t, z, reduction, check = _binary_logit_inputs(y_true, logits, reduction)
    grad = np.empty(z.shape)  # C order, so that reshape(-1) is a view
    g_all, t_all, z_all = grad.reshape(-1), t.reshape(-1), z.reshape(-1)
    # Block by block (see BLOCK), in place on two work arrays: fresh temporaries of the
    # full size would cost as much as the arithmetic.
    size = min(z.size, BLOCK)
    tail_buffer, nonneg_buffer = work_buffer(size, 0), np.empty(size, dtype=bool)
    scale = 1.0 / z.size  # within an ulp of dividing by n; a division costs 4 times as much
    for part in blocks(z.size):
        k = part.stop - part.start
        g, t, z = g_all[part], t_all[part], z_all[part]
        check(t, z)
        tail = _minus_abs(z, out=tail_buffer[:k])
        np.exp(tail, out=tail)
        np.add(tail, 1.0, out=g)
        tail /= g  # sigmoid(-|z|): tiny but to full precision for large |z|
        # sigmoid(z) = [z >= 0] - sign(z) sigmoid(-|z|); both factors read the sign bit, so
        # z = -0.0 is consistent, and no np.where (slow on random masks) is needed.
        # sign(z) sigmoid(-|z|) is np.copysign(tail, z) (tail >= +0), done on the bits:
        # the sign bit of z, or-ed into tail (a third of np.copysign's cost).
        sign = np.bitwise_and(z.view(np.uint64), _SIGN_BIT, out=g.view(np.uint64))
        np.bitwise_or(tail.view(np.uint64), sign, out=tail.view(np.uint64))
        _step_minus_t(z, t, g, nonneg_buffer[:k])  # [z >= 0] - y: exact for hard labels
        g -= tail
        if reduction == "mean":
            g *= scale
    return grad


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


def _categorical_prob_inputs(y_true, probs, reduction) -> tuple:
    t, p, reduction = categorical_inputs(y_true, probs, "probs", reduction)
    check_probabilities(p, "probs")
    # float32/float16 rows are rounded where they were made: the tolerance follows their dtype
    check_rows_sum_to_one(p, "probs", dtype=source_dtype(probs))
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
    t, p, reduction = _categorical_prob_inputs(y_true, probs, reduction)
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
    t, p, reduction = _categorical_prob_inputs(y_true, probs, reduction)
    if t.ndim == 1:
        t = one_hot(t, p.shape[1])
    # 0.0 - x rather than -x, so that classes with t = 0 get +0.0, not -0.0
    return reduce_grad(0.0 - t / p, reduction, p.shape[0])


def _shifted_and_exp_rest(z: np.ndarray, *, exp_in_place: bool = False) -> tuple:
    """Return ``(s, rest, top)``: ``z`` minus its row maxima (exponentiated if asked, with the
    maximum's entry set to 0), the rows' sums of exp over the other entries, and the column of
    each row's maximum.

    The sum of exp(z - max) is ``1 + rest``; keeping ``rest`` apart lets log-sum-exp be
    ``log1p(rest)``, exact to rounding when the other classes are far below the maximum
    (``log(1 + rest)`` rounds rest < 1.1e-16 to 0 and loses digits well before that).
    """
    rows = np.arange(z.shape[0])
    top = z.argmax(axis=1)  # argmax and a gather are cheaper than max(axis=1)
    # With the row maximum subtracted every exp() is <= 1, so nothing overflows.
    with np.errstate(over="ignore"):  # a gap beyond float64: -inf, exp 0, a loss refused
        shifted = z - z[rows, top][:, None]
    e = np.exp(shifted, out=shifted) if exp_in_place else np.exp(shifted)
    e[rows, top] = 0.0  # exp(0) = 1, counted apart
    # a matrix-vector product sums short rows several times faster than e.sum(axis=1)
    return shifted, e @ np.ones(z.shape[1]), top


def _categorical_logit_inputs(y_true, logits, label_smoothing, reduction) -> tuple:
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
    Computed as :func:`log_softmax` is (log-sum-exp with the row maximum subtracted, the
    maximum's term kept apart as :math:`\operatorname{log1p}` of the others' sum), never from
    probabilities, so it is finite for logits of any finite size and accurate to a few
    roundings: a confident right answer ``[[30, 0]]`` costs :math:`9.3576 \times 10^{-14}`,
    ``[[40, 0]]`` :math:`4.25 \times 10^{-18}`, not 0. With class indices and no smoothing it
    is :math:`\operatorname{logsumexp}(z_i) - z_{i, y_i}`.

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
    t, z, eps, reduction = _categorical_logit_inputs(y_true, logits, label_smoothing, reduction)
    values = np.empty(z.shape[0])
    for part in row_blocks(z.shape):  # temporaries of a block stay in cache (see BLOCK)
        values[part] = _cce_logits_values(t[part], z[part], eps)
    return reduce(values, reduction)


def _cce_logits_values(t: np.ndarray, z: np.ndarray, eps: float) -> np.ndarray:
    """The loss of each row of ``z`` (n, k) for targets ``t``, smoothed by ``eps``."""
    n, k = z.shape
    shifted, rest, _ = _shifted_and_exp_rest(z)
    log_sum = np.log1p(rest)  # log-sum-exp of the shifted row: finite, >= 0, to full precision
    if t.ndim == 1:
        # -log softmax(z)_y = log_sum - shifted_y; the (n, k) log-softmax is never formed
        values = log_sum - shifted[np.arange(n), t]
        if eps:
            mean_log_p = shifted @ np.full(k, 1.0 / k) - log_sum
            values = (1.0 - eps) * values - eps * mean_log_p
    else:
        shifted -= log_sum[:, None]  # now the log-softmax
        values = -np.einsum("ij,ij->i", (1.0 - eps) * t + eps / k, shifted)
    return values


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
    t, z, eps, reduction = _categorical_logit_inputs(y_true, logits, label_smoothing, reduction)
    grad = np.empty(z.shape)
    for part in row_blocks(z.shape):  # temporaries of a block stay in cache (see BLOCK)
        block = _cce_logits_grad_of_sum(t[part], z[part], eps)
        grad[part] = reduce_grad(block, reduction, z.shape[0])
    return grad


def _cce_logits_grad_of_sum(t: np.ndarray, z: np.ndarray, eps: float) -> np.ndarray:
    """The gradient of the summed loss over the rows of ``z`` (n, k), targets ``t``."""
    n, k = z.shape
    g, rest, top = _shifted_and_exp_rest(z, exp_in_place=True)
    row_sums = 1.0 + rest
    g /= row_sums[:, None]  # the softmax, 0 at each row's maximum for now
    rows = np.arange(n)
    if t.ndim == 1:
        target_at_top = np.where(t == top, 1.0 - eps, 0.0)
        g[rows, t] -= 1.0 - eps
        if eps:
            g -= eps / k
    else:
        target_at_top = (1.0 - eps) * t[rows, top]
        g -= (1.0 - eps) * t + eps / k
    # At the maximum, softmax - target = (1 - target) - rest / (1 + rest): for a confident
    # right answer that is -rest / (1 + rest) to full precision, not 1/(1 + rest) - 1 rounded.
    g[rows, top] = (1.0 - target_at_top - eps / k) - rest / row_sums
    return g
