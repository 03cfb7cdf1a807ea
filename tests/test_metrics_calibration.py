"""Tests for lossedu.metrics.calibration: Brier score, reliability curve and ECE.

Every expected value comes from scikit-learn (``brier_score_loss``,
``sklearn.calibration.calibration_curve``) or from a closed form or a plain loop over the bins
written here.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lossedu import metrics

skm = pytest.importorskip("sklearn.metrics")
sk_calibration = pytest.importorskip("sklearn.calibration")

FUNCTIONS = ("brier_score", "calibration_curve", "expected_calibration_error")
EDGES = np.array([0.0, 0.1, 0.2, 0.25, 0.5, 0.7, 0.9, 1.0])  # on the edges of 10, 4, 2 bins


def draws(rng):
    """(y_true, probs): random, on bin edges, 0 and 1 exactly, a single class, tiny samples."""
    out = []
    for n in (1, 7, 50, 400):
        y = (rng.random(n) < 0.4).astype(int)
        out.append((y, rng.random(n)))
        out.append((y, rng.choice(EDGES, n)))
        out.append((y, np.clip(y + rng.normal(0, 0.3, n), 0.0, 1.0)))  # many exact 0s and 1s
    out.append((np.zeros(6, int), rng.random(6)))  # no positive
    out.append((np.ones(6, int), rng.random(6)))  # no negative
    return out


def ece_by_loop(y, p, n_bins):
    """ECE by a plain loop over the bins [0, 1/m], (1/m, 2/m], ... (scikit-learn's binning)."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    total = 0.0
    for b in range(n_bins):
        inside = (p <= edges[b + 1]) if b == 0 else (p > edges[b]) & (p <= edges[b + 1])
        if b == n_bins - 1:
            inside = p > edges[b] if b > 0 else np.ones(p.size, bool)
        if inside.any():
            total += inside.sum() / p.size * abs(y[inside].mean() - p[inside].mean())
    return total


def test_brier_score_matches_scikit_learn(rng):
    for y, p in draws(rng):
        got = metrics.brier_score(y, p)
        assert isinstance(got, float)
        assert got == pytest.approx(skm.brier_score_loss(y, p, pos_label=1), rel=1e-14, abs=1e-17)


def test_brier_score_closed_forms():
    assert metrics.brier_score([0, 1, 1], [0.1, 0.9, 0.6]) == pytest.approx(0.18 / 3)
    assert metrics.brier_score([0, 1], [1.0, 0.0]) == 1.0  # the worst possible
    base = 0.3  # closed form: the base rate scores ybar (1 - ybar)
    y = np.r_[np.ones(3), np.zeros(7)]
    assert metrics.brier_score(y, np.full(10, base)) == pytest.approx(base * (1 - base))


@pytest.mark.parametrize("n_bins", [1, 2, 4, 5, 10, 17])
def test_calibration_curve_matches_scikit_learn(rng, n_bins):
    for y, p in draws(rng):
        if 0 < y.sum() < y.size:
            sk_true, sk_pred = sk_calibration.calibration_curve(
                y, p, n_bins=n_bins, strategy="uniform"
            )
        else:  # scikit-learn asks for pos_label when one class is missing
            sk_true, sk_pred = sk_calibration.calibration_curve(
                y, p, n_bins=n_bins, strategy="uniform", pos_label=1
            )
        prob_true, prob_pred = metrics.calibration_curve(y, p, n_bins=n_bins)
        np.testing.assert_allclose(prob_true, sk_true, rtol=1e-15, atol=0)
        np.testing.assert_allclose(prob_pred, sk_pred, rtol=1e-15, atol=0)


@pytest.mark.parametrize("n_bins", [1, 2, 4, 5, 10, 17])
def test_expected_calibration_error_matches_a_loop_over_bins(rng, n_bins):
    for y, p in draws(rng):
        got = metrics.expected_calibration_error(y, p, n_bins=n_bins)
        assert isinstance(got, float)
        assert got == pytest.approx(ece_by_loop(y, p, n_bins), rel=1e-12, abs=1e-15)


def test_expected_calibration_error_hand_example():
    # closed form: bins [0, .5] and (.5, 1] hold {.1, .2 | 0, 0} and {.7, .9 | 1, 1}
    got = metrics.expected_calibration_error([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], n_bins=2)
    assert got == pytest.approx(0.5 * 0.15 + 0.5 * 0.2, rel=1e-14)
    # a probability on the inner edge 0.5 belongs to the lower bin, as in scikit-learn
    prob_true, prob_pred = metrics.calibration_curve([1, 0], [0.5, 0.0], n_bins=2)
    np.testing.assert_array_equal(prob_true, [0.5])
    np.testing.assert_array_equal(prob_pred, [0.25])


def test_base_rate_is_perfectly_calibrated_but_not_perfect():
    y = np.r_[np.ones(30), np.zeros(70)]
    p = np.full(100, 0.3)
    assert metrics.expected_calibration_error(y, p) == pytest.approx(0.0, abs=1e-15)
    assert metrics.brier_score(y, p) == pytest.approx(0.21)  # 0.3 * 0.7: no skill


# ---- properties (hypothesis)


@st.composite
def labelled_probs(draw):
    n = draw(st.integers(1, 40))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 1)))
    p = draw(hnp.arrays(np.float64, n, elements=st.floats(0.0, 1.0)))
    return y, p


