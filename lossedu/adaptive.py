"""Losses that adapt during training: Barron's likelihood, focal weights, self-paced weights.

:func:`lossedu.losses.barron` is Barron's (2019) robust loss for a *fixed* shape. To learn the
shape ``alpha`` and the scale ``c`` together with a model, Barron minimises the negative
log-likelihood of the matching probability density instead,

.. math::

    -\\log p(x \\mid \\alpha, c) = \\rho(x, \\alpha, c) + \\log c + \\log Z(\\alpha),
    \\qquad Z(\\alpha) = \\int_{-\\infty}^{\\infty} e^{-\\rho(x, \\alpha, 1)}\\, dx,

whose last two terms charge the model for a flat, forgiving loss. :func:`barron_log_partition`
computes :math:`\\log Z(\\alpha)` by quadrature (it has no closed form in general),
:func:`barron_nll` the whole expression, :func:`barron_nll_grads` its gradients, and
:func:`fit_adaptive_barron` fits a line with all three learned at once.

:func:`focal_weights` is the factor :math:`(1 - p_t)^\\gamma` by which the focal loss
(Lin et al. 2017) scales the cross-entropy, and :func:`self_paced_weights` the hard 0/1
weights of self-paced learning (Kumar, Packer & Koller 2010).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lossedu import losses, optim
from lossedu._losses_adaptive import _barron_value
from lossedu._losses_common import elementwise_inputs
from lossedu._validation import (
    as_float_array,
    check_int,
    check_labels_in,
    check_nonnegative,
    check_positive,
    check_real,
    reduce,
)

__all__ = [
    "AdaptiveFit",
    "barron_log_partition",
    "barron_nll",
    "barron_nll_grads",
    "fit_adaptive_barron",
    "focal_weights",
    "self_paced_weights",
]

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
_ALPHA_STEP = 1e-5  # step of the central differences in alpha


def _check_alpha_for_density(alpha) -> float:
    alpha = check_real(alpha, "alpha")
    if alpha < 0.0:
        raise ValueError(
            f"alpha must be >= 0 for Barron's probability density, got {alpha!r}. For "
            "alpha < 0 the loss is bounded, so exp(-rho) does not decay and its integral "
            "Z(alpha) is infinite (Barron 2019, section 2)."
        )
    return alpha


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
    alpha = _check_alpha_for_density(alpha)
    with np.errstate(over="ignore"):  # rho = inf far out for large alpha: exp(-inf) = 0
        rho = _barron_value(_X, alpha)
    return float(np.log(2.0 * np.sum(_W_T * np.exp(-rho) * _JACOBIAN)))


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
    alpha = _check_alpha_for_density(alpha)
    scale = check_positive(scale, "scale")
    rho = losses.barron(y_true, y_pred, alpha=alpha, scale=scale, reduction="none")
    reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)[2]
    return reduce(rho + np.log(scale) + barron_log_partition(alpha), reduction)


def _d_alpha(f, alpha: float) -> float:
    """Central difference in alpha; forward near 0, where the density ends."""
    h = _ALPHA_STEP
    if alpha < h:
        return (f(alpha + h) - f(alpha)) / h
    return (f(alpha + h) - f(alpha - h)) / (2.0 * h)


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
    alpha = _check_alpha_for_density(alpha)
    scale = check_positive(scale, "scale")
    t, p, _ = elementwise_inputs(y_true, y_pred, "y_pred", "mean")
    d_pred = losses.barron_grad(t, p, alpha=alpha, scale=scale, reduction="mean")
    d_scale = float(np.sum(-(p - t) / scale * d_pred) + 1.0 / scale)
    d_alpha = _d_alpha(
        lambda a: losses.barron(t, p, alpha=a, scale=scale) + barron_log_partition(a), alpha
    )
    return {"y_pred": d_pred, "alpha": float(d_alpha), "scale": d_scale}


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
    alpha = _check_alpha_for_density(alpha) if normalise else check_real(alpha, "alpha")
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
        "alpha": _d_alpha(rho, alpha) if learn_alpha else 0.0,
        "scale": float(np.sum(-(pred - y) / scale * d_pred)),
    }


def focal_weights(
    y_true: npt.ArrayLike, logits: npt.ArrayLike, *, gamma: float = 2.0
) -> np.ndarray:
    r"""The focal loss's modulating factor :math:`(1 - p_t)^\gamma`, one per example.

    .. math::

        w = (1 - p_t)^{\gamma}, \qquad p_t = \sigma(z) \text{ if } y = 1, \;
        1 - \sigma(z) \text{ if } y = 0

    ``focal(..., alpha=None, reduction="none")`` is this weight times the cross-entropy
    :math:`-\log p_t`: well-classified (easy) examples, with :math:`p_t` near 1, get weights
    near 0; misclassified (hard) ones keep weights near 1 (Lin et al. 2017).

    Parameters
    ----------
    y_true : array_like of float
        Labels, each 0 or 1.
    logits : array_like of float, same shape
    gamma : float, default 2.0
        :math:`\gamma \ge 0`; 0 gives weight 1 everywhere.

    Returns
    -------
    numpy.ndarray
        Shape of ``logits``, values in [0, 1].

    Notes
    -----
    Computed as :math:`\exp(-\gamma\,\operatorname{softplus}(s))` with :math:`s = z` for
    positives and :math:`-z` for negatives, so :math:`1 - p_t` is never formed by a
    subtraction that would round to 0.

    References
    ----------
    Lin, T.-Y., Goyal, P., Girshick, R., He, K. & Dollár, P. (2017). Focal loss for dense
    object detection. *ICCV*, 2980-2988.

    Examples
    --------
    >>> focal_weights([1.0, 1.0, 0.0], [0.0, 2.0, 2.0], gamma=2.0).round(4)
    array([0.25  , 0.0142, 0.7758])
    """
    gamma = check_nonnegative(gamma, "gamma")
    t, z, _ = elementwise_inputs(y_true, logits, "logits", "none")
    check_labels_in(t, (0.0, 1.0), "y_true")
    s = np.where(t == 1.0, z, -z)
    return np.exp(-gamma * np.logaddexp(0.0, s))  # (1 - p_t)^gamma = sigmoid(-s)^gamma


def self_paced_weights(loss_values: npt.ArrayLike, *, lam: float) -> np.ndarray:
    r"""Self-paced learning's hard weights: 1 for examples easier than ``lam``, else 0.

    .. math::

        v_i = \begin{cases} 1 & \ell_i < \lambda \\ 0 & \text{otherwise} \end{cases}

    These weights minimise :math:`\sum_i v_i \ell_i - \lambda \sum_i v_i` over
    :math:`v \in \{0, 1\}^n` for fixed losses (Kumar, Packer & Koller 2010, who write
    :math:`\lambda = 1/K`). Raising ``lam`` over training lets harder examples in.

    Parameters
    ----------
    loss_values : array_like of float
        Per-example losses of the current model (any shape).
    lam : float
        The threshold, ``lam >= 0``.

    Returns
    -------
    numpy.ndarray
        0.0 or 1.0, shape of ``loss_values``.

    References
    ----------
    Kumar, M. P., Packer, B. & Koller, D. (2010). Self-paced learning for latent variable
    models. *NeurIPS 23*, 1189-1197.

    Examples
    --------
    >>> self_paced_weights([0.1, 0.5, 2.0], lam=0.5)
    array([1., 0., 0.])
    """
    values = as_float_array(loss_values, "loss_values")
    lam = check_nonnegative(lam, "lam")
    return (values < lam).astype(np.float64)
