"""Tests of lossedu.datasets: shapes, seeded determinism, the statistics of the noise."""

import numpy as np
import pytest
from scipy import stats

from lossedu import datasets, environments
from lossedu.datasets import (
    make_blobs,
    make_imbalanced,
    make_multitask,
    make_regression,
    train_val_split,
    train_val_test_split,
)

GENERATORS = {
    "regression": lambda rng: make_regression(50, n_features=3, outliers=5, rng=rng),
    "blobs": lambda rng: make_blobs(40, n_classes=3, rng=rng),
    "imbalanced": lambda rng: make_imbalanced(300, ratio=0.05, rng=rng),
    "multitask": lambda rng: make_multitask(30, n_features=2, rng=rng),
}


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_data_and_unpacking(name):
    a, b, c = (GENERATORS[name](seed) for seed in (7, 7, 8))
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)
    X, y = a  # a Dataset unpacks into X and y only
    assert X is a.X and y is a.y
    assert X.ndim == 2 and X.dtype == np.float64
    assert "Dataset(X" in repr(a) and "0x" not in repr(a)


def test_generator_is_accepted_and_advanced(rng):
    first = make_regression(10, rng=rng)
    second = make_regression(10, rng=rng)
    assert not np.array_equal(first.X, second.X)


def test_regression_is_the_stated_line_without_noise():
    data = make_regression(20, n_features=2, coef=[1.5, -2.0], intercept=0.5, noise_scale=0.0)
    np.testing.assert_allclose(data.y, data.X @ [1.5, -2.0] + 0.5)
    assert data.X.shape == (20, 2) and data.y.shape == (20,)
    assert data.X.min() >= -3.0 and data.X.max() <= 3.0


@pytest.mark.parametrize(("noise", "excess_kurtosis"), [("gaussian", 0.0), ("laplace", 3.0)])
def test_noise_has_the_stated_scale_and_shape(noise, excess_kurtosis):
    data = make_regression(40_000, noise=noise, noise_scale=0.7, rng=3)
    residual = data.y - (data.X @ data.coef + data.intercept)
    # Closed forms: the noise standard deviation is noise_scale for both; the excess
    # kurtosis of a normal distribution is 0 and of a Laplace distribution 3.
    assert residual.std() == pytest.approx(0.7, rel=0.02)
    assert stats.kurtosis(residual) == pytest.approx(excess_kurtosis, abs=0.25)
    # Kolmogorov-Smirnov against scipy's distribution with the stated parameters.
    reference = (
        stats.norm(scale=0.7) if noise == "gaussian" else stats.laplace(scale=0.7 / np.sqrt(2))
    )
    assert stats.kstest(residual, reference.cdf).pvalue > 0.001


@pytest.mark.parametrize(("outliers", "count"), [(0, 0), (7, 7), (0.1, 10), (0.25, 25)])
def test_outliers_count_and_fraction(outliers, count):
    data = make_regression(
        100, coef=[1.0], intercept=0.0, noise_scale=0.0, outliers=outliers, outlier_scale=20.0
    )
    assert data.is_outlier.sum() == count
    shift = data.y - data.X[:, 0]
    assert np.all(shift[data.is_outlier] >= 10.0) and np.all(shift[data.is_outlier] <= 30.0)
    np.testing.assert_allclose(shift[~data.is_outlier], 0.0, atol=1e-12)


def test_blobs_are_balanced_and_centred():
    data = make_blobs(3000, n_classes=3, cluster_std=0.5, separation=4.0, rng=1)
    assert np.bincount(data.y).tolist() == [1000, 1000, 1000]
    assert data.y.dtype.kind == "i"
    for k in range(3):
        np.testing.assert_allclose(data.X[data.y == k].mean(axis=0), data.centers[k], atol=0.05)
        assert data.X[data.y == k].std(axis=0) == pytest.approx([0.5, 0.5], rel=0.08)
    np.testing.assert_allclose(np.linalg.norm(data.centers, axis=1), 4.0)
    assert make_blobs(7, n_classes=2, n_features=1).X.shape == (7, 1)


def test_imbalanced_has_the_ratio():
    X, y = make_imbalanced(1000, ratio=0.01, rng=0)
    assert X.shape == (1000, 2)
    assert set(np.unique(y).tolist()) == {0, 1}
    assert int(y.sum()) == 10  # round(0.01 * 1000)
    assert int(make_imbalanced(50, ratio=0.001).y.sum()) == 1  # at least one positive


