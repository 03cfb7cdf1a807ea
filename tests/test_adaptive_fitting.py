"""lossedu.adaptive.fitting: fitting a line while learning Barron's shape and scale."""

import numpy as np
import pytest

from lossedu import adaptive, datasets


def test_fixed_alpha_two_fit_is_least_squares():
    X, y = datasets.make_regression(60, coef=[1.5], intercept=0.5, outliers=5, rng=3)
    fit = adaptive.fit_adaptive_barron(
        X, y, alpha=2.0, learn_alpha=False, learn_scale=False, lr=0.05, steps=3000
    )
    slope, intercept = np.polyfit(X[:, 0], y, 1)  # reference: NumPy least squares
    assert fit.coef[0] == pytest.approx(slope, abs=1e-4)
    assert fit.intercept == pytest.approx(intercept, abs=1e-4)


def test_learned_alpha_follows_the_noise():
    rng = np.random.default_rng(5)
    x = rng.uniform(-3, 3, (400, 1))
    gauss = 1.0 + 2.0 * x[:, 0] + rng.normal(0.0, 0.5, 400)
    cauchy = 1.0 + 2.0 * x[:, 0] + 0.5 * rng.standard_cauchy(400)
    high = adaptive.fit_adaptive_barron(x, gauss, lr=0.1, steps=600)
    low = adaptive.fit_adaptive_barron(x, cauchy, lr=0.1, steps=600)
    # Gaussian noise: alpha near 2 and c near the noise's standard deviation 0.5 (the
    # alpha = 2 density is N(0, c^2)); Cauchy noise: alpha near 0, the Cauchy density.
    assert high.alpha > 1.6 and high.scale == pytest.approx(0.5, rel=0.15)
    assert low.alpha < 0.2
    assert low.coef[0] == pytest.approx(2.0, abs=0.1)
    assert len(low.history["alpha"]) == 601


def test_without_the_normaliser_alpha_only_falls():
    X, y = datasets.make_regression(100, coef=[1.0], intercept=0.0, noise_scale=0.5, rng=2)
    fit = adaptive.fit_adaptive_barron(X, y, normalise=False, learn_scale=False, steps=300)
    assert np.all(np.diff(fit.history["alpha"]) < 0)
    runaway = adaptive.fit_adaptive_barron(X, y, normalise=False, steps=300)
    assert runaway.scale > 3.0  # the bare loss rewards an ever larger scale


def test_fit_validates():
    X, y = np.zeros((3, 1)), np.zeros(3)
    with pytest.raises(ValueError, match="X must be"):
        adaptive.fit_adaptive_barron(np.zeros(3), y)
    with pytest.raises(ValueError, match="strictly inside alpha_range"):
        adaptive.fit_adaptive_barron(X, y, alpha=2.0)
    with pytest.raises(ValueError, match="alpha_range must be"):
        adaptive.fit_adaptive_barron(X, y, alpha_range=(1.0, 0.5))
    with pytest.raises(TypeError, match="normalise must be True or False"):
        adaptive.fit_adaptive_barron(X, y, normalise=1)
    with pytest.raises(ValueError, match="lr must be"):
        adaptive.fit_adaptive_barron(X, y, lr=-1.0)
