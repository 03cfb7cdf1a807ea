"""Returns and value learning: discounted returns and the TD(0) loss.

:func:`~lossedu.rl.discounted_returns` sums future rewards with discount :math:`\\gamma`;
:func:`~lossedu.rl.td_error` is :math:`r + \\gamma V(s') - V(s)`, and
:func:`~lossedu.rl.td0_update` moves a value table along the semi-gradient of
:math:`\\tfrac12 (r + \\gamma V(s') - V(s))^2`, holding the target fixed (Sutton 1988;
Sutton & Barto 2018, chapter 6). :func:`~lossedu.rl.td0_chain` runs it on a
:class:`~lossedu.environments.ChainWorld`. Other value (critic) losses belong here too.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    Unrepresentable,
    as_float_array,
    check_in_interval,
    check_int,
    check_positive,
    check_real,
    check_representable,
)

__all__ = ["discounted_returns", "td0_chain", "td0_update", "td_error"]


def discounted_returns(rewards: npt.ArrayLike, *, gamma: float) -> np.ndarray:
    r"""The return from every step of one episode: :math:`G_t = \sum_k \gamma^k r_{t+k}`.

    .. math::

        G_t = r_t + \gamma\, G_{t+1}, \qquad G_T = r_T

    Parameters
    ----------
    rewards : array_like, shape (T,)
        :math:`r_0, \dots, r_{T-1}`, the reward received after each step's action.
    gamma : float in [0, 1]
        Discount: a reward k steps ahead counts :math:`\gamma^k`.

    Returns
    -------
    numpy.ndarray, shape (T,)
        :math:`G_0, \dots, G_{T-1}`, computed backwards in one pass.

    Examples
    --------
    >>> discounted_returns([1.0, 0.0, 2.0], gamma=0.5)  # 1 + 0.25 * 2, 0.5 * 2, 2
    array([1.5, 1. , 2. ])
    """
    r = as_float_array(rewards, "rewards")
    if r.ndim != 1:
        raise ValueError(f"rewards must be 1-D (one episode), got shape {r.shape}.")
    gamma = check_in_interval(gamma, "gamma", 0.0, 1.0)
    out = np.empty_like(r)
    running = 0.0
    with np.errstate(over="ignore"):  # a return beyond float64 is refused below
        for t in range(r.size - 1, -1, -1):
            running = r[t] + gamma * running
            out[t] = running
    return check_representable(
        out, "discounted_returns", "Rescale the rewards (e.g. divide them by their largest size)."
    )


def _value_step(values, state, next_state) -> tuple[np.ndarray, int, int]:
    v = as_float_array(values, "values")
    if v.ndim != 1:
        raise ValueError(f"values must be a 1-D table, one value per state; got {v.shape}.")
    s = check_int(state, "state", low=0, high=v.size - 1)
    s_next = check_int(next_state, "next_state", low=0, high=v.size - 1)
    return v, s, s_next


def td_error(
    values: npt.ArrayLike,
    state: int,
    reward: float,
    next_state: int,
    *,
    gamma: float = 1.0,
    done: bool = False,
) -> float:
    r"""The temporal-difference error :math:`\delta = r + \gamma V(s') - V(s)`.

    With ``done=True`` the episode ended at :math:`s'`, whose value counts as 0.

    Examples
    --------
    >>> td_error([0.0, 0.5, 0.5, 0.0], 2, 1.0, 3, done=True)  # 1 + 0 - 0.5
    0.5
    """
    v, s, s_next = _value_step(values, state, next_state)
    reward = check_real(reward, "reward")
    gamma = check_in_interval(gamma, "gamma", 0.0, 1.0)
    if not isinstance(done, bool):
        raise TypeError(f"done must be True or False, got {done!r}.")
    future = 0.0 if done else gamma * float(v[s_next])
    delta = reward + future - float(v[s])
    if not math.isfinite(delta):  # an intermediate sum overflowed: the halves cannot
        delta = 2.0 * ((0.5 * reward + 0.5 * future) - 0.5 * float(v[s]))
    if not math.isfinite(delta):
        raise Unrepresentable(
            f"td_error overflows float64: r + gamma V(s') - V(s) exceeds 1.8e308 (reward "
            f"{reward:g}, V(s) {float(v[s]):g}). Rescale the rewards and the values."
        )
    return delta


def td0_update(
    values: npt.ArrayLike,
    state: int,
    reward: float,
    next_state: int,
    *,
    lr: float,
    gamma: float = 1.0,
    done: bool = False,
) -> np.ndarray:
    r"""One TD(0) step: a new table with :math:`V(s) \leftarrow V(s) + \eta\,\delta`.

    .. math::

        \ell = \tfrac12\bigl(\underbrace{r + \gamma V(s')}_{\text{target, held fixed}}
        - V(s)\bigr)^2, \qquad
        -\frac{\partial \ell}{\partial V(s)} = \delta

    This is a *semi*-gradient step: the target also depends on :math:`V`, but its
    dependence is ignored (Sutton & Barto 2018, section 9.3). Only :math:`V(s)` changes.

    Parameters
    ----------
    values : array_like, shape (n_states,)
        The current table (not modified).
    state, reward, next_state
        One transition :math:`(s, r, s')`.
    lr : float > 0
        Step size :math:`\eta`.
    gamma : float in [0, 1], default 1.0
    done : bool, default False
        Whether :math:`s'` is terminal (its value counts as 0).

    Returns
    -------
    numpy.ndarray
        A new table.

    References
    ----------
    Sutton, R. S. (1988). Learning to predict by the methods of temporal differences.
    *Machine Learning*, 3(1), 9-44.

    Examples
    --------
    >>> td0_update([0.0, 0.5, 0.5, 0.0], 2, 1.0, 3, lr=0.1, done=True)
    array([0.  , 0.5 , 0.55, 0.  ])
    """
    lr = check_positive(lr, "lr")
    delta = td_error(values, state, reward, next_state, gamma=gamma, done=done)
    new = np.array(values, dtype=np.float64)
    new[state] += lr * delta
    return new


def td0_chain(chain, *, episodes: int, lr: float, gamma: float = 1.0, init: float = 0.5):
    r"""Run TD(0) on a :class:`lossedu.environments.ChainWorld` for some episodes.

    Parameters
    ----------
    chain : ChainWorld
        Its own generator draws the moves.
    episodes : int
    lr : float > 0
    gamma : float in [0, 1], default 1.0
    init : float, default 0.5
        Starting value of every non-terminal state (terminal states stay 0), as in Sutton
        & Barto (2018, example 6.2).

    Returns
    -------
    numpy.ndarray, shape (episodes + 1, n_states + 2)
        The table before training and after each episode.

    Examples
    --------
    >>> from lossedu.datasets import ChainWorld
    >>> tables = td0_chain(ChainWorld(5, rng=0), episodes=3, lr=0.1)
    >>> tables.shape, tables[0].tolist()
    ((4, 7), [0.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.0])
    """
    if not all(hasattr(chain, name) for name in ("episode", "n_states")):
        raise TypeError(f"chain must be a lossedu.datasets.ChainWorld, got {type(chain).__name__}.")
    episodes = check_int(episodes, "episodes", low=0)
    v = np.zeros(chain.n_states + 2)
    v[1:-1] = check_real(init, "init")
    tables = [v.copy()]
    last = chain.n_states + 1
    for _ in range(episodes):
        for state, reward, next_state in chain.episode():
            done = next_state in (0, last)
            v = td0_update(v, state, reward, next_state, lr=lr, gamma=gamma, done=done)
        tables.append(v.copy())
    return np.array(tables)
