"""Tests for lossedu.metrics.uncertainty: standard_error and bootstrap_interval.

Expected values come from ``scipy.stats.sem``, ``scipy.stats.bootstrap`` (percentile method),
the normal approximation mean +- 1.96 SE, or a resampling loop written here.
"""

import inspect

import numpy as np
import pytest
from scipy import stats

from lossedu import losses, metrics
from lossedu.metrics import uncertainty

# ---- standard_error


def test_standard_error_matches_scipy_sem(rng):
    for n in (2, 3, 10, 1000):
        values = rng.exponential(size=n)
        got = metrics.standard_error(values)
        assert isinstance(got, float)
        assert got == pytest.approx(stats.sem(values), rel=1e-13)  # scipy.stats.sem, ddof=1


def test_standard_error_closed_forms():
    assert metrics.standard_error([1.0, 3.0]) == pytest.approx(1.0)  # s = sqrt(2), n = 2
    assert metrics.standard_error([5.0] * 7) == 0.0  # no spread
    assert metrics.standard_error([True, False, True, False]) == pytest.approx(0.5 / np.sqrt(3))


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        ([1.0], ValueError, "values needs at least 2 values .* got 1"),
        ([], ValueError, "values is empty"),
        ([[1.0, 2.0], [3.0, 4.0]], ValueError, r"values must be 1-D .* got shape \(2, 2\)"),
        ([1.0, np.nan], ValueError, "values contains NaN or infinite"),
        ([1.0, np.inf], ValueError, "values contains NaN or infinite"),
        ("1, 2", TypeError, "values must be an array-like of numbers"),
        (None, TypeError, "values must be an array-like of numbers"),
        (["a", "b"], TypeError, "values must hold real numbers"),
    ],
)  # fmt: skip
def test_standard_error_bad_input(values, error, message):
    with pytest.raises(error, match=message):
        metrics.standard_error(values)


# ---- bootstrap_interval


def resample_by_loop(metric, y, p, n_resamples, level, seed):
    """The percentile bootstrap written out: the same draws as documented, one at a time."""
    gen = np.random.default_rng(seed)
    rows = gen.integers(0, len(y), size=(n_resamples, len(y)))
    values = []
    for r in rows:
        try:
            v = metric(y[r], p[r])
        except ValueError:
            continue
        values.append(v)
    alpha = 100 * (1 - level) / 2
    return tuple(np.percentile(values, [alpha, 100 - alpha])), len(values)


def test_bootstrap_is_deterministic_for_a_seed_and_varies_with_it(rng):
    y = (rng.random(60) < 0.5).astype(int)
    p = np.where(rng.random(60) < 0.8, y, 1 - y)
    a = metrics.bootstrap_interval(metrics.accuracy, y, p, rng=3)
    assert a == metrics.bootstrap_interval(metrics.accuracy, y, p, rng=3)
    assert a == metrics.bootstrap_interval(metrics.accuracy, y, p, rng=np.random.default_rng(3))
    # accuracy takes only the values k/60, so a continuous metric shows the seed's effect
    y2, p2 = rng.normal(size=60), rng.normal(size=60)
    b = metrics.bootstrap_interval(losses.mse, y2, p2, rng=3)
    assert b != metrics.bootstrap_interval(losses.mse, y2, p2, rng=4)
    assert a == metrics.bootstrap_interval(metrics.accuracy, y.tolist(), p.tolist(), rng=3)
    assert all(isinstance(v, float) for v in a)
    # the resampling loop written out above gives the same interval
    assert a == pytest.approx(resample_by_loop(metrics.accuracy, y, p, 2000, 0.95, 3)[0])


def test_bootstrap_of_a_mean_matches_scipy_and_the_normal_approximation(rng):
    y = rng.normal(size=400)
    pred = y + rng.normal(1.0, 2.0, size=400)  # errors of mean about 1, sd about 2

    def mean_error(t, p):
        return float(np.mean(p - t))

    low, high = metrics.bootstrap_interval(mean_error, y, pred, n_resamples=4000, rng=1)
    d = pred - y
    ref = stats.bootstrap(
        (d,), np.mean, n_resamples=4000, method="percentile", confidence_level=0.95, rng=2
    ).confidence_interval  # scipy.stats.bootstrap, percentile method
    width = high - low
    assert abs(low - ref.low) < 0.05 * width and abs(high - ref.high) < 0.05 * width
    se = stats.sem(d)  # closed form: mean +- 1.96 SE for a normal mean
    assert abs(low - (d.mean() - 1.96 * se)) < 0.08 * width
    assert abs(high - (d.mean() + 1.96 * se)) < 0.08 * width


def test_bootstrap_level_widens_the_interval(rng):
    y, p = rng.normal(size=80), rng.normal(size=80)
    narrow = metrics.bootstrap_interval(losses.mse, y, p, level=0.5)
    wide = metrics.bootstrap_interval(losses.mse, y, p, level=0.99)
    assert wide[0] < narrow[0] <= narrow[1] < wide[1]
    assert narrow[0] <= losses.mse(y, p) <= narrow[1]


