"""Tests for lossedu.metrics.ranking: ROC and PR curves, ROC AUC and average precision.

Every expected value comes from scikit-learn (``roc_curve(drop_intermediate=False)``,
``roc_auc_score``, ``precision_recall_curve``, ``average_precision_score``), SciPy's
Mann-Whitney U statistic, or a closed form written here.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import stats

from lossedu import metrics

skm = pytest.importorskip("sklearn.metrics")

FUNCTIONS = ("roc_curve", "roc_auc", "precision_recall_curve", "average_precision")


def draws(rng):
    """(y_true, scores) pairs: ties, all-equal scores, a single positive or negative, logits
    of +-1e4 and scores near the largest float64."""
    out = []
    for n in (2, 3, 10, 57, 300):
        y = (rng.random(n) < rng.uniform(0.1, 0.9)).astype(int)
        y[:2] = [0, 1]  # both classes
        out.append((y, rng.normal(size=n)))  # distinct scores
        out.append((y, np.round(rng.normal(size=n), 1)))  # many ties
        out.append((y, rng.integers(0, 3, n).astype(float)))  # three levels only
    y = np.r_[1, np.zeros(19, int)]
    out.append((y, rng.normal(size=20)))  # a single positive
    out.append((1 - y, rng.normal(size=20)))  # a single negative
    out.append((np.r_[0, 1, 0, 1, 1], np.full(5, 0.3)))  # all scores equal
    out.append((np.r_[0, 1, 0, 1], np.array([-1e4, 1e4, 1e4, -1e4])))  # extreme logits
    out.append((np.r_[0, 1, 1], np.array([-1e308, 1e308, 5e307])))  # near the float64 limits
    return out


def test_roc_curve_matches_scikit_learn_without_dropping_points(rng):
    for y, s in draws(rng):
        fpr, tpr, thresholds = metrics.roc_curve(y, s)
        sk_fpr, sk_tpr, sk_thr = skm.roc_curve(y, s, drop_intermediate=False)
        np.testing.assert_array_equal(fpr, sk_fpr)
        np.testing.assert_array_equal(tpr, sk_tpr)
        np.testing.assert_array_equal(thresholds, sk_thr)  # the first is inf in both
        assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0.0, 0.0, 1.0, 1.0)
        assert thresholds[0] == np.inf and np.all(np.diff(thresholds) < 0)


def test_roc_auc_matches_scikit_learn_and_mann_whitney(rng):
    for y, s in draws(rng):
        got = metrics.roc_auc(y, s)
        assert isinstance(got, float)
        assert got == pytest.approx(skm.roc_auc_score(y, s), abs=1e-14)  # scikit-learn
        pos, neg = s[y == 1], s[y == 0]
        u = stats.mannwhitneyu(pos, neg).statistic  # SciPy: ties count one half
        assert got == pytest.approx(u / (pos.size * neg.size), abs=1e-14)


def test_precision_recall_curve_and_average_precision_match_scikit_learn(rng):
    for y, s in draws(rng):
        precision, recall, thresholds = metrics.precision_recall_curve(y, s)
        sk_p, sk_r, sk_t = skm.precision_recall_curve(y, s)
        np.testing.assert_allclose(precision, sk_p, rtol=1e-15, atol=0)
        np.testing.assert_array_equal(recall, sk_r)
        np.testing.assert_array_equal(thresholds, sk_t)
        assert precision.shape == recall.shape == (thresholds.size + 1,)
        got = metrics.average_precision(y, s)
        assert isinstance(got, float)
        assert got == pytest.approx(skm.average_precision_score(y, s), abs=1e-14)


def test_precision_recall_without_negatives_matches_scikit_learn():
    y, s = np.ones(4, int), np.array([0.2, 0.9, 0.2, 0.5])
    precision, recall, thresholds = metrics.precision_recall_curve(y, s)
    sk_p, sk_r, sk_t = skm.precision_recall_curve(y, s)
    np.testing.assert_array_equal(precision, sk_p)
    np.testing.assert_array_equal(recall, sk_r)
    np.testing.assert_array_equal(thresholds, sk_t)
    assert metrics.average_precision(y, s) == 1.0  # closed form: every prediction is right


def test_hand_example():
    y, s = [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]
    # closed form: of the 4 (positive, negative) pairs, 3 are ordered right
    assert metrics.roc_auc(y, s) == 0.75
    # closed form: recall 1/2 at precision 1, then recall 1 at precision 2/3
    assert metrics.average_precision(y, s) == pytest.approx(0.5 + 0.5 * 2 / 3, rel=1e-15)


def test_all_equal_scores_give_the_chance_diagonal():
    fpr, tpr, thresholds = metrics.roc_curve([0, 1, 1, 0, 1], [2.0] * 5)
    np.testing.assert_array_equal(fpr, [0.0, 1.0])  # closed form: one threshold, all at once
    np.testing.assert_array_equal(tpr, [0.0, 1.0])
    np.testing.assert_array_equal(thresholds, [np.inf, 2.0])
    assert metrics.roc_auc([0, 1, 1, 0, 1], [2.0] * 5) == 0.5
    assert metrics.average_precision([0, 1, 1, 0, 1], [2.0] * 5) == pytest.approx(0.6)  # base rate


def test_booleans_and_lists_are_accepted(rng):
    y = rng.random(30) < 0.4
    s = rng.normal(size=30)
    assert metrics.roc_auc(y, s) == metrics.roc_auc(y.astype(int).tolist(), s.tolist())
    assert metrics.average_precision(y, s) == metrics.average_precision(y.astype(float), s)


def test_inputs_are_not_modified(rng):
    y, s = (rng.random(40) < 0.5).astype(float), np.round(rng.normal(size=40), 1)
    y_copy, s_copy = y.copy(), s.copy()
    for name in FUNCTIONS:
        getattr(metrics, name)(y, s)
    np.testing.assert_array_equal(y, y_copy)
    np.testing.assert_array_equal(s, s_copy)


def test_large_input_is_handled_without_a_loop_over_thresholds(rng):
    n = 200_000  # 200k distinct thresholds: a Python loop over them would take seconds
    y = (rng.random(n) < 0.3).astype(int)
    s = y + rng.normal(size=n)
    assert metrics.roc_auc(y, s) == pytest.approx(skm.roc_auc_score(y, s), abs=1e-12)
    assert metrics.average_precision(y, s) == pytest.approx(
        skm.average_precision_score(y, s), abs=1e-12
    )


# ---- properties (hypothesis)

LABELS = hnp.arrays(np.int64, st.integers(2, 30), elements=st.integers(0, 1)).filter(
    lambda y: 0 < y.sum() < y.size
)


@st.composite
def labelled_scores(draw):
    y = draw(LABELS)
    levels = draw(st.sampled_from([3, 1000]))  # few levels: many ties
    s = draw(hnp.arrays(np.float64, y.size, elements=st.integers(0, levels).map(float)))
    return y, s


@settings(max_examples=80, deadline=None)
@given(case=labelled_scores())
def test_reversed_scores_give_one_minus_the_auc(case):
    y, s = case
    assert metrics.roc_auc(y, -s) == pytest.approx(1.0 - metrics.roc_auc(y, s), abs=1e-14)
    # swapping the classes is the same reversal
    assert metrics.roc_auc(1 - y, s) == pytest.approx(metrics.roc_auc(y, -s), abs=1e-14)


@settings(max_examples=80, deadline=None)
@given(case=labelled_scores())
def test_monotone_transforms_change_nothing(case):
    y, s = case
    t = np.exp(s / 100.0) * 3.0 - 7.0  # strictly increasing: the same ranking
    assert metrics.roc_auc(y, t) == metrics.roc_auc(y, s)
    assert metrics.average_precision(y, t) == metrics.average_precision(y, s)


@settings(max_examples=80, deadline=None)
@given(case=labelled_scores())
def test_curves_are_monotone_and_scores_in_unit_interval(case):
    y, s = case
    fpr, tpr, _ = metrics.roc_curve(y, s)
    assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)
    precision, recall, thresholds = metrics.precision_recall_curve(y, s)
    assert np.all(np.diff(recall) <= 0) and np.all(np.diff(thresholds) > 0)
    assert np.all((precision >= 0) & (precision <= 1))
    assert 0.0 <= metrics.roc_auc(y, s) <= 1.0
    assert 0.0 <= metrics.average_precision(y, s) <= 1.0


# ---- bad input


@pytest.mark.parametrize("name", FUNCTIONS)
def test_labels_other_than_0_and_1_are_refused(name):
    fn = getattr(metrics, name)
    with pytest.raises(ValueError, match=r"y_true must contain only the labels \(0, 1\)"):
        fn([0, 1, 2], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"y_true must contain only the labels \(0, 1\)"):
        fn([-1, 1], [0.1, 0.2])
    with pytest.raises(TypeError, match="y_true must hold real numbers"):
        fn(["no", "yes"], [0.1, 0.2])


@pytest.mark.parametrize("name", ["roc_curve", "roc_auc"])
def test_roc_needs_both_classes(name):
    fn = getattr(metrics, name)
    with pytest.raises(ValueError, match=r"y_true holds no positive \(1\) label"):
        fn([0, 0, 0], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"y_true holds no negative \(0\) label"):
        fn([1, 1], [0.1, 0.2])


@pytest.mark.parametrize("name", ["precision_recall_curve", "average_precision"])
def test_precision_recall_needs_a_positive(name):
    with pytest.raises(ValueError, match=r"y_true holds no positive \(1\) label.*at least one"):
        getattr(metrics, name)([0, 0, 0], [0.1, 0.2, 0.3])


@pytest.mark.parametrize("name", FUNCTIONS)
def test_shapes_values_and_kinds_are_checked(name):
    fn = getattr(metrics, name)
    with pytest.raises(ValueError, match=r"same shape, got \(3,\) and \(2,\)"):
        fn([0, 1, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match=r"scores must be 1-D .* got shape \(2, 1\)"):
        fn([0, 1], [[0.1], [0.2]])
    with pytest.raises(ValueError, match=r"y_true must be 1-D .* got shape \(1, 2\)"):
        fn([[0, 1]], [0.1, 0.2])
    with pytest.raises(ValueError, match="scores contains NaN or infinite"):
        fn([0, 1], [0.1, np.nan])
    with pytest.raises(ValueError, match="scores contains NaN or infinite"):
        fn([0, 1], [0.1, np.inf])
    with pytest.raises(ValueError, match="y_true is empty"):
        fn([], [])
    with pytest.raises(TypeError, match="scores must hold real numbers"):
        fn([0, 1], ["a", "b"])
    with pytest.raises(TypeError, match="scores must be an array-like"):
        fn([0, 1], None)
