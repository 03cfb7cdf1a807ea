"""lossedu.rl.target_network: semi-gradient TD with a frozen target and the Huber loss."""

import numpy as np
import pytest

from lossedu import rl
from lossedu.environments import ChainWorld


def test_random_walk_values_match_closed_form_and_bellman():
    # gamma = 1: V(s) = (s + 1) / (n + 1), the classic random-walk answer (Sutton & Barto 2018,
    # example 6.2), and ChainWorld's own true values.
    np.testing.assert_allclose(rl.random_walk_values(5, gamma=1.0), np.arange(1, 6) / 6)
    np.testing.assert_allclose(rl.random_walk_values(5, gamma=1.0), ChainWorld(5).true_values())
    # gamma < 1: iterative policy evaluation (an independent fixed-point loop) agrees.
    v = np.zeros(9)
    for _ in range(2000):
        left = np.concatenate([[0.0], v[:-1]])
        right = np.concatenate([v[1:], [1.0 / 0.8]])  # leaving right pays 1: 0.8 * (1/0.8) = 1
        v = 0.5 * 0.8 * (left + right)
    np.testing.assert_allclose(rl.random_walk_values(9, gamma=0.8), v, rtol=1e-10)


def test_coarse_features_overlap():
    x = rl.coarse_chain_features(11, width=4)
    assert (x**2).sum(axis=1).mean() == pytest.approx(1.0)
    # each state: the bias plus exactly two overlapping intervals
    assert np.all((x > 0).sum(axis=1) == 3)
    # neighbouring states share an interval: updating one moves the other's value
    assert np.all((x[:-1, 1:] * x[1:, 1:]).sum(axis=1) > 0)
    with pytest.raises(ValueError, match="width"):
        rl.coarse_chain_features(11, width=1)


def test_target_every_one_is_the_online_target_and_huber_with_huge_delta_is_squared():
    x = rl.coarse_chain_features(7)
    online = rl.linear_td_random_walk(x, lr=0.05, steps=300, seeds=4)
    # a copy refreshed before every step is the current weights: same runs exactly
    np.testing.assert_array_equal(
        rl.linear_td_random_walk(x, lr=0.05, steps=300, seeds=4, target_every=1), online
    )
    # the Huber gradient clip(delta, -k, k) is delta itself when k exceeds every error
    np.testing.assert_allclose(
        rl.linear_td_random_walk(x, lr=0.05, steps=300, seeds=4, huber_delta=1e9), online
    )
    frozen = rl.linear_td_random_walk(x, lr=0.05, steps=300, seeds=4, target_every=50)
    assert not np.allclose(frozen, online)


def test_tabular_td_converges_to_the_true_values():
    # one-hot features and noise-free rewards: TD(0) with a small step approaches V exactly
    err = rl.linear_td_random_walk(np.eye(5), lr=0.02, steps=20_000, noise=0.0, seeds=3)
    assert np.all(err < 0.03)


def test_huber_prevents_divergence_that_the_frozen_target_does_not():
    x = rl.coarse_chain_features(11)
    frozen = rl.linear_td_random_walk(x, lr=3.0, steps=2000, seeds=5, target_every=50)
    huber = rl.linear_td_random_walk(
        x, lr=3.0, steps=2000, seeds=5, target_every=50, huber_delta=1.0
    )
    assert np.all(np.isinf(frozen))
    assert np.all(np.isfinite(huber))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr": 0.0}, ValueError, "lr"),
        ({"lr": 0.1, "steps": 2}, ValueError, "steps"),
        ({"lr": 0.1, "gamma": 1.0}, ValueError, "gamma"),
        ({"lr": 0.1, "target_every": -1}, ValueError, "target_every"),
        ({"lr": 0.1, "huber_delta": 0.0}, ValueError, "huber_delta"),
        ({"lr": 0.1, "noise": -1.0}, ValueError, "noise"),
        ({"lr": 0.1, "seeds": 0}, ValueError, "seeds"),
        ({"lr": 0.1, "seeds": 1.5}, TypeError, "seeds"),
    ],
)
def test_linear_td_validates(kwargs, error, match):
    kwargs = {"steps": 10, **kwargs}
    with pytest.raises(error, match=match):
        rl.linear_td_random_walk(rl.coarse_chain_features(5), **kwargs)


def test_linear_td_rejects_bad_features():
    with pytest.raises(ValueError, match="features"):
        rl.linear_td_random_walk(np.ones(5), lr=0.1, steps=10)
    with pytest.raises(ValueError, match="features"):
        rl.linear_td_random_walk(np.full((5, 2), np.nan), lr=0.1, steps=10)
