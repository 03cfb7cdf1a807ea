"""Tests for lossedu.optim.clipping: closed forms, and torch.nn.utils.clip_grad_norm_ when
installed."""

import numpy as np
import pytest

from lossedu import optim


def test_clip_grad_norm_scales_long_gradients_to_the_cap(rng):
    g = rng.normal(0, 10, (3, 4))
    out = optim.clip_grad_norm(g, 2.0)
    # closed form: g * 2 / ||g||, same direction, norm 2
    np.testing.assert_allclose(out, g * 2.0 / np.sqrt(np.sum(g**2)), rtol=1e-14)
    assert np.linalg.norm(out) == pytest.approx(2.0, rel=1e-14)
    assert out.shape == g.shape


def test_clip_grad_norm_leaves_short_gradients_alone_and_copies():
    g = np.array([0.3, -0.4])  # norm 0.5
    out = optim.clip_grad_norm(g, 0.5)  # at the cap: unchanged
    np.testing.assert_array_equal(out, g)
    out[0] = 9.0
    assert g[0] == 0.3  # the input is not modified


def test_clip_grad_norm_huge_entries_do_not_overflow():
    out = optim.clip_grad_norm([3e300, 4e300], 1.0)  # the squares overflow float64
    np.testing.assert_allclose(out, [0.6, 0.8], rtol=1e-14)  # closed form: (3, 4) / 5


def test_clip_grad_norm_matches_torch(rng):
    torch = pytest.importorskip("torch")
    g = rng.normal(0, 5, 6)
    p = torch.zeros(6, dtype=torch.float64, requires_grad=True)
    p.grad = torch.tensor(g)
    torch.nn.utils.clip_grad_norm_([p], 1.5)
    # torch divides by norm + 1e-6: agreement to about 1e-6 relative
    np.testing.assert_allclose(optim.clip_grad_norm(g, 1.5), p.grad.numpy(), rtol=1e-5)


@pytest.mark.parametrize("max_norm", [0.0, -1.0, float("nan")])
def test_clip_grad_norm_rejects_bad_max_norm(max_norm):
    with pytest.raises(ValueError, match="max_norm"):
        optim.clip_grad_norm([1.0, 2.0], max_norm)


def test_clip_grad_norm_rejects_non_finite_gradients():
    with pytest.raises(ValueError, match="g contains NaN"):
        optim.clip_grad_norm([1.0, np.inf], 1.0)
