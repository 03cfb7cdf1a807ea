"""Loss-specific facts: Barron's closed forms and limits, focal vs cross-entropy, categorical
targets and label smoothing, kinks, precision at tiny and huge inputs, the activations.

Every expected value is a closed form written here, or SciPy; the source is named beside it.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special

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


# ---- focal (Lin et al. 2017)


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


# ---- categorical targets, label smoothing


def test_class_indices_one_hot_and_integral_floats_agree(rng):
    labels = rng.integers(0, 4, 7)
    probs = rng.dirichlet(np.ones(4), size=7)
    logits = rng.normal(size=(7, 4))
    for name, pred in (
        ("categorical_cross_entropy", probs),
        ("categorical_cross_entropy_with_logits", logits),
    ):
        loss, grad = getattr(losses, name), getattr(losses, f"{name}_grad")
        for y in (np.eye(4)[labels], labels.astype(float), labels.tolist()):
            assert loss(y, pred) == pytest.approx(loss(labels, pred), rel=1e-14)
            np.testing.assert_allclose(grad(y, pred), grad(labels, pred), rtol=1e-14)


def test_label_smoothing_matches_pytorch_formula(rng):
    # PyTorch docs: loss = (1 - eps) * nll + eps * mean_j(-log softmax_j); SciPy log_softmax
    logits = 3.0 * rng.normal(size=(6, 5))
    labels = rng.integers(0, 5, 6)
    log_p = special.log_softmax(logits, axis=1)
    for eps in (0.0, 0.1, 0.5, 1.0):
        expected = (1 - eps) * -log_p[np.arange(6), labels] + eps * -log_p.mean(axis=1)
        got = losses.categorical_cross_entropy_with_logits(
            labels, logits, label_smoothing=eps, reduction="none"
        )
        np.testing.assert_allclose(got, expected, rtol=1e-12)
        grad = losses.categorical_cross_entropy_with_logits_grad(
            labels, logits, label_smoothing=eps, reduction="sum"
        )
        target = (1 - eps) * np.eye(5)[labels] + eps / 5
        np.testing.assert_allclose(grad, special.softmax(logits, axis=1) - target, atol=1e-15)
        np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


def test_categorical_cross_entropy_gradient_is_minus_t_over_p(rng):
    probs = rng.dirichlet(np.ones(3), size=4)
    t = rng.dirichlet(np.ones(3), size=4)
    grad = losses.categorical_cross_entropy_grad(t, probs, reduction="sum")
    np.testing.assert_allclose(grad, -t / probs, rtol=1e-14)  # closed form: d/dp of -sum(t log p)


def test_categorical_cross_entropy_does_not_renormalise():
    probs = np.array([[0.5 + 4e-7, 0.5]])  # sums to 1 within 1e-6: accepted as it is
    assert losses.categorical_cross_entropy([0], probs) == pytest.approx(-np.log(0.5 + 4e-7))


# ---- kinks and precision


def test_hinge_gradient_at_the_kink_is_zero():
    y = np.array([1.0, -1.0, 1.0, -1.0])
    s = np.array([1.0, -1.0, 1.0 - 1e-12, -(1.0 - 1e-12)])  # margins 1, 1, just below 1
    np.testing.assert_array_equal(losses.hinge_grad(y, s, reduction="sum"), [0, 0, -1, 1])


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


def test_bce_with_logits_is_exact_for_hard_labels_at_large_logits():
    z = np.array([-1e4, -745.0, -40.0, -30.0, 30.0, 40.0, 745.0, 1e4])
    for y, sign in ((1.0, 1.0), (0.0, -1.0)):
        # -log sigmoid(+-z) and sigmoid(z) - y = -+sigmoid(-+z): SciPy log_expit / expit
        expected = -special.log_expit(sign * z)
        got = losses.binary_cross_entropy_with_logits(np.full(8, y), z, reduction="none")
        np.testing.assert_allclose(got, expected, rtol=1e-13, atol=0)
        grad = losses.binary_cross_entropy_with_logits_grad(np.full(8, y), z, reduction="sum")
        # atol: SciPy's expit(-745) flushes to 0; exp(-745) rounds to the least subnormal
        np.testing.assert_allclose(grad, -sign * special.expit(-sign * z), rtol=1e-13, atol=1e-323)


def test_bce_with_logits_handles_negative_zero():
    # sigmoid(-0.0) - y must equal sigmoid(0.0) - y = 0.5 - y
    np.testing.assert_array_equal(
        losses.binary_cross_entropy_with_logits_grad([0.0, 1.0], [-0.0, -0.0], reduction="sum"),
        [0.5, -0.5],
    )


def test_probability_losses_clip_at_documented_epsilon():
    # the documented epsilon: probabilities are clipped to [1e-12, 1 - 1e-12]
    assert losses.binary_cross_entropy([1.0], [0.0]) == pytest.approx(-np.log(1e-12), rel=1e-12)
    assert losses.binary_cross_entropy_grad([1.0], [0.0]) == pytest.approx(
        -1 / (1 - 1e-12) / 1e-12, rel=1e-9
    )
    assert losses.categorical_cross_entropy([1], [[1.0, 0.0]]) == pytest.approx(27.631021115928547)


# ---- the activations against SciPy


def test_activations_match_scipy(rng):
    z = np.concatenate([10 * rng.normal(size=10), [1e4, -1e4]]).reshape(3, 4)
    np.testing.assert_allclose(losses.sigmoid(z), special.expit(z), rtol=1e-15)
    for axis in (0, 1, -1, -2):
        np.testing.assert_allclose(
            losses.softmax(z, axis=axis), special.softmax(z, axis=axis), rtol=1e-13, atol=1e-300
        )
        np.testing.assert_allclose(
            losses.log_softmax(z, axis=axis), special.log_softmax(z, axis=axis), rtol=1e-13
        )
        np.testing.assert_allclose(losses.softmax(z, axis=axis).sum(axis=axis), 1.0, rtol=1e-15)


def test_activations_are_finite_at_extreme_logits():
    np.testing.assert_array_equal(losses.sigmoid([-1e4, 0.0, 1e4]), [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(losses.softmax([0.0, 1e4]), [0.0, 1.0])
    np.testing.assert_array_equal(losses.log_softmax([0.0, 1e4]), [-1e4, 0.0])
    assert isinstance(losses.sigmoid(0.0), np.floating)
