"""lossedu.rl.ppo: PPO's clipped surrogate and the entropy, against closed forms, PyTorch
(autograd; torch.distributions.Categorical) when installed, and central differences."""

import math

import numpy as np
import pytest

from lossedu import rl
from lossedu.gradcheck import check_grad, numerical_grad

# --- the clipped surrogate ----------------------------------------------------------------------


def test_ppo_clip_loss_by_hand():
    # clip = 0.2, band [0.8, 1.2]; per element -min(rho A, clip(rho) A):
    #   rho 1.5, A  2: min(3, 2.4)    = 2.4  (clipped: no gain beyond 1.2)
    #   rho 0.5, A  2: min(1, 1.6)    = 1    (unclipped: the loss still pulls rho up)
    #   rho 0.5, A -1: min(-0.5, -0.8) = -0.8 (clipped: no gain below 0.8)
    #   rho 1.5, A -1: min(-1.5, -1.2) = -1.5 (unclipped: the loss still pulls rho down)
    #   rho 1.1, A  3: inside the band   = 3.3
    rho, adv = [1.5, 0.5, 0.5, 1.5, 1.1], [2.0, 2.0, -1.0, -1.0, 3.0]
    expected = -np.array([2.4, 1.0, -0.8, -1.5, 3.3])
    np.testing.assert_allclose(rl.ppo_clip_loss(rho, adv, reduction="none"), expected, rtol=1e-15)
    assert rl.ppo_clip_loss(rho, adv) == pytest.approx(expected.mean(), rel=1e-15)
    assert rl.ppo_clip_loss(rho, adv, reduction="sum") == pytest.approx(expected.sum(), rel=1e-15)
    # gradient: -A where the unclipped term is the minimum, 0 where the clipped one is
    grad = rl.ppo_clip_loss_grad(rho, adv, reduction="sum")
    np.testing.assert_array_equal(grad, [0.0, -2.0, 0.0, 1.0, -3.0])
    np.testing.assert_allclose(rl.ppo_clip_loss_grad(rho, adv), grad / 5, rtol=1e-15)


def test_at_ratio_one_ppo_is_the_plain_policy_gradient_surrogate():
    # closed form: at rho = 1 (the policy that collected the data) L = -mean(A), dL/drho = -A/n
    adv = np.array([0.3, -2.0, 5.0, 0.0])
    assert rl.ppo_clip_loss(np.ones(4), adv) == pytest.approx(-adv.mean(), rel=1e-15)
    np.testing.assert_allclose(rl.ppo_clip_loss_grad(np.ones(4), adv), -adv / 4, rtol=1e-15)


def test_a_wider_clip_never_lowers_the_gain():
    # property: min(rho A, clip(rho) A) grows (weakly) with the band, toward rho * A
    rng = np.random.default_rng(11)
    rho, adv = rng.uniform(0.0, 3.0, 200), rng.normal(size=200)
    losses = [rl.ppo_clip_loss(rho, adv, clip=c, reduction="none") for c in (0.05, 0.2, 0.5)]
    assert np.all(losses[0] >= losses[1]) and np.all(losses[1] >= losses[2])
    assert np.all(losses[2] >= -rho * adv - 1e-15)  # never below the unclipped loss


def test_ppo_equals_torch_autograd():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(12)
    rho = np.concatenate([rng.uniform(0.0, 2.5, 40), [1e-300, 0.0, 1.0, 1.3]])
    adv = np.concatenate([rng.normal(size=40), [5.0, -5.0, 2.0, 1e4]])
    for clip in (0.1, 0.2, 0.3):
        t = torch.tensor(rho, requires_grad=True)
        a = torch.tensor(adv)
        ref = -torch.min(t * a, torch.clamp(t, 1 - clip, 1 + clip) * a).mean()
        ref.backward()
        assert rl.ppo_clip_loss(rho, adv, clip=clip) == pytest.approx(ref.item(), rel=1e-12)
        np.testing.assert_allclose(
            rl.ppo_clip_loss_grad(rho, adv, clip=clip), t.grad.numpy(), rtol=1e-12, atol=0
        )


def test_ppo_grad_matches_central_differences():
    rng = np.random.default_rng(13)
    rho, adv = rng.uniform(0.3, 2.0, 12), rng.normal(size=12)
    band = np.abs(rho - 0.8) > 1e-3
    rho = rho[band & (np.abs(rho - 1.2) > 1e-3)]  # away from the kinks at 1 -+ clip
    adv = adv[: rho.size]
    for reduction in ("mean", "sum"):
        error = check_grad(
            lambda r, red=reduction: rl.ppo_clip_loss(r, adv, reduction=red),
            lambda r, red=reduction: rl.ppo_clip_loss_grad(r, adv, reduction=red),
            rho,
        )
        assert error < 1e-8


def test_ppo_extreme_inputs_stay_finite_or_are_refused():
    # ratios near 0 and huge ratios with A of either sign: finite, by the closed forms
    rho, adv = np.array([1e-300, 0.0, 1e200, 1e200]), np.array([1e100, -3.0, 2.0, -2.0])
    values = rl.ppo_clip_loss(rho, adv, reduction="none")
    # 1e-300 * 1e100 (unclipped, smaller), -(0.8 * -3), -(1.2 * 2), -(1e200 * -2)
    np.testing.assert_allclose(values, [-1e-200, 2.4, -2.4, 2e200], rtol=1e-15)
    assert np.all(np.isfinite(rl.ppo_clip_loss_grad(rho, adv)))
    with pytest.raises(ValueError, match="the PPO loss overflows float64"):
        rl.ppo_clip_loss([1e200], [-1e200])


