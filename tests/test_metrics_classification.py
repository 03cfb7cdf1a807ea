"""Tests for lossedu.metrics.classification: expected values from scikit-learn or by hand."""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lossedu import metrics

SCORES = ("precision", "recall", "f1")
MULTI_AVERAGES = ("macro", "micro", "weighted")
PUBLIC = ("accuracy", "precision", "recall", "f1", "confusion_matrix")


def sk_score(name, y_true, y_pred, **kwargs):
    """The scikit-learn reference, with the zero_division policy lossedu uses."""
    return sk_scores(y_true, y_pred, **kwargs)[SCORES.index(name)]


def sk_scores(y_true, y_pred, **kwargs):
    """Precision, recall and F1 from one scikit-learn call (what *_score wrap)."""
    skm = pytest.importorskip("sklearn.metrics")
    kwargs.setdefault("average", "binary")  # the default of precision_score and friends
    out = skm.precision_recall_fscore_support(y_true, y_pred, zero_division=0, **kwargs)
    return tuple(float(v) for v in out[:3])


def assert_all_scores_match(y_true, y_pred, averages, **kwargs):
    for average in averages:
        want = sk_scores(y_true, y_pred, average=average, **kwargs)
        for name, expected in zip(SCORES, want, strict=True):
            got = getattr(metrics, name)(y_true, y_pred, average=average, **kwargs)
            assert isinstance(got, float)
            assert got == pytest.approx(expected, rel=1e-12, abs=1e-15), (name, average)


# --- agreement with scikit-learn ------------------------------------------------------------


def test_binary_labels_match_sklearn_for_every_average(rng):
    for _ in range(80):
        n = int(rng.integers(1, 30))
        p_true, p_pred = rng.uniform(0.05, 0.95, size=2)  # imbalanced and balanced draws
        y_true = (rng.random(n) < p_true).astype(int)
        y_pred = (rng.random(n) < p_pred).astype(int)
        assert_all_scores_match(y_true, y_pred, ("binary", *MULTI_AVERAGES))
        assert_all_scores_match(y_true, y_pred, ("binary",), pos_label=0)


def test_binary_labels_other_than_0_1_match_sklearn(rng):
    for _ in range(30):
        n = int(rng.integers(2, 20))
        y_true = rng.choice([-1, 1], size=n)
        y_pred = rng.choice([-1, 1], size=n)
        assert_all_scores_match(y_true, y_pred, ("binary", *MULTI_AVERAGES))
        assert_all_scores_match(y_true, y_pred, ("binary",), pos_label=-1)


def test_multiclass_labels_match_sklearn(rng):
    for _ in range(80):
        n = int(rng.integers(1, 40))
        k = int(rng.integers(3, 7))
        classes = rng.choice(20, size=k, replace=False)  # labels need not be 0..k-1
        y_true = rng.choice(classes, size=n, p=rng.dirichlet(np.ones(k)))
        y_pred = np.where(rng.random(n) < 0.5, y_true, rng.choice(classes, size=n))
        assert_all_scores_match(y_true, y_pred, MULTI_AVERAGES)


def test_string_labels_match_sklearn(rng):
    names = np.array(["cat", "dog", "fish", "bird"])
    for _ in range(30):
        n = int(rng.integers(1, 25))
        y_true = rng.choice(names, size=n)
        y_pred = rng.choice(names, size=n)
        assert_all_scores_match(y_true, y_pred, MULTI_AVERAGES)
        binary_true, binary_pred = rng.choice(names[:2], size=n), rng.choice(names[:2], size=n)
        assert_all_scores_match(binary_true, binary_pred, ("binary",), pos_label="dog")


@pytest.mark.filterwarnings("ignore:A single label was found:UserWarning")
def test_accuracy_and_confusion_matrix_match_sklearn(rng):
    skm = pytest.importorskip("sklearn.metrics")
    for _ in range(60):
        n = int(rng.integers(1, 40))
        y_true = rng.integers(0, 5, size=n)
        y_pred = rng.integers(0, 5, size=n)
        assert metrics.accuracy(y_true, y_pred) == skm.accuracy_score(y_true, y_pred)
        np.testing.assert_array_equal(
            metrics.confusion_matrix(y_true, y_pred), skm.confusion_matrix(y_true, y_pred)
        )
        # a shuffled subset of the labels (plus one never seen) that keeps a label of y_true
        labels = rng.permutation(np.append(np.arange(5), 9))[: int(rng.integers(1, 7))]
        if np.isin(labels, y_true).any():
            np.testing.assert_array_equal(
                metrics.confusion_matrix(y_true, y_pred, labels=labels),
                skm.confusion_matrix(y_true, y_pred, labels=labels),
            )


