"""Regression losses: mse, mae, huber, log_cosh and quantile, each beside its gradient.

Every loss here is element-wise in the residual :math:`r = \\hat y - y`: ``"none"`` gives one
value per element, ``"mean"`` divides the sum by the number of elements, and the gradient of
``"none"`` is the gradient of the sum.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from lossedu._validation import (
    check_open_interval,
    check_positive,
    check_representable,
    finite_reduce,
    reduce,
    reduce_grad,
    scaled_power_sum,
)
from lossedu.losses._core import (
    BLOCK,
    blocks,
    check_elementwise_values,
    elementwise_arrays,
    elementwise_inputs,
    work_buffer,
)

__all__ = [
    "huber",
    "huber_grad",
    "log_cosh",
    "log_cosh_grad",
    "mae",
    "mae_grad",
    "mse",
    "mse_grad",
    "quantile",
    "quantile_grad",
]

_LOG2 = float(np.log(2.0))

_RESCALE = (
    "Rescale y_true and y_pred (e.g. divide both by their largest magnitude, which divides "
    "the squared error by its square) so that the loss stays below 1e308."
)


def _residual(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    """y_pred - y_true; a difference of finite values beyond float64 raises ValueError."""
    with np.errstate(over="ignore"):
        r = p - t
    return check_representable(r, "y_pred - y_true", _RESCALE)


def mse(y_true: ArrayLike, y_pred: ArrayLike, *, reduction: str = "mean") -> float | np.ndarray:
    r"""Mean squared error.

    .. math::

        L = \frac{1}{N} \sum_{i=1}^{N} (\hat y_i - y_i)^2

    Parameters
    ----------
    y_true, y_pred : array_like of float, same shape
        Targets and predictions.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements N; ``"none"`` returns the
        squared error of each element in the shape of the inputs.

    Returns
    -------
    float or numpy.ndarray
        A Python float for ``"mean"`` and ``"sum"``, else an array shaped like ``y_pred``.

    Notes
    -----
    Minimising the MSE is maximum likelihood under Gaussian noise. The error grows
    quadratically, so one outlier can dominate the sum. The reduced value is computed as
    one dot product of the residual with itself (no temporary array of squares).

    References
    ----------
    Gauss, C. F. (1809). *Theoria motus corporum coelestium*. Perthes & Besser.

    Hastie, T., Tibshirani, R. & Friedman, J. (2009). *The Elements of Statistical
    Learning*, 2nd ed., section 2.4. Springer.

    Examples
    --------
    >>> from lossedu.losses import mse
    >>> mse([1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 2.0, 4.0])
    0.3125
    """
    t, p, reduction = elementwise_arrays(y_true, y_pred, "y_pred", reduction)
    if reduction == "none":
        check_elementwise_values(t, p, "y_pred")
        with np.errstate(over="ignore"):  # an overflow is diagnosed, never returned
            r = p - t
            return finite_reduce(r * r, "none", "mse")
    total = _sum_of_squares(t.reshape(-1), p.reshape(-1))
    if math.isfinite(total):  # then so is every input: NaN and inf propagate to the sum
        return total / t.size if reduction == "mean" else total
    check_elementwise_values(t, p, "y_pred")  # NaN or inf in the inputs: the usual error
    # The sum of squares overflowed: find out whether the result itself is representable.
    r = _residual(t, p)
    coef = 1.0 / r.size if reduction == "mean" else 1.0
    return scaled_power_sum(r, 2, coef, "mse", _RESCALE)


def mse_grad(y_true: ArrayLike, y_pred: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    r"""Gradient of :func:`mse` with respect to ``y_pred``.

    .. math::

        \frac{\partial L}{\partial \hat y_i} = \frac{2}{N} (\hat y_i - y_i)

    Parameters
    ----------
    y_true, y_pred, reduction
        As for :func:`mse`.

    Returns
    -------
    numpy.ndarray
        Shape of ``y_pred``; the factor :math:`1/N` only for ``"mean"`` (the gradient of
        ``"none"`` is that of the sum).

    Notes
    -----
    Linear in the residual: large errors get large gradients, which is why outliers pull
    hard on a least-squares fit.

    References
    ----------
    Hastie, T., Tibshirani, R. & Friedman, J. (2009). *The Elements of Statistical
    Learning*, 2nd ed. Springer.

    Examples
    --------
    >>> from lossedu.losses import mse_grad
    >>> mse_grad([1.0, 2.0], [2.0, 2.0])
    array([1., 0.])
    """
    t, p, reduction = elementwise_arrays(y_true, y_pred, "y_pred", reduction)
    g = _scaled_residual(t, p, 2.0 / t.size if reduction == "mean" else 2.0)
    if g is not None:
        return g if g.ndim else g[()]  # 0-d inputs: a NumPy scalar, as p - t gives
    check_elementwise_values(t, p, "y_pred")  # NaN or inf in the inputs: the usual error
    # From finite inputs an inf can only come from overflow, which the floating-point flags
    # report at no cost (no extra pass over g to look for it).
    try:
        with np.errstate(over="raise"):
            g = p - t
            g *= 2.0 / g.size if reduction == "mean" else 2.0
    except FloatingPointError:
        with np.errstate(over="ignore"):
            g = p - t
            g *= 2.0 / g.size if reduction == "mean" else 2.0
        check_representable(g, "mse_grad", _RESCALE)
    return g


def _sum_of_squares(t: np.ndarray, p: np.ndarray) -> float:
    """The sum of (p - t)^2 for 1-D arrays, block by block (see
    :data:`~lossedu.losses._core.BLOCK`), without an array of n residuals; inf or NaN if an
    input is not finite or the sum overflows."""
    buffer = work_buffer(min(t.size, BLOCK), 0)
    total = 0.0
    with np.errstate(over="ignore", invalid="ignore"):  # diagnosed by the caller
        for part in blocks(t.size):
            r = np.subtract(p[part], t[part], out=buffer[: part.stop - part.start])
            total += float(np.dot(r, r))
    return total


def _scaled_residual(t: np.ndarray, p: np.ndarray, scale: float) -> np.ndarray | None:
    """``scale * (p - t)``, block by block (see :data:`~lossedu.losses._core.BLOCK`), or
    None if a block holds NaN or inf (from the inputs, or an overflow) or its sum overflows:
    one test of each block of the result, while it is in cache, instead of a pass over each
    input."""
    g = np.empty(t.shape)  # C order, so that reshape(-1) is a view
    g_all, t_all, p_all = g.reshape(-1), t.reshape(-1), p.reshape(-1)
    with np.errstate(over="ignore", invalid="ignore"):  # diagnosed by the caller
        for part in blocks(t.size):
            block = np.subtract(p_all[part], t_all[part], out=g_all[part])
            block *= scale
            if not math.isfinite(np.add.reduce(block)):
                return None
    return g


def mae(y_true: ArrayLike, y_pred: ArrayLike, *, reduction: str = "mean") -> float | np.ndarray:
    r"""Mean absolute error.

    .. math::

        L = \frac{1}{N} \sum_{i=1}^{N} |\hat y_i - y_i|

    Parameters
    ----------
    y_true, y_pred : array_like of float, same shape
        Targets and predictions.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` the absolute errors shaped like ``y_pred``.

    Notes
    -----
    Maximum likelihood under Laplace noise; its minimiser is the median, so it is robust to
    outliers. It is not differentiable at zero error: :func:`mae_grad` uses 0 there.

    References
    ----------
    Hastie, T., Tibshirani, R. & Friedman, J. (2009). *The Elements of Statistical
    Learning*, 2nd ed., section 10.6. Springer.

    Examples
    --------
    >>> from lossedu.losses import mae
    >>> mae([1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 2.0, 4.0])
    0.375
    """
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    return reduce(np.abs(p - t), reduction)


def mae_grad(y_true: ArrayLike, y_pred: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    r"""Gradient (a subgradient at zero error) of :func:`mae` with respect to ``y_pred``.

    .. math::

        \frac{\partial L}{\partial \hat y_i} = \frac{1}{N} \operatorname{sign}(\hat y_i - y_i),
        \qquad \operatorname{sign}(0) = 0

    Parameters
    ----------
    y_true, y_pred, reduction
        As for :func:`mae`.

    Returns
    -------
    numpy.ndarray
        Shape of ``y_pred``; the factor :math:`1/N` only for ``"mean"``.

    Notes
    -----
    At zero error any value in [-1/N, 1/N] is a subgradient; 0 is chosen, as in PyTorch's
    ``l1_loss``, so that a perfect fit is a stationary point.

    References
    ----------
    Hastie, T., Tibshirani, R. & Friedman, J. (2009). *The Elements of Statistical
    Learning*, 2nd ed. Springer.

    Examples
    --------
    >>> from lossedu.losses import mae_grad
    >>> mae_grad([1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 2.0, 4.0])
    array([ 0.25,  0.  , -0.25,  0.  ])
    """
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    return reduce_grad(np.sign(p - t), reduction, p.size)


def huber(
    y_true: ArrayLike, y_pred: ArrayLike, *, delta: float = 1.0, reduction: str = "mean"
) -> float | np.ndarray:
    r"""Huber loss: quadratic for small errors, linear for large ones.

    .. math::

        \ell(r) = \begin{cases} \tfrac12 r^2 & |r| \le \delta \\
        \delta \left(|r| - \tfrac12 \delta\right) & |r| > \delta \end{cases},
        \qquad r = \hat y - y

    Parameters
    ----------
    y_true, y_pred : array_like of float, same shape
        Targets and predictions.
    delta : float, default 1.0
        Positive threshold where the loss turns from quadratic to linear.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    This is PyTorch's ``huber_loss`` convention. (``smooth_l1_loss`` divides by
    ``delta`` instead.) The two pieces meet with equal value and slope at :math:`|r| = \delta`,
    so the loss is once continuously differentiable.

    References
    ----------
    Huber, P. J. (1964). Robust estimation of a location parameter. *Annals of Mathematical
    Statistics* 35(1), 73-101.

    Examples
    --------
    >>> from lossedu.losses import huber
    >>> huber([0.0, 0.0], [0.5, 3.0], reduction="none")
    array([0.125, 2.5  ])
    """
    delta = check_positive(delta, "delta")
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    r = p - t
    a = np.abs(r)
    with np.errstate(over="ignore"):  # r * r may overflow where the linear branch is taken
        values = np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))
    return reduce(values, reduction)  # an inf that was taken raises there


def huber_grad(
    y_true: ArrayLike, y_pred: ArrayLike, *, delta: float = 1.0, reduction: str = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`huber` with respect to ``y_pred``.

    .. math::

        \frac{\partial \ell}{\partial \hat y} = \operatorname{clip}(r, -\delta, \delta)

    Parameters
    ----------
    y_true, y_pred, delta, reduction
        As for :func:`huber`.

    Returns
    -------
    numpy.ndarray
        Shape of ``y_pred``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    The gradient is the residual clipped to :math:`[-\delta, \delta]`: continuous, and
    bounded, so no single outlier can pull harder than :math:`\delta`.

    References
    ----------
    Huber, P. J. (1964). Robust estimation of a location parameter. *Annals of Mathematical
    Statistics* 35(1), 73-101.

    Examples
    --------
    >>> from lossedu.losses import huber_grad
    >>> huber_grad([0.0, 0.0], [0.5, 3.0], reduction="sum")
    array([0.5, 1. ])
    """
    delta = check_positive(delta, "delta")
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    return reduce_grad(np.clip(p - t, -delta, delta), reduction, p.size)


def _log_cosh(r: np.ndarray) -> np.ndarray:
    out = np.empty_like(r)
    small = np.abs(r) <= 1.0
    # log(cosh r) = log1p(2 sinh(r/2)^2) keeps full relative precision as r -> 0, where
    # logaddexp(r, -r) - log 2 cancels to rounding noise (and could dip below 0).
    half_sinh = np.sinh(0.5 * r[small])
    out[small] = np.log1p(2.0 * half_sinh * half_sinh)
    # For |r| > 1 the result exceeds 0.43, so logaddexp's cancellation is harmless, and
    # logaddexp never forms cosh(r), which overflows for |r| > 710.
    big = r[~small]
    with np.errstate(over="ignore"):  # logaddexp forms big - (-big), inf beyond 9e307: harmless
        out[~small] = np.logaddexp(big, -big) - _LOG2
    return out


def log_cosh(
    y_true: ArrayLike, y_pred: ArrayLike, *, reduction: str = "mean"
) -> float | np.ndarray:
    r"""Log-cosh loss: about :math:`r^2/2` for small errors, :math:`|r| - \log 2` for large.

    .. math::

        \ell(r) = \log \cosh r = \operatorname{logaddexp}(r, -r) - \log 2,
        \qquad r = \hat y - y

    Parameters
    ----------
    y_true, y_pred : array_like of float, same shape
        Targets and predictions.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    ``np.log(np.cosh(r))`` overflows for :math:`|r| > 710`. Here :math:`|r| > 1` uses
    ``logaddexp(r, -r) - log 2``, which never overflows, and :math:`|r| \le 1` uses the
    equivalent :math:`\operatorname{log1p}(2 \sinh^2(r/2))`, which keeps full relative
    precision for tiny errors. Like Huber it is smooth and robust, with no parameter.

    References
    ----------
    Chen, P., Chen, G. & Zhang, S. (2019). Log hyperbolic cosine loss improves variational
    auto-encoder. *ICLR 2019 submission*, OpenReview.

    Examples
    --------
    >>> from lossedu.losses import log_cosh
    >>> log_cosh([0.0, 0.0], [1e-8, 1e4], reduction="none")
    array([5.00000000e-17, 9.99930685e+03])
    """
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    return reduce(_log_cosh(p - t), reduction)


def log_cosh_grad(y_true: ArrayLike, y_pred: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    r"""Gradient of :func:`log_cosh` with respect to ``y_pred``.

    .. math::

        \frac{\partial \ell}{\partial \hat y} = \tanh(\hat y - y)

    Parameters
    ----------
    y_true, y_pred, reduction
        As for :func:`log_cosh`.

    Returns
    -------
    numpy.ndarray
        Shape of ``y_pred``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    ``np.tanh`` saturates to :math:`\pm 1` without overflow.

    References
    ----------
    Chen, P., Chen, G. & Zhang, S. (2019). Log hyperbolic cosine loss improves variational
    auto-encoder. *ICLR 2019 submission*, OpenReview.

    Examples
    --------
    >>> from lossedu.losses import log_cosh_grad
    >>> log_cosh_grad([0.0, 0.0], [0.0, 1e4], reduction="sum")
    array([0., 1.])
    """
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    return reduce_grad(np.tanh(p - t), reduction, p.size)


def quantile(
    y_true: ArrayLike, y_pred: ArrayLike, *, tau: float = 0.5, reduction: str = "mean"
) -> float | np.ndarray:
    r"""Quantile (pinball) loss: its minimiser is the tau-quantile of the target.

    .. math::

        \ell_\tau(r) = \max(\tau r, (\tau - 1) r), \qquad r = y - \hat y

    Parameters
    ----------
    y_true, y_pred : array_like of float, same shape
        Targets and predictions.
    tau : float, default 0.5
        The quantile to estimate, in the open interval (0, 1).
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    An under-prediction (:math:`r > 0`) costs :math:`\tau` per unit and an over-prediction
    :math:`1 - \tau`, so the minimiser of the expected loss leaves a fraction :math:`\tau`
    of the targets below it. At :math:`\tau = 0.5` the loss is half the absolute error.
    The mean equals scikit-learn's ``mean_pinball_loss(y_true, y_pred, alpha=tau)``.

    References
    ----------
    Koenker, R. & Bassett, G. (1978). Regression quantiles. *Econometrica* 46(1), 33-50.

    Examples
    --------
    >>> from lossedu.losses import quantile
    >>> quantile([1.0, 1.0], [0.0, 2.0], tau=0.9, reduction="none")  # under, over
    array([0.9, 0.1])
    """
    tau = _check_tau(tau)
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    r = t - p
    return reduce(np.maximum(tau * r, (tau - 1.0) * r), reduction)


def quantile_grad(
    y_true: ArrayLike, y_pred: ArrayLike, *, tau: float = 0.5, reduction: str = "mean"
) -> np.ndarray:
    r"""Gradient (a subgradient at zero error) of :func:`quantile` with respect to ``y_pred``.

    .. math::

        \frac{\partial \ell_\tau}{\partial \hat y} = \begin{cases} -\tau & y > \hat y \\
        1 - \tau & y < \hat y \\ 0 & y = \hat y \end{cases}

    Parameters
    ----------
    y_true, y_pred, tau, reduction
        As for :func:`quantile`.

    Returns
    -------
    numpy.ndarray
        Shape of ``y_pred``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    At zero error any value in :math:`[-\tau, 1 - \tau]` is a subgradient; 0 is chosen, as
    for :func:`mae_grad`, so that a perfect fit is a stationary point.

    References
    ----------
    Koenker, R. (2005). *Quantile Regression*. Cambridge University Press.

    Examples
    --------
    >>> from lossedu.losses import quantile_grad
    >>> quantile_grad([1.0, 1.0, 1.0], [0.0, 2.0, 1.0], tau=0.9, reduction="sum")
    array([-0.9,  0.1,  0. ])
    """
    tau = _check_tau(tau)
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    g = np.where(t > p, -tau, np.where(t < p, 1.0 - tau, 0.0))
    return reduce_grad(g, reduction, p.size)


def _check_tau(tau) -> float:
    return check_open_interval(
        tau, "tau", 0.0, 1.0, hint=" Use tau=0.5 for the median, 0.9 for the 90th percentile."
    )
