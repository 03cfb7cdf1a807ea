"""Early stopping and threshold choice, against brute force and scikit-learn."""

import numpy as np
import pytest

from lossedu import model_selection as ms


def _early_stopping_by_hand(v, patience):
    """Reference: the Keras EarlyStopping rule written out, epoch by epoch."""
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, value in enumerate(v, start=1):
        if value < best:
            best, best_epoch, wait = value, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return best_epoch, epoch
    return best_epoch, len(v)


def test_early_stopping_hand_example():
    v = [1.0, 0.8, 0.9, 0.85, 0.7, 0.95]
    assert ms.early_stopping(v, patience=1) == (2, 3)
    assert ms.early_stopping(v, patience=2) == (2, 4)
    assert ms.early_stopping(v, patience=3) == (5, 6)  # waited long enough to see epoch 5
    assert ms.early_stopping(v) == (5, 6)
    assert ms.early_stopping(v, patience=1, min_delta=0.25) == (1, 2)  # 0.8 is not 0.25 better


@pytest.mark.parametrize("patience", [1, 2, 5, 20])
def test_early_stopping_matches_the_rule(rng, patience):
    for _ in range(30):
        v = np.cumsum(rng.normal(0, 1, 40))
        assert ms.early_stopping(v, patience=patience) == _early_stopping_by_hand(v, patience)


def test_without_patience_the_best_epoch_is_the_first_minimum(rng):
    v = rng.integers(0, 5, 30).astype(float)
    assert ms.early_stopping(v) == (int(np.argmin(v)) + 1, 30)


def test_threshold_curve_matches_scikit_learn(rng):
    sk = pytest.importorskip("sklearn.metrics")
    y = (rng.random(80) < 0.3).astype(int)
    p = np.clip(0.3 * y + rng.random(80) * 0.7, 0, 1)
    curve = ms.threshold_curve(y, p)
    for i, t in enumerate(curve["threshold"]):
        pred = (p >= t).astype(int)
        assert curve["precision"][i] == pytest.approx(sk.precision_score(y, pred, zero_division=0))
        assert curve["recall"][i] == pytest.approx(sk.recall_score(y, pred))
        assert curve["f1"][i] == pytest.approx(sk.f1_score(y, pred, zero_division=0))
        assert curve["accuracy"][i] == pytest.approx(sk.accuracy_score(y, pred))
    # scikit-learn's precision_recall_curve uses the same thresholds (the distinct scores)
    _, rec, th = sk.precision_recall_curve(y, p)
    mask = np.isin(curve["threshold"], th)
    np.testing.assert_allclose(curve["recall"][mask], rec[:-1][np.isin(th, curve["threshold"])])


@pytest.mark.parametrize("threshold", [0.3, 0.5])
def test_threshold_curve_at_a_given_threshold_matches_scikit_learn(rng, threshold):
    sk = pytest.importorskip("sklearn.metrics")
    y = (rng.random(400) < 0.15).astype(int)  # imbalanced, as the threshold explorer's data
    p = 1.0 / (1.0 + np.exp(-(np.where(y == 1, 1.0, -1.5) + rng.normal(0.0, 1.2, 400))))
    curve = ms.threshold_curve(y, p, thresholds=[threshold])
    pred = (p >= threshold).astype(int)
    assert curve["precision"][0] == pytest.approx(sk.precision_score(y, pred))
    assert curve["recall"][0] == pytest.approx(sk.recall_score(y, pred))
    assert curve["f1"][0] == pytest.approx(sk.f1_score(y, pred))
    np.testing.assert_array_equal(curve["confusion_matrix"][0], sk.confusion_matrix(y, pred))


def test_threshold_curve_confusion_matrices_match_scikit_learn(rng):
    sk = pytest.importorskip("sklearn.metrics")
    y = (rng.random(60) < 0.4).astype(int)
    p = rng.random(60)
    curve = ms.threshold_curve(y, p)
    assert curve["confusion_matrix"].shape == (curve["threshold"].size, 2, 2)
    for t, matrix in zip(curve["threshold"], curve["confusion_matrix"], strict=True):
        expected = sk.confusion_matrix(y, (p >= t).astype(int), labels=[0, 1])
        np.testing.assert_array_equal(matrix, expected)
    # every threshold puts each example in exactly one cell
    assert np.all(curve["confusion_matrix"].sum(axis=(1, 2)) == 60)


