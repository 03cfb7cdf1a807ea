"""lossedu.adaptive.likelihood: Barron's density, its log normaliser, NLL and gradients."""

import numpy as np
import pytest

from lossedu import adaptive, losses
from lossedu.gradcheck import check_grad

integrate = pytest.importorskip("scipy.integrate")
special = pytest.importorskip("scipy.special")


# ---- log Z(alpha) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alpha", "z"),
    [
        (2.0, np.sqrt(2.0 * np.pi)),  # closed form: Gaussian integral of exp(-x^2 / 2)
        (0.0, np.pi * np.sqrt(2.0)),  # closed form: integral of 1 / (1 + x^2 / 2)
        (1.0, 2.0 * np.e * float(special.k1(1.0))),  # closed form: 2 e K_1(1), Bessel K
    ],
)
def test_partition_matches_closed_forms(alpha, z):
    assert adaptive.barron_log_partition(alpha) == pytest.approx(np.log(z), abs=1e-13)


def _quad_partition(alpha):
    """Reference: SciPy's adaptive quadrature, on [0, 1] and, with x = 1/t, on [1, inf)."""

    def f(x):
        return np.exp(-losses.barron([0.0], [x], alpha=alpha))

    inner = integrate.quad(f, 0.0, 1.0, epsabs=1e-14, epsrel=1e-13)[0]
    outer = integrate.quad(
        lambda t: f(1.0 / t) / t**2 if t > 0 else 0.0, 0.0, 1.0, epsabs=1e-14, epsrel=1e-13
    )[0]
    return np.log(2.0 * (inner + outer))


@pytest.mark.parametrize("alpha", [0.3, 0.5, 1.5, 1.9, 2.5, 4.0, 8.0])
def test_partition_matches_scipy_quad(alpha):
    assert adaptive.barron_log_partition(alpha) == pytest.approx(_quad_partition(alpha), abs=1e-10)


def test_partition_near_zero_matches_mpmath():
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 30
    a = mp.mpf("0.001")  # a weak (1 - t)^(-alpha) end-point singularity for small alpha
    d = 2 - a

    def f(x):
        return mp.exp(-(d / a) * ((x**2 / d + 1) ** (a / 2) - 1))

    reference = float(mp.log(2 * mp.quad(f, [0, 1, 10, 100, 1e4, 1e8, mp.inf])))
    assert adaptive.barron_log_partition(0.001) == pytest.approx(reference, abs=1e-12)


def test_partition_is_continuous_and_rejects_negative_alpha():
    assert adaptive.barron_log_partition(1e-9) == pytest.approx(
        adaptive.barron_log_partition(0.0), abs=1e-8
    )
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        adaptive.barron_log_partition(-1.0)
    with pytest.raises(ValueError, match="alpha must be a finite number"):
        adaptive.barron_log_partition(np.nan)
    with pytest.raises(TypeError, match="alpha must be a real number"):
        adaptive.barron_log_partition("2")


# ---- the negative log-likelihood ---------------------------------------------------------


@pytest.mark.parametrize(("alpha", "scale"), [(0.0, 1.0), (1.0, 0.5), (1.7, 2.0), (2.0, 1.3)])
def test_density_integrates_to_one(alpha, scale):
    # reference: SciPy quad of exp(-nll), which must be a probability density
    def density(x):
        return np.exp(-adaptive.barron_nll([0.0], [x], alpha=alpha, scale=scale))

    total = integrate.quad(density, -np.inf, np.inf, epsabs=1e-12, limit=400)[0]
    assert total == pytest.approx(1.0, abs=1e-7)


def test_nll_at_alpha_two_is_the_gaussian_nll(rng):
    x, c = rng.normal(0.0, 2.0, 20), 1.7
    # reference: -log N(x; 0, c^2) = x^2 / (2 c^2) + log c + log sqrt(2 pi)
    expected = x**2 / (2 * c**2) + np.log(c) + 0.5 * np.log(2 * np.pi)
    got = adaptive.barron_nll(np.zeros(20), x, alpha=2.0, scale=c, reduction="none")
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert adaptive.barron_nll(np.zeros(20), x, alpha=2.0, scale=c) == pytest.approx(
        expected.mean()
    )
    assert adaptive.barron_nll(np.zeros(20), x, alpha=2.0, scale=c, reduction="sum") == (
        pytest.approx(expected.sum())
    )


def test_nll_validates(rng):
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        adaptive.barron_nll([0.0], [1.0], alpha=-2.0)
    with pytest.raises(ValueError, match="scale must be a finite number > 0"):
        adaptive.barron_nll([0.0], [1.0], alpha=1.0, scale=0.0)
    with pytest.raises(ValueError, match="same shape"):
        adaptive.barron_nll([0.0, 1.0], [1.0], alpha=1.0)
    with pytest.raises(ValueError, match="reduction must be one of"):
        adaptive.barron_nll([0.0], [1.0], alpha=1.0, reduction=None)


@pytest.mark.parametrize("alpha", [0.0, 0.7, 1.5, 2.0, 3.0])
def test_nll_grads_match_central_differences(rng, alpha):
    t, p, c = rng.normal(size=8), rng.normal(size=8), 0.8
    g = adaptive.barron_nll_grads(t, p, alpha=alpha, scale=c)
    # reference: lossedu.gradcheck central differences of the mean NLL
    assert (
        check_grad(
            lambda q: adaptive.barron_nll(t, q, alpha=alpha, scale=c), lambda q: g["y_pred"], p
        )
        < 1e-7
    )
    by_scale = check_grad(
        lambda s: adaptive.barron_nll(t, p, alpha=alpha, scale=float(s[0])),
        lambda s: np.array([g["scale"]]),
        np.array([c]),
    )
    assert by_scale < 1e-7
    if alpha not in (0.0, 2.0):  # at 2 the slope in alpha is unbounded, at 0 one-sided
        h = 1e-4  # an independent, wider difference than the function's own 1e-5
        fd = (
            adaptive.barron_nll(t, p, alpha=alpha + h, scale=c)
            - adaptive.barron_nll(t, p, alpha=alpha - h, scale=c)
        ) / (2 * h)
        assert g["alpha"] == pytest.approx(fd, rel=1e-5)


def test_bare_loss_falls_as_alpha_falls_or_scale_grows(rng):
    # Barron (2019): rho is monotone in alpha and in c, which is why it cannot be learned bare
    x = rng.normal(0.0, 2.0, 50)
    by_alpha = [losses.barron(np.zeros(50), x, alpha=a) for a in (2.0, 1.0, 0.0, -2.0)]
    by_scale = [losses.barron(np.zeros(50), x, alpha=1.0, scale=c) for c in (0.5, 1.0, 2.0)]
    assert np.all(np.diff(by_alpha) < 0) and np.all(np.diff(by_scale) < 0)
