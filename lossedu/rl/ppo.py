"""The terms of PPO's objective: the clipped surrogate loss and the entropy bonus.

REINFORCE (:mod:`lossedu.rl.policy_gradient`) follows one sample's gradient as far as the
learning rate says, and a large step can wreck a good policy. Proximal policy optimisation
reuses a batch of samples for several updates and removes the incentive to move the policy's
probability ratio :math:`\\rho = \\pi_\\theta(a \\mid s) / \\pi_{\\text{old}}(a \\mid s)`
beyond :math:`[1 - \\epsilon, 1 + \\epsilon]`: :func:`~lossedu.rl.ppo_clip_loss` and its
gradient :func:`~lossedu.rl.ppo_clip_loss_grad` (Schulman et al. 2017). The
:func:`~lossedu.rl.entropy` of the policy, subtracted from the loss with a small weight,
rewards keeping several actions possible (the entropy bonus of A2C and PPO).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    check_axis,
    check_in_interval,
    check_probabilities,
    check_reduction,
    check_rows_sum_to_one,
    check_same_shape,
    reduce,
    reduce_grad,
    source_dtype,
)

__all__ = ["entropy", "entropy_grad", "ppo_clip_loss", "ppo_clip_loss_grad"]


def _ppo_inputs(ratio, advantages, clip, reduction) -> tuple:
    reduction = check_reduction(reduction)
    rho = as_float_array(ratio, "ratio")
    adv = as_float_array(advantages, "advantages")
    check_same_shape(rho, adv, "ratio", "advantages")
    if np.any(rho < 0.0):
        raise ValueError(
            f"ratio must be >= 0 (a ratio of two probabilities, pi_new(a) / pi_old(a)), got "
            f"{rho[rho < 0.0].ravel()[0]:g}. Compute it as np.exp(logp_new - logp_old)."
        )
    clip = check_in_interval(
        clip, "clip", 0.0, 1.0, high_open=True, hint=" PPO uses values such as 0.1 or 0.2."
    )
    if clip == 0.0:
        raise ValueError("clip must lie in (0, 1), got 0.0. PPO uses values such as 0.1 or 0.2.")
    return rho, adv, clip, reduction


def _surrogates(rho, adv, clip) -> tuple[np.ndarray, np.ndarray]:
    """The unclipped and clipped terms rho * A and clip(rho, 1 - eps, 1 + eps) * A."""
    with np.errstate(over="ignore"):  # an overflow of rho * A is refused by the reduction
        return rho * adv, np.clip(rho, 1.0 - clip, 1.0 + clip) * adv


def ppo_clip_loss(
    ratio: npt.ArrayLike,
    advantages: npt.ArrayLike,
    *,
    clip: float = 0.2,
    reduction: str = "mean",
) -> float | np.ndarray:
    r"""PPO's clipped surrogate loss: minus the pessimistic of the plain and clipped gains.

    .. math::

        L(\rho) = -\frac{1}{n} \sum_{i=1}^{n}
        \min\bigl(\rho_i A_i,\; \operatorname{clip}(\rho_i, 1 - \epsilon, 1 + \epsilon)\, A_i\bigr)

    Parameters
    ----------
    ratio : array_like, any shape
        The probability ratios :math:`\rho_i = \pi_\theta(a_i \mid s_i) /
        \pi_{\text{old}}(a_i \mid s_i) \ge 0` of the actions taken.
    advantages : array_like, shape of ``ratio``
        The advantage estimates :math:`A_i`, constants of the update.
    clip : float, default 0.2
        :math:`\epsilon \in (0, 1)`, the half-width of the trusted band of ratios.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements; ``"none"`` gives one value per
        element.

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    At :math:`\rho = 1` (the policy that collected the data) the loss and its gradient
    equal those of the plain surrogate :math:`-\rho A`, whose gradient is the policy
    gradient. The minimum keeps the clipped term only where it is the smaller gain: for
    :math:`A > 0` once :math:`\rho > 1 + \epsilon`, for :math:`A < 0` once
    :math:`\rho < 1 - \epsilon`. There the loss is flat, so nothing pushes the ratio further;
    where moving back would help, the unclipped term still acts. Finite for any finite
    inputs whose products :math:`\rho A` stay below float64's limit (larger ones raise).

    References
    ----------
    Schulman, J., Wolski, F., Dhariwal, P., Radford, A., & Klimov, O. (2017). Proximal
    policy optimization algorithms. *arXiv:1707.06347*.

    Examples
    --------
    >>> ppo_clip_loss([1.5, 0.5], [1.0, 1.0])  # -(min(1.5, 1.2) + min(0.5, 0.8)) / 2
    -0.85
    """
    rho, adv, clip, reduction = _ppo_inputs(ratio, advantages, clip, reduction)
    plain, clipped = _surrogates(rho, adv, clip)
    return reduce(-np.minimum(plain, clipped), reduction, "the PPO loss")


def ppo_clip_loss_grad(
    ratio: npt.ArrayLike,
    advantages: npt.ArrayLike,
    *,
    clip: float = 0.2,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`ppo_clip_loss` with respect to the ratios.

    .. math::

        \frac{\partial L}{\partial \rho_i} = \begin{cases}
            -A_i / n & \text{if } \rho_i A_i \le \operatorname{clip}(\rho_i, 1 - \epsilon,
                        1 + \epsilon) A_i \\
            0 & \text{otherwise (the clipped term is the smaller one)}
        \end{cases}

    Parameters
    ----------
    ratio, advantages, clip, reduction
        As for :func:`ppo_clip_loss` (without the :math:`1/n` for ``"sum"`` and ``"none"``).

    Returns
    -------
    numpy.ndarray, shape of ``ratio``

    Notes
    -----
    At a tie (inside the band, or on its edge) the unclipped term's slope :math:`-A_i` is
    used, as PyTorch's autograd gives there. The gradient with respect to the policy's
    parameters follows by the chain rule, :math:`\partial \rho / \partial \theta = \rho\,
    \nabla_\theta \log \pi_\theta(a)`.

    Examples
    --------
    >>> ppo_clip_loss_grad([1.5, 0.5], [1.0, 1.0])  # clipped (flat), then unclipped
    array([ 0. , -0.5])
    """
    rho, adv, clip, reduction = _ppo_inputs(ratio, advantages, clip, reduction)
    plain, clipped = _surrogates(rho, adv, clip)
    grad = np.where(plain <= clipped, -adv, 0.0)
    return reduce_grad(grad, reduction, rho.size)


