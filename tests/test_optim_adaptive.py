"""Tests for lossedu.optim.adaptive: AdamW by closed forms (the trajectories of Adam, AdamW,
RMSprop and Adagrad against torch.optim are in tests/test_optim.py)."""

import numpy as np
import pytest

from lossedu import optim


def test_adamw_without_decay_is_adam_exactly():
    # closed form: with weight_decay = 0 the decoupled term vanishes
    rng = np.random.default_rng(3)
    a = rng.normal(size=(4, 4))
    a = a @ a.T / 4 + np.eye(4)
    adamw, adam = optim.AdamW(0.05, weight_decay=0.0), optim.Adam(0.05)
    w = v = rng.normal(size=4)
    for _ in range(40):
        w, v = adamw.step(w, a @ w), adam.step(v, a @ v)
        np.testing.assert_array_equal(w, v)


def test_adamw_decay_alone_shrinks_geometrically():
    # zero gradient: Adam's step is 0 / (0 + eps) = 0, so w_t = (1 - lr * wd)^t w_0
    opt, w0 = optim.AdamW(0.1, weight_decay=0.2), np.array([3.0, -0.5])
    w = w0
    for t in range(1, 31):
        w = opt.step(w, np.zeros(2))
        np.testing.assert_allclose(w, (1 - 0.02) ** t * w0, rtol=1e-13)


def test_adamw_constant_gradient_closed_form():
    # constant g: Adam's bias-corrected step is lr * g / (|g| + eps) at every t (see
    # test_adam_constant_gradient_moves_lr_per_step), so w_t = (1 - lr wd) w_{t-1} - that
    g, lr, wd = np.array([0.7, -2.0]), 0.05, 0.3
    opt, w, expected = optim.AdamW(lr, weight_decay=wd), np.array([1.0, 1.0]), np.array([1.0, 1.0])
    for _ in range(40):
        w = opt.step(w, g)
        expected = (1 - lr * wd) * expected - lr * g / (np.abs(g) + 1e-8)
        np.testing.assert_allclose(w, expected, rtol=1e-12, atol=1e-14)


def test_decoupled_decay_differs_from_an_l2_penalty_under_adam():
    # Adam divides an L2 penalty's gradient wd * w by sqrt(v); AdamW does not. On a weight
    # with a large constant gradient the penalty is nearly invisible under Adam, the decay is not.
    w0, g, lr, wd = np.array([1.0]), np.array([100.0]), 0.01, 0.5
    adam_l2, adamw = optim.Adam(lr), optim.AdamW(lr, weight_decay=wd)
    w = v = w0
    for _ in range(30):
        w = adam_l2.step(w, g + wd * w)
        v = adamw.step(v, g)
    # AdamW: each step also multiplies by 1 - lr * wd = 0.995
    assert v[0] < w[0] - 0.05


def test_adamw_bad_weight_decay():
    for wd in (-1.0, np.nan):
        with pytest.raises(ValueError, match="weight_decay must be a finite number >= 0"):
            optim.AdamW(weight_decay=wd)
    with pytest.raises(TypeError, match="weight_decay must be a non-negative number, got NoneType"):
        optim.AdamW(weight_decay=None)