def test_multitask_noise_scales():
    data = make_multitask(20_000, n_features=2, noise_scales=(0.1, 1.0, 3.0), rng=2)
    assert data.y.shape == (20_000, 3) and data.coef.shape == (2, 3)
    residual = data.y - (data.X @ data.coef + data.intercept)
    np.testing.assert_allclose(residual.std(axis=0), [0.1, 1.0, 3.0], rtol=0.03)
    np.testing.assert_array_equal(data.noise_scales, [0.1, 1.0, 3.0])


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: make_regression(1), ValueError, "n must be an integer >= 2"),
        (lambda: make_regression(10.0), TypeError, "n must be an integer"),
        (lambda: make_regression(10, noise="cauchy"), ValueError, "noise must be one of"),
        (lambda: make_regression(10, noise_scale=-1.0), ValueError, "noise_scale"),
        (lambda: make_regression(10, outliers=11), ValueError, "outliers"),
        (lambda: make_regression(10, outliers=1.5), ValueError, "For a count, pass an int"),
        (lambda: make_regression(10, outliers=True), TypeError, "outliers"),
        (lambda: make_regression(10, n_features=2, coef=[1.0]), ValueError, "coef must hold"),
        (lambda: make_regression(10, rng="seed"), TypeError, "rng must be"),
        (lambda: make_regression(10, rng=-1), ValueError, "rng must be"),
        (lambda: make_blobs(10, n_classes=1), ValueError, "n_classes"),
        (lambda: make_blobs(10, cluster_std=0.0), ValueError, "cluster_std"),
        (lambda: make_imbalanced(10, ratio=0.0), ValueError, "ratio"),
        (lambda: make_imbalanced(10, ratio=0.99), ValueError, "no negatives"),
        (lambda: make_multitask(10, noise_scales=(0.1, -1.0)), ValueError, "noise_scales"),
        (lambda: make_multitask(10, noise_scales=()), ValueError, "noise_scales"),
    ],
)
def test_validation(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_split_is_a_seeded_partition():
    X = np.arange(40.0).reshape(20, 2)
    y = np.arange(20)
    X_train, X_val, y_train, y_val = train_val_split(X, y, rng=3)
    assert len(X_val) == 5 and len(X_train) == 15
    np.testing.assert_array_equal(np.sort(np.concatenate([y_train, y_val])), y)
    np.testing.assert_array_equal(X_train[:, 0], 2 * y_train)  # rows stay paired
    assert y_train.dtype == y.dtype
    again = train_val_split(X, y, rng=3)
    np.testing.assert_array_equal(again[3], y_val)


def test_split_does_not_modify_inputs():
    X = np.arange(10.0).reshape(5, 2)
    y = np.arange(5)
    X_copy, y_copy = X.copy(), y.copy()
    train_val_test_split(X, y, val_fraction=0.2, test_fraction=0.2, rng=0)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_stratified_split_keeps_the_class_ratio():
    X, y = make_imbalanced(1000, ratio=0.04, rng=0)
    _, _, y_train, y_val = train_val_split(X, y, val_fraction=0.25, stratify=True, rng=1)
    assert int(y_val.sum()) == 10 and int(y_train.sum()) == 30  # 40 positives split 30:10
    assert len(y_val) == 250


def test_three_way_split_sizes():
    parts = train_val_test_split(np.zeros((100, 1)), np.zeros(100), rng=0)
    assert [len(p) for p in parts] == [60, 20, 20, 60, 20, 20]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"val_fraction": 0.0}, ValueError, "empty"),
        ({"val_fraction": 1.0}, ValueError, "val_fraction must lie in"),
        ({"stratify": "yes"}, TypeError, "stratify"),
    ],
)
def test_split_validation(kwargs, error, match):
    with pytest.raises(error, match=match):
        train_val_split(np.zeros((10, 1)), np.zeros(10), **kwargs)


def test_split_shape_and_fraction_checks():
    with pytest.raises(ValueError, match="same number of rows"):
        train_val_split(np.zeros((10, 1)), np.zeros(9))
    with pytest.raises(ValueError, match="must be < 1"):
        train_val_test_split(np.zeros((10, 1)), np.zeros(10), val_fraction=0.5, test_fraction=0.5)
    with pytest.raises(ValueError, match="NaN"):
        train_val_split(np.zeros((3, 1)), [1.0, np.nan, 2.0])


def test_public_api():
    assert set(datasets.__all__) >= {"make_regression", "train_val_split"}
    # the environments have their own module; datasets re-exports them outside __all__
    assert {"Bandit", "ChainWorld"} <= set(environments.__all__)
    assert datasets.Bandit is environments.Bandit