def test_best_threshold_is_the_lowest_maximiser_by_brute_force(rng):
    sk = pytest.importorskip("sklearn.metrics")
    for _ in range(20):
        y = (rng.random(30) < 0.4).astype(int)
        p = np.round(rng.random(30), 1)  # rounded: ties between thresholds happen
        scores = [(sk.f1_score(y, (p >= t).astype(int), zero_division=0), -t) for t in np.unique(p)]
        f1, neg_t = max(scores)
        assert ms.best_threshold(y, p) == pytest.approx((-neg_t, f1))


def _threshold_curve_by_loop(y, p, thresholds):
    """The curve one threshold at a time with lossedu.metrics (the original implementation)."""
    from lossedu import metrics

    out = {name: [] for name in ("f1", "precision", "recall", "accuracy", "confusion_matrix")}
    for t in thresholds:
        pred = (p >= t).astype(np.int64)
        for name in ("f1", "precision", "recall", "accuracy"):
            out[name].append(getattr(metrics, name)(y, pred))
        out["confusion_matrix"].append(metrics.confusion_matrix(y, pred, labels=[0, 1]))
    return {name: np.array(values) for name, values in out.items()}


def test_threshold_curve_equals_the_per_threshold_loop_with_ties(rng):
    # the counting implementation must give exactly (not approximately) what scoring every
    # threshold with lossedu.metrics gives, ties and one-class labels included
    for k in range(60):
        n = int(rng.integers(1, 50))
        y = (rng.random(n) < 0.3).astype(int)
        if k % 10 == 0:
            y[:] = k % 20 // 10  # only negatives, then only positives
        p = np.round(rng.random(n), int(rng.integers(1, 3)))  # rounded: tied scores
        for thresholds in (None, rng.uniform(-0.2, 1.2, 5)):
            curve = ms.threshold_curve(y, p, thresholds=thresholds)
            th = np.unique(p) if thresholds is None else thresholds
            expected = _threshold_curve_by_loop(y, p, th)
            np.testing.assert_array_equal(curve["threshold"], th)
            for name, values in expected.items():
                np.testing.assert_array_equal(curve[name], values, err_msg=name)
            assert curve["confusion_matrix"].dtype == np.int64


def test_threshold_curve_precision_recall_equal_scikit_learns_curve(rng):
    # independent reference: sklearn.metrics.precision_recall_curve on the same thresholds
    sk = pytest.importorskip("sklearn.metrics")
    for _ in range(10):
        y = (rng.random(200) < 0.2).astype(int)
        y[0] = 1  # at least one positive, as precision_recall_curve needs
        p = np.round(np.clip(0.3 * y + 0.7 * rng.random(200), 0, 1), 2)  # with ties
        precision, recall, thresholds = sk.precision_recall_curve(y, p)
        curve = ms.threshold_curve(y, p)
        np.testing.assert_array_equal(curve["threshold"], thresholds)
        np.testing.assert_allclose(curve["precision"], precision[:-1], rtol=0, atol=1e-15)
        np.testing.assert_allclose(curve["recall"], recall[:-1], rtol=0, atol=1e-15)
        t, f1 = ms.best_threshold(y, p)
        f1_sk = 2 * precision[:-1] * recall[:-1] / (precision[:-1] + recall[:-1])
        assert f1 == pytest.approx(np.max(f1_sk), abs=1e-12)
        assert t == thresholds[np.argmax(f1_sk)]


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="patience must be an integer >= 1"):
        ms.early_stopping([1.0, 2.0], patience=0)
    with pytest.raises(ValueError, match="1-D"):
        ms.early_stopping([[1.0, 2.0]])
    with pytest.raises(ValueError, match="min_delta"):
        ms.early_stopping([1.0], min_delta=-1)
    with pytest.raises(ValueError, match="only the labels"):
        ms.threshold_curve([0, 2], [0.1, 0.2])
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\]"):
        ms.best_threshold([0, 1], [0.1, 1.2])
    with pytest.raises(ValueError, match="metric must be one of"):
        ms.best_threshold([0, 1], [0.1, 0.2], metric="auc")


# overfitting_epochs: the rule "after the best validation epoch b, validation above
# (1 + rtol) * validation[b] while training is below train[b]". The expected masks below are
# worked out by hand from that rule on curves built so that the answer is obvious.