@settings(max_examples=80, deadline=None)
@given(case=labelled_probs(), n_bins=st.integers(1, 30))
def test_ece_and_brier_lie_in_the_unit_interval(case, n_bins):
    y, p = case
    ece = metrics.expected_calibration_error(y, p, n_bins=n_bins)
    assert 0.0 <= ece <= 1.0
    assert 0.0 <= metrics.brier_score(y, p) <= 1.0
    prob_true, prob_pred = metrics.calibration_curve(y, p, n_bins=n_bins)
    assert prob_true.size == prob_pred.size <= n_bins
    assert np.all(np.diff(prob_pred) > 0)  # one point per non-empty bin, in order


@settings(max_examples=80, deadline=None)
@given(case=labelled_probs())
def test_one_bin_ece_is_the_gap_between_mean_probability_and_base_rate(case):
    y, p = case
    # closed form: a single bin holds everything
    assert metrics.expected_calibration_error(y, p, n_bins=1) == pytest.approx(
        abs(y.mean() - p.mean()), abs=1e-14
    )


# ---- bad input


@pytest.mark.parametrize("name", FUNCTIONS)
def test_probabilities_outside_the_unit_interval_are_refused(name):
    fn = getattr(metrics, name)
    for bad in ([0.5, 1.2], [-0.1, 0.5]):
        with pytest.raises(ValueError, match=r"probs must be probabilities in \[0, 1\]"):
            fn([0, 1], bad)
    with pytest.raises(ValueError, match="probs contains NaN or infinite"):
        fn([0, 1], [0.5, np.nan])


@pytest.mark.parametrize("name", FUNCTIONS)
def test_labels_shapes_and_kinds_are_checked(name):
    fn = getattr(metrics, name)
    with pytest.raises(ValueError, match=r"y_true must contain only the labels \(0, 1\)"):
        fn([0, 2], [0.1, 0.2])
    with pytest.raises(ValueError, match=r"same shape, got \(3,\) and \(2,\)"):
        fn([0, 1, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match=r"probs must be 1-D .* got shape \(2, 2\)"):
        fn([0, 1], [[0.1, 0.9], [0.2, 0.8]])
    with pytest.raises(ValueError, match="y_true is empty"):
        fn([], [])
    with pytest.raises(TypeError, match="probs must hold real numbers"):
        fn([0, 1], ["a", "b"])


@pytest.mark.parametrize("name", ["calibration_curve", "expected_calibration_error"])
def test_bad_n_bins_is_refused(name):
    fn = getattr(metrics, name)
    for bad in (0, -3):
        with pytest.raises(ValueError, match="n_bins must be an integer >= 1"):
            fn([0, 1], [0.1, 0.2], n_bins=bad)
    for bad in (2.5, "10", True, None):
        with pytest.raises(TypeError, match="n_bins must be an integer"):
            fn([0, 1], [0.1, 0.2], n_bins=bad)


def test_inputs_are_not_modified(rng):
    y, p = (rng.random(40) < 0.5).astype(float), rng.random(40)
    y_copy, p_copy = y.copy(), p.copy()
    for name in FUNCTIONS:
        getattr(metrics, name)(y, p)
    np.testing.assert_array_equal(y, y_copy)
    np.testing.assert_array_equal(p, p_copy)
