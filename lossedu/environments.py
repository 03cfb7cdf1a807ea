"""Reinforcement-learning environments: a k-armed bandit and a random-walk chain.

:class:`Bandit` is a k-armed bandit for policy gradients, :class:`ChainWorld` the random-walk
chain of Sutton & Barto (2018) for TD learning; :mod:`lossedu.rl` learns on both. Each draws
from its own ``np.random.default_rng(rng)``, so the same seed gives the same rewards and moves.
:mod:`lossedu.datasets` re-exports both beside the other data sources.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu._validation import as_float_array, as_rng, check_in_interval, check_int, check_positive
from lossedu._validation import check_choice as _check_choice

__all__ = ["REWARDS", "Bandit", "ChainWorld"]

#: The reward distributions a :class:`Bandit` can pay.
REWARDS = ("gaussian", "bernoulli")


class Bandit:
    """A k-armed bandit: each pull of an arm pays a random reward with a fixed mean.

    Parameters
    ----------
    n_arms : int, default 10
    rewards : {"gaussian", "bernoulli"}
        Gaussian rewards with standard deviation ``reward_std``, or 0/1 rewards that pay 1
        with probability equal to the arm's mean.
    means : array-like, shape (n_arms,), optional
        The arms' mean rewards. Drawn when omitted: from N(0, 1) for Gaussian rewards (the
        10-armed testbed of Sutton & Barto 2018, section 2.3), from U(0, 1) for Bernoulli.
    reward_std : float, default 1.0
        Standard deviation of a Gaussian reward around its arm's mean.
    rng : int, Generator or None
        Draws the means (when omitted) and then every reward; the bandit keeps it.

    Examples
    --------
    >>> bandit = Bandit(3, rewards="bernoulli", means=[0.1, 0.8, 0.5], rng=0)
    >>> bandit.optimal_arm, bandit.pull(1) in (0.0, 1.0)
    (1, True)
    """

    def __init__(
        self,
        n_arms: int = 10,
        *,
        rewards: str = "gaussian",
        means: npt.ArrayLike | None = None,
        reward_std: float = 1.0,
        rng: int | np.random.Generator | None = None,
    ):
        self.n_arms = check_int(n_arms, "n_arms", low=2)
        self.rewards = _check_choice(rewards, "rewards", REWARDS)
        self.reward_std = check_positive(reward_std, "reward_std")
        self._rng = as_rng(rng)
        if means is None:
            if self.rewards == "gaussian":
                means = self._rng.normal(0.0, 1.0, self.n_arms)
            else:
                means = self._rng.uniform(0.0, 1.0, self.n_arms)
        means = as_float_array(means, "means").ravel()
        if means.size != self.n_arms:
            raise ValueError(f"means must hold n_arms={self.n_arms} values, got {means.size}.")
        if self.rewards == "bernoulli" and np.any((means < 0.0) | (means > 1.0)):
            raise ValueError("Bernoulli means are probabilities: every mean must be in [0, 1].")
        self._means = means

    @property
    def true_means(self) -> np.ndarray:
        """The arms' mean rewards (a copy; changing it does not change the bandit)."""
        return self._means.copy()

    @property
    def optimal_arm(self) -> int:
        """The arm with the highest mean reward (the first one if tied)."""
        return int(np.argmax(self._means))

    def pull(self, arm: int) -> float:
        """Pull ``arm`` (0 .. n_arms - 1) and return its random reward."""
        arm = check_int(arm, "arm", low=0, high=self.n_arms - 1)
        if self.rewards == "gaussian":
            return float(self._rng.normal(self._means[arm], self.reward_std))
        return float(self._rng.random() < self._means[arm])


class ChainWorld:
    """The random walk of Sutton & Barto (2018, example 6.2), a small chain for TD learning.

    States 1 .. n_states lie in a row between two terminal states, 0 and n_states + 1. An
    episode starts in the middle and moves one step right with probability ``p_right``,
    else left; reaching the right end pays 1, every other step pays 0. Numbering the
    terminals 0 and n_states + 1 lets a value table ``V = np.zeros(n_states + 2)`` use the
    states as indices, with the terminal values staying 0.

    Parameters
    ----------
    n_states : int, default 5
        Number of non-terminal states (odd, so that there is a middle one).
    p_right : float, default 0.5
    rng : int, Generator or None
        Draws the moves; the chain keeps it.

    Examples
    --------
    >>> ChainWorld(5).true_values().round(4).tolist()  # i / 6 for the 50:50 walk
    [0.1667, 0.3333, 0.5, 0.6667, 0.8333]
    """

    def __init__(
        self,
        n_states: int = 5,
        *,
        p_right: float = 0.5,
        rng: int | np.random.Generator | None = None,
    ):
        self.n_states = check_int(n_states, "n_states", low=1)
        if self.n_states % 2 == 0:
            raise ValueError(f"n_states must be odd (so there is a middle), got {n_states}.")
        self.p_right = check_in_interval(p_right, "p_right", 0.0, 1.0)
        self.start = (self.n_states + 1) // 2
        self._rng = as_rng(rng)
        self.state = self.start

    def reset(self) -> int:
        """Start a new episode in the middle state and return it."""
        self.state = self.start
        return self.state

    def step(self) -> tuple[int, float, bool]:
        """Take one random step; return ``(next_state, reward, done)``."""
        if self.state in (0, self.n_states + 1):
            raise RuntimeError("The episode has ended; call reset() to start a new one.")
        self.state += 1 if self._rng.random() < self.p_right else -1
        done = self.state in (0, self.n_states + 1)
        return self.state, float(self.state == self.n_states + 1), done

    def episode(self) -> list[tuple[int, float, int]]:
        """Run one episode from the start; return its transitions ``(state, reward, next)``."""
        state, transitions = self.reset(), []
        done = False
        while not done:
            next_state, reward, done = self.step()
            transitions.append((state, reward, next_state))
            state = next_state
        return transitions

    def true_values(self, gamma: float = 1.0) -> np.ndarray:
        """The value of states 1 .. n_states, solved exactly from the Bellman equations."""
        gamma = check_in_interval(gamma, "gamma", 0.0, 1.0)
        m, p = self.n_states, self.p_right
        # V = r + gamma * P V over the non-terminal states, terminal values 0.
        transition = np.zeros((m, m))
        idx = np.arange(m)
        transition[idx[1:], idx[1:] - 1] = 1.0 - p
        transition[idx[:-1], idx[:-1] + 1] = p
        expected_reward = np.zeros(m)
        expected_reward[-1] = p
        return np.linalg.solve(np.eye(m) - gamma * transition, expected_reward)
