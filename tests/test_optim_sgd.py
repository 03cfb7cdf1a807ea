"""Tests for lossedu.optim.sgd: weight decay and Nesterov momentum by closed forms (the
trajectories against torch.optim.SGD are in tests/test_optim.py, beside every other rule)."""

import numpy as np
import pytest

from lossedu import optim


def test_weight_decay_is_sgd_on_the_gradient_plus_decay():
    # closed form: SGD(weight_decay=wd) steps along g + wd * w, an L2 penalty's gradient
    rng = np.random.default_rng(5)
    a = rng.normal(size=(4, 4))
    a = a @ a.T / 4 + np.eye(4)
    for momentum in (0.0, 0.9):
        decayed = optim.SGD(0.05, momentum=momentum, weight_decay=0.3)
        plain = optim.SGD(0.05, momentum=momentum)
        w = v = rng.normal(size=4)
        for _ in range(40):
            w = decayed.step(w, a @ w)
            v = plain.step(v, a @ v + 0.3 * v)
            np.testing.assert_allclose(w, v, rtol=1e-13, atol=1e-15)


def test_weight_decay_alone_shrinks_geometrically():
    # zero gradient: w_t = (1 - lr * wd)^t w_0
    opt, w0 = optim.SGD(0.1, weight_decay=0.5), np.array([2.0, -1.0])
    w = w0
    for t in range(1, 31):
        w = opt.step(w, np.zeros(2))
        np.testing.assert_allclose(w, (1 - 0.05) ** t * w0, rtol=1e-13)


def test_nesterov_first_three_steps_by_hand():
    # lr = 0.1, mu = 0.9, w0 = 1, g = w; the step is lr * (g + mu * buf):
    #   1: buf = 1                         step 0.1 * (1 + 0.9)           -> 0.81
    #   2: buf = 0.9 + 0.81 = 1.71         step 0.1 * (0.81 + 1.539)      -> 0.5751
    #   3: buf = 1.539 + 0.5751 = 2.1141   step 0.1 * (0.5751 + 1.90269)  -> 0.327321
    opt, w, seen = optim.SGD(0.1, momentum=0.9, nesterov=True), np.array([1.0]), []
    for _ in range(3):
        w = opt.step(w, w)
        seen.append(float(w[0]))
    np.testing.assert_allclose(seen, [0.81, 0.5751, 0.327321], rtol=1e-14)


def test_nesterov_is_sutskevers_look_ahead_in_shifted_variables():
    # Sutskever et al. (2013): v <- mu v - lr grad(theta + mu v), theta <- theta + v. The
    # PyTorch form iterates w = theta + mu v (algebra: w' = w - (1 + mu) lr g(w) + mu^2 v).
    rng = np.random.default_rng(7)
    a = rng.normal(size=(3, 3))
    a, b = a @ a.T / 3 + np.eye(3), rng.normal(size=3)
    lr, mu = 0.05, 0.9
    theta, v = rng.normal(size=3), np.zeros(3)
    opt, w = optim.SGD(lr, momentum=mu, nesterov=True), theta.copy()
    for _ in range(40):
        v = mu * v - lr * (a @ (theta + mu * v) - b)
        theta = theta + v
        w = opt.step(w, a @ w - b)
        np.testing.assert_allclose(w, theta + mu * v, rtol=1e-10, atol=1e-12)


def test_nesterov_and_heavy_ball_differ():
    # the same buffer, a different direction: a test that passes for both would be vacuous
    heavy, nesterov = optim.SGD(0.1, momentum=0.9), optim.SGD(0.1, momentum=0.9, nesterov=True)
    w = np.array([1.0])
    assert heavy.step(w, w)[0] == pytest.approx(0.9)  # 1 - 0.1 * 1
    assert nesterov.step(w, w)[0] == pytest.approx(0.81)  # 1 - 0.1 * 1.9


def test_bad_options():
    for wd in (-0.1, np.nan, np.inf):
        with pytest.raises(ValueError, match="weight_decay must be a finite number >= 0"):
            optim.SGD(0.1, weight_decay=wd)
    with pytest.raises(TypeError, match="weight_decay must be a non-negative number, got str"):
        optim.SGD(0.1, weight_decay="0.1")
    with pytest.raises(ValueError, match=r"nesterov=True needs momentum > 0.*momentum=0.9"):
        optim.SGD(0.1, nesterov=True)
    for bad in (1, "yes", None):
        with pytest.raises(TypeError, match="nesterov must be True or False"):
            optim.SGD(0.1, momentum=0.9, nesterov=bad)