def test_overfitting_epochs_none_when_both_fall():
    t = np.linspace(1, 0.1, 50)
    v = np.linspace(1.2, 0.3, 50)  # best epoch is the last: nothing comes after it
    assert not ms.overfitting_epochs(t, v).any()


def test_overfitting_epochs_ignore_a_drift_within_the_tolerance():
    # a converged run: the validation loss wobbles up to 4 % above its best, inside 5 %
    t = np.linspace(1, 0.1, 50)
    v = np.r_[np.linspace(1.2, 0.3, 30), 0.3 * (1 + 0.04 * np.abs(np.sin(np.arange(20))))]
    assert not ms.overfitting_epochs(t, v, rtol=0.05).any()
    # the same wobble counts with a tolerance below it (max rise 3.96 % > 1 %)
    assert ms.overfitting_epochs(t, v, rtol=0.01).any()


def test_overfitting_epochs_mark_a_rise_while_training_falls():
    t = np.linspace(1, 0.1, 50)
    v = np.r_[np.linspace(1.2, 0.3, 25), np.linspace(0.31, 0.6, 25)]  # best at position 24
    mask = ms.overfitting_epochs(t, v, rtol=0.05)
    expected = (np.arange(50) > 24) & (v > 1.05 * 0.3)  # training falls throughout
    np.testing.assert_array_equal(mask, expected)
    first = int(np.argmax(mask))
    assert mask[first:].all() and v[first] > 0.315 and v[first - 1] <= 0.315


def test_overfitting_epochs_exact_small_case():
    train = [1.0, 0.8, 0.6, 0.5, 0.4, 0.3]
    val = [1.2, 1.0, 0.9, 0.92, 1.0, 1.2]  # best 0.9 at position 2; 1.05 * 0.9 = 0.945
    assert ms.overfitting_epochs(train, val).tolist() == [False] * 4 + [True, True]
    # rtol = 0: any rise counts, so position 3 (0.92 > 0.9) joins
    assert ms.overfitting_epochs(train, val, rtol=0).tolist() == [False] * 3 + [True] * 3


def test_overfitting_epochs_not_when_training_rises_too():
    # divergence: both losses climb after the best epoch, so this is not overfitting
    t = np.r_[np.linspace(1, 0.2, 25), np.linspace(0.25, 2, 25)]
    v = np.r_[np.linspace(1.2, 0.3, 25), np.linspace(0.35, 3, 25)]
    assert not ms.overfitting_epochs(t, v).any()
    t = v = np.exp(np.arange(30) / 5)
    assert not ms.overfitting_epochs(t, v).any()


def test_overfitting_epochs_reject_bad_input():
    with pytest.raises(ValueError, match="rtol"):
        ms.overfitting_epochs([1, 0.5], [1, 2], rtol=-0.1)
    with pytest.raises(TypeError, match="rtol"):
        ms.overfitting_epochs([1, 0.5], [1, 2], rtol="5%")
    with pytest.raises(ValueError, match="same shape"):
        ms.overfitting_epochs([1, 0.5, 0.2], [1, 2])
    with pytest.raises(ValueError, match="1-D"):
        ms.overfitting_epochs([[1, 0.5]], [[1, 2]])
    with pytest.raises(ValueError, match="validation"):
        ms.overfitting_epochs([1, 0.5], [1, np.nan])


# --- cost-based threshold, expected cost and k-fold splitting (chapter 7) ---


def test_cost_threshold_closed_form():
    # reference: the closed form c_fp / (c_fp + c_fn), from (1 - p) c_fp < p c_fn
    assert ms.cost_threshold(1.0, 1.0) == 0.5
    assert ms.cost_threshold(1.0, 9.0) == pytest.approx(0.1)
    assert ms.cost_threshold(3.0, 1.0) == pytest.approx(0.75)
    assert ms.cost_threshold(2.0, 18.0) == ms.cost_threshold(1.0, 9.0)  # only the ratio


@pytest.mark.parametrize("c_fp, c_fn", [(1.0, 1.0), (1.0, 9.0), (4.0, 1.0)])
def test_cost_threshold_is_the_brute_force_minimum_on_calibrated_data(c_fp, c_fn):
    # calibrated by construction: each label is drawn with probability p
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 200_000)
    y = (rng.random(p.size) < p).astype(int)
    grid = np.linspace(0.01, 0.99, 99)
    cost = ms.expected_cost(y, p, grid, c_fp=c_fp, c_fn=c_fn)
    best = grid[np.argmin(cost)]
    assert abs(best - ms.cost_threshold(c_fp, c_fn)) <= 0.03
    # for uniform calibrated p the expected cost is known in closed form:
    # c_fp * (1 - t)^2 / 2 + c_fn * t^2 / 2 (integrate (1-p) c_fp over p > t, p c_fn below)
    theory = c_fp * (1 - grid) ** 2 / 2 + c_fn * grid**2 / 2
    assert np.max(np.abs(cost - theory)) < 0.01 * max(c_fp, c_fn)


