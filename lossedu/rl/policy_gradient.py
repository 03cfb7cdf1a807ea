"""Policy-gradient losses: REINFORCE on a softmax policy, and its run on a bandit.

A supervised loss compares predictions with fixed labels. Here the data come from the
agent's own behaviour, so the "loss" is a device whose gradient points the right way:
:func:`~lossedu.rl.reinforce_loss` is :math:`-\\log \\pi_\\theta(a)\\,(r - b)` for a softmax
policy (REINFORCE, Williams 1992); its gradient :func:`~lossedu.rl.reinforce_grad` is an
unbiased estimate of minus the gradient of the expected reward, for any baseline :math:`b`
that does not depend on the action taken. :func:`~lossedu.rl.reinforce_bandit` runs the rule
on a :class:`~lossedu.environments.Bandit`. PPO's clipped surrogate and the entropy bonus
are in :mod:`lossedu.rl.ppo`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lossedu import losses
from lossedu._validation import (
    as_float_array,
    as_rng,
    check_int,
    check_positive,
    check_reduction,
    reduce,
    reduce_grad,
)

__all__ = [
    "BanditRuns",
    "reinforce_bandit",
    "reinforce_grad",
    "reinforce_loss",
    "softmax_policy",
]


def _logits(logits) -> np.ndarray:
    z = as_float_array(logits, "logits")
    if z.ndim != 1 or z.size < 2:
        raise ValueError(
            f"logits must be 1-D with one preference per action (at least 2), got shape {z.shape}."
        )
    return z


def softmax_policy(logits: npt.ArrayLike) -> np.ndarray:
    r"""The probabilities :math:`\pi(a) = e^{\theta_a} / \sum_b e^{\theta_b}` of each action.

    Parameters
    ----------
    logits : array_like, shape (k,)
        One preference :math:`\theta_a` per action.

    Returns
    -------
    numpy.ndarray, shape (k,)

    Examples
    --------
    >>> softmax_policy([0.0, 0.0, np.log(2.0)])
    array([0.25, 0.25, 0.5 ])
    """
    return losses.softmax(_logits(logits))


def _pulls(actions, rewards, logits, baseline) -> tuple:
    """Validated (a, r, b, theta, scalar) with a (n,) int, r and b (n,) float."""
    theta = _logits(logits)
    scalar = np.ndim(actions) == 0
    a = np.atleast_1d(as_float_array(actions, "actions"))
    r = np.atleast_1d(as_float_array(rewards, "rewards"))
    if a.ndim != 1 or a.shape != r.shape:
        raise ValueError(
            f"actions and rewards must be one value each or 1-D of the same length, got "
            f"shapes {np.shape(actions)} and {np.shape(rewards)}."
        )
    if np.any((a != np.round(a)) | (a < 0) | (a >= theta.size)):
        raise ValueError(
            f"actions must be whole numbers in [0, {theta.size - 1}] (one per logit), got "
            f"{a[(a != np.round(a)) | (a < 0) | (a >= theta.size)][0]:g}."
        )
    b = np.atleast_1d(as_float_array(baseline, "baseline"))
    if b.size == 1:
        b = np.full(r.shape, b[0])
    elif b.shape != r.shape:
        raise ValueError(
            f"baseline must be one number or one per reward, got shape {b.shape} for "
            f"{r.size} rewards."
        )
    return a.astype(np.intp), r, b, theta, scalar


def reinforce_loss(
    actions: npt.ArrayLike,
    rewards: npt.ArrayLike,
    logits: npt.ArrayLike,
    *,
    baseline: float | npt.ArrayLike = 0.0,
    reduction: str = "mean",
) -> float | np.ndarray:
    r"""The REINFORCE surrogate loss of a softmax policy: :math:`-\log \pi(a)\,(r - b)`.

    .. math::

        L(\theta) = -\frac{1}{n}\sum_{i=1}^{n} \log \pi_\theta(a_i)\,(r_i - b_i)

    Its value is not a measure of performance (it can be negative, and it changes when the
    rewards are shifted); only its gradient matters.

    Parameters
    ----------
    actions : int or array_like of int, shape (n,)
        The actions taken, each in 0 .. k - 1.
    rewards : float or array_like, shape (n,)
        The reward received after each action.
    logits : array_like, shape (k,)
        The policy's preferences :math:`\theta`.
    baseline : float or array_like, shape (n,), default 0.0
        Subtracted from each reward; held fixed (no gradient flows through it).
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"`` gives one value per pull.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    Williams, R. J. (1992). Simple statistical gradient-following algorithms for
    connectionist reinforcement learning. *Machine Learning*, 8(3), 229-256.

    Examples
    --------
    >>> round(reinforce_loss(0, 1.0, [0.0, 0.0]), 6)  # -log(1/2) * 1
    0.693147
    """
    reduction = check_reduction(reduction)
    a, r, b, theta, scalar = _pulls(actions, rewards, logits, baseline)
    values = -losses.log_softmax(theta)[a] * (r - b)
    if scalar and reduction == "none":
        return values  # shape (1,)
    return reduce(values, reduction)


def reinforce_grad(
    actions: npt.ArrayLike,
    rewards: npt.ArrayLike,
    logits: npt.ArrayLike,
    *,
    baseline: float | npt.ArrayLike = 0.0,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`reinforce_loss` with respect to the logits.

    .. math::

        \frac{\partial}{\partial \theta}\bigl[-\log \pi_\theta(a)\,(r - b)\bigr]
        = -(r - b)\,\bigl(e_a - \pi_\theta\bigr)

    where :math:`e_a` is the one-hot vector of action :math:`a`.

    Parameters
    ----------
    actions, rewards, logits, baseline
        As for :func:`reinforce_loss`.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` and ``"sum"`` give shape (k,); ``"none"`` one gradient per pull, (n, k).

    Returns
    -------
    numpy.ndarray

    Notes
    -----
    Averaged over actions drawn from :math:`\pi`, this is
    :math:`-\nabla_\theta \sum_a \pi_\theta(a)\,\mu_a`, minus the gradient of the expected
    reward, whatever the baseline (because :math:`\sum_a \pi(a)(e_a - \pi) = 0`). A good
    baseline lowers the variance of the estimate, not its mean (Williams 1992; Sutton &
    Barto 2018, section 2.8).

    Examples
    --------
    >>> reinforce_grad(0, 1.0, [0.0, 0.0])  # -(1 - 0) * ([1, 0] - [0.5, 0.5])
    array([-0.5,  0.5])
    """
    reduction = check_reduction(reduction)
    a, r, b, theta, _ = _pulls(actions, rewards, logits, baseline)
    one_hot = np.zeros((a.size, theta.size))
    one_hot[np.arange(a.size), a] = 1.0
    per_pull = -(r - b)[:, None] * (one_hot - losses.softmax(theta))
    if reduction == "none":
        return per_pull
    return reduce_grad(per_pull.sum(axis=0), reduction, a.size)


