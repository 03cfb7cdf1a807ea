"""lossedu.losses.regression: mse, mae, huber, log_cosh beyond the generic tests of test_losses.py.

Every expected value is a closed form written here, SciPy or scikit-learn; the source is named
beside it.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as skm
from test_losses import _residual_pair, _valid, both

from lossedu import losses


def test_scikit_learn_regression_metrics(rng):
    y, p = _residual_pair(rng, (50,))
    assert losses.mse(y, p) == pytest.approx(skm.mean_squared_error(y, p), rel=1e-12)
    assert losses.mae(y, p) == pytest.approx(skm.mean_absolute_error(y, p), rel=1e-12)


def test_mae_gradient_is_zero_at_zero_error():
    np.testing.assert_array_equal(
        losses.mae_grad([1.0, 1.0, 1.0], [1.0, 2.0, 0.0], reduction="sum"), [0.0, 1.0, -1.0]
    )


def test_huber_is_continuous_and_linear_outside_delta():
    r = np.array([2.0 - 1e-12, 2.0, 2.0 + 1e-12, 3.0, -5.0])
    got = losses.huber(np.zeros(5), r, delta=2.0, reduction="none")
    # PyTorch huber_loss: 0.5 r^2 inside, delta (|r| - delta / 2) outside
    np.testing.assert_allclose(got, [2.0, 2.0, 2.0, 4.0, 8.0], rtol=1e-11)


def test_log_cosh_keeps_relative_precision_for_tiny_errors():
    r = np.array([1e-150, 1e-8, 1e-3, 0.5, 1.0 - 1e-13, 1.0, 1.0 + 1e-13, 3.0])
    # series log cosh r = r^2/2 - r^4/12 + r^6/45 for tiny r; np.log(np.cosh(r)) for r >= 0.5
    series = r**2 / 2 - r**4 / 12 + r**6 / 45
    expected = np.where(r < 0.01, series, np.log(np.cosh(r)))
    got = losses.log_cosh(np.zeros_like(r), r, reduction="none")
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=0)


def test_log_cosh_does_not_overflow():
    r = np.array([-1e4, 710.0, 1e4])
    got = losses.log_cosh(np.zeros(3), r, reduction="none")
    np.testing.assert_allclose(got, np.abs(r) - np.log(2), rtol=1e-15)  # |r| - log 2
    np.testing.assert_array_equal(losses.log_cosh_grad(np.zeros(3), r, reduction="sum"), [-1, 1, 1])


@pytest.mark.parametrize(
    ("name", "option", "value", "error", "message"),
    [
        ("huber", "delta", 0.0, ValueError, "delta must be a finite number > 0"),
        ("huber", "delta", -1.0, ValueError, "delta must be a finite number > 0"),
        ("huber", "delta", np.inf, ValueError, "delta must be a finite number > 0"),
        ("huber", "delta", "1", TypeError, "delta must be a positive number"),
    ],
)  # fmt: skip
def test_bad_options_are_refused(name, option, value, error, message):
    y, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(error, match=message):
            fn(y, pred, **{**opts, option: value})


def test_mse_beyond_float64_raises_and_a_representable_mse_is_returned():
    # Closed forms: mse([0], [1e200]) = 1e400 exceeds float64 (max 1.8e308), so it cannot be
    # returned; four squares of 1e154 overflow their sum but their mean is exactly 1e308.
    with pytest.raises(ValueError, match=r"mse is beyond float64.*Rescale y_true and y_pred"):
        losses.mse([0.0], [1e200])
    with pytest.raises(ValueError, match=r"mse overflows float64"):
        losses.mse([0.0], [1e200], reduction="none")
    with pytest.raises(ValueError, match=r"y_pred - y_true overflows float64"):
        losses.mse([-1e308], [1e308])
    assert losses.mse(np.zeros(4), np.full(4, 1e154)) == pytest.approx(1e308, rel=1e-15)


def test_mse_grad_beyond_float64_raises():
    # Closed form 2 (y_pred - y_true): 2e308 at 1e308 is beyond float64; with "mean" over two
    # elements it is 1e308, representable.
    with pytest.raises(ValueError, match=r"mse_grad overflows float64 at index \(0,\)"):
        losses.mse_grad([0.0], [1e308])
    np.testing.assert_array_equal(losses.mse_grad([0.0, 0.0], [1e308, 0.0]), [1e308, 0.0])


def test_huber_and_log_cosh_at_huge_residuals_have_no_spurious_overflow():
    # Closed forms: huber = delta (|r| - delta / 2) = 1e200 - 0.5 (rounds to 1e200) where the
    # unused square branch would overflow; log cosh r = |r| - log 2 + log1p(e^(-2|r|)).
    # The test configuration turns lossedu's RuntimeWarnings into errors.
    assert losses.huber([0.0], [1e200]) == 1e200
    assert losses.log_cosh([0.0, 0.0], [1e308, -1e308]) == pytest.approx(1e308, rel=1e-15)
    with pytest.raises(ValueError, match="overflows float64"):
        losses.huber([0.0], [1e200], delta=1e300)  # 0.5 * 1e400 is beyond float64
