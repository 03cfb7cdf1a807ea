"""Tests of lossedu.rl.agents: actor-critic on the bandit and the chain, PPO epochs on a batch."""

import numpy as np
import pytest

from lossedu import gradcheck, losses, rl
from lossedu.datasets import Bandit, ChainWorld


def _bandit():
    return Bandit(4, means=[1.0, 2.0, 0.0, 1.5], rng=0)


def test_without_critic_or_bonus_it_is_reinforce_without_baseline():
    # reference: rl.reinforce_bandit (tested on its own), which draws in the same order
    runs = rl.actor_critic_bandit(_bandit(), steps=80, lr=0.3, lr_value=None, n_runs=6, rng=5)
    ref = rl.reinforce_bandit(_bandit(), steps=80, lr=0.3, baseline=False, n_runs=6, rng=5)
    np.testing.assert_allclose(runs.rewards, ref.rewards, rtol=0, atol=0)
    np.testing.assert_allclose(runs.best_prob, ref.best_prob, rtol=1e-12, atol=1e-15)
    assert np.all(runs.values == 0.0)


def test_critic_step_is_a_gradient_step_on_the_squared_value_loss():
    # closed form: V <- V + eta (r - V); with eta = 1 the critic equals the last reward
    runs = rl.actor_critic_bandit(_bandit(), steps=30, lr=0.1, lr_value=1.0, n_runs=3, rng=1)
    np.testing.assert_allclose(runs.values[:, 1:], runs.rewards, rtol=1e-14, atol=1e-14)
    half = rl.actor_critic_bandit(_bandit(), steps=30, lr=0.1, lr_value=0.5, n_runs=3, rng=1)
    expected = np.zeros(3)
    for t in range(30):
        expected = expected + 0.5 * (half.rewards[:, t] - expected)
    np.testing.assert_allclose(half.values[:, -1], expected, rtol=1e-12)


def test_entropy_record_starts_at_log_k_and_the_bonus_keeps_it_high():
    weak = rl.actor_critic_bandit(_bandit(), steps=300, lr=0.2, beta=0.0, n_runs=20, rng=2)
    strong = rl.actor_critic_bandit(_bandit(), steps=300, lr=0.2, beta=2.0, n_runs=20, rng=2)
    np.testing.assert_allclose(weak.entropy[:, 0], np.log(4), rtol=1e-12)  # uniform policy
    assert strong.entropy[:, -1].mean() > weak.entropy[:, -1].mean() + 0.3
    assert np.all(strong.entropy <= np.log(4) + 1e-12)


def test_actor_critic_bandit_validates():
    with pytest.raises(TypeError, match="bandit must be"):
        rl.actor_critic_bandit("bandit", steps=3, lr=0.1)
    with pytest.raises(ValueError, match="lr"):
        rl.actor_critic_bandit(_bandit(), steps=3, lr=-1.0)
    with pytest.raises(ValueError, match="beta"):
        rl.actor_critic_bandit(_bandit(), steps=3, lr=0.1, beta=-0.1)
    with pytest.raises(ValueError, match="lr_value"):
        rl.actor_critic_bandit(_bandit(), steps=3, lr=0.1, lr_value=1.5)


@pytest.mark.parametrize(("p", "gamma"), [(0.5, 1.0), (0.3, 0.9), (0.8, 0.5)])
def test_chain_policy_value_matches_chainworld_for_a_constant_policy(p, gamma):
    # reference: ChainWorld.true_values solves the same Bellman equations for a fixed p_right
    ref = ChainWorld(5, p_right=p).true_values(gamma)
    np.testing.assert_allclose(rl.chain_policy_value([p] * 5, gamma=gamma), ref, rtol=1e-12)


def test_chain_policy_value_of_always_right_is_gamma_to_the_distance():
    # closed form: from state s the reward 1 arrives after 6 - s steps, discounted gamma^(5 - s)
    v = rl.chain_policy_value(np.ones(5), gamma=0.9)
    np.testing.assert_allclose(v, 0.9 ** np.arange(4, -1, -1), rtol=1e-12)
    with pytest.raises(ValueError, match="p_right"):
        rl.chain_policy_value([0.5, 1.5], gamma=0.9)


