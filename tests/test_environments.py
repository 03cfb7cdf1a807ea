"""lossedu.environments: the bandit's rewards and the chain's values against closed forms and
Monte Carlo."""

import numpy as np
import pytest

from lossedu import datasets, environments
from lossedu.environments import Bandit, ChainWorld


def test_gaussian_bandit_rewards_average_to_the_true_means():
    bandit = Bandit(4, rng=5)
    means = bandit.true_means
    assert means.shape == (4,)
    assert bandit.optimal_arm == int(np.argmax(means))
    rewards = np.array([[bandit.pull(a) for _ in range(4000)] for a in range(4)])
    # The sample mean has standard error reward_std / sqrt(4000) = 0.016.
    np.testing.assert_allclose(rewards.mean(axis=1), means, atol=0.07)
    assert rewards.std(axis=1) == pytest.approx([1.0] * 4, rel=0.05)


def test_bernoulli_bandit():
    bandit = Bandit(3, rewards="bernoulli", means=[0.2, 0.9, 0.5], rng=0)
    rewards = np.array([bandit.pull(1) for _ in range(4000)])
    assert set(np.unique(rewards).tolist()) <= {0.0, 1.0}
    assert rewards.mean() == pytest.approx(0.9, abs=0.03)
    assert bandit.optimal_arm == 1
    bandit.true_means[1] = 0.0  # a copy: the bandit is unchanged
    assert bandit.optimal_arm == 1


def test_bandit_is_seeded_and_validated():
    pulls = [[Bandit(5, rng=9).pull(a) for a in range(5)] for _ in range(2)]
    assert pulls[0] == pulls[1]
    with pytest.raises(ValueError, match="arm must be an integer in"):
        Bandit(3).pull(3)
    with pytest.raises(TypeError, match="arm must be an integer"):
        Bandit(3).pull(1.0)
    with pytest.raises(ValueError, match="means must hold"):
        Bandit(3, means=[0.1, 0.2])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        Bandit(2, rewards="bernoulli", means=[0.5, 1.5])
    with pytest.raises(ValueError, match="rewards must be one of"):
        Bandit(2, rewards="poisson")


def test_chain_true_values_match_the_closed_form():
    # Sutton & Barto (2018), example 6.2: under the 50:50 walk, state i of n is worth
    # i / (n + 1) without discounting.
    for n_states in (1, 5, 19):
        np.testing.assert_allclose(
            ChainWorld(n_states).true_values(), np.arange(1, n_states + 1) / (n_states + 1)
        )


def test_chain_discounted_values_match_monte_carlo():
    chain = ChainWorld(5, p_right=0.7, rng=4)
    returns = np.zeros(5)
    counts = np.zeros(5)
    gamma = 0.9
    for _ in range(4000):
        transitions = chain.episode()
        g = 0.0
        for state, reward, _ in reversed(transitions):
            g = reward + gamma * g
            returns[state - 1] += g
            counts[state - 1] += 1
    np.testing.assert_allclose(returns / counts, chain.true_values(gamma), atol=0.02)


def test_chain_steps_and_ends():
    chain = ChainWorld(3, rng=0)
    assert chain.reset() == 2
    done, steps = False, 0
    while not done:
        state, reward, done = chain.step()
        steps += 1
        assert reward == (1.0 if state == 4 else 0.0)
    assert state in (0, 4)
    with pytest.raises(RuntimeError, match="reset"):
        chain.step()
    with pytest.raises(ValueError, match="odd"):
        ChainWorld(4)


def test_datasets_re_exports_the_environments():
    assert datasets.Bandit is environments.Bandit and datasets.ChainWorld is environments.ChainWorld
    assert datasets.REWARDS is environments.REWARDS == ("gaussian", "bernoulli")
