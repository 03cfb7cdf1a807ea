"""lossedu.adaptive.weights: focal and self-paced weights."""

import numpy as np
import pytest

from lossedu import adaptive, losses


def test_focal_weights_match_the_closed_form(rng):
    y = rng.integers(0, 2, 30).astype(float)
    z = rng.normal(0.0, 3.0, 30)
    p = 1.0 / (1.0 + np.exp(-z))  # reference: the definition, p_t = p or 1 - p
    p_t = np.where(y == 1, p, 1 - p)
    got = adaptive.focal_weights(y, z, gamma=1.5)
    np.testing.assert_allclose(got, (1 - p_t) ** 1.5, rtol=1e-12)
    # and focal(alpha=None) is this weight times the cross-entropy
    bce = losses.binary_cross_entropy_with_logits(y, z, reduction="none")
    np.testing.assert_allclose(
        losses.focal(y, z, gamma=1.5, alpha=None, reduction="none"), got * bce, rtol=1e-12
    )
    assert np.all(adaptive.focal_weights(y, z, gamma=0.0) == 1.0)
    assert np.all(np.isfinite(adaptive.focal_weights([1.0, 0.0], [1e4, 1e4])))


def test_focal_weights_validate():
    with pytest.raises(ValueError, match="only the labels"):
        adaptive.focal_weights([2.0], [0.0])
    with pytest.raises(ValueError, match="gamma must be a finite number >= 0"):
        adaptive.focal_weights([1.0], [0.0], gamma=-1.0)


def test_self_paced_weights():
    values = np.array([0.1, 0.5, 0.49, 3.0])
    # closed form of Kumar et al. (2010): v_i = 1 exactly when loss_i < lambda
    np.testing.assert_array_equal(
        adaptive.self_paced_weights(values, lam=0.5), [1.0, 0.0, 1.0, 0.0]
    )
    assert adaptive.self_paced_weights(values, lam=0.0).sum() == 0.0
    with pytest.raises(ValueError, match="lam must be a finite number >= 0"):
        adaptive.self_paced_weights(values, lam=-1.0)
    with pytest.raises(ValueError, match="NaN"):
        adaptive.self_paced_weights([np.nan], lam=1.0)


def test_focal_weights_at_huge_logits_have_no_spurious_overflow():
    # Closed form sigmoid(-s)^gamma: 0 for a right answer at s = 1e308, 1 for a wrong one;
    # the test configuration turns lossedu's RuntimeWarnings into errors.
    got = adaptive.focal_weights([1.0, 0.0], [1e308, 1e308], gamma=2.0)
    np.testing.assert_array_equal(got, [0.0, 1.0])