def test_bootstrap_accepts_rows_of_any_kind(rng):
    labels = np.array(["cat", "dog", "dog", "cat", "dog"] * 6)
    probs = rng.dirichlet([1.0, 1.0], size=30)  # (n, 2) rows are resampled together
    y = (labels == "dog").astype(int)

    def log_loss(t, p):
        return losses.categorical_cross_entropy(t, p)

    low, high = metrics.bootstrap_interval(log_loss, y, probs, n_resamples=200)
    assert low <= log_loss(y, probs) <= high
    low, high = metrics.bootstrap_interval(metrics.accuracy, labels, labels[::-1], n_resamples=200)
    assert 0.0 <= low <= high <= 1.0


def test_undefined_resamples_are_skipped_when_rare(rng):
    # 3 positives in 30: about (27/30)^30 = 4% of the resamples have none, and AUC is undefined
    y = np.r_[np.ones(3, int), np.zeros(27, int)]
    s = y + rng.normal(size=30)
    got = metrics.bootstrap_interval(metrics.roc_auc, y, s, rng=0)
    expected, kept = resample_by_loop(metrics.roc_auc, y, s, 2000, 0.95, 0)
    assert 1700 < kept < 2000  # some were skipped, fewer than 10%
    assert got == pytest.approx(expected, rel=1e-14)


def test_too_many_undefined_resamples_raise():
    # a single positive in 50: about (49/50)^50 = 36% of the resamples have no positive
    y = np.r_[1, np.zeros(49, int)]
    s = np.linspace(0.0, 1.0, 50)
    with pytest.raises(ValueError, match=r"metric is undefined on \d+ of 2000 .* more than 10%"):
        metrics.bootstrap_interval(metrics.roc_auc, y, s)
    assert uncertainty.MAX_UNDEFINED_FRACTION == 0.1


def test_nan_from_the_metric_counts_as_undefined():
    y = np.arange(20.0)

    def nan_when_first_is_small(t, p):
        return float("nan") if t.min() > 0 else float(t.mean())

    # t.min() > 0 when the resample misses example 0: (19/20)^20 = 36% of the time
    with pytest.raises(ValueError, match=r"undefined on .* \(NaN or inf\)"):
        metrics.bootstrap_interval(nan_when_first_is_small, y, y)


def test_errors_of_the_metric_itself_are_not_hidden():
    def broken(t, p):
        raise ValueError("broken metric")

    with pytest.raises(ValueError, match="broken metric"):
        metrics.bootstrap_interval(broken, [0, 1], [0, 1])
    with pytest.raises(TypeError, match="metric must return a real number, got str"):
        metrics.bootstrap_interval(lambda t, p: "0.5", [0, 1], [0, 1])
    with pytest.raises(TypeError, match=r"metric must return a single number, got shape \(2,\)"):
        metrics.bootstrap_interval(lambda t, p: t - p, [0, 1], [0, 1])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"metric": "accuracy"}, TypeError, "metric must be a function"),
        ({"metric": None}, TypeError, "metric must be a function"),
        ({"n_resamples": 5}, ValueError, "n_resamples must be an integer >= 10"),
        ({"n_resamples": 100.0}, TypeError, "n_resamples must be an integer"),
        ({"level": 1.0}, ValueError, r"level must lie in the open interval \(0, 1\)"),
        ({"level": 0.0}, ValueError, r"level must lie in the open interval \(0, 1\)"),
        ({"level": 95}, ValueError, r"level must lie in the open interval \(0, 1\)"),
        ({"level": "0.95"}, TypeError, "level must be a number"),
        ({"rng": -1}, ValueError, "rng must be a non-negative int seed"),
        ({"rng": "seed"}, TypeError, "rng must be a non-negative int seed"),
        ({"y_pred": [0, 1]}, ValueError, r"same number of examples \(rows\), got 3 and 2"),
        ({"y_true": []}, ValueError, "y_true must hold at least one example"),
        ({"y_true": 1}, ValueError, "y_true must hold at least one example"),
        ({"y_pred": None}, TypeError, "y_pred must be an array-like"),
        ({"y_true": np.ma.masked_array([0, 1, 1], [0, 1, 0])}, TypeError, "y_true is a masked"),
    ],
)  # fmt: skip
def test_bootstrap_bad_input(kwargs, error, message):
    args = {"metric": metrics.accuracy, "y_true": [0, 1, 1], "y_pred": [0, 1, 0], **kwargs}
    metric, y_true, y_pred = args.pop("metric"), args.pop("y_true"), args.pop("y_pred")
    with pytest.raises(error, match=message):
        metrics.bootstrap_interval(metric, y_true, y_pred, **args)


def test_inputs_are_not_modified(rng):
    y, p = rng.normal(size=30), rng.normal(size=30)
    y_copy, p_copy = y.copy(), p.copy()
    metrics.bootstrap_interval(losses.mae, y, p, n_resamples=50)
    metrics.standard_error(y)
    np.testing.assert_array_equal(y, y_copy)
    np.testing.assert_array_equal(p, p_copy)


def test_signatures():
    # these two are not about (y_true, prediction): a sample of values, or a metric, first
    params = inspect.signature(metrics.standard_error).parameters
    assert list(params) == ["values"]
    params = list(inspect.signature(metrics.bootstrap_interval).parameters.values())
    assert [p.name for p in params[:3]] == ["metric", "y_true", "y_pred"]
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params[:3])
    assert {p.name: p.default for p in params[3:] if p.kind is p.KEYWORD_ONLY} == {
        "n_resamples": 2000,
        "level": 0.95,
        "rng": 0,
    }