def _entropy_inputs(probs, axis) -> tuple[np.ndarray, int]:
    p = as_float_array(probs, "probs")
    if p.ndim == 0:
        raise ValueError(
            "probs must hold at least one distribution (a 1-D array, or rows along axis), "
            "got a single number."
        )
    axis = check_axis(axis, p.ndim)
    check_probabilities(p, "probs")
    rows = np.moveaxis(p, axis, -1).reshape(-1, p.shape[axis])
    check_rows_sum_to_one(rows, "probs", dtype=source_dtype(probs))
    return p, axis


def entropy(probs: npt.ArrayLike, *, axis: int = -1) -> float | np.ndarray:
    r"""The Shannon entropy of each distribution, in nats, with :math:`0 \log 0 = 0`.

    .. math::

        H(p) = -\sum_{a} p_a \log p_a

    Parameters
    ----------
    probs : array_like
        Probabilities in [0, 1] that sum to 1 along ``axis`` (within 1e-6 in float64).
    axis : int, default -1
        The axis that holds each distribution.

    Returns
    -------
    float or numpy.ndarray
        A float for a single distribution (1-D ``probs``), else an array with ``axis``
        removed: one entropy per distribution.

    Notes
    -----
    :math:`p \log p \to 0` as :math:`p \to 0`, so zero probabilities contribute 0 (the log
    is never taken of 0). :math:`H` lies in :math:`[0, \log k]` for k actions: 0 for a
    deterministic policy, :math:`\log k` for the uniform one. In an actor-critic or PPO loss
    it enters as :math:`-\beta H` (an entropy bonus) so that minimising the loss keeps the
    policy from collapsing onto one action too early (Williams & Peng 1991; Mnih et al. 2016).

    References
    ----------
    Shannon, C. E. (1948). A mathematical theory of communication. *Bell System Technical
    Journal*, 27(3), 379-423.
    Williams, R. J., & Peng, J. (1991). Function optimization using connectionist
    reinforcement learning algorithms. *Connection Science*, 3(3), 241-268.
    Mnih, V., et al. (2016). Asynchronous methods for deep reinforcement learning. *ICML*.

    Examples
    --------
    >>> round(entropy([0.5, 0.5]), 6)  # log 2
    0.693147
    >>> entropy([[1.0, 0.0], [0.25, 0.75]]).round(6)
    array([0.      , 0.562335])
    """
    p, axis = _entropy_inputs(probs, axis)
    safe = np.where(p > 0.0, p, 1.0)  # log(1) = 0 where p = 0: avoids 0 * log 0 = NaN
    h = -np.sum(p * np.log(safe), axis=axis)
    h = np.maximum(h, 0.0)  # rounding can leave -0.0 or -1e-17 for a one-hot row
    return float(h) if h.ndim == 0 else h


def entropy_grad(probs: npt.ArrayLike, *, axis: int = -1) -> np.ndarray:
    r"""Gradient of :func:`entropy` with respect to the probabilities, shape of ``probs``.

    .. math::

        \frac{\partial H}{\partial p_a} = -(\log p_a + 1)

    For several distributions this is the gradient of the sum of their entropies.

    Parameters
    ----------
    probs, axis
        As for :func:`entropy`; every probability must be > 0.

    Returns
    -------
    numpy.ndarray, shape of ``probs``

    Notes
    -----
    The derivative grows without bound as :math:`p_a \to 0`, so a zero probability raises
    ValueError. Through a softmax policy :math:`p = \operatorname{softmax}(z)`, the chain
    rule gives the bounded :math:`\partial H / \partial z_a = -p_a (\log p_a + H)`.

    Examples
    --------
    >>> entropy_grad([0.5, 0.5])  # -(log 0.5 + 1)
    array([-0.30685282, -0.30685282])
    """
    p, _ = _entropy_inputs(probs, axis)
    if np.any(p == 0.0):
        raise ValueError(
            "entropy_grad needs every probability > 0: the derivative -(log p + 1) is "
            "+inf at p = 0. Differentiate through the logits instead (dH/dz = -p * (log p + "
            "H)), or clip, e.g. np.clip(probs, 1e-12, 1)."
        )
    return -(np.log(p) + 1.0)
