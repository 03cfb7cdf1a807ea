"""Barron's probability density: its log normaliser, negative log-likelihood and gradients.

:mod:`lossedu.adaptive` explains why the likelihood, not the bare loss, lets a learner choose
the shape alpha; :mod:`lossedu.adaptive.fitting` uses these functions to learn it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu import losses
from lossedu._validation import (
    as_float_array,
    check_positive,
    check_reduction,
    check_same_shape,
    reduce,
)
from lossedu.adaptive._core import alpha_derivative, check_alpha_for_density

__all__ = ["barron_log_partition", "barron_nll", "barron_nll_grads"]

# Composite Gauss-Legendre rule on [0, 1]: 64 panels of 16 nodes, graded towards t = 1 as
# 1 - (1 - u)^6. With x = t / (1 - t) it covers the half line [0, inf). Near t = 1 the
# integrand behaves like (1 - t)^(-alpha) for small alpha, a weak singularity that a uniform
# grid resolves only to about 1e-6; the graded panels bring that to about 1e-14.
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)
_EDGES = 1.0 - (1.0 - np.linspace(0.0, 1.0, 65)) ** 6
_HALF = 0.5 * np.diff(_EDGES)[:, None]
_T = (0.5 * (_EDGES[:-1, None] + _EDGES[1:, None]) + _HALF * _NODES).ravel()
_W_T = (_HALF * _WEIGHTS).ravel()
_X = _T / (1.0 - _T)
_JACOBIAN = 1.0 / (1.0 - _T) ** 2


def _rho_on_nodes(alpha: float) -> np.ndarray:
    """rho(x, alpha, 1) at the quadrature nodes, +inf where it exceeds float64."""
    finite = np.ones(_X.shape, dtype=bool)
    if alpha > 2.0:
        # rho grows like (x^2 / (alpha - 2))^(alpha / 2) / alpha: past exp(690) it overflows
        # (losses.barron refuses that) and exp(-rho) is 0 in float64 anyway.
        finite = 0.5 * alpha * np.log1p(_X**2 / (alpha - 2.0)) < 690.0
    rho = np.full(_X.shape, np.inf)
    rho[finite] = losses.barron(
        np.zeros(int(finite.sum())), _X[finite], alpha=alpha, reduction="none"
    )
    return rho


def barron_log_partition(alpha: float) -> float:
    r"""The log normaliser :math:`\log Z(\alpha)` of Barron's density, by quadrature.

    .. math::

        Z(\alpha) = \int_{-\infty}^{\infty} \exp\bigl(-\rho(x, \alpha, 1)\bigr)\, dx
                  = 2 \int_0^1 \exp\Bigl(-\rho\bigl(\tfrac{t}{1-t}, \alpha, 1\bigr)\Bigr)
                    \frac{dt}{(1-t)^2}

    Parameters
    ----------
    alpha : float
        Shape, ``alpha >= 0`` (finite): the density exists only there.

    Returns
    -------
    float
        :math:`\log Z(\alpha)`; with scale :math:`c` the normaliser is :math:`c\,Z(\alpha)`.

    Notes
    -----
    The substitution :math:`x = t/(1-t)` maps the half line onto :math:`[0, 1)`; a composite
    Gauss-Legendre rule (64 panels of 16 nodes, graded towards t = 1) never evaluates the end point
    :math:`t = 1`. Closed forms to compare with: :math:`Z(2) = \sqrt{2\pi}` (Gaussian),
    :math:`Z(0) = \pi\sqrt{2}` (Cauchy) and :math:`Z(1) = 2e\,K_1(1)` (:math:`K_1` the
    modified Bessel function). Accurate to about 1e-14 for alpha in [0, 10].

    References
    ----------
    Barron, J. T. (2019). A general and adaptive robust loss function. *CVPR*, 4331-4339.

    Examples
    --------
    >>> round(barron_log_partition(2.0) - float(0.5 * np.log(2 * np.pi)), 10)  # log sqrt(2 pi)
    0.0
    >>> round(float(np.exp(barron_log_partition(0.0)) / np.pi), 8)  # pi * sqrt(2)
    1.41421356
    """
    alpha = check_alpha_for_density(alpha)
    return float(np.log(2.0 * np.sum(_W_T * np.exp(-_rho_on_nodes(alpha)) * _JACOBIAN)))


def barron_nll(
    y_true: npt.ArrayLike,
    y_pred: npt.ArrayLike,
    *,
    alpha: float,
    scale: float = 1.0,
    reduction: str = "mean",
) -> float | np.ndarray:
    r"""Negative log-likelihood of the residuals under Barron's density.

    .. math::

        -\log p(x \mid \alpha, c) = \rho(x, \alpha, c) + \log c + \log Z(\alpha),
        \qquad x = \hat y - y

    Parameters
    ----------
    y_true, y_pred : array_like of float, same shape
    alpha : float
        Shape, ``alpha >= 0``.
    scale : float, default 1.0
        :math:`c > 0`.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    :math:`\rho` alone decreases as alpha decreases or c grows, for every residual, so a
    learner that minimises it drives alpha to its lowest value and c upwards. The term
    :math:`\log c + \log Z(\alpha)` grows in exactly those directions and stops them.

    References
    ----------
    Barron, J. T. (2019). A general and adaptive robust loss function. *CVPR*, 4331-4339.

    Examples
    --------
    >>> x = np.array([0.3, -1.2])  # alpha = 2, c = 1 is the standard normal density
    >>> bool(np.allclose(barron_nll(np.zeros(2), x, alpha=2.0, reduction="none"),
    ...                  0.5 * x**2 + 0.5 * np.log(2 * np.pi)))
    True
    """
    alpha = check_alpha_for_density(alpha)
    scale = check_positive(scale, "scale")
    rho = losses.barron(y_true, y_pred, alpha=alpha, scale=scale, reduction="none")
    reduction = check_reduction(reduction)
    return reduce(rho + np.log(scale) + barron_log_partition(alpha), reduction)


def barron_nll_grads(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, *, alpha: float, scale: float = 1.0
) -> dict[str, np.ndarray | float]:
    r"""Gradients of the mean :func:`barron_nll` with respect to ``y_pred``, alpha and scale.

    .. math::

        \frac{\partial}{\partial c} = \frac{1}{n}\sum_i
            \Bigl(-\frac{x_i}{c}\,\frac{\partial\rho}{\partial x_i} + \frac{1}{c}\Bigr),
        \qquad
        \frac{\partial}{\partial \alpha} = \frac{1}{n}\sum_i
            \frac{\partial\rho(x_i, \alpha, c)}{\partial\alpha}
            + \frac{d \log Z(\alpha)}{d\alpha}

    Parameters
    ----------
    y_true, y_pred : array_like of float, same shape
    alpha : float
        ``alpha >= 0``.
    scale : float, default 1.0

    Returns
    -------
    dict
        ``"y_pred"`` (shape of y_pred, already divided by n), ``"alpha"`` and ``"scale"``
        (floats).

    Notes
    -----
    The ``y_pred`` and ``scale`` parts are exact (:math:`\rho` depends on c only through
    :math:`x/c`). The alpha part uses central differences with step 1e-5 (a forward
    difference when alpha < 1e-5): :math:`\partial\rho/\partial\alpha` has a long closed
    form, and :math:`\log Z` has none. At :math:`\alpha = 2` the slope in alpha is
    unbounded (it grows like :math:`\log(1/|\alpha - 2|)`, from the :math:`|\alpha - 2|` in
    the formula), one reason why Barron keeps a learned alpha inside (0.001, 1.999).

    Examples
    --------
    >>> g = barron_nll_grads([0.0, 0.0], [1.0, -1.0], alpha=2.0, scale=1.0)
    >>> g["y_pred"], round(g["scale"], 10)  # x / n and mean(-x^2 + 1) = 0
    (array([ 0.5, -0.5]), 0.0)
    """
    alpha = check_alpha_for_density(alpha)
    scale = check_positive(scale, "scale")
    t, p = as_float_array(y_true, "y_true"), as_float_array(y_pred, "y_pred")
    check_same_shape(t, p, "y_true", "y_pred")
    d_pred = losses.barron_grad(t, p, alpha=alpha, scale=scale, reduction="mean")
    d_scale = float(np.sum(-(p - t) / scale * d_pred) + 1.0 / scale)
    d_alpha = alpha_derivative(
        lambda a: losses.barron(t, p, alpha=a, scale=scale) + barron_log_partition(a), alpha
    )
    return {"y_pred": d_pred, "alpha": float(d_alpha), "scale": d_scale}
