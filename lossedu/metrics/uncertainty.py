"""Error bars: how far a mean loss or a metric, measured on a finite sample, may be off.

:func:`~lossedu.metrics.standard_error` puts an error bar on a mean (of per-example losses,
or of scores over seeds); :func:`~lossedu.metrics.bootstrap_interval` puts one on any metric,
by recomputing it on resamples of the examples. These two take a sample of values or a
metric first, not ``y_true``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    as_rng,
    check_int,
    check_open_interval,
    refuse_masked,
)

__all__ = ["MAX_UNDEFINED_FRACTION", "bootstrap_interval", "standard_error"]

#: The largest fraction of bootstrap resamples on which the metric may be undefined before
#: :func:`bootstrap_interval` refuses to give an interval.
MAX_UNDEFINED_FRACTION = 0.1


def standard_error(values: npt.ArrayLike) -> float:
    r"""Standard error of the mean of a sample: its standard deviation over :math:`\sqrt n`.

    .. math::

        \mathrm{SE} = \frac{s}{\sqrt n}, \qquad
        s^2 = \frac{1}{n - 1} \sum_{i=1}^{n} (v_i - \bar v)^2

    Parameters
    ----------
    values : array-like of shape (n,), n >= 2
        The sample whose mean is reported: per-example losses, or one score per seed.

    Returns
    -------
    float
        The estimated standard deviation of the sample mean.

    Notes
    -----
    Equal to ``scipy.stats.sem(values)`` (``ddof=1``). For independent values the mean is
    roughly normal, so mean :math:`\pm 2\,\mathrm{SE}` covers the true mean about 95% of the
    time. Two means whose difference is within about two standard errors of that difference
    are not shown to differ. The values must be independent: per-example losses on one test
    set are; several scores of one model on overlapping data are not.

    References
    ----------
    Wasserman, L. (2004). *All of Statistics*, section 6.3. Springer.

    Examples
    --------
    >>> standard_error([1.0, 2.0, 3.0, 4.0])  # s = 1.291, n = 4
    0.6454972243679028
    """
    v = as_float_array(values, "values")
    if v.ndim != 1:
        raise ValueError(
            f"values must be 1-D (one value per example or per seed), got shape {v.shape}. "
            "Flatten it with .ravel(), or pass one row at a time."
        )
    if v.size < 2:
        raise ValueError(
            f"values needs at least 2 values for a standard error (the sample standard "
            f"deviation divides by n - 1), got {v.size}. Evaluate on more examples or seeds."
        )
    return float(np.std(v, ddof=1) / math.sqrt(v.size))


def _as_examples(x, name: str) -> np.ndarray:
    refuse_masked(x, name)
    if x is None or isinstance(x, (str, bytes, dict, set)):
        raise TypeError(
            f"{name} must be an array-like with one entry per example (list, tuple or NumPy "
            f"array), got {type(x).__name__}."
        )
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(f"{name} could not be read as a rectangular array ({exc}).") from None
    if arr.ndim == 0 or arr.shape[0] == 0:
        raise ValueError(
            f"{name} must hold at least one example along its first axis, got shape {arr.shape}."
        )
    return arr


def _metric_value(metric, t, p) -> float:
    value = metric(t, p)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
        raise TypeError(f"metric must return a real number, got {type(value).__name__}.")
    if np.ndim(value) != 0:
        raise TypeError(f"metric must return a single number, got shape {np.shape(value)}.")
    return float(value)


def bootstrap_interval(
    metric: Callable,
    y_true: npt.ArrayLike,
    y_pred: npt.ArrayLike,
    *,
    n_resamples: int = 2000,
    level: float = 0.95,
    rng: int | np.random.Generator | None = 0,
) -> tuple[float, float]:
    r"""Percentile bootstrap interval of a metric: resample the examples, take quantiles.

    .. math::

        \left[\, q_{(1 - \ell)/2}, \; q_{(1 + \ell)/2} \,\right] \text{ of }
        \{\, m(y^{*b}, \hat y^{*b}) \,\}_{b=1}^{B}

    where each resample :math:`b` draws n examples (rows of ``y_true`` and ``y_pred``
    together) with replacement and :math:`\ell` is ``level``.

    Parameters
    ----------
    metric : callable
        ``metric(y_true, y_pred) -> float``, e.g. :func:`lossedu.metrics.accuracy`,
        :func:`lossedu.metrics.roc_auc` or :func:`lossedu.losses.mse`. It receives NumPy
        arrays indexed along their first axis.
    y_true, y_pred : array-like with n rows
        The examples: any arrays (labels, strings, probability rows) with the same length n
        along the first axis.
    n_resamples : int, default 2000
        The number of bootstrap resamples B (at least 10).
    level : float, default 0.95
        The coverage of the interval, in (0, 1).
    rng : int, numpy.random.Generator or None, default 0
        The seed or generator of the resampling; an int gives the same interval every time.

    Returns
    -------
    (low, high) : tuple of float
        The interval's bounds (``np.percentile``'s linear interpolation of the resampled
        values).

    Notes
    -----
    The metric is first computed on the whole sample, so an error in it surfaces at once.
    A resample can make the metric undefined, e.g. a resample without positives for
    :func:`lossedu.metrics.roc_auc`: a resample on which the metric raises ValueError or
    returns NaN or inf is skipped, and the interval is taken over the others. If more than
    :data:`MAX_UNDEFINED_FRACTION` (10%) of the resamples are skipped, the interval would
    describe only the lucky resamples, so a ValueError says so instead (use more examples,
    or a metric defined on every resample). The percentile interval is simple and
    transformation-respecting; on very small samples (n below about 20) it is too narrow.

    References
    ----------
    Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 13.
    Chapman & Hall.

    Examples
    --------
    >>> from lossedu import metrics
    >>> y = [0, 1, 1, 0, 1, 0, 1, 1, 0, 1]
    >>> low, high = metrics.bootstrap_interval(metrics.accuracy, y, [0] * 5 + [1] * 5, rng=0)
    >>> bool(0.0 <= low <= 0.6 <= high <= 1.0)  # the accuracy on the whole sample is 0.6
    True
    """
    if not callable(metric):
        raise TypeError(
            f"metric must be a function metric(y_true, y_pred) -> float, got "
            f"{type(metric).__name__}. Pass e.g. metrics.accuracy (without parentheses)."
        )
    n_resamples = check_int(n_resamples, "n_resamples", low=10)
    level = check_open_interval(level, "level", 0.0, 1.0, hint=" Use e.g. level=0.95.")
    gen = as_rng(rng)
    t = _as_examples(y_true, "y_true")
    p = _as_examples(y_pred, "y_pred")
    if t.shape[0] != p.shape[0]:
        raise ValueError(
            f"y_true and y_pred must hold the same number of examples (rows), got "
            f"{t.shape[0]} and {p.shape[0]}."
        )
    _metric_value(metric, t, p)  # an error in the metric itself surfaces here, unmasked
    n = t.shape[0]
    rows = gen.integers(0, n, size=(n_resamples, n))
    values = np.full(n_resamples, np.nan)
    first_error = None
    for b in range(n_resamples):  # a metric is any function: one call per resample
        try:
            values[b] = _metric_value(metric, t[rows[b]], p[rows[b]])
        except ValueError as exc:  # undefined on this resample (e.g. a single class)
            first_error = first_error or exc
    defined = np.isfinite(values)
    skipped = n_resamples - int(defined.sum())
    if skipped > MAX_UNDEFINED_FRACTION * n_resamples:
        reason = f" (first error: {first_error})" if first_error else " (NaN or inf)"
        raise ValueError(
            f"metric is undefined on {skipped} of {n_resamples} bootstrap resamples"
            f"{reason}, more than {MAX_UNDEFINED_FRACTION:.0%}: an interval over the rest "
            "would be biased. Use more examples (e.g. more of the rare class), or a metric "
            "that is defined on every resample."
        ) from first_error
    alpha = 100.0 * (1.0 - level) / 2.0
    low, high = np.percentile(values[defined], [alpha, 100.0 - alpha])
    return float(low), float(high)