@pytest.mark.parametrize("lr_value", [None, 0.2])
def test_actor_critic_chain_starts_uniform_and_improves(lr_value):
    curve = rl.actor_critic_chain(episodes=60, lr=1.0, lr_value=lr_value, rng=0)
    assert curve.shape == (61,)
    assert curve[0] == pytest.approx(rl.chain_policy_value([0.5] * 5, gamma=0.9)[2], rel=1e-12)
    assert curve[-1] > curve[0] + 0.3
    assert np.all(curve <= 0.81 + 1e-12)  # no policy beats walking right: 0.9 ** 2


def test_actor_critic_chain_validates():
    with pytest.raises(ValueError, match="odd"):
        rl.actor_critic_chain(4, episodes=2, lr=0.1)
    with pytest.raises(ValueError, match="lr"):
        rl.actor_critic_chain(episodes=2, lr=0.0)


def _surrogate(theta, arms, adv, old, clip):
    ratio = losses.softmax(theta)[arms] / old
    if clip is None:
        return -np.mean(ratio * adv)
    return rl.ppo_clip_loss(ratio, adv, clip=clip)


@pytest.mark.parametrize("clip", [None, 0.2])
def test_ppo_epoch_steps_follow_the_numerical_gradient_of_the_surrogate(clip):
    # reference: central differences of the surrogate at each visited point
    rng = np.random.default_rng(0)
    theta0, arms, adv = rng.normal(size=4), rng.integers(0, 4, 12), rng.normal(size=12)
    old = losses.softmax(theta0)[arms]
    path = rl.ppo_bandit_epochs(theta0, arms, adv, lr=0.5, epochs=6, clip=clip)
    for k in range(6):
        step = (path[k] - path[k + 1]) / 0.5
        numerical = gradcheck.numerical_grad(lambda t: _surrogate(t, arms, adv, old, clip), path[k])
        np.testing.assert_allclose(step, numerical, atol=1e-6)


def test_ppo_first_epoch_is_the_policy_gradient_step():
    # at theta_old the ratio is 1: plain and clipped steps both equal REINFORCE's with r = A
    arms, adv = np.array([0, 2, 1, 2]), np.array([1.0, -0.5, 2.0, 0.3])
    theta = np.array([0.2, -0.1, 0.4])
    expected = theta - 0.1 * rl.reinforce_grad(arms, adv, theta)
    for clip in (None, 0.1):
        path = rl.ppo_bandit_epochs(theta, arms, adv, lr=0.1, epochs=1, clip=clip)
        np.testing.assert_allclose(path[1], expected, rtol=1e-12)


def test_ppo_clip_stops_the_ratio_where_plain_surrogate_runs_away():
    arms, adv = np.array([0, 1]), np.array([1.0, -1.0])
    # small steps, many epochs: the clipped run stops near 1 + 0.2, the plain one does not
    plain = rl.ppo_bandit_epochs([0.0, 0.0], arms, adv, lr=0.2, epochs=100, clip=None)
    clipped = rl.ppo_bandit_epochs([0.0, 0.0], arms, adv, lr=0.2, epochs=100, clip=0.2)
    ratio = lambda path: losses.softmax(path[-1])[0] / 0.5  # noqa: E731
    assert ratio(plain) > 1.9  # the good arm's probability went to ~1
    assert 1.15 < ratio(clipped) < 1.3


def test_ppo_bandit_epochs_validates():
    with pytest.raises(ValueError, match="actions"):
        rl.ppo_bandit_epochs([0.0, 0.0], [0, 2], [1.0, 1.0], lr=0.1, epochs=1)
    with pytest.raises(ValueError, match="advantages"):
        rl.ppo_bandit_epochs([0.0, 0.0], [0, 1], [1.0], lr=0.1, epochs=1)
    with pytest.raises(ValueError, match="logits"):
        rl.ppo_bandit_epochs([0.0], [0], [1.0], lr=0.1, epochs=1)
