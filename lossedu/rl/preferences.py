"""Learning a reward from preferences: the Bradley-Terry loss of a reward model.

When people compare two answers instead of scoring them, a reward model :math:`r` is fitted
so that the preferred ("chosen") answer gets the higher reward: the probability that it wins
is :math:`\\sigma(r_{\\text{chosen}} - r_{\\text{rejected}})` (Bradley & Terry 1952), and
:func:`~lossedu.rl.bradley_terry_loss` is minus its log, the binary cross-entropy of that
comparison with label 1. It is the reward-model loss of learning from human feedback
(Christiano et al. 2017; Ouyang et al. 2022).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu import losses
from lossedu._validation import (
    as_float_array,
    check_choice,
    check_reduction,
    check_same_shape,
    reduce,
    reduce_grad,
)

__all__ = ["bradley_terry_loss", "bradley_terry_loss_grad"]


def _margins(r_chosen, r_rejected, reduction) -> tuple[np.ndarray, str]:
    reduction = check_reduction(reduction)
    c = as_float_array(r_chosen, "r_chosen")
    r = as_float_array(r_rejected, "r_rejected")
    check_same_shape(c, r, "r_chosen", "r_rejected")
    with np.errstate(over="ignore"):  # |c - r| beyond 1.8e308 becomes inf: handled below
        return c - r, reduction


def bradley_terry_loss(
    r_chosen: npt.ArrayLike, r_rejected: npt.ArrayLike, *, reduction: str = "mean"
) -> float | np.ndarray:
    r"""The Bradley-Terry loss of a reward model: minus the log-probability of each preference.

    .. math::

        L = \frac{1}{n} \sum_{i=1}^{n} \log\bigl(1 + e^{-(r^{c}_i - r^{r}_i)}\bigr)
          = -\frac{1}{n} \sum_{i=1}^{n} \log \sigma(r^{c}_i - r^{r}_i)

    Parameters
    ----------
    r_chosen : array_like, any shape
        The rewards :math:`r^c_i` of the preferred answers.
    r_rejected : array_like, shape of ``r_chosen``
        The rewards :math:`r^r_i` of the answers they were preferred to.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of pairs; ``"none"`` gives one value per pair.

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    Computed as ``np.logaddexp(0, -d)`` of the margin :math:`d = r^c - r^r`, never as
    ``log(1 + exp(-d))``, which overflows for :math:`d < -709` and rounds to 0 for
    :math:`d > 37`: the loss is :math:`\approx -d` for a large negative margin and
    :math:`\approx e^{-d}` for a large positive one, finite for every finite margin. This is
    :func:`lossedu.losses.binary_cross_entropy_with_logits` with logit :math:`d` and label 1.
    Only differences of rewards matter: adding a constant to both leaves the loss unchanged.

    References
    ----------
    Bradley, R. A., & Terry, M. E. (1952). Rank analysis of incomplete block designs: I. The
    method of paired comparisons. *Biometrika*, 39(3/4), 324-345.
    Christiano, P. F., Leike, J., Brown, T., Martic, M., Legg, S., & Amodei, D. (2017). Deep
    reinforcement learning from human preferences. *NeurIPS*.
    Ouyang, L., et al. (2022). Training language models to follow instructions with human
    feedback. *NeurIPS*.

    Examples
    --------
    >>> round(bradley_terry_loss([1.0], [1.0]), 6)  # log 2: a coin flip
    0.693147
    >>> bradley_terry_loss([0.0, 2e4], [1e4, 0.0], reduction="none")  # 1e4 and e^(-2e4)
    array([10000.,     0.])
    """
    d, reduction = _margins(r_chosen, r_rejected, reduction)
    return reduce(np.logaddexp(0.0, -d), reduction, "the Bradley-Terry loss")


def bradley_terry_loss_grad(
    r_chosen: npt.ArrayLike,
    r_rejected: npt.ArrayLike,
    *,
    wrt: str = "rejected",
    reduction: str = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`bradley_terry_loss` with respect to one of the two rewards.

    .. math::

        \frac{\partial L}{\partial r^{r}_i} = \frac{\sigma(r^{r}_i - r^{c}_i)}{n}
        = -\frac{\partial L}{\partial r^{c}_i}

    Parameters
    ----------
    r_chosen, r_rejected, reduction
        As for :func:`bradley_terry_loss` (without the :math:`1/n` for ``"sum"`` and
        ``"none"``).
    wrt : {"rejected", "chosen"}, default "rejected"
        The argument to differentiate by: the second one, as for every ``_grad`` of
        lossedu, or the first.

    Returns
    -------
    numpy.ndarray, shape of ``r_chosen``

    Notes
    -----
    :math:`\sigma(r^r - r^c)` is the model's probability that the preference is the other
    way round: pairs the model already ranks right by a wide margin contribute almost
    nothing, as in logistic regression. The sigmoid is evaluated without overflow
    (:func:`lossedu.losses.sigmoid`).

    Examples
    --------
    >>> bradley_terry_loss_grad([1.0, 3.0], [1.0, 3.0])  # sigma(0) / 2
    array([0.25, 0.25])
    >>> bradley_terry_loss_grad([1.0, 3.0], [1.0, 3.0], wrt="chosen")
    array([-0.25, -0.25])
    """
    wrt = check_choice(wrt, "wrt", ("rejected", "chosen"))
    d, reduction = _margins(r_chosen, r_rejected, reduction)
    # a margin beyond +-800 gives sigmoid 0 or 1 exactly in float64; clipping also maps the
    # inf of an overflowing difference of two finite rewards onto that limit
    grad = losses.sigmoid(np.clip(-d, -800.0, 800.0))
    grad = grad if wrt == "rejected" else -grad
    return reduce_grad(grad, reduction, d.size)
