"""lossedu.losses.adaptive: Barron's loss and the focal loss beyond the generic tests.

Barron's closed forms and limits, continuity in alpha, bounds; focal against the cross-entropy.
Every expected value is a closed form written here, SciPy or mpmath; the source is named
beside it.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special
from test_losses import _valid, both

from lossedu import losses

X = np.array([-100.0, -5.0, -1.0, -0.3, 0.0, 0.2, 1.0, 3.0, 1e4])

# ---- Barron (2019): closed forms of rho(x, alpha, c) and of its derivative, z = x / c
BARRON_CLOSED_FORMS = {
    2.0: (lambda z: z**2 / 2, lambda z: z),  # L2
    1.0: (lambda z: np.sqrt(z**2 + 1) - 1, lambda z: z / np.sqrt(z**2 + 1)),  # Charbonnier
    0.0: (lambda z: np.log(z**2 / 2 + 1), lambda z: 2 * z / (z**2 + 2)),  # Cauchy
    -2.0: (lambda z: 2 * z**2 / (z**2 + 4), lambda z: 16 * z / (z**2 + 4) ** 2),  # Geman-McClure
    -np.inf: (lambda z: 1 - np.exp(-(z**2) / 2), lambda z: z * np.exp(-(z**2) / 2)),  # Welsch
}


@pytest.mark.parametrize("alpha", list(BARRON_CLOSED_FORMS))
@pytest.mark.parametrize("scale", [1.0, 2.5])
def test_barron_closed_forms(alpha, scale):
    value, slope = BARRON_CLOSED_FORMS[alpha]
    y = np.zeros_like(X)
    got = losses.barron(y, X, alpha=alpha, scale=scale, reduction="none")
    np.testing.assert_allclose(got, value(X / scale), rtol=1e-12, atol=1e-300)
    got_grad = losses.barron_grad(y, X, alpha=alpha, scale=scale, reduction="sum")
    np.testing.assert_allclose(got_grad, slope(X / scale) / scale, rtol=1e-12, atol=1e-300)


def _barron_mp(x, alpha):
    # 50-digit reference of Barron (2019), eq. (1), in the expm1/log1p form (mpmath)
    import mpmath as mp

    x, a = mp.mpf(x), mp.mpf(alpha)
    d = abs(a - 2)
    return float(d / a * mp.expm1(a / 2 * mp.log1p(x * x / d)))


NEAR_SPECIAL = [
    a0 + s * 10.0**-k for a0 in (0.0, 2.0) for k in (2, 5, 8, 11, 14) for s in (1, -1)
] + [np.nextafter(2.0, 3.0), np.nextafter(2.0, 1.0), 5e-324, -5e-324]


@pytest.mark.parametrize("alpha", NEAR_SPECIAL)
def test_barron_near_0_and_2_matches_high_precision(alpha):
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 50
    x = np.array([1e-6, 0.3, 1.0, 7.0, 1e3])
    expected = [_barron_mp(v, alpha) for v in x]
    got = losses.barron(np.zeros_like(x), x, alpha=alpha, reduction="none")
    np.testing.assert_allclose(got, expected, rtol=1e-12)


@pytest.mark.parametrize("limit", [0.0, 2.0])
def test_barron_is_continuous_in_alpha_near_0_and_2(limit):
    x = np.array([1e-3, 0.5, 1.0, 4.0, 50.0])
    y = np.zeros_like(x)
    at_limit = losses.barron(y, x, alpha=limit, reduction="none")
    slope_limit = losses.barron_grad(y, x, alpha=limit, reduction="sum")
    previous = np.inf
    for k in range(2, 16):
        for step in (10.0**-k, -(10.0**-k)):
            got = losses.barron(y, x, alpha=limit + step, reduction="none")
            gap = np.max(np.abs(got - at_limit) / (1 + at_limit))
            # d rho / d alpha is bounded near 0 and grows like log(1/|alpha - 2|) near 2
            # (Barron 2019, eq. 1): the gap must shrink like |step| * log(1/|step|)
            assert gap <= 10 * abs(step) * (1 + np.log(1 / abs(step))) * (1 + np.log1p(x[-1] ** 2))
            slope = losses.barron_grad(y, x, alpha=limit + step, reduction="sum")
            np.testing.assert_allclose(slope, slope_limit, rtol=1e3 * abs(step) * 40, atol=0)
            assert gap <= previous * 1.01
        previous = gap
    assert previous < 1e-12


@pytest.mark.parametrize("alpha", [4.0, 2.0, 1.5, 1.0, 0.5, 1e-9, 0.0, -0.5, -2.0, -30.0, -np.inf])
def test_barron_is_even_and_monotone_in_abs_x(alpha):
    x = np.linspace(0.0, 60.0, 3001)
    rho = losses.barron(np.zeros_like(x), x, alpha=alpha, reduction="none")
    np.testing.assert_array_equal(
        rho, losses.barron(np.zeros_like(x), -x, alpha=alpha, reduction="none")
    )
    # non-decreasing up to rounding (a few ulps where the loss saturates, alpha << 0)
    assert np.all(np.diff(rho) >= -4 * np.spacing(rho[1:])) and rho[0] == 0.0
    assert np.all(np.diff(rho[:200]) > 0)  # strictly increasing while far from saturation
    slope = losses.barron_grad(np.zeros_like(x), x, alpha=alpha, reduction="sum")
    assert np.all(slope >= 0)


@pytest.mark.parametrize("alpha", [-0.1, -1.0, -2.0, -7.5, -np.inf])
def test_barron_is_bounded_for_negative_alpha(alpha):
    # Barron (2019), section 2: for alpha < 0 the loss saturates at |alpha - 2| / |alpha|
    bound = 1.0 if alpha == -np.inf else abs(alpha - 2) / abs(alpha)
    x = np.concatenate([np.linspace(0, 100, 1001), [1e3, 1e4, 1e6]])
    rho = losses.barron(np.zeros_like(x), x, alpha=alpha, reduction="none")
    assert np.all(rho <= bound)
    assert rho[-1] > 0.7 * bound  # and approaches it (slowly for alpha near 0)


def test_barron_alpha_is_keyword_only_and_required():
    with pytest.raises(TypeError, match="alpha"):
        losses.barron([0.0], [1.0])
    with pytest.raises(TypeError):
        losses.barron([0.0], [1.0], 1.0)


@pytest.mark.parametrize("alpha", [0.25, 0.6, None])
def test_focal_with_gamma_0_is_weighted_cross_entropy(rng, alpha):
    y = (rng.random(30) < 0.5).astype(float)
    z = 4.0 * rng.normal(size=30)
    weight = 1.0 if alpha is None else np.where(y == 1, alpha, 1 - alpha)
    bce = losses.binary_cross_entropy_with_logits(y, z, reduction="none")
    got = losses.focal(y, z, gamma=0.0, alpha=alpha, reduction="none")
    np.testing.assert_allclose(got, weight * bce, rtol=1e-13)
    bce_grad = losses.binary_cross_entropy_with_logits_grad(y, z, reduction="none")
    got_grad = losses.focal_grad(y, z, gamma=0.0, alpha=alpha, reduction="none")
    np.testing.assert_allclose(got_grad, weight * bce_grad, rtol=1e-13)


@pytest.mark.parametrize("gamma", [0.0, 0.3, 1.0, 2.0, 5.0])
def test_focal_gradient_equals_the_closed_form(gamma):
    # d/dz of -alpha_t (1 - p_t)^g log p_t, differentiated by hand from Lin et al. (2017):
    # y = 1: -alpha (1-p)^g ((1-p) - g p log p); y = 0: mirrored. p = expit(z), SciPy.
    z = np.array([-1e4, -40.0, -3.0, -0.5, 0.0, 0.7, 5.0, 40.0, 1e4])
    for y, a in ((1.0, 0.25), (0.0, 0.75)):
        s = z if y == 1 else -z
        p_t, q = special.expit(s), special.expit(-s)
        d_s = -a * q**gamma * (q - gamma * p_t * special.log_expit(s))
        expected = d_s if y == 1 else -d_s
        got = losses.focal_grad(np.full_like(z, y), z, gamma=gamma, reduction="sum")
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-300)


def test_focal_down_weights_easy_examples():
    # Lin et al. (2017), fig. 1: for p_t = 0.9 the loss drops by (1 - 0.9)^2 = 100x at gamma=2
    z = np.log(9.0)  # expit(z) = 0.9
    ratio = losses.focal([1.0], [z], gamma=2.0, alpha=None) / losses.focal(
        [1.0], [z], gamma=0.0, alpha=None
    )
    assert ratio == pytest.approx(0.01, rel=1e-12)


def test_barron_overflow_raises_instead_of_returning_inf():
    for fn in both("barron"):
        with pytest.raises(ValueError, match=r"barron overflows float64 for alpha=200\.0"):
            fn([0.0], [1e4], alpha=200.0)


@pytest.mark.parametrize(
    ("name", "y", "message"),
    [
        ("focal", [1.0, 0.5], r"y_true must contain only the labels \(0.0, 1.0\), got 0.5"),
    ],
)
def test_labels_outside_the_allowed_set_are_refused(name, y, message):
    _, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(ValueError, match=message):
            fn(y, pred, **opts)


@pytest.mark.parametrize(
    ("name", "option", "value", "error", "message"),
    [
        ("barron", "scale", 0.0, ValueError, "scale must be a finite number > 0"),
        ("barron", "scale", -2.0, ValueError, "scale must be a finite number > 0"),
        ("barron", "scale", None, TypeError, "scale must be a positive number"),
        ("barron", "alpha", np.nan, ValueError, "alpha must be a finite number or -inf"),
        ("barron", "alpha", np.inf, ValueError, "alpha must be a finite number or -inf"),
        ("barron", "alpha", None, TypeError, "alpha must be a real number"),
        ("focal", "gamma", -0.5, ValueError, "gamma must be a finite number >= 0"),
        ("focal", "gamma", np.nan, ValueError, "gamma must be a finite number >= 0"),
        ("focal", "alpha", 1.5, ValueError, r"alpha must lie in \[0, 1\]"),
        ("focal", "alpha", "0.25", TypeError, "alpha must be a number"),
    ],
)  # fmt: skip
def test_bad_options_are_refused(name, option, value, error, message):
    y, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(error, match=message):
            fn(y, pred, **{**opts, option: value})


@pytest.mark.parametrize(("eta", "gamma", "expected"), [(0.05, 2.0, 0.250), (0.2, 1.0, 0.314)])
def test_focal_risk_minimiser_is_pulled_towards_one_half(eta, gamma, expected):
    # the docstring's claim that focal is not proper: minimise the expected loss
    # eta * focal(1, z) + (1 - eta) * focal(0, z) over the logit z with SciPy, and compare
    # the minimising probability with a grid minimum of the closed form
    # -eta (1-q)^g log q - (1-eta) q^g log(1-q)
    from scipy.optimize import minimize_scalar

    def risk(z):
        ones = losses.focal([1.0], [z], gamma=gamma, alpha=None)
        zeros = losses.focal([0.0], [z], gamma=gamma, alpha=None)
        return eta * ones + (1 - eta) * zeros

    z_star = minimize_scalar(risk, bounds=(-10, 10), method="bounded").x
    q = np.linspace(1e-4, 1 - 1e-4, 99_999)
    closed = -eta * (1 - q) ** gamma * np.log(q) - (1 - eta) * q**gamma * np.log1p(-q)
    assert special.expit(z_star) == pytest.approx(q[np.argmin(closed)], abs=1e-3)
    assert special.expit(z_star) == pytest.approx(expected, abs=1e-3)
    assert abs(special.expit(z_star) - 0.5) < abs(eta - 0.5)  # not the true probability eta
