"""lossedu.rl.policy_gradient: the softmax policy and REINFORCE, against closed forms and
central differences, and its run on a bandit."""

import numpy as np
import pytest

from lossedu import rl
from lossedu.environments import Bandit
from lossedu.gradcheck import check_grad


def test_softmax_policy_closed_form():
    # closed form: exp(theta) / sum exp(theta)
    theta = np.array([1.0, -0.5, 2.0])
    expected = np.exp(theta) / np.exp(theta).sum()
    np.testing.assert_allclose(rl.softmax_policy(theta), expected, rtol=1e-14)
    assert np.all(np.isfinite(rl.softmax_policy([1e4, 0.0])))
    with pytest.raises(ValueError, match="logits must be 1-D"):
        rl.softmax_policy([[0.0, 1.0]])


def test_reinforce_loss_and_grad_for_one_pull():
    theta = np.array([0.2, -1.0, 0.5])
    pi = np.exp(theta) / np.exp(theta).sum()
    # closed forms: loss -log pi(a) (r - b); gradient -(r - b)(e_a - pi)
    assert rl.reinforce_loss(2, 3.0, theta, baseline=1.0) == pytest.approx(-np.log(pi[2]) * 2.0)
    expected = -2.0 * (np.array([0.0, 0.0, 1.0]) - pi)
    np.testing.assert_allclose(rl.reinforce_grad(2, 3.0, theta, baseline=1.0), expected)


def test_reinforce_grad_matches_central_differences(rng):
    theta = rng.normal(size=4)
    a, r, b = rng.integers(0, 4, 6), rng.normal(size=6), rng.normal(size=6)
    for reduction in ("mean", "sum"):
        error = check_grad(
            lambda t, red=reduction: rl.reinforce_loss(a, r, t, baseline=b, reduction=red),
            lambda t, red=reduction: rl.reinforce_grad(a, r, t, baseline=b, reduction=red),
            theta,
        )
        assert error < 1e-8
    per_pull = rl.reinforce_grad(a, r, theta, baseline=b, reduction="none")
    assert per_pull.shape == (6, 4)
    np.testing.assert_allclose(per_pull.mean(axis=0), rl.reinforce_grad(a, r, theta, baseline=b))
    assert rl.reinforce_loss(a, r, theta, reduction="none").shape == (6,)


@pytest.mark.parametrize("baseline", [0.0, 2.0, -5.0])
def test_expected_gradient_is_minus_the_policy_gradient_for_any_baseline(baseline):
    theta, mu = np.array([0.3, -0.2, 0.0]), np.array([1.0, 2.0, 4.0])
    pi = np.exp(theta) / np.exp(theta).sum()
    # exact expectation over a ~ pi with rewards at their means
    expected = sum(pi[a] * rl.reinforce_grad(a, mu[a], theta, baseline=baseline) for a in range(3))
    # closed form: d/dtheta sum_a pi_a mu_a = pi * (mu - pi . mu)
    np.testing.assert_allclose(expected, -pi * (mu - pi @ mu), atol=1e-14)


def test_reinforce_validates():
    with pytest.raises(ValueError, match=r"actions must be whole numbers in \[0, 1\]"):
        rl.reinforce_grad(2, 1.0, [0.0, 0.0])
    with pytest.raises(ValueError, match="same length"):
        rl.reinforce_loss([0, 1], [1.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="baseline must be one number or one per reward"):
        rl.reinforce_loss([0, 1], [1.0, 2.0], [0.0, 0.0], baseline=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="reduction must be one of"):
        rl.reinforce_loss(0, 1.0, [0.0, 0.0], reduction="avg")
    with pytest.raises(ValueError, match="NaN"):
        rl.reinforce_grad(0, np.nan, [0.0, 0.0])


def test_reinforce_bandit_matches_a_hand_loop():
    # deterministic rewards (Bernoulli with means 0 or 1), so only the action draws are
    # random; a hand loop with rl.reinforce_grad and the same uniforms must agree exactly
    bandit = Bandit(3, rewards="bernoulli", means=[0.0, 1.0, 0.0], rng=0)
    runs = rl.reinforce_bandit(bandit, steps=40, lr=0.3, baseline=True, n_runs=1, rng=7)
    rng, theta, mean_r = np.random.default_rng(7), np.zeros(3), 0.0
    for t in range(40):
        u = rng.random(1)[0]
        a = int(np.searchsorted(np.cumsum(rl.softmax_policy(theta)), u, side="right"))
        rng.random(1)  # the reward draw
        r = float(a == 1)
        assert a == runs.actions[0, t] and r == runs.rewards[0, t]
        theta = theta - 0.3 * rl.reinforce_grad(a, r, theta, baseline=mean_r)
        mean_r += (r - mean_r) / (t + 1)
    np.testing.assert_allclose(runs.logits[0], theta, rtol=1e-12)


def test_baseline_lowers_variance_and_speeds_learning():
    bandit = Bandit(5, means=[4.0, 4.5, 5.0, 3.5, 4.2], rng=0)
    fast = rl.reinforce_bandit(bandit, steps=300, lr=0.1, baseline=True, n_runs=200, rng=1)
    slow = rl.reinforce_bandit(bandit, steps=300, lr=0.1, baseline=False, n_runs=200, rng=1)
    assert fast.best_prob[:, -1].mean() > slow.best_prob[:, -1].mean() + 0.2
    with pytest.raises(TypeError, match="baseline must be True or False"):
        rl.reinforce_bandit(bandit, steps=3, lr=0.1, baseline=0)
    with pytest.raises(TypeError, match="bandit must be"):
        rl.reinforce_bandit([1, 2], steps=3, lr=0.1)