label_pairs = st.integers(1, 30).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 4), min_size=n, max_size=n),
        st.lists(st.integers(0, 4), min_size=n, max_size=n),
    )
)
binary_pairs = st.integers(1, 30).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
    )
)


@pytest.mark.filterwarnings("ignore:A single label was found:UserWarning")
@settings(max_examples=60, deadline=None)
@given(label_pairs)
def test_hypothesis_multiclass_matches_sklearn(pair):
    skm = pytest.importorskip("sklearn.metrics")
    y_true, y_pred = pair
    assert_all_scores_match(y_true, y_pred, MULTI_AVERAGES)
    assert metrics.accuracy(y_true, y_pred) == skm.accuracy_score(y_true, y_pred)
    np.testing.assert_array_equal(
        metrics.confusion_matrix(y_true, y_pred), skm.confusion_matrix(y_true, y_pred)
    )


@settings(max_examples=60, deadline=None)
@given(binary_pairs, st.sampled_from([0, 1]))
def test_hypothesis_binary_matches_sklearn(pair, pos_label):
    y_true, y_pred = pair
    assert_all_scores_match(y_true, y_pred, ("binary",), pos_label=pos_label)


@settings(max_examples=60, deadline=None)
@given(label_pairs)
def test_hypothesis_invariants(pair):
    y_true, y_pred = pair
    cm = metrics.confusion_matrix(y_true, y_pred)
    assert cm.sum() == len(y_true)  # every sample counted once
    # micro precision = micro recall = micro F1 = accuracy for single-label data
    acc = metrics.accuracy(y_true, y_pred)
    for name in SCORES:
        assert getattr(metrics, name)(y_true, y_pred, average="micro") == pytest.approx(acc)
        for average in MULTI_AVERAGES:
            assert 0.0 <= getattr(metrics, name)(y_true, y_pred, average=average) <= 1.0


# --- values by hand and the undefined cases ----------------------------------------------------


def test_hand_example_imbalance():
    # 19 negatives, 1 positive, a model that always says 0: accuracy 19/20, yet it finds no
    # positive: recall 0/1 = 0, precision 0/0 scored 0.0, F1 = 0 / (0 + 0 + 1) = 0.
    y_true = [0] * 19 + [1]
    y_pred = [0] * 20
    assert metrics.accuracy(y_true, y_pred) == 0.95
    assert metrics.precision(y_true, y_pred) == 0.0
    assert metrics.recall(y_true, y_pred) == 0.0
    assert metrics.f1(y_true, y_pred) == 0.0
    # class 0: precision 19/20, recall 1, F1 = 38/39; macro F1 = (38/39 + 0) / 2
    assert metrics.f1(y_true, y_pred, average="macro") == pytest.approx(19 / 39)


def test_hand_example_confusion_matrix():
    # counted by hand: true 0 predicted 0 once, true 1 -> 1 once and -> 2 once, true 2 -> 2
    cm = metrics.confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2])
    np.testing.assert_array_equal(cm, [[1, 0, 0], [0, 1, 1], [0, 0, 1]])
    assert cm.dtype == np.int64


def test_pos_label_absent_from_a_single_label_scores_zero_as_sklearn():
    # only label 0 occurs, pos_label=1 never does: scikit-learn returns 0.0, not an error
    for name in SCORES:
        got = getattr(metrics, name)([0, 0, 0], [0, 0, 0])
        assert got == 0.0 == sk_score(name, [0, 0, 0], [0, 0, 0])
    assert (
        metrics.precision(["a", "a"], ["a", "a"])
        == 0.0
        == sk_score("precision", ["a"] * 2, ["a"] * 2)
    )


def test_pos_label_is_ignored_unless_binary():
    # scikit-learn ignores pos_label for these averages (it warns); we ignore it silently
    y_true, y_pred = [0, 1, 2, 2], [0, 2, 2, 1]
    for average in MULTI_AVERAGES:
        assert metrics.f1(y_true, y_pred, average=average, pos_label=7) == metrics.f1(
            y_true, y_pred, average=average
        )


def test_accepted_label_kinds():
    # booleans count as 0/1, integer-valued floats as integers, tuples like lists
    assert metrics.recall([True, False, True], [True, True, False]) == 0.5
    assert metrics.recall([1.0, 0.0, 1.0], (1, 1, 0)) == 0.5
    assert metrics.accuracy(np.array(["a", "b"], dtype=object), ["a", "a"]) == 0.5
    np.testing.assert_array_equal(
        metrics.confusion_matrix([1.0, 2.0], [2.0, 2.0]), [[0, 1], [0, 1]]
    )


