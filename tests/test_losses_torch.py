"""Every loss and gradient against PyTorch (values, reductions and autograd), when installed.

PyTorch is optional: this module is skipped without it. Each reference below is written
with torch operations only, using torch.nn.functional where PyTorch has the loss.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_losses import CATEGORICAL, NAMES, REGISTRY, all_cases

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _focal(y, z, gamma=2.0, alpha=0.25):
    # torchvision.ops.sigmoid_focal_loss (Lin et al. 2017), written with torch ops
    p = torch.sigmoid(z)
    ce = F.binary_cross_entropy_with_logits(z, y, reduction="none")
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * (1 - p_t) ** gamma
    if alpha is not None:
        loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
    return loss


def _barron(y, y_hat, alpha, scale=1.0):
    # Barron (2019), eq. (1) and its limits at alpha = 2, 0 and -inf
    x2 = ((y_hat - y) / scale) ** 2
    if alpha == 2.0:
        return x2 / 2
    if alpha == 0.0:
        return torch.log1p(x2 / 2)
    if alpha == -math.inf:
        return -torch.expm1(-x2 / 2)
    d = abs(alpha - 2.0)
    return d / alpha * torch.expm1(alpha / 2 * torch.log1p(x2 / d))


def _cce(y, p):
    if y.ndim == 1:  # class indices: the negative log-likelihood of log p
        return F.nll_loss(torch.log(p), y.long(), reduction="none")
    return -(y * torch.log(p)).sum(dim=1)


def _cce_logits(y, z, label_smoothing=0.0):
    target = y.long() if y.ndim == 1 else y
    return F.cross_entropy(z, target, label_smoothing=label_smoothing, reduction="none")


TORCH_REFERENCE = {
    "mse": lambda y, p: F.mse_loss(p, y, reduction="none"),
    "mae": lambda y, p: F.l1_loss(p, y, reduction="none"),
    "huber": lambda y, p, delta=1.0: F.huber_loss(p, y, delta=delta, reduction="none"),
    "log_cosh": lambda y, p: torch.log(torch.cosh(p - y)),
    "binary_cross_entropy": lambda y, p: F.binary_cross_entropy(p, y, reduction="none"),
    "binary_cross_entropy_with_logits": lambda y, z: F.binary_cross_entropy_with_logits(
        z, y, reduction="none"
    ),
    "categorical_cross_entropy": _cce,
    "categorical_cross_entropy_with_logits": _cce_logits,
    "hinge": lambda y, s: torch.clamp(1 - y * s, min=0),
    "focal": _focal,
    "barron": _barron,
}


def _torch_loss_and_grad(name, y, pred, opts, reduction):
    y_t = torch.tensor(np.asarray(y), dtype=torch.float64)
    pred_t = torch.tensor(np.asarray(pred), dtype=torch.float64, requires_grad=True)
    values = TORCH_REFERENCE[name](y_t, pred_t, **opts)
    if reduction == "none":
        values.sum().backward()  # lossedu: the gradient of "none" is that of the sum
        return values.detach().numpy(), pred_t.grad.numpy()
    total = values.mean() if reduction == "mean" else values.sum()
    total.backward()
    return total.item(), pred_t.grad.numpy()


def test_every_loss_has_a_torch_reference():
    assert set(TORCH_REFERENCE) == set(NAMES)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("name", NAMES)
def test_value_and_gradient_match_torch(name, reduction):
    loss, grad, _ = REGISTRY[name]
    for y, pred, opts in all_cases(name):
        if name == "barron" and opts["alpha"] in (1e-9, 2.0 - 1e-9):
            continue  # the reference formula itself is inaccurate there; see test_losses_special
        expected, expected_grad = _torch_loss_and_grad(name, y, pred, opts, reduction)
        got = loss(y, pred, reduction=reduction, **opts)
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=0)
        got_grad = grad(y, pred, reduction=reduction, **opts)
        np.testing.assert_allclose(got_grad, expected_grad, rtol=1e-10, atol=1e-14)


def test_mean_divides_categorical_losses_by_rows_as_torch(rng):
    # PyTorch's cross_entropy "mean" divides by n for indices and for probability targets
    logits = rng.normal(size=(6, 4))
    for y in (rng.integers(0, 4, 6), np.eye(4)[rng.integers(0, 4, 6)]):
        target = torch.tensor(y).long() if y.ndim == 1 else torch.tensor(y)
        expected = F.cross_entropy(torch.tensor(logits), target).item()
        got = REGISTRY[CATEGORICAL[1]][0](y, logits)
        assert got == pytest.approx(expected, rel=1e-12)


def test_logit_losses_match_torch_at_extreme_logits():
    z = np.array([1e4, -1e4, 30.0, -30.0, 0.0])
    for y in (np.ones(5), np.zeros(5), np.full(5, 0.3)):
        expected, expected_grad = _torch_loss_and_grad(
            "binary_cross_entropy_with_logits", y, z, {}, "none"
        )
        got = REGISTRY["binary_cross_entropy_with_logits"][0](y, z, reduction="none")
        # atol: PyTorch adds log1p(exp(-30)) ~ 1e-13 to 30 before cancelling (y = 0, z = -30)
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14)
        got_grad = REGISTRY["binary_cross_entropy_with_logits"][1](y, z, reduction="none")
        np.testing.assert_allclose(got_grad, expected_grad, rtol=1e-12, atol=1e-15)
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0]])
    for eps in (0.0, 0.2):
        for y in (np.array([0, 2]), np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])):
            opts = {"label_smoothing": eps}
            expected, expected_grad = _torch_loss_and_grad(CATEGORICAL[1], y, logits, opts, "sum")
            loss, grad, _ = REGISTRY[CATEGORICAL[1]]
            assert loss(y, logits, reduction="sum", **opts) == pytest.approx(expected, rel=1e-12)
            np.testing.assert_allclose(grad(y, logits, reduction="sum", **opts), expected_grad)


def test_activations_match_torch(rng):
    from lossedu import losses

    z = np.concatenate([rng.normal(size=8) * 10, [1e4, -1e4, 0.0, 750.0]]).reshape(3, 4)
    zt = torch.tensor(z)
    np.testing.assert_allclose(losses.sigmoid(z), torch.sigmoid(zt).numpy(), rtol=1e-14)
    for axis in (0, 1, -1):
        np.testing.assert_allclose(
            losses.softmax(z, axis=axis), torch.softmax(zt, dim=axis).numpy(), rtol=1e-12
        )
        np.testing.assert_allclose(
            losses.log_softmax(z, axis=axis),
            torch.log_softmax(zt, dim=axis).numpy(),
            rtol=1e-12,
            atol=1e-12,
        )
