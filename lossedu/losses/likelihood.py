"""Losses as negative log-likelihoods: Gaussian with a predicted variance, and Poisson counts.

Each loss is the negative log-likelihood of the target under a distribution whose parameters
the model predicts, with the constants that do not depend on those parameters left out (as
PyTorch's ``gaussian_nll_loss`` and ``poisson_nll_loss`` leave them out by default). Without
its constants a negative log-likelihood can be negative: what matters is where it is smallest.
Both losses are element-wise: ``"none"`` gives one value per element of the prediction and
``"mean"`` divides the sum by the number of elements of the prediction.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from lossedu._validation import (
    as_float_array,
    check_bool,
    check_choice,
    check_nonnegative_array,
    reduce,
    reduce_grad,
)
from lossedu.losses._core import elementwise_inputs

__all__ = [
    "GAUSSIAN_VAR_EPS",
    "MAX_LOG_RATE",
    "gaussian_nll",
    "gaussian_nll_grad",
    "poisson_nll",
    "poisson_nll_grad",
]

#: The smallest variance :func:`gaussian_nll` uses: smaller ones are clamped to it, as
#: PyTorch's ``gaussian_nll_loss`` does with its default ``eps=1e-6``.
GAUSSIAN_VAR_EPS = 1e-6

#: The largest log-rate :func:`poisson_nll` accepts: exp of anything larger overflows float64.
MAX_LOG_RATE = math.log(np.finfo(np.float64).max)

_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)


def _broadcast_var(v: np.ndarray, shape: tuple) -> np.ndarray:
    """``v`` as a read-only view of ``shape`` under PyTorch's rules for ``var``."""
    if v.shape == shape or v.ndim == 0:
        return np.broadcast_to(v, shape)
    if len(shape) >= 1 and v.shape == shape[:-1]:  # one variance per row, as PyTorch
        return np.broadcast_to(v[..., None], shape)
    if v.ndim == len(shape) and all(a in (b, 1) for a, b in zip(v.shape, shape, strict=True)):
        return np.broadcast_to(v, shape)
    raise ValueError(
        f"var must have the shape of mean {shape}, that shape with axes of size 1, the shape "
        f"{shape[:-1]} (one variance per row), or be a single number; got shape {v.shape}. "
        "Reshape it, e.g. var.reshape(-1, 1) for one variance per row."
    )