@dataclass(frozen=True, eq=False)
class BanditRuns:
    """What :func:`reinforce_bandit` recorded, one row per run.

    Attributes
    ----------
    rewards : ndarray, shape (n_runs, steps)
        The reward of each pull.
    actions : ndarray of int, shape (n_runs, steps)
    best_prob : ndarray, shape (n_runs, steps + 1)
        The policy's probability of the best arm before each pull and after the last.
    logits : ndarray, shape (n_runs, k)
        The final preferences.
    """

    rewards: np.ndarray
    actions: np.ndarray
    best_prob: np.ndarray
    logits: np.ndarray

    def __repr__(self) -> str:
        n, steps = self.rewards.shape
        return f"BanditRuns({n} runs of {steps} steps)"


def reinforce_bandit(
    bandit,
    *,
    steps: int,
    lr: float,
    baseline: bool = True,
    n_runs: int = 1,
    rng: int | np.random.Generator | None = None,
) -> BanditRuns:
    r"""Learn a softmax policy on a bandit with REINFORCE, in ``n_runs`` independent runs.

    Each step samples :math:`a \sim \pi_\theta`, draws a reward, and takes one SGD step
    :math:`\theta \leftarrow \theta - \eta\,\nabla_\theta[-\log\pi_\theta(a)(r - b)]`
    (:func:`reinforce_grad`). With ``baseline=True``, :math:`b` is the average of the
    rewards received *before* this step (0 at the first step); else :math:`b = 0`.

    Parameters
    ----------
    bandit : lossedu.datasets.Bandit
        Only its means, reward kind and noise are used: the runs draw their actions and
        rewards from ``rng``, all runs at once.
    steps : int
    lr : float > 0
    baseline : bool, default True
    n_runs : int, default 1
    rng : int, Generator or None

    Returns
    -------
    BanditRuns

    Examples
    --------
    >>> from lossedu.datasets import Bandit
    >>> runs = reinforce_bandit(Bandit(3, means=[0.0, 1.0, 0.5], rng=0), steps=200, lr=0.5,
    ...                         n_runs=4, rng=0)
    >>> runs.best_prob.shape, bool(runs.best_prob[:, -1].mean() > 0.5)
    ((4, 201), True)
    """
    if not all(hasattr(bandit, name) for name in ("true_means", "rewards", "reward_std")):
        raise TypeError(f"bandit must be a lossedu.datasets.Bandit, got {type(bandit).__name__}.")
    steps, n_runs = check_int(steps, "steps"), check_int(n_runs, "n_runs")
    lr = check_positive(lr, "lr")
    if not isinstance(baseline, bool):
        raise TypeError(f"baseline must be True or False, got {baseline!r}.")
    rng = as_rng(rng)
    means, k = bandit.true_means, bandit.true_means.size
    best = int(np.argmax(means))
    theta = np.zeros((n_runs, k))
    mean_reward = np.zeros(n_runs)
    rewards = np.empty((n_runs, steps))
    actions = np.empty((n_runs, steps), dtype=np.intp)
    best_prob = np.empty((n_runs, steps + 1))
    for t in range(steps):
        e = np.exp(theta - theta.max(axis=1, keepdims=True))  # softmax, no overflow
        pi = e / e.sum(axis=1, keepdims=True)
        best_prob[:, t] = pi[:, best]
        # inverse-CDF sampling, one uniform per run (the last edge forced to 1 against rounding)
        cdf = np.cumsum(pi, axis=1)
        cdf[:, -1] = 1.0
        a = np.argmax(rng.random(n_runs)[:, None] < cdf, axis=1)
        if bandit.rewards == "gaussian":
            r = rng.normal(means[a], bandit.reward_std)
        else:
            r = (rng.random(n_runs) < means[a]).astype(np.float64)
        b = mean_reward if baseline else 0.0
        grad = -(r - b)[:, None] * (np.eye(k)[a] - pi)  # reinforce_grad, one row per run
        theta = theta - lr * grad
        mean_reward = mean_reward + (r - mean_reward) / (t + 1)
        rewards[:, t], actions[:, t] = r, a
    best_prob[:, steps] = losses.softmax(theta, axis=1)[:, best]
    return BanditRuns(rewards, actions, best_prob, theta)
