"""lossedu.rl.values: discounted returns and TD(0)."""

import numpy as np
import pytest

from lossedu import rl
from lossedu.environments import ChainWorld
from lossedu.gradcheck import check_grad


def test_discounted_returns_closed_form(rng):
    r = rng.normal(size=12)
    gamma = 0.9
    # closed form: G_t = sum_k gamma^k r_{t+k}
    expected = [sum(gamma**k * r[t + k] for k in range(12 - t)) for t in range(12)]
    np.testing.assert_allclose(rl.discounted_returns(r, gamma=gamma), expected, rtol=1e-12)
    np.testing.assert_allclose(rl.discounted_returns(r, gamma=0.0), r)
    # a reward of 1 forever is worth 1 / (1 - gamma), the effective horizon
    long = rl.discounted_returns(np.ones(2000), gamma=0.95)
    assert long[0] == pytest.approx(20.0, rel=1e-12)
    with pytest.raises(ValueError, match=r"gamma must lie in \[0, 1\]"):
        rl.discounted_returns(r, gamma=1.5)
    with pytest.raises(ValueError, match="rewards must be 1-D"):
        rl.discounted_returns(np.ones((2, 2)), gamma=0.5)


def test_td0_update_is_minus_the_semi_gradient():
    v = np.array([0.0, 0.4, 0.6, 0.0])
    before = v.copy()
    new = rl.td0_update(v, 1, 0.5, 2, lr=0.1, gamma=0.9)
    # closed form: delta = r + gamma V(s') - V(s) = 0.5 + 0.54 - 0.4 = 0.64
    np.testing.assert_allclose(new, [0.0, 0.4 + 0.1 * 0.64, 0.6, 0.0])
    np.testing.assert_array_equal(v, before)  # input not modified

    # semi-gradient: d/dV(s) of 0.5 (target - V(s))^2 with the target frozen is -delta
    target = 0.5 + 0.9 * v[2]

    def loss(x):
        return 0.5 * (target - x[0]) ** 2

    assert (
        check_grad(loss, lambda x: np.array([-rl.td_error(v, 1, 0.5, 2, gamma=0.9)]), v[1:2]) < 1e-8
    )
    assert rl.td_error(v, 2, 1.0, 3, done=True) == pytest.approx(0.4)


def test_td0_validates():
    with pytest.raises(ValueError, match="state must be an integer in"):
        rl.td0_update([0.0, 0.0], 5, 1.0, 0, lr=0.1)
    with pytest.raises(ValueError, match="lr must be a finite number > 0"):
        rl.td0_update([0.0, 0.0], 0, 1.0, 1, lr=0.0)
    with pytest.raises(TypeError, match="done must be True or False"):
        rl.td_error([0.0, 0.0], 0, 1.0, 1, done=1)


def test_td0_on_the_chain_approaches_the_bellman_solution():
    chain = ChainWorld(5, rng=0)
    tables = rl.td0_chain(chain, episodes=3000, lr=0.01)
    truth = chain.true_values()  # reference: the linear Bellman equations, solved exactly
    late = tables[-1000:, 1:-1].mean(axis=0)  # average out the constant-step-size jitter
    np.testing.assert_allclose(late, truth, atol=0.03)
    assert np.all(tables[:, [0, -1]] == 0.0)  # terminal values stay 0


def test_td_error_and_returns_at_the_edge_of_float64():
    # Closed forms: 1e308 + 1e308 - 1e308 = 1e308 although the first sum overflows;
    # 1e308 + 1e308 - (-1e308) = 3e308 and the return 1e308 + 1e308 are beyond float64.
    assert rl.td_error([1e308, 1e308], 0, 1e308, 1, gamma=1.0) == 1e308
    with pytest.raises(ValueError, match=r"td_error overflows float64.*Rescale the rewards"):
        rl.td_error([-1e308, 1e308], 0, 1e308, 1, gamma=1.0)
    with pytest.raises(ValueError, match=r"discounted_returns overflows float64"):
        rl.discounted_returns([1e308, 1e308], gamma=1.0)