def test_expected_cost_counts_by_hand():
    y = np.array([0, 0, 1, 1, 1, 0])
    p = np.array([0.2, 0.7, 0.4, 0.9, 0.55, 0.5])
    for t in (0.0, 0.45, 0.5, 0.6, 1.0):
        pred = p >= t
        fp = np.sum(pred & (y == 0))
        fn = np.sum(~pred & (y == 1))
        expect = (2.0 * fp + 7.0 * fn) / y.size
        assert ms.expected_cost(y, p, t, c_fp=2.0, c_fn=7.0) == pytest.approx(expect)
    arr = ms.expected_cost(y, p, [0.45, 0.6], c_fp=2.0, c_fn=7.0)
    assert isinstance(arr, np.ndarray) and arr.shape == (2,)


def test_cost_functions_validate_their_arguments():
    with pytest.raises(ValueError, match="c_fp"):
        ms.cost_threshold(0.0, 1.0)
    with pytest.raises(TypeError, match="c_fn"):
        ms.cost_threshold(1.0, "9")
    with pytest.raises(ValueError, match="c_fn"):
        ms.expected_cost([0, 1], [0.2, 0.8], 0.5, c_fp=1.0, c_fn=-1.0)
    with pytest.raises(ValueError, match="threshold"):
        ms.expected_cost([0, 1], [0.2, 0.8], np.nan, c_fp=1.0, c_fn=1.0)
    with pytest.raises(ValueError, match="threshold"):
        ms.expected_cost([0, 1], [0.2, 0.8], [[0.5]], c_fp=1.0, c_fn=1.0)
    with pytest.raises(ValueError, match="probs"):
        ms.expected_cost([0, 1], [0.2, 1.8], 0.5, c_fp=1.0, c_fn=1.0)


@pytest.mark.parametrize("n, k", [(10, 3), (40, 5), (7, 7), (101, 10), (2, 2)])
def test_k_fold_is_a_partition(n, k):
    folds = ms.k_fold(n, k, rng=3)
    assert len(folds) == k
    vals = np.concatenate([val for _, val in folds])
    assert np.array_equal(np.sort(vals), np.arange(n))  # every index in exactly one fold
    for train, val in folds:
        assert np.intersect1d(train, val).size == 0
        assert np.array_equal(np.sort(np.r_[train, val]), np.arange(n))
        assert np.all(np.diff(train) > 0) and np.all(np.diff(val) > 0)


@pytest.mark.parametrize("n, k", [(10, 3), (40, 5), (101, 10), (23, 4)])
def test_k_fold_sizes_match_scikit_learn(n, k):
    sklearn_model_selection = pytest.importorskip("sklearn.model_selection")
    # reference: scikit-learn's KFold with shuffling
    ref = sklearn_model_selection.KFold(k, shuffle=True, random_state=0)
    ref_sizes = [len(val) for _, val in ref.split(np.zeros(n))]
    assert [len(val) for _, val in ms.k_fold(n, k, rng=0)] == ref_sizes


def test_k_fold_is_seeded_and_shuffles():
    a = ms.k_fold(30, 3, rng=1)
    b = ms.k_fold(30, 3, rng=1)
    c = ms.k_fold(30, 3, rng=2)
    assert all(np.array_equal(x[1], y[1]) for x, y in zip(a, b, strict=True))
    assert not all(np.array_equal(x[1], y[1]) for x, y in zip(a, c, strict=True))
    assert not np.array_equal(a[0][1], np.arange(10))  # shuffled, not contiguous blocks


def test_k_fold_validates_its_arguments():
    with pytest.raises(ValueError, match="k must be at most"):
        ms.k_fold(3, 4)
    with pytest.raises(ValueError, match="k"):
        ms.k_fold(10, 1)
    with pytest.raises(TypeError, match="n"):
        ms.k_fold(10.0, 2)
    with pytest.raises(TypeError, match="rng"):
        ms.k_fold(10, 2, rng="seed")
