"""lossedu.rl.preferences: the Bradley-Terry reward-model loss, against closed forms, PyTorch's
logsigmoid and autograd when installed, and central differences, at ordinary and extreme
reward margins."""

import math

import numpy as np
import pytest

from lossedu import losses, rl
from lossedu.gradcheck import check_grad


def test_bradley_terry_by_hand():
    # log(1 + exp(-(c - r))) for the margins c - r = 0, 1 and -2, by hand
    c, r = np.array([0.5, 2.0, -1.0]), np.array([0.5, 1.0, 1.0])
    expected = np.log1p(np.exp([0.0, -1.0, 2.0]))
    np.testing.assert_allclose(rl.bradley_terry_loss(c, r, reduction="none"), expected, rtol=1e-15)
    assert rl.bradley_terry_loss(c, r) == pytest.approx(expected.mean(), rel=1e-15)
    assert rl.bradley_terry_loss(c, r, reduction="sum") == pytest.approx(expected.sum(), rel=1e-15)
    # gradient w.r.t. r_rejected: sigma(r - c) = 1 / (1 + exp(c - r))
    sig = 1.0 / (1.0 + np.exp(c - r))
    np.testing.assert_allclose(rl.bradley_terry_loss_grad(c, r, reduction="sum"), sig, rtol=1e-15)
    np.testing.assert_allclose(rl.bradley_terry_loss_grad(c, r, wrt="chosen"), -sig / 3, rtol=1e-15)


def test_bradley_terry_is_binary_cross_entropy_on_the_margin():
    # the reward-model loss is BCE with logit c - r and label 1 (a second implementation)
    rng = np.random.default_rng(21)
    c, r = rng.normal(size=30) * 5, rng.normal(size=30) * 5
    ref = losses.binary_cross_entropy_with_logits(np.ones(30), c - r)
    assert rl.bradley_terry_loss(c, r) == pytest.approx(ref, rel=1e-13)


def test_only_the_margin_matters():
    # property: adding a constant to both rewards changes nothing
    c, r = np.array([0.3, -2.0, 4.0]), np.array([1.0, 0.5, -3.0])
    for shift in (-100.0, 7.5, 1e3):
        np.testing.assert_allclose(
            rl.bradley_terry_loss(c + shift, r + shift, reduction="none"),
            rl.bradley_terry_loss(c, r, reduction="none"),
            rtol=1e-12,
        )


def test_bradley_terry_equals_torch_logsigmoid():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(22)
    c = np.concatenate([rng.normal(size=40) * 3, [1e4, -1e4, 0.0, 5e5, -800.0]])
    r = np.concatenate([rng.normal(size=40) * 3, [-1e4, 1e4, 0.0, 0.0, 0.0]])
    tc, tr = torch.tensor(c, requires_grad=True), torch.tensor(r, requires_grad=True)
    ref = -torch.nn.functional.logsigmoid(tc - tr).mean()
    ref.backward()
    assert rl.bradley_terry_loss(c, r) == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(
        rl.bradley_terry_loss_grad(c, r, wrt="chosen"), tc.grad.numpy(), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(
        rl.bradley_terry_loss_grad(c, r), tr.grad.numpy(), rtol=1e-12, atol=1e-300
    )


def test_bradley_terry_extreme_margins():
    # closed forms: the loss is -d for d -> -inf and e^{-d} (underflowing to 0) for d -> +inf
    c = np.array([-1e4, 1e4, -1e300, 1e300, 40.0])
    r = np.array([1e4, -1e4, 1e300, -1e300, 0.0])
    values = rl.bradley_terry_loss(c, r, reduction="none")
    np.testing.assert_allclose(values, [2e4, 0.0, 2e300, 0.0, math.exp(-40.0)], rtol=1e-15)
    grad = rl.bradley_terry_loss_grad(c[:4], r[:4], reduction="sum")
    np.testing.assert_array_equal(grad, [1.0, 0.0, 1.0, 0.0])
    # a margin beyond float64 (2e308): the loss is not representable and is refused, while
    # its gradient (0 or 1) is
    with pytest.raises(ValueError, match="Bradley-Terry loss overflows float64"):
        rl.bradley_terry_loss([-1e308], [1e308])
    grad = rl.bradley_terry_loss_grad([-1e308, 1e308], [1e308, -1e308], reduction="sum")
    np.testing.assert_array_equal(grad, [1.0, 0.0])


def test_bradley_terry_grad_matches_central_differences():
    rng = np.random.default_rng(23)
    c, r = rng.normal(size=8), rng.normal(size=8)
    for red in ("mean", "sum"):
        error = check_grad(
            lambda v, red=red: rl.bradley_terry_loss(c, v, reduction=red),
            lambda v, red=red: rl.bradley_terry_loss_grad(c, v, reduction=red),
            r,
        )
        assert error < 1e-8
        error = check_grad(
            lambda v, red=red: rl.bradley_terry_loss(v, r, reduction=red),
            lambda v, red=red: rl.bradley_terry_loss_grad(v, r, wrt="chosen", reduction=red),
            c,
        )
        assert error < 1e-8


def test_bradley_terry_bad_input():
    with pytest.raises(ValueError, match=r"r_chosen and r_rejected must have the same shape"):
        rl.bradley_terry_loss([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="r_rejected contains NaN"):
        rl.bradley_terry_loss_grad([1.0], [np.inf])
    with pytest.raises(ValueError, match=r"wrt must be one of 'rejected', 'chosen'; got 'c'"):
        rl.bradley_terry_loss_grad([1.0], [0.0], wrt="c")
    with pytest.raises(ValueError, match="reduction must be one of"):
        rl.bradley_terry_loss([1.0], [0.0], reduction="avg")
    with pytest.raises(TypeError, match="r_chosen must be an array-like of numbers"):
        rl.bradley_terry_loss("1", [0.0])
    with pytest.raises(ValueError, match="r_chosen is empty"):
        rl.bradley_terry_loss([], [])