def test_ppo_bad_input():
    with pytest.raises(ValueError, match=r"ratio must be >= 0.*got -0.5.*np.exp"):
        rl.ppo_clip_loss([1.0, -0.5], [1.0, 1.0])
    with pytest.raises(ValueError, match=r"ratio and advantages must have the same shape"):
        rl.ppo_clip_loss_grad([1.0, 1.0], [1.0])
    with pytest.raises(ValueError, match="advantages contains NaN"):
        rl.ppo_clip_loss([1.0], [np.nan])
    for clip in (1.0, -0.1, np.nan):
        with pytest.raises(ValueError, match=r"clip must lie in \[0, 1\).*0.1 or 0.2"):
            rl.ppo_clip_loss([1.0], [1.0], clip=clip)
    with pytest.raises(ValueError, match=r"clip must lie in \(0, 1\), got 0.0"):
        rl.ppo_clip_loss_grad([1.0], [1.0], clip=0.0)
    with pytest.raises(TypeError, match="clip must be a number, got str"):
        rl.ppo_clip_loss([1.0], [1.0], clip="0.2")
    with pytest.raises(ValueError, match="reduction must be one of"):
        rl.ppo_clip_loss([1.0], [1.0], reduction=None)
    with pytest.raises(ValueError, match="ratio is empty"):
        rl.ppo_clip_loss([], [])


def test_ppo_inputs_not_modified():
    rho, adv = np.array([0.5, 1.5]), np.array([1.0, -1.0])
    rl.ppo_clip_loss(rho, adv), rl.ppo_clip_loss_grad(rho, adv)
    np.testing.assert_array_equal(rho, [0.5, 1.5])
    np.testing.assert_array_equal(adv, [1.0, -1.0])


# --- entropy ----------------------------------------------------------------------------------


def test_entropy_closed_forms():
    assert rl.entropy([0.25] * 4) == pytest.approx(math.log(4), rel=1e-15)  # uniform: log k
    assert rl.entropy([0.0, 1.0, 0.0]) == 0.0  # deterministic, 0 log 0 = 0
    # -(0.25 log 0.25 + 0.75 log 0.75), by hand
    h = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))
    np.testing.assert_allclose(rl.entropy([[0.25, 0.75], [0.5, 0.5]]), [h, math.log(2)])
    assert isinstance(rl.entropy([0.5, 0.5]), float)


def test_entropy_axis():
    rng = np.random.default_rng(14)
    p = rng.dirichlet(np.ones(5), size=(3, 4))  # shape (3, 4, 5), rows along the last axis
    h = rl.entropy(p)
    assert h.shape == (3, 4)
    np.testing.assert_allclose(rl.entropy(np.moveaxis(p, -1, 1), axis=1), h, rtol=1e-15)
    np.testing.assert_allclose(rl.entropy(p.T, axis=0), h.T, rtol=1e-15)


def test_entropy_equals_torch_categorical():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(15)
    p = rng.dirichlet(np.full(6, 0.3), size=50)
    p[:5, :3] = 0.0  # exact zeros: 0 log 0 = 0 in both
    p /= p.sum(axis=1, keepdims=True)
    ref = torch.distributions.Categorical(probs=torch.tensor(p)).entropy().numpy()
    np.testing.assert_allclose(rl.entropy(p), ref, rtol=1e-12, atol=1e-15)


def test_entropy_extreme_probabilities_stay_finite():
    # closed form: p log p for p = 1e-300 is -6.9e-298; the 1 - 1e-300 rounds to 1
    assert rl.entropy([1e-300, 1.0]) == pytest.approx(-1e-300 * math.log(1e-300), rel=1e-12)
    p = np.full(10**5, 1e-5)
    assert rl.entropy(p) == pytest.approx(math.log(1e5), rel=1e-12)


def test_entropy_grad_matches_central_differences():
    rng = np.random.default_rng(16)
    p = rng.dirichlet(np.ones(4), size=3)
    # steps of 1e-9 keep the perturbed rows within the 1e-6 tolerance on their sums
    num = numerical_grad(lambda q: float(np.sum(rl.entropy(q))), p, eps=1e-9)
    np.testing.assert_allclose(rl.entropy_grad(p), num, rtol=1e-5)
    np.testing.assert_allclose(rl.entropy_grad([0.5, 0.5]), [math.log(2) - 1] * 2, rtol=1e-15)


def test_entropy_bad_input():
    with pytest.raises(ValueError, match=r"every row of probs must sum to 1.*row 1 sums to 0.9"):
        rl.entropy([[0.5, 0.5], [0.4, 0.5]])
    with pytest.raises(ValueError, match=r"probs must be probabilities in \[0, 1\]"):
        rl.entropy([1.5, -0.5])
    with pytest.raises(ValueError, match="probs must hold at least one distribution"):
        rl.entropy(1.0)
    with pytest.raises(ValueError, match="axis=2 is out of range"):
        rl.entropy([[0.5, 0.5]], axis=2)
    with pytest.raises(ValueError, match="probs contains NaN"):
        rl.entropy([np.nan, 1.0])
    with pytest.raises(ValueError, match=r"entropy_grad needs every probability > 0.*logits"):
        rl.entropy_grad([0.0, 1.0])
    with pytest.raises(TypeError, match="axis must be an integer"):
        rl.entropy_grad([0.5, 0.5], axis=None)
