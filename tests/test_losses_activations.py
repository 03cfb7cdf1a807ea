"""lossedu.losses.activations: sigmoid, softmax and log_softmax.

Against SciPy and PyTorch (when installed), at extreme logits, and every bad-input rule.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from scipy import special

from lossedu import losses


def test_signature_of_the_activations():
    assert list(inspect.signature(losses.sigmoid).parameters) == ["z"]
    for fn in (losses.softmax, losses.log_softmax):
        z, axis = inspect.signature(fn).parameters.values()
        assert z.name == "z" and axis.kind is axis.KEYWORD_ONLY and axis.default == -1


def test_activations_match_scipy(rng):
    z = np.concatenate([10 * rng.normal(size=10), [1e4, -1e4]]).reshape(3, 4)
    np.testing.assert_allclose(losses.sigmoid(z), special.expit(z), rtol=1e-15)
    for axis in (0, 1, -1, -2):
        np.testing.assert_allclose(
            losses.softmax(z, axis=axis), special.softmax(z, axis=axis), rtol=1e-13, atol=1e-300
        )
        # SciPy subtracts log(sum exp), rounded to ~1e-16 absolute, so its small entries
        # carry that absolute error (2.7e-11 relative at -1.1e-6 here); lossedu's log1p form
        # is checked against 50-digit mpmath in the test below.
        np.testing.assert_allclose(
            losses.log_softmax(z, axis=axis),
            special.log_softmax(z, axis=axis),
            rtol=1e-13,
            atol=1e-15,
        )
        np.testing.assert_allclose(losses.softmax(z, axis=axis).sum(axis=axis), 1.0, rtol=1e-15)


def test_activations_are_finite_at_extreme_logits():
    np.testing.assert_array_equal(losses.sigmoid([-1e4, 0.0, 1e4]), [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(losses.softmax([0.0, 1e4]), [0.0, 1.0])
    np.testing.assert_array_equal(losses.log_softmax([0.0, 1e4]), [-1e4, 0.0])
    assert isinstance(losses.sigmoid(0.0), np.floating)


def test_activations_match_torch(rng):
    torch = pytest.importorskip("torch")
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


@pytest.mark.parametrize("fn", [losses.softmax, losses.log_softmax])
def test_activation_axis_and_scalar(fn):
    with pytest.raises(ValueError, match=r"axis=2 is out of range .* 2 dimension\(s\)"):
        fn([[1.0, 2.0]], axis=2)
    with pytest.raises(TypeError, match="axis must be an integer"):
        fn([1.0, 2.0], axis=0.5)
    with pytest.raises(ValueError, match="z must have at least one dimension"):
        fn(1.0)


@pytest.mark.parametrize("fn", [losses.sigmoid, losses.softmax, losses.log_softmax])
def test_activations_refuse_nan_empty_and_wrong_kinds(fn):
    with pytest.raises(ValueError, match="z contains NaN or infinite"):
        fn([0.0, np.nan])
    with pytest.raises(ValueError, match="z is empty"):
        fn([])
    with pytest.raises(TypeError, match="z must be an array-like of numbers"):
        fn(None)


@pytest.mark.parametrize(
    "row", [[30.0, 0.0], [40.0, 0.0], [37.0, -1.0, 2.0], [5.0, 4.9], [700.0, 0.0, 1.0]]
)
def test_log_softmax_and_softmax_keep_precision_when_confident(row):
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 50
    # 50-digit reference (mpmath): log-softmax z_j - log sum exp z, and its exp.
    # Written as (z_j - m) - log1p(sum of exp(z_i - m) over i other than the maximum), m = max:
    # z_j - m is exact and the maximum's term 1 is kept apart, so -4e-304 is not lost.
    x = [mp.mpf(v) for v in row]
    others = list(x)
    others.remove(max(x))
    rest = mp.fsum(mp.exp(v - max(x)) for v in others)
    log_p = [(v - max(x)) - mp.log1p(rest) for v in x]
    want_log = [float(v) for v in log_p]
    want = [float(mp.exp(v)) for v in log_p]
    np.testing.assert_allclose(losses.log_softmax(row), want_log, rtol=1e-14, atol=0.0)
    np.testing.assert_allclose(losses.softmax(row), want, rtol=1e-14, atol=0.0)


def test_softmax_and_log_softmax_at_a_gap_beyond_float64():
    # Closed forms: softmax([1e308, -1e308]) = (1, exp(-2e308)) = (1, 0); the log-probability
    # -2e308 of the second is beyond float64, so log_softmax refuses instead of giving -inf.
    np.testing.assert_array_equal(losses.softmax([1e308, -1e308]), [1.0, 0.0])
    with pytest.raises(ValueError, match=r"log_softmax overflows float64.*Rescale the logits"):
        losses.log_softmax([1e308, -1e308])
    with pytest.raises(ValueError, match="overflows float64"):
        losses.categorical_cross_entropy_with_logits([1], [[1e308, -1e308]])
    assert losses.categorical_cross_entropy_with_logits([0], [[1e308, -1e308]]) == 0.0