def test_returns_python_floats_and_int_matrix():
    for name in ("accuracy", *SCORES):
        assert type(getattr(metrics, name)([0, 1], [0, 1])) is float
    cm = metrics.confusion_matrix(["x", "y"], ["y", "y"])
    assert isinstance(cm, np.ndarray) and cm.dtype == np.int64


def test_inputs_not_modified(rng):
    y_true = rng.integers(0, 3, size=20)
    y_pred = rng.integers(0, 3, size=20)
    labels = np.array([2, 0, 1])
    copies = (y_true.copy(), y_pred.copy(), labels.copy())
    metrics.accuracy(y_true, y_pred)
    for name in SCORES:
        getattr(metrics, name)(y_true, y_pred, average="weighted")
    metrics.confusion_matrix(y_true, y_pred, labels=labels)
    for before, after in zip(copies, (y_true, y_pred, labels), strict=True):
        np.testing.assert_array_equal(before, after)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PUBLIC)
def test_shape_mismatch(name):
    with pytest.raises(ValueError, match=r"same shape, got \(3,\) and \(2,\)"):
        getattr(metrics, name)([0, 1, 1], [0, 1])


@pytest.mark.parametrize("name", PUBLIC)
def test_empty(name):
    with pytest.raises(ValueError, match="y_true is empty"):
        getattr(metrics, name)([], [])


@pytest.mark.parametrize("name", PUBLIC)
def test_not_one_dimensional(name):
    with pytest.raises(ValueError, match=r"y_pred must be 1-D .* got shape \(2, 1\).*ravel"):
        getattr(metrics, name)([0, 1], [[0], [1]])


@pytest.mark.parametrize("name", PUBLIC)
def test_non_integer_float_labels(name):
    with pytest.raises(ValueError, match=r"y_pred must hold class labels.*non-integer value 0\.7"):
        getattr(metrics, name)([0, 1], [0.7, 0.2])


@pytest.mark.parametrize("name", PUBLIC)
def test_nan_labels(name):
    with pytest.raises(ValueError, match="y_true contains NaN"):
        getattr(metrics, name)([0.0, np.nan], [0, 1])


@pytest.mark.parametrize("name", PUBLIC)
def test_strings_and_numbers_mixed(name):
    with pytest.raises(TypeError, match="y_true mixes strings and numbers"):
        getattr(metrics, name)(["a", 1], ["a", "b"])
    with pytest.raises(TypeError, match="y_true holds numbers but y_pred holds strings"):
        getattr(metrics, name)([0, 1], ["0", "1"])


@pytest.mark.parametrize("name", PUBLIC)
def test_wrong_kind(name):
    with pytest.raises(TypeError, match="y_true must be a 1-D array-like"):
        getattr(metrics, name)(None, [0, 1])
    with pytest.raises(TypeError, match=r"y_pred must be a 1-D array-like.*got str"):
        getattr(metrics, name)([0, 1], "01")
    with pytest.raises(TypeError, match="y_true must hold integer or string class labels"):
        getattr(metrics, name)([1 + 1j, 0j], [0, 1])


@pytest.mark.parametrize("name", SCORES)
@pytest.mark.parametrize("average", ["samples", None, "Macro", 1])
def test_unknown_average(name, average):
    with pytest.raises(ValueError, match="average must be one of 'binary', 'macro'"):
        getattr(metrics, name)([0, 1], [0, 1], average=average)


@pytest.mark.parametrize("name", SCORES)
def test_multiclass_with_binary_average(name):
    with pytest.raises(ValueError, match=r"3 labels \[0, 1, 2\].*use average='macro'"):
        getattr(metrics, name)([0, 1, 2], [0, 1, 1])


@pytest.mark.parametrize("name", SCORES)
def test_pos_label_not_among_two_labels(name):
    with pytest.raises(ValueError, match=r"pos_label=1 is not one of the labels \['a', 'b'\]"):
        getattr(metrics, name)(["a", "b"], ["b", "b"])
    with pytest.raises(ValueError, match=r"pos_label=2 is not one of the labels \[0, 1\]"):
        getattr(metrics, name)([0, 1], [1, 1], pos_label=2)


