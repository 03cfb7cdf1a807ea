"""Seeded synthetic data for the chapters: regression, classes, bandits, splits.

Every generator takes ``rng`` (an int seed, a ``numpy.random.Generator`` or None) and
draws from ``np.random.default_rng(rng)`` only, so the same seed gives the same data.
The ``make_*`` functions return a :class:`Dataset`; it unpacks as ``X, y = make_...()``
and carries what generated the data (true coefficients, class centres) as attributes.

This module offers the data sets :class:`Dataset`, :func:`make_regression`,
:func:`make_blobs`, :func:`make_imbalanced` and :func:`make_multitask`; the splits
:func:`train_val_split` and :func:`train_val_test_split`; and the reinforcement-learning
environments :class:`~lossedu.environments.Bandit` and
:class:`~lossedu.environments.ChainWorld`, re-exported from :mod:`lossedu.environments`.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    as_rng,
    check_in_interval,
    check_int,
    check_nonnegative,
    check_positive,
    check_real,
)
from lossedu._validation import check_choice as _check_choice
from lossedu.environments import REWARDS as REWARDS
from lossedu.environments import Bandit as Bandit
from lossedu.environments import ChainWorld as ChainWorld

__all__ = [
    "Dataset",
    "make_blobs",
    "make_imbalanced",
    "make_multitask",
    "make_regression",
    "train_val_split",
    "train_val_test_split",
]

NOISES = ("gaussian", "laplace")


@dataclass(frozen=True, eq=False)
class Dataset:
    """Synthetic data: ``X`` (n, n_features), ``y``, and the truth behind them.

    Unpacking gives ``X`` and ``y`` only (``X, y = make_regression(...)``); the other
    attributes are None unless the generator sets them.

    Attributes
    ----------
    X : ndarray, shape (n, n_features)
    y : ndarray, shape (n,) or (n, n_targets)
    coef : ndarray, optional
        True weights, (n_features,) or (n_features, n_targets).
    intercept : float or ndarray, optional
        True intercept(s).
    is_outlier : ndarray of bool, shape (n,), optional
        Which targets were moved to make outliers.
    centers : ndarray, shape (n_classes, n_features), optional
        Class centres.
    noise_scales : ndarray, shape (n_targets,), optional
        Standard deviation of each target's noise.
    """

    X: np.ndarray
    y: np.ndarray
    coef: np.ndarray | None = None
    intercept: float | np.ndarray | None = None
    is_outlier: np.ndarray | None = None
    centers: np.ndarray | None = None
    noise_scales: np.ndarray | None = None

    def __iter__(self):
        return iter((self.X, self.y))

    def __repr__(self) -> str:
        names = ("coef", "intercept", "is_outlier", "centers", "noise_scales")
        extra = [name for name in names if getattr(self, name) is not None]
        return f"Dataset(X {self.X.shape}, y {self.y.shape}; also: {', '.join(extra) or '-'})"


def _outlier_count(outliers, n: int) -> int:
    """An int is a count; a float in [0, 1) is a fraction of n."""
    if isinstance(outliers, bool) or not isinstance(outliers, numbers.Real):
        raise TypeError(f"outliers must be an int count or a float fraction, got {outliers!r}.")
    if isinstance(outliers, numbers.Integral):
        return check_int(outliers, "outliers", low=0, high=n)
    fraction = check_in_interval(
        outliers, "outliers", 0.0, 1.0, high_open=True, hint=" For a count, pass an int."
    )
    return round(fraction * n)


def make_regression(
    n: int = 100,
    *,
    n_features: int = 1,
    coef: npt.ArrayLike | None = None,
    intercept: float | None = None,
    noise: str = "gaussian",
    noise_scale: float = 1.0,
    outliers: int | float = 0,
    outlier_scale: float = 10.0,
    rng: int | np.random.Generator | None = None,
) -> Dataset:
    r"""Linear data with Gaussian or Laplace noise and, if asked, outliers.

    .. math::

        y_i = x_i^\top w + b + \varepsilon_i, \qquad x_i \sim U(-3, 3)^d

    Parameters
    ----------
    n : int, default 100
        Number of points.
    n_features : int, default 1
        Number of inputs d.
    coef : array-like, shape (n_features,), optional
        True weights w; drawn from U(-2, 2) when omitted.
    intercept : float, optional
        True intercept b; drawn from U(-1, 1) when omitted.
    noise : {"gaussian", "laplace"}
        Distribution of the noise. Squared error is the negative log-likelihood of
        Gaussian noise and absolute error that of Laplace noise (chapter 3).
    noise_scale : float, default 1.0
        Standard deviation of the noise, for both distributions (Laplace scale
        ``noise_scale / sqrt(2)``), so that the two are comparable.
    outliers : int or float, default 0
        How many targets to corrupt: an int is a count, a float in [0, 1) a fraction of n.
    outlier_scale : float, default 10.0
        Each outlier's target moves by ``outlier_scale`` times a U(0.5, 1.5) draw (upwards
        for a positive scale), so outliers pull a squared-error fit to one side.
    rng : int, Generator or None

    Returns
    -------
    Dataset
        ``X`` (n, n_features), ``y`` (n,), ``coef``, ``intercept``, ``is_outlier``.

    Examples
    --------
    >>> X, y = make_regression(5, coef=[2.0], intercept=1.0, noise_scale=0.0, rng=0)
    >>> bool(np.allclose(y, 2.0 * X[:, 0] + 1.0))
    True
    """
    n = check_int(n, "n", low=2)
    n_features = check_int(n_features, "n_features")
    noise = _check_choice(noise, "noise", NOISES)
    noise_scale = check_nonnegative(noise_scale, "noise_scale")
    n_outliers = _outlier_count(outliers, n)
    outlier_scale = check_real(outlier_scale, "outlier_scale")
    rng = as_rng(rng)
    if coef is None:
        coef = rng.uniform(-2.0, 2.0, n_features)
    else:
        coef = as_float_array(coef, "coef").ravel()
        if coef.size != n_features:
            raise ValueError(
                f"coef must hold n_features={n_features} values, got {coef.size}. "
                "Pass one weight per feature."
            )
    intercept = rng.uniform(-1.0, 1.0) if intercept is None else check_real(intercept, "intercept")
    X = rng.uniform(-3.0, 3.0, (n, n_features))
    if noise == "gaussian":
        eps = rng.normal(0.0, noise_scale, n)
    else:
        eps = rng.laplace(0.0, noise_scale / np.sqrt(2.0), n)
    y = X @ coef + intercept + eps
    is_outlier = np.zeros(n, dtype=bool)
    is_outlier[rng.choice(n, size=n_outliers, replace=False)] = True
    y[is_outlier] += outlier_scale * rng.uniform(0.5, 1.5, n_outliers)
    return Dataset(X, y, coef=coef, intercept=float(intercept), is_outlier=is_outlier)


def _class_centres(n_classes: int, n_features: int, radius: float) -> np.ndarray:
    """Centres evenly spaced on a circle (or a line in 1-D), the first at (-radius, 0)."""
    centres = np.zeros((n_classes, n_features))
    if n_features == 1:
        centres[:, 0] = np.linspace(-radius, radius, n_classes)
    else:
        angle = np.pi + 2.0 * np.pi * np.arange(n_classes) / n_classes
        centres[:, 0], centres[:, 1] = radius * np.cos(angle), radius * np.sin(angle)
    return centres


def _gaussian_classes(counts, centres, cluster_std, rng) -> tuple[np.ndarray, np.ndarray]:
    y = np.repeat(np.arange(len(counts)), counts)
    X = centres[y] + rng.normal(0.0, cluster_std, (y.size, centres.shape[1]))
    order = rng.permutation(y.size)
    return X[order], y[order]


def make_blobs(
    n: int = 200,
    *,
    n_classes: int = 2,
    n_features: int = 2,
    cluster_std: float = 1.0,
    separation: float = 2.0,
    rng: int | np.random.Generator | None = None,
) -> Dataset:
    """Gaussian classes of (nearly) equal size around fixed centres.

    Parameters
    ----------
    n : int, default 200
        Number of points; the classes differ in size by at most one.
    n_classes : int, default 2
    n_features : int, default 2
    cluster_std : float, default 1.0
        Standard deviation of each class around its centre.
    separation : float, default 2.0
        The centres lie on a circle of this radius in the first two features (on a line
        from -separation to separation when n_features is 1). Smaller means more overlap.
    rng : int, Generator or None

    Returns
    -------
    Dataset
        ``X`` (n, n_features), ``y`` (n,) integer labels 0 .. n_classes - 1, ``centers``.

    Examples
    --------
    >>> X, y = make_blobs(6, n_classes=3, rng=0)
    >>> X.shape, np.bincount(y).tolist()
    ((6, 2), [2, 2, 2])
    """
    n_classes = check_int(n_classes, "n_classes", low=2)
    n = check_int(n, "n", low=n_classes)
    n_features = check_int(n_features, "n_features")
    cluster_std = check_positive(cluster_std, "cluster_std")
    separation = check_nonnegative(separation, "separation")
    counts = np.full(n_classes, n // n_classes)
    counts[: n % n_classes] += 1
    centres = _class_centres(n_classes, n_features, separation)
    X, y = _gaussian_classes(counts, centres, cluster_std, as_rng(rng))
    return Dataset(X, y, centers=centres)


def make_imbalanced(
    n: int = 1000,
    *,
    ratio: float = 0.01,
    n_features: int = 2,
    cluster_std: float = 1.0,
    separation: float = 2.0,
    rng: int | np.random.Generator | None = None,
) -> Dataset:
    """Two Gaussian classes where the positive class (label 1) is rare.

    Parameters
    ----------
    n : int, default 1000
    ratio : float, default 0.01
        Fraction of positives: ``round(ratio * n)`` points (at least 1) get label 1, so
        0.01 gives the 99:1 data where always predicting 0 scores 99 % accuracy.
    n_features : int, default 2
    cluster_std : float, default 1.0
    separation : float, default 2.0
        Distance between the two class centres (along the first feature).
    rng : int, Generator or None

    Returns
    -------
    Dataset
        ``X`` (n, n_features), ``y`` (n,) labels in {0, 1}, ``centers``.

    Examples
    --------
    >>> X, y = make_imbalanced(1000, ratio=0.01, rng=0)
    >>> int(y.sum())
    10
    """
    n = check_int(n, "n", low=2)
    ratio = check_in_interval(ratio, "ratio", 0.0, 1.0, high_open=True)
    if ratio == 0.0:
        raise ValueError("ratio must be > 0 (the fraction of positives), got 0.0.")
    n_pos = max(1, round(ratio * n))
    if n_pos >= n:
        raise ValueError(f"ratio={ratio} leaves no negatives among n={n} points; lower it.")
    n_features = check_int(n_features, "n_features")
    cluster_std = check_positive(cluster_std, "cluster_std")
    separation = check_nonnegative(separation, "separation")
    centres = np.zeros((2, n_features))
    centres[:, 0] = [-separation / 2.0, separation / 2.0]
    X, y = _gaussian_classes([n - n_pos, n_pos], centres, cluster_std, as_rng(rng))
    return Dataset(X, y, centers=centres)


def make_multitask(
    n: int = 200,
    *,
    n_features: int = 1,
    noise_scales: Sequence[float] = (0.1, 1.0),
    rng: int | np.random.Generator | None = None,
) -> Dataset:
    """Several linear regression targets on the same inputs, each with its own noise level.

    Target t is ``X @ coef[:, t] + intercept[t]`` plus Gaussian noise of standard deviation
    ``noise_scales[t]``. With very different scales, equal loss weights let the noisy task
    dominate; Kendall, Gal & Cipolla (2018) learn weights from these noise levels.

    Parameters
    ----------
    n : int, default 200
    n_features : int, default 1
    noise_scales : sequence of float, default (0.1, 1.0)
        One standard deviation (> 0) per target.
    rng : int, Generator or None

    Returns
    -------
    Dataset
        ``X`` (n, n_features), ``y`` (n, n_targets), ``coef`` (n_features, n_targets),
        ``intercept`` (n_targets,), ``noise_scales``.

    Examples
    --------
    >>> X, y = make_multitask(50, noise_scales=(0.1, 1.0, 3.0), rng=0)
    >>> y.shape
    (50, 3)
    """
    n = check_int(n, "n", low=2)
    n_features = check_int(n_features, "n_features")
    scales = as_float_array(noise_scales, "noise_scales").ravel()
    for t, scale in enumerate(scales):
        check_positive(float(scale), f"noise_scales[{t}]")
    rng = as_rng(rng)
    coef = rng.uniform(-2.0, 2.0, (n_features, scales.size))
    intercept = rng.uniform(-1.0, 1.0, scales.size)
    X = rng.uniform(-3.0, 3.0, (n, n_features))
    y = X @ coef + intercept + rng.normal(0.0, 1.0, (n, scales.size)) * scales
    return Dataset(X, y, coef=coef, intercept=intercept, noise_scales=scales)


def _split_sizes(n: int, fractions: Sequence[float]) -> list[int]:
    sizes = [int(np.floor(f * n + 0.5)) for f in fractions]
    return [n - sum(sizes), *sizes]


def _split_indices(y, fractions, stratify: bool, rng) -> list[np.ndarray]:
    n = len(y)
    if not stratify:
        order = rng.permutation(n)
        bounds = np.cumsum(_split_sizes(n, fractions))[:-1]
        parts = np.split(order, bounds)
    else:
        if y.ndim != 1:
            raise ValueError(f"stratify=True needs y of class labels, shape (n,); got {y.shape}.")
        parts = [[] for _ in range(len(fractions) + 1)]
        for label in np.unique(y):
            members = rng.permutation(np.flatnonzero(y == label))
            bounds = np.cumsum(_split_sizes(members.size, fractions))[:-1]
            for part, chunk in zip(parts, np.split(members, bounds), strict=True):
                part.append(chunk)
        parts = [rng.permutation(np.concatenate(p)) for p in parts]
    names = ["training", "validation", "test"]
    for name, part in zip(names, parts, strict=False):
        if part.size == 0:
            raise ValueError(
                f"The {name} part would be empty with n={n}; change the fractions or use more data."
            )
    return parts


def _split_inputs(X, y, fractions, names, stratify, rng):
    X = as_float_array(X, "X")
    y = np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or len(X) != len(y):
        raise ValueError(
            f"X and y must have the same number of rows, got shapes {X.shape} and {y.shape}."
        )
    if y.dtype.kind in "fc" and not np.all(np.isfinite(y)):
        raise ValueError("y contains NaN or infinite values; remove them before splitting.")
    for fraction, name in zip(fractions, names, strict=True):
        check_in_interval(fraction, name, 0.0, 1.0, high_open=True)
    if sum(fractions) >= 1.0:
        raise ValueError(f"{' + '.join(names)} must be < 1, got {sum(fractions):g}.")
    if not isinstance(stratify, bool):
        raise TypeError(f"stratify must be True or False, got {stratify!r}.")
    parts = _split_indices(y, fractions, stratify, as_rng(rng))
    return [X[p] for p in parts] + [y[p] for p in parts]


def train_val_split(
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    val_fraction: float = 0.25,
    stratify: bool = False,
    rng: int | np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle and split into training and validation sets.

    Parameters
    ----------
    X : array-like, shape (n, ...)
    y : array-like, shape (n,) or (n, k)
    val_fraction : float, default 0.25
        ``round(val_fraction * n)`` rows go to validation.
    stratify : bool, default False
        Split each class of ``y`` separately, so that both parts keep the class
        proportions (use it for imbalanced data).
    rng : int, Generator or None

    Returns
    -------
    X_train, X_val, y_train, y_val
        In scikit-learn's order; ``y`` keeps its dtype, ``X`` becomes float64.

    Examples
    --------
    >>> X_train, X_val, y_train, y_val = train_val_split(np.arange(8.0), np.arange(8), rng=0)
    >>> len(X_train), len(X_val)
    (6, 2)
    """
    X_train, X_val, y_train, y_val = _split_inputs(
        X, y, [val_fraction], ["val_fraction"], stratify, rng
    )
    return X_train, X_val, y_train, y_val


def train_val_test_split(
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    val_fraction: float = 0.2,
    test_fraction: float = 0.2,
    stratify: bool = False,
    rng: int | np.random.Generator | None = None,
) -> tuple[np.ndarray, ...]:
    """Shuffle and split into training, validation and test sets.

    Same rules as :func:`train_val_split`; returns
    ``X_train, X_val, X_test, y_train, y_val, y_test``.

    Examples
    --------
    >>> parts = train_val_test_split(np.arange(10.0), np.arange(10), rng=0)
    >>> [len(p) for p in parts]
    [6, 2, 2, 6, 2, 2]
    """
    return tuple(
        _split_inputs(
            X, y, [val_fraction, test_fraction], ["val_fraction", "test_fraction"], stratify, rng
        )
    )