def _sum_to_shape(g: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum a gradient taken on the broadcast shape back onto ``var``'s own shape."""
    if g.shape == shape:
        return g
    if len(shape) == 0:
        return np.asarray(g.sum())
    if shape == g.shape[:-1]:
        return g.sum(axis=-1)
    axes = tuple(i for i, (a, b) in enumerate(zip(shape, g.shape, strict=True)) if a != b)
    return g.sum(axis=axes, keepdims=True)


def _gaussian_inputs(y_true, mean, var, full, reduction):
    t, m, reduction = elementwise_inputs(y_true, mean, "mean", reduction)
    full = check_bool(full, "full")
    v = as_float_array(var, "var")
    check_nonnegative_array(
        v, "var", hint=" A variance cannot be negative; predict log-variances and pass np.exp."
    )
    return t, m, v, _broadcast_var(v, m.shape), full, reduction


def gaussian_nll(
    y_true: ArrayLike,
    mean: ArrayLike,
    *,
    var: ArrayLike,
    full: bool = False,
    reduction: str = "mean",
) -> float | np.ndarray:
    r"""Gaussian negative log-likelihood with a predicted mean and variance.

    .. math::

        \ell = \frac12 \left( \log \tilde\sigma^2 + \frac{(\mu - y)^2}{\tilde\sigma^2}
        \right) \; \left[ + \tfrac12 \log 2\pi \text{ if full} \right],
        \qquad \tilde\sigma^2 = \max(\sigma^2, \varepsilon), \; \varepsilon = 10^{-6}

    Parameters
    ----------
    y_true, mean : array_like of float, same shape
        Targets and predicted means.
    var : array_like of float, >= 0
        Predicted variances: the shape of ``mean``, that shape with axes of size 1, the shape
        of ``mean`` without its last axis (one variance per row), or a single number.
    full : bool, default False
        Add the constant :math:`\frac12 \log 2\pi`, giving the exact negative log-density.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements of ``mean`` (whatever the
        shape of ``var``); ``"none"`` returns one value per element of ``mean``.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` an array shaped like ``mean``.

    Notes
    -----
    Equal to PyTorch's ``gaussian_nll_loss(mean, y_true, var, full=full, eps=1e-6)``,
    including its rules for the shape of ``var``. Variances below
    :data:`GAUSSIAN_VAR_EPS` are clamped to it: it prevents the log of 0 and a division by
    0, and it bounds how far a model can lower the loss by shrinking the variance at a point
    it fits exactly. With a fixed variance the loss is the squared error rescaled, so
    minimising it over the mean is least squares; a predicted variance lets the model say
    where it is unsure (heteroscedastic regression).

    References
    ----------
    Nix, D. A. & Weigend, A. S. (1994). Estimating the mean and variance of the target
    probability distribution. *Proceedings of ICNN'94*, 55-60.

    Paszke, A. et al. (2019). PyTorch: an imperative style, high-performance deep learning
    library. *NeurIPS 32* (``torch.nn.functional.gaussian_nll_loss``).

    Examples
    --------
    >>> from lossedu.losses import gaussian_nll
    >>> gaussian_nll([0.0, 0.0], [1.0, 2.0], var=1.0, reduction="none")  # (mean - y)^2 / 2
    array([0.5, 2. ])
    >>> round(gaussian_nll([0.0], [0.0], var=1.0, full=True), 6)  # -log N(0; 0, 1)
    0.918939
    """
    t, m, _, vb, full, reduction = _gaussian_inputs(y_true, mean, var, full, reduction)
    vc = np.maximum(vb, GAUSSIAN_VAR_EPS)  # the clamp: no log(0), no division by 0
    r = m - t
    with np.errstate(over="ignore"):  # an overflow to inf is refused by reduce()
        values = 0.5 * (np.log(vc) + r * r / vc)
    if full:
        values += _HALF_LOG_2PI
    return reduce(values, reduction, "gaussian_nll")


def gaussian_nll_grad(
    y_true: ArrayLike,
    mean: ArrayLike,
    *,
    var: ArrayLike,
    full: bool = False,
    reduction: str = "mean",
    wrt: str = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`gaussian_nll` with respect to ``mean`` or to ``var``.

    .. math::

        \frac{\partial \ell}{\partial \mu} = \frac{\mu - y}{\tilde\sigma^2}, \qquad
        \frac{\partial \ell}{\partial \sigma^2} = \begin{cases}
        \frac12 \left( \frac{1}{\sigma^2} - \frac{(\mu - y)^2}{\sigma^4} \right)
        & \sigma^2 \ge \varepsilon \\ 0 & \sigma^2 < \varepsilon \end{cases}

    Parameters
    ----------
    y_true, mean, var, full, reduction
        As for :func:`gaussian_nll`.
    wrt : {"mean", "var"}, default "mean"
        The argument to differentiate with respect to. This keyword is the one parameter
        that :func:`gaussian_nll` does not have: the loss has two predicted arguments.

    Returns
    -------
    numpy.ndarray
        The shape of ``mean`` (``wrt="mean"``) or of ``var`` (``wrt="var"``; where ``var``
        was broadcast, the gradients of the elements that share a variance are summed).
        Divided by the number of elements of ``mean`` only for ``"mean"``.

    Notes
    -----
    Below :data:`GAUSSIAN_VAR_EPS` the clamp makes the loss constant in ``var``, so its
    gradient there is 0, which is what central differences measure. PyTorch differs here: it
    clamps without recording the clamp, so its gradient at :math:`\sigma^2 < \varepsilon` is
    the formula evaluated at :math:`\varepsilon` (a straight-through gradient). The two agree
    wherever :math:`\sigma^2 \ge \varepsilon`. The gradient in ``var`` vanishes at
    :math:`\sigma^2 = (\mu - y)^2`: the best variance is the squared error.

    References
    ----------
    Nix, D. A. & Weigend, A. S. (1994). Estimating the mean and variance of the target
    probability distribution. *Proceedings of ICNN'94*, 55-60.

    Examples
    --------
    >>> from lossedu.losses import gaussian_nll_grad
    >>> gaussian_nll_grad([0.0, 0.0], [1.0, 2.0], var=[1.0, 4.0], reduction="sum")
    array([1. , 0.5])
    >>> gaussian_nll_grad([0.0, 0.0], [1.0, 2.0], var=[1.0, 4.0], reduction="sum", wrt="var")
    array([0., 0.])
    """
    wrt = check_choice(wrt, "wrt", ("mean", "var"))
    t, m, v, vb, _, reduction = _gaussian_inputs(y_true, mean, var, full, reduction)
    vc = np.maximum(vb, GAUSSIAN_VAR_EPS)  # the clamp: no division by 0
    r = m - t
    with np.errstate(over="ignore"):  # an overflow to inf is refused below
        if wrt == "mean":
            g = r / vc
        else:
            g = _sum_to_shape(
                np.where(vb >= GAUSSIAN_VAR_EPS, 0.5 * (1.0 - r * r / vc) / vc, 0.0), v.shape
            )
    if not np.all(np.isfinite(g)):
        raise ValueError(
            f"the gradient of gaussian_nll with respect to {wrt} overflows float64: the "
            "squared errors are too large for the variances. Rescale y_true and mean, e.g. "
            "divide them by their largest magnitude."
        )
    return reduce_grad(g, reduction, m.size)


def _poisson_inputs(y_true, log_rate, reduction):
    t, z, reduction = elementwise_inputs(y_true, log_rate, "log_rate", reduction)
    check_nonnegative_array(t, "y_true", hint=" Poisson targets are counts (or rates) >= 0.")
    if np.any(z > MAX_LOG_RATE):
        raise ValueError(
            f"log_rate must be at most {MAX_LOG_RATE:.2f}, the log of the largest float64, "
            f"got {float(z.max()):g}: exp(log_rate) would overflow to inf. log_rate is the "
            "log of the predicted rate; if you passed the rate itself, pass np.log(rate)."
        )
    return t, z, reduction


def poisson_nll(
    y_true: ArrayLike, log_rate: ArrayLike, *, reduction: str = "mean"
) -> float | np.ndarray:
    r"""Poisson negative log-likelihood of counts, given the log of the predicted rate.

    .. math::

        \ell = e^{z} - y z, \qquad z = \log \lambda

    Parameters
    ----------
    y_true : array_like of float, >= 0
        Observed counts (non-integer rates are accepted, as in PyTorch).
    log_rate : array_like of float, same shape, at most :data:`MAX_LOG_RATE`
        The log of the predicted rate :math:`\lambda`.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    Equal to PyTorch's ``poisson_nll_loss(log_rate, y_true, log_input=True, full=False)``:
    the term :math:`\log y!`, constant in the prediction, is left out, so the loss can be
    negative; for a given count :math:`y > 0` it is smallest at :math:`\lambda = y`, where it
    equals :math:`y - y \log y`. Taking the log-rate keeps the rate positive without a
    constraint. A log-rate above :data:`MAX_LOG_RATE` (about 709.78) is refused with a
    ValueError instead of returning inf.

    References
    ----------
    McCullagh, P. & Nelder, J. A. (1989). *Generalized Linear Models*, 2nd ed., ch. 6
    (log-linear models for counts). Chapman & Hall.

    Examples
    --------
    >>> import numpy as np
    >>> from lossedu.losses import poisson_nll
    >>> poisson_nll([0.0, 2.0], [0.0, np.log(2.0)], reduction="none")  # 1 - 0, 2 - 2 log 2
    array([1.        , 0.61370564])
    """
    t, z, reduction = _poisson_inputs(y_true, log_rate, reduction)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused by reduce()
        values = np.exp(z) - t * z
    return reduce(values, reduction, "poisson_nll")


def poisson_nll_grad(
    y_true: ArrayLike, log_rate: ArrayLike, *, reduction: str = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`poisson_nll` with respect to ``log_rate``.

    .. math::

        \frac{\partial \ell}{\partial z} = e^{z} - y

    Parameters
    ----------
    y_true, log_rate, reduction
        As for :func:`poisson_nll`.

    Returns
    -------
    numpy.ndarray
        Shape of ``log_rate``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    The predicted rate minus the count: zero where the rate equals the count, as for a
    Poisson GLM's score equations.

    References
    ----------
    McCullagh, P. & Nelder, J. A. (1989). *Generalized Linear Models*, 2nd ed.
    Chapman & Hall.

    Examples
    --------
    >>> from lossedu.losses import poisson_nll_grad
    >>> poisson_nll_grad([0.0, 3.0], [0.0, 0.0], reduction="sum")
    array([ 1., -2.])
    """
    t, z, reduction = _poisson_inputs(y_true, log_rate, reduction)
    return reduce_grad(np.exp(z) - t, reduction, z.size)
