"""Fitting a line with Barron's loss while learning its shape and scale.

:func:`~lossedu.adaptive.fit_adaptive_barron` minimises the negative log-likelihood of
:mod:`lossedu.adaptive.likelihood` (or the bare loss, to show why that fails) over a line's
coefficients, the shape and the scale at once, and returns an
:class:`~lossedu.adaptive.AdaptiveFit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lossedu import losses, optim
from lossedu._validation import as_float_array, check_int, check_positive, check_real
from lossedu.adaptive._core import alpha_derivative, check_alpha_for_density
from lossedu.adaptive.likelihood import barron_log_partition, barron_nll_grads

__all__ = ["AdaptiveFit", "fit_adaptive_barron"]


@dataclass
class AdaptiveFit:
    """The result of :func:`fit_adaptive_barron`.

    Attributes
    ----------
    coef : ndarray, shape (n_features,)
    intercept : float
    alpha, scale : float
        The final shape and scale.
    history : dict of str to list of float
        ``"loss"`` (the objective minimised: mean NLL, or mean rho when not normalised),
        ``"alpha"`` and ``"scale"``, one entry before training and one after each step.
    """

    coef: np.ndarray
    intercept: float
    alpha: float
    scale: float
    history: dict[str, list[float]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"AdaptiveFit(alpha={self.alpha:.4g}, scale={self.scale:.4g})"


def _sigmoid(a: float) -> float:
    return float(losses.sigmoid(np.array([a]))[0])


def _check_fit_options(alpha, scale, alpha_range, learn_alpha, normalise) -> tuple:
    """Validate the fit's options; return (low, high, alpha, scale)."""
    if not isinstance(alpha_range, (tuple, list)) or len(alpha_range) != 2:
        raise TypeError(f"alpha_range must be a pair (low, high), got {alpha_range!r}.")
    lo, hi = (check_real(v, "alpha_range") for v in alpha_range)
    if not 0.0 <= lo < hi:
        raise ValueError(
            f"alpha_range must be (low, high) with 0 <= low < high, got {alpha_range}."
        )
    alpha = check_alpha_for_density(alpha) if normalise else check_real(alpha, "alpha")
    if learn_alpha and not lo < alpha < hi:
        raise ValueError(
            f"alpha, the starting shape, must lie strictly inside alpha_range {alpha_range} "
            f"when it is learned, got {alpha}."
        )
    return lo, hi, alpha, check_positive(scale, "scale")


def _check_line_data(X, y) -> tuple[np.ndarray, np.ndarray]:
    X, y = as_float_array(X, "X"), as_float_array(y, "y")
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X must be (n, n_features) and y (n,) with the same n, got {X.shape} and "
            f"{y.shape}. Reshape one feature with X.reshape(-1, 1)."
        )
    return X, y


def fit_adaptive_barron(
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    alpha: float = 1.0,
    scale: float = 1.0,
    learn_alpha: bool = True,
    learn_scale: bool = True,
    normalise: bool = True,
    alpha_range: tuple[float, float] = (0.001, 1.999),
    lr: float = 0.05,
    steps: int = 500,
) -> AdaptiveFit:
    r"""Fit a line by Adam on Barron's loss, learning its shape and scale along the way.

    .. math::

        \min_{w, b, \alpha, c} \frac{1}{n} \sum_i \rho(x_i^\top w + b - y_i, \alpha, c)
        \; + \; [\text{normalise}]\,\bigl(\log c + \log Z(\alpha)\bigr)

    Parameters
    ----------
    X : array_like, shape (n, n_features)
    y : array_like, shape (n,)
    alpha, scale : float
        Starting values, or the fixed values of what is not learned.
    learn_alpha, learn_scale : bool, default True
        Which of the two to learn.
    normalise : bool, default True
        Minimise the negative log-likelihood (True) or the bare loss rho (False).
    alpha_range : (float, float), default (0.001, 1.999)
        As in Barron (2019), a learned alpha is :math:`lo + (hi - lo)\,\sigma(a)` with a
        free parameter :math:`a`, so it stays inside the range. The scale is
        :math:`c = e^s` with a free :math:`s`.
    lr : float, default 0.05
        Adam's learning rate, for all parameters (w, b, a, s) flattened into one vector.
    steps : int, default 500
        Full-batch steps, starting from w = 0 and b = median(y).

    Returns
    -------
    AdaptiveFit

    Examples
    --------
    >>> X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])
    >>> fit = fit_adaptive_barron(X, y, alpha=1.0, learn_alpha=False, learn_scale=False,
    ...                           steps=2000)
    >>> fit.coef.round(3), round(fit.intercept, 3)
    (array([2.]), 1.0)
    """
    X, y = _check_line_data(X, y)
    for flag, name in (
        (learn_alpha, "learn_alpha"),
        (learn_scale, "learn_scale"),
        (normalise, "normalise"),
    ):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, got {flag!r}.")
    lo, hi, alpha, scale = _check_fit_options(alpha, scale, alpha_range, learn_alpha, normalise)
    steps, adam = check_int(steps, "steps"), optim.Adam(lr)
    d = X.shape[1]
    u = (alpha - lo) / (hi - lo) if learn_alpha else 0.5
    theta = np.concatenate([np.zeros(d), [np.median(y)], [np.log(u / (1 - u))], [np.log(scale)]])
    history: dict[str, list[float]] = {"loss": [], "alpha": [], "scale": []}
    for step in range(steps + 1):
        w, b, a = theta[:d], theta[d], theta[d + 1]
        if learn_alpha:
            alpha = lo + (hi - lo) * _sigmoid(a)
        scale = float(np.exp(theta[d + 2]))
        pred = X @ w + b
        loss = losses.barron(y, pred, alpha=alpha, scale=scale)
        if normalise:
            loss += np.log(scale) + barron_log_partition(alpha)
        for key, value in (("loss", loss), ("alpha", alpha), ("scale", scale)):
            history[key].append(float(value))
        if step == steps:
            break
        g = _objective_grads(y, pred, alpha, scale, normalise, learn_alpha)
        dalpha_da = (hi - lo) * _sigmoid(a) * (1.0 - _sigmoid(a))  # chain rule through sigmoid
        extra = [
            g["alpha"] * dalpha_da if learn_alpha else 0.0,
            g["scale"] * scale if learn_scale else 0.0,
        ]
        grad = np.concatenate([X.T @ g["y_pred"], [np.sum(g["y_pred"])], extra])
        theta = adam.step(theta, grad)
    return AdaptiveFit(theta[:d].copy(), float(theta[d]), float(alpha), scale, history)


def _objective_grads(y, pred, alpha, scale, normalise, learn_alpha) -> dict:
    if normalise:
        return barron_nll_grads(y, pred, alpha=alpha, scale=scale)
    d_pred = losses.barron_grad(y, pred, alpha=alpha, scale=scale)
    rho = lambda a: losses.barron(y, pred, alpha=a, scale=scale)  # noqa: E731
    return {
        "y_pred": d_pred,
        "alpha": alpha_derivative(rho, alpha) if learn_alpha else 0.0,
        "scale": float(np.sum(-(pred - y) / scale * d_pred)),
    }