@pytest.mark.parametrize("name", SCORES)
def test_pos_label_wrong_kind(name):
    with pytest.raises(TypeError, match="pos_label must be a single label"):
        getattr(metrics, name)([0, 1], [1, 1], pos_label=[1])


def test_confusion_matrix_bad_labels():
    with pytest.raises(ValueError, match="labels is empty"):
        metrics.confusion_matrix([0, 1], [0, 1], labels=[])
    with pytest.raises(ValueError, match="labels must not repeat a label"):
        metrics.confusion_matrix([0, 1], [0, 1], labels=[1, 1])
    with pytest.raises(ValueError, match=r"none of labels \[2, 3\] occurs in y_true"):
        metrics.confusion_matrix([0, 1], [0, 1], labels=[2, 3])
    with pytest.raises(TypeError, match="labels holds strings but y_true holds numbers"):
        metrics.confusion_matrix([0, 1], [0, 1], labels=["0", "1"])


# --- signatures -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PUBLIC)
def test_signature_arrays_positional_options_keyword_only(name):
    params = list(inspect.signature(getattr(metrics, name)).parameters.values())
    assert [p.name for p in params[:2]] == ["y_true", "y_pred"]
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty for p in params[:2])
    assert all(p.kind is p.KEYWORD_ONLY for p in params[2:])
    expected = {
        "accuracy": [],
        "confusion_matrix": [("labels", None)],
    }.get(name, [("average", "binary"), ("pos_label", 1)])
    assert [(p.name, p.default) for p in params[2:]] == expected


# --- hostile labels -------------------------------------------------------------------------


@pytest.mark.parametrize("name", PUBLIC)
def test_masked_arrays_refused(name):
    # NumPy drops the mask on conversion: the masked label would be counted
    masked = np.ma.masked_array([0, 1, 1], mask=[False, False, True])
    with pytest.raises(TypeError, match=r"y_true is a masked array.*\.filled\(.*\.compressed\(\)"):
        getattr(metrics, name)(masked, [0, 1, 0])
    with pytest.raises(TypeError, match=r"y_pred is a masked array"):
        getattr(metrics, name)([0, 1, 0], masked)


@pytest.mark.parametrize("name", PUBLIC)
def test_labels_beyond_int64_never_merge(name):
    # 2**63 cast to int64 wraps to -2**63: two different labels would count as equal
    big = np.array([2**63, 1], dtype=np.uint64)
    with pytest.raises(ValueError, match=r"y_true holds the label 9223372036854775808.*int64"):
        getattr(metrics, name)(big, np.array([-(2**63), 1]))
    # integer-valued floats past 2**63 have no int64 either (1e20 and 1e21 would both wrap)
    with pytest.raises(ValueError, match=r"y_pred holds the label 1e\+21.*int64"):
        getattr(metrics, name)([1e18, 1.0], [1e21, 1.0])
    # Python integers beyond int64 arrive as an object array
    with pytest.raises((ValueError, TypeError), match=r"y_true"):
        getattr(metrics, name)([2**64, 1], [1, 1])


def test_accuracy_example_of_labels_beyond_int64():
    with pytest.raises(ValueError, match="outside the int64 range"):
        metrics.accuracy(np.array([2**63], dtype=np.uint64), np.array([-(2**63)]))


def test_uint64_labels_within_int64_and_mixed_kinds_still_work():
    # by hand: labels compare by value whatever their integer or float dtype
    t = np.array([0, 2**62, 5], dtype=np.uint64)
    p = np.array([0.0, 2.0**62, 4.0])
    assert metrics.accuracy(t, p) == pytest.approx(2 / 3)
    assert metrics.accuracy(np.array([True, False]), np.array([1, 1], dtype=np.int8)) == 0.5
    assert metrics.accuracy(np.array([1, 2], dtype=object), [1.0, 3.0]) == 0.5


def test_numpy_scalar_pos_label():
    # by hand: y_pred positive at 0 and 1, true positive only at 0: precision 1/2
    y_true, y_pred = np.array([True, False, True]), np.array([True, True, False])
    assert metrics.precision(y_true, y_pred, pos_label=np.True_) == 0.5
    assert metrics.precision(y_true, y_pred, pos_label=True) == 0.5
    assert metrics.recall([0, 3, 3], [3, 3, 0], pos_label=np.int64(3)) == 0.5
    assert metrics.f1(["a", "b"], ["a", "a"], pos_label=np.str_("a")) == pytest.approx(2 / 3)
    # scikit-learn agrees on the boolean case
    assert sk_score("precision", y_true, y_pred, pos_label=True) == 0.5
