"""lossedu.losses.regression: mse, mae, huber, log_cosh beyond the generic tests of test_losses.py.

Every expected value is a closed form written here, SciPy or scikit-learn; the source is named
beside it.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
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


# ---- quantile (pinball) loss


@pytest.mark.parametrize("tau", [0.01, 0.1, 0.5, 0.73, 0.99])
def test_quantile_matches_scikit_learn_mean_pinball_loss(rng, tau):
    y, p = _residual_pair(rng, (40,))
    p[:5] = y[:5]  # ties: zero error
    assert losses.quantile(y, p, tau=tau) == pytest.approx(
        skm.mean_pinball_loss(y, p, alpha=tau), rel=1e-12
    )  # scikit-learn mean_pinball_loss(alpha=tau)
    y2, p2 = _residual_pair(rng, (6, 5))
    assert losses.quantile(y2, p2, tau=tau) == pytest.approx(
        skm.mean_pinball_loss(y2.ravel(), p2.ravel(), alpha=tau), rel=1e-12
    )


def test_quantile_gradient_is_minus_tau_below_one_minus_tau_above_zero_at_equality():
    y = np.array([1.0, 1.0, 1.0, -3.0])
    p = np.array([0.0, 2.0, 1.0, -3.0])
    got = losses.quantile_grad(y, p, tau=0.2, reduction="sum")
    np.testing.assert_array_equal(got, [-0.2, 0.8, 0.0, 0.0])  # closed form of the brief
    np.testing.assert_allclose(losses.quantile_grad(y, p, tau=0.2), got / 4, rtol=1e-15)


def test_quantile_tau_minimiser_is_the_sample_quantile(rng):
    y = rng.standard_t(3, size=101)
    grid = np.linspace(y.min(), y.max(), 2001)
    for tau in (0.1, 0.5, 0.9):
        best = grid[np.argmin([losses.quantile(y, np.full(101, c), tau=tau) for c in grid])]
        # NumPy's quantile with method="inverted_cdf" is a minimiser of the pinball loss
        q = np.quantile(y, tau, method="inverted_cdf")
        assert losses.quantile(y, np.full(101, q), tau=tau) <= losses.quantile(
            y, np.full(101, best), tau=tau
        )
        assert abs(best - q) < 2 * (grid[1] - grid[0]) + np.diff(np.sort(y)).max()


@settings(max_examples=60, deadline=None)
@given(
    pair=hnp.arrays(
        np.float64, st.tuples(st.just(2), st.integers(1, 8)), elements=st.floats(-1e3, 1e3)
    )
)
def test_quantile_at_one_half_is_half_the_mae(pair):
    y, p = pair
    # closed form: max(r/2, -r/2) = |r| / 2
    assert losses.quantile(y, p, tau=0.5) == pytest.approx(0.5 * losses.mae(y, p), rel=1e-12)
    np.testing.assert_allclose(
        losses.quantile_grad(y, p, tau=0.5, reduction="sum"),
        0.5 * losses.mae_grad(y, p, reduction="sum"),
        rtol=0,
        atol=0,
    )


@settings(max_examples=60, deadline=None)
@given(
    r=st.floats(-1e3, 1e3),
    tau=st.floats(0.01, 0.99),
)
def test_quantile_mirror_symmetry(r, tau):
    # closed form: swapping under- and over-prediction swaps tau and 1 - tau
    a = losses.quantile([r], [0.0], tau=tau)
    b = losses.quantile([0.0], [r], tau=1.0 - tau)
    assert a == pytest.approx(b, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (0.0, ValueError, r"tau must lie in the open interval \(0, 1\), got 0.0"),
        (1.0, ValueError, r"tau must lie in the open interval \(0, 1\)"),
        (-0.1, ValueError, r"tau must lie in the open interval \(0, 1\)"),
        (1.5, ValueError, r"tau must lie in the open interval \(0, 1\)"),
        (np.nan, ValueError, r"tau must lie in the open interval \(0, 1\)"),
        ("0.5", TypeError, "tau must be a number"),
        (True, TypeError, "tau must be a number"),
        (None, TypeError, "tau must be a number"),
    ],
)  # fmt: skip
def test_quantile_bad_tau_is_refused(value, error, message):
    y, pred, _ = _valid("quantile")
    for fn in both("quantile"):
        with pytest.raises(error, match=message):
            fn(y, pred, tau=value)


@pytest.mark.parametrize("size", [1, 32767, 32769, 3 * 32768 + 7])
def test_mse_block_by_block_agrees_with_scikit_learn_and_checks_every_block(size):
    # Large arrays are computed block by block, and a NaN or inf input is found from the
    # result; the values still match scikit-learn's mean_squared_error, the gradient
    # 2 (p - y) / n, and a bad value anywhere is refused naming the argument and index.
    rng = np.random.default_rng(size)
    y, p = rng.normal(size=size), rng.normal(size=size)
    mse = skm.mean_squared_error(y, p)
    assert losses.mse(y, p) == pytest.approx(mse, rel=1e-12)
    assert losses.mse(y, p, reduction="sum") == pytest.approx(mse * size, rel=1e-12)
    np.testing.assert_allclose(losses.mse_grad(y, p), 2.0 * (p - y) / size, rtol=1e-15)
    for where in {0, size // 2, size - 1}:
        for name, bad in (("y_true", y.copy()), ("y_pred", p.copy())):
            bad[where] = np.nan if where % 2 else -np.inf
            args = (bad, p) if name == "y_true" else (y, bad)
            match = rf"{name} contains NaN or infinite values \(first at index \({where},\)\)"
            for fn in (losses.mse, losses.mse_grad):
                for reduction in ("mean", "sum", "none"):
                    with pytest.raises(ValueError, match=match):
                        fn(*args, reduction=reduction)
