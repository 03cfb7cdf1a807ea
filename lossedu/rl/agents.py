"""Small learners that combine the losses of :mod:`lossedu.rl` on the chapter's environments.

- :func:`~lossedu.rl.actor_critic_bandit`: a softmax policy on a
  :class:`~lossedu.environments.Bandit` whose baseline is a learned value (the critic, fitted
  to the rewards with the squared loss), with an optional entropy bonus;
- :func:`~lossedu.rl.actor_critic_chain`: a left/right policy on the random-walk chain,
  trained either by REINFORCE on the Monte Carlo return or by actor-critic on the TD error;
- :func:`~lossedu.rl.ppo_bandit_epochs`: several gradient steps on one batch of bandit pulls,
  on the plain or PPO's clipped surrogate (Schulman et al. 2017).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lossedu import losses
from lossedu._validation import (
    as_float_array,
    as_rng,
    check_in_interval,
    check_int,
    check_positive,
)
from lossedu.rl.ppo import ppo_clip_loss_grad

__all__ = [
    "ActorCriticRuns",
    "actor_critic_bandit",
    "actor_critic_chain",
    "chain_policy_value",
    "ppo_bandit_epochs",
]


def _softmax_rows(theta: np.ndarray) -> np.ndarray:
    e = np.exp(theta - theta.max(axis=-1, keepdims=True))  # shifted: exp cannot overflow
    return e / e.sum(axis=-1, keepdims=True)


def _entropy_rows(pi: np.ndarray) -> np.ndarray:
    safe = np.where(pi > 0.0, pi, 1.0)  # 0 log 0 = 0
    return -np.sum(pi * np.log(safe), axis=-1)


@dataclass(frozen=True, eq=False)
class ActorCriticRuns:
    """What :func:`~lossedu.rl.actor_critic_bandit` recorded, one row per run.

    Attributes
    ----------
    rewards : ndarray, shape (n_runs, steps)
    best_prob : ndarray, shape (n_runs, steps + 1)
        The policy's probability of the best arm before each pull and after the last.
    entropy : ndarray, shape (n_runs, steps + 1)
        The policy's entropy (nats) before each pull and after the last.
    values : ndarray, shape (n_runs, steps + 1)
        The critic's estimate of the expected reward (0 throughout without a critic).
    """

    rewards: np.ndarray
    best_prob: np.ndarray
    entropy: np.ndarray
    values: np.ndarray

    def __repr__(self) -> str:
        n, steps = self.rewards.shape
        return f"ActorCriticRuns({n} runs of {steps} steps)"


def actor_critic_bandit(
    bandit,
    *,
    steps: int,
    lr: float,
    lr_value: float | None = 0.1,
    beta: float = 0.0,
    n_runs: int = 1,
    rng: int | np.random.Generator | None = None,
) -> ActorCriticRuns:
    r"""Learn a bandit with a softmax actor and a learned value baseline (the critic).

    Each step samples :math:`a \sim \pi_\theta`, draws :math:`r`, and takes one gradient
    step on each of

    .. math::

        L_{\text{actor}} = -\log\pi_\theta(a)\,A - \beta\,H(\pi_\theta), \qquad
        L_{\text{critic}} = \tfrac12\,(r - V)^2, \qquad A = r - V,

    the advantage :math:`A` held fixed in the actor's loss. With ``lr_value=None`` there is
    no critic: :math:`V = 0` (REINFORCE without a baseline).

    Parameters
    ----------
    bandit : lossedu.datasets.Bandit
        Only its means, reward kind and noise are used; the draws come from ``rng``.
    steps : int
    lr : float > 0
        The actor's step size.
    lr_value : float in (0, 1] or None, default 0.1
        The critic's step size (:math:`V \leftarrow V + \eta_V (r - V)`), or None.
    beta : float >= 0, default 0.0
        Weight of the entropy bonus.
    n_runs : int, default 1
    rng : int, Generator or None

    Returns
    -------
    ActorCriticRuns

    Notes
    -----
    Through the softmax, :math:`\partial H / \partial \theta_a = -\pi_a(\log \pi_a + H)`
    (see :func:`lossedu.rl.entropy_grad`), so the bonus pushes the logits towards equal
    values. The entropy bonus is that of A2C (Mnih et al. 2016).

    Examples
    --------
    >>> from lossedu.datasets import Bandit
    >>> runs = actor_critic_bandit(Bandit(3, means=[0.0, 1.0, 0.5], rng=0), steps=300,
    ...                            lr=0.5, n_runs=4, rng=0)
    >>> runs.best_prob.shape, bool(runs.best_prob[:, -1].mean() > 0.5)
    ((4, 301), True)
    """
    if not all(hasattr(bandit, name) for name in ("true_means", "rewards", "reward_std")):
        raise TypeError(f"bandit must be a lossedu.datasets.Bandit, got {type(bandit).__name__}.")
    steps, n_runs = check_int(steps, "steps"), check_int(n_runs, "n_runs")
    lr = check_positive(lr, "lr")
    if lr_value is not None:
        lr_value = check_in_interval(lr_value, "lr_value", 0.0, 1.0)
    beta = check_in_interval(beta, "beta", 0.0, np.inf)
    rng = as_rng(rng)
    means, k = bandit.true_means, bandit.true_means.size
    best = int(np.argmax(means))
    theta, value = np.zeros((n_runs, k)), np.zeros(n_runs)
    rewards = np.empty((n_runs, steps))
    best_prob, ent, values = (np.empty((n_runs, steps + 1)) for _ in range(3))
    for t in range(steps + 1):
        pi = _softmax_rows(theta)
        h = _entropy_rows(pi)
        best_prob[:, t], ent[:, t], values[:, t] = pi[:, best], h, value
        if t == steps:
            break
        cdf = np.cumsum(pi, axis=1)
        cdf[:, -1] = 1.0  # inverse-CDF sampling, the last edge forced to 1 against rounding
        a = np.argmax(rng.random(n_runs)[:, None] < cdf, axis=1)
        if bandit.rewards == "gaussian":
            r = rng.normal(means[a], bandit.reward_std)
        else:
            r = (rng.random(n_runs) < means[a]).astype(np.float64)
        advantage = r - value
        grad = -advantage[:, None] * (np.eye(k)[a] - pi)  # reinforce_grad with b = V
        grad += beta * pi * (np.log(pi) + h[:, None])  # minus beta times dH/dtheta
        theta = theta - lr * grad
        if lr_value is not None:
            value = value + lr_value * advantage  # a step on (r - V)^2 / 2
        rewards[:, t] = r
    return ActorCriticRuns(rewards, best_prob, ent, values)


def chain_policy_value(p_right: npt.ArrayLike, *, gamma: float) -> np.ndarray:
    r"""The exact value of every state of the chain under a left/right policy.

    The chain of :class:`~lossedu.environments.ChainWorld`: states 1 .. m between two
    terminals, reward 1 for reaching the right end. Solves :math:`V = r + \gamma P V`.

    Parameters
    ----------
    p_right : array_like, shape (m,)
        The probability of moving right in each non-terminal state.
    gamma : float in [0, 1]

    Returns
    -------
    numpy.ndarray, shape (m,)

    Examples
    --------
    >>> chain_policy_value([0.5] * 5, gamma=1.0).round(4).tolist()  # i / 6
    [0.1667, 0.3333, 0.5, 0.6667, 0.8333]
    """
    p = as_float_array(p_right, "p_right")
    if p.ndim != 1 or np.any((p < 0) | (p > 1)):
        raise ValueError("p_right must be 1-D with probabilities in [0, 1], one per state.")
    gamma = check_in_interval(gamma, "gamma", 0.0, 1.0)
    m = p.size
    transition = np.zeros((m, m))
    idx = np.arange(m)
    transition[idx[1:], idx[1:] - 1] = 1.0 - p[1:]
    transition[idx[:-1], idx[:-1] + 1] = p[:-1]
    reward = np.zeros(m)
    reward[-1] = p[-1]
    return np.linalg.solve(np.eye(m) - gamma * transition, reward)


def actor_critic_chain(
    n_states: int = 5,
    *,
    episodes: int,
    lr: float,
    lr_value: float | None = 0.1,
    gamma: float = 0.9,
    rng: int | np.random.Generator | None = None,
) -> np.ndarray:
    r"""Learn to walk right on the chain, by REINFORCE or by actor-critic.

    The policy has two logits per state (left, right). With ``lr_value=None`` each episode
    ends with REINFORCE steps :math:`-\gamma^t G_t \nabla\log\pi(a_t \mid s_t)` on the
    Monte Carlo returns; otherwise every step updates a TD(0) critic :math:`V` and the
    actor with the TD error as advantage, :math:`-\gamma^t\delta_t\nabla\log\pi(a_t \mid
    s_t)`, :math:`\delta_t = r_t + \gamma V(s_{t+1}) - V(s_t)` (Sutton & Barto 2018,
    sections 13.3 and 13.5).

    Parameters
    ----------
    n_states : int, odd, default 5
    episodes : int
    lr : float > 0
    lr_value : float in (0, 1] or None, default 0.1
    gamma : float in [0, 1), default 0.9
    rng : int, Generator or None

    Returns
    -------
    numpy.ndarray, shape (episodes + 1,)
        The exact value of the start state under the policy before training and after each
        episode (:func:`~lossedu.rl.chain_policy_value`).

    Examples
    --------
    >>> curve = actor_critic_chain(episodes=200, lr=0.5, rng=0)
    >>> round(float(curve[0]), 4), bool(curve[-1] > curve[0])
    (0.258, True)
    """
    m = check_int(n_states, "n_states")
    if m % 2 == 0:
        raise ValueError(f"n_states must be odd (so there is a middle), got {n_states}.")
    episodes, lr = check_int(episodes, "episodes", low=0), check_positive(lr, "lr")
    if lr_value is not None:
        lr_value = check_in_interval(lr_value, "lr_value", 0.0, 1.0)
    gamma = check_in_interval(gamma, "gamma", 0.0, 1.0)
    rng = as_rng(rng)
    theta, v = np.zeros((m + 2, 2)), np.zeros(m + 2)
    start = (m + 1) // 2
    curve = [chain_policy_value(_softmax_rows(theta[1:-1])[:, 1], gamma=gamma)[start - 1]]
    for _ in range(episodes):
        s, t, trace = start, 0, []
        while 0 < s < m + 1:
            pi = _softmax_rows(theta[s])
            a = int(rng.random() < pi[1])
            s_next = s + (1 if a else -1)
            r = float(s_next == m + 1)
            trace.append((s, a, r, pi))
            if lr_value is not None:
                done = s_next in (0, m + 1)
                delta = r + (0.0 if done else gamma * v[s_next]) - v[s]
                v[s] += lr_value * delta
                theta[s] += lr * gamma**t * delta * (np.eye(2)[a] - pi)
            s, t = s_next, t + 1
        if lr_value is None:
            g = 0.0
            for step in range(len(trace) - 1, -1, -1):
                s, a, r, pi = trace[step]
                g = r + gamma * g
                theta[s] += lr * gamma**step * g * (np.eye(2)[a] - pi)
        curve.append(chain_policy_value(_softmax_rows(theta[1:-1])[:, 1], gamma=gamma)[start - 1])
    return np.array(curve)


def ppo_bandit_epochs(
    logits: npt.ArrayLike,
    actions: npt.ArrayLike,
    advantages: npt.ArrayLike,
    *,
    lr: float,
    epochs: int,
    clip: float | None = 0.2,
) -> np.ndarray:
    r"""Several gradient steps on one batch of bandit pulls: plain or clipped surrogate.

    The batch was drawn with :math:`\pi_{\text{old}} = \operatorname{softmax}(\text{logits})`.
    Each epoch takes a full-batch step on :func:`lossedu.rl.ppo_clip_loss` of the ratios
    :math:`\rho_i = \pi_\theta(a_i) / \pi_{\text{old}}(a_i)` (``clip=None``: on the plain
    surrogate :math:`-\frac1n\sum_i \rho_i A_i`, whose gradient at :math:`\theta_{\text{old}}`
    is the policy gradient). The chain rule gives :math:`\partial\rho_i/\partial\theta =
    \rho_i (e_{a_i} - \pi_\theta)`.

    Parameters
    ----------
    logits : array_like, shape (k,)
    actions : array_like of int, shape (n,)
    advantages : array_like, shape (n,)
    lr : float > 0
    epochs : int
    clip : float in (0, 1) or None, default 0.2

    Returns
    -------
    numpy.ndarray, shape (epochs + 1, k)
        The logits before the first step and after each epoch.

    Examples
    --------
    >>> path = ppo_bandit_epochs([0.0, 0.0], [0, 1], [1.0, -1.0], lr=0.2, epochs=100)
    >>> ratio = np.exp(path[-1] - np.log(np.exp(path[-1]).sum())) / 0.5
    >>> bool(ratio[0] < 1.3)  # the clip stops the ratio near 1 + 0.2
    True
    """
    theta = as_float_array(logits, "logits")
    if theta.ndim != 1 or theta.size < 2:
        raise ValueError(f"logits must be 1-D with at least 2 actions, got shape {theta.shape}.")
    a = np.asarray(actions)
    if a.ndim != 1 or not np.issubdtype(a.dtype, np.integer) or np.any((a < 0) | (a >= theta.size)):
        raise ValueError(f"actions must be 1-D integers in [0, {theta.size - 1}].")
    adv = as_float_array(advantages, "advantages")
    if adv.shape != a.shape:
        raise ValueError(f"advantages must have the shape of actions, {a.shape}; got {adv.shape}.")
    lr, epochs = check_positive(lr, "lr"), check_int(epochs, "epochs", low=0)
    one_hot = np.eye(theta.size)[a]
    old = losses.softmax(theta)[a]
    path = [theta.copy()]
    for _ in range(epochs):
        pi = losses.softmax(theta)
        rho = pi[a] / old
        if clip is None:
            d_rho = -adv / a.size
        else:
            d_rho = ppo_clip_loss_grad(rho, adv, clip=clip)
        theta = theta - lr * ((d_rho * rho)[:, None] * (one_hot - pi)).sum(axis=0)
        path.append(theta.copy())
    return np.array(path)
