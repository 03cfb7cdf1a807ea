"""Adaptive losses: the focal loss and Barron's general robust loss, each beside its gradient.

The focal loss re-weights the cross-entropy by how wrong each example is (Lin et al. 2017);
Barron's loss has one shape parameter ``alpha`` that spans L2, pseudo-Huber, Cauchy,
Geman-McClure and Welsch (Barron 2019); :mod:`lossedu.adaptive` learns that shape. Both are
element-wise: ``"none"`` gives one value per element, ``"mean"`` divides the sum by the number
of elements, and the gradient of ``"none"`` is the gradient of the sum.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lossedu._validation import (
    check_in_interval,
    check_labels_in,
    check_nonnegative,
    check_positive,
    check_real,
    reduce,
    reduce_grad,
)
from lossedu.losses._core import elementwise_inputs

__all__ = [
    "barron",
    "barron_grad",
    "focal",
    "focal_grad",
]


def _focal_parts(y_true, logits, gamma, alpha, reduction, *, want_grad: bool) -> tuple:
    gamma = check_nonnegative(gamma, "gamma")
    if alpha is not None:
        alpha = check_in_interval(alpha, "alpha", 0.0, 1.0, hint=" Use alpha=None for no weights.")
    t, z, reduction = elementwise_inputs(y_true, logits, "logits", reduction)
    check_labels_in(t, (0.0, 1.0), "y_true")
    positive = t == 1.0
    s = np.where(positive, z, -z)  # the logit of the true class: p_t = sigmoid(s)
    e = np.exp(-np.abs(z))  # never overflows; |s| = |z|
    log1p_e = np.log1p(e)
    nll = np.maximum(-s, 0.0) + log1p_e  # -log p_t = softplus(-s), finite for any logit
    # (1 - p_t)^gamma = sigmoid(-s)^gamma = exp(-gamma softplus(s)): no 0**gamma, no underflow
    # to a wrong 0 before the power, and exactly 1 when gamma = 0.
    modulator = np.exp(-gamma * (np.maximum(s, 0.0) + log1p_e))
    weight = 1.0 if alpha is None else np.where(positive, alpha, 1.0 - alpha)
    if not want_grad:
        return weight * modulator * nll, reduction
    # d/ds [w q^g softplus(-s)] = -w q^g (q + g p_t softplus(-s)), with q = 1 - p_t: the
    # derivative of q^g is -g q^g p_t, so no q^(g - 1) (infinite at q = 0 when g < 1) appears.
    big, small = 1.0 / (1.0 + e), e / (1.0 + e)  # sigmoid(|s|), sigmoid(-|s|)
    s_nonneg = s >= 0
    p_t = np.where(s_nonneg, big, small)
    q = np.where(s_nonneg, small, big)
    d_s = -weight * modulator * (q + gamma * p_t * nll)
    return np.where(positive, d_s, -d_s), reduction


def focal(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = 0.25,
    reduction: str = "mean",
) -> float | np.ndarray:
    r"""Binary focal loss on logits: cross-entropy down-weighted for easy examples.

    .. math::

        \ell = -\alpha_t (1 - p_t)^{\gamma} \log p_t, \qquad
        p_t = \begin{cases} \sigma(z) & y = 1 \\ 1 - \sigma(z) & y = 0 \end{cases}, \qquad
        \alpha_t = \begin{cases} \alpha & y = 1 \\ 1 - \alpha & y = 0 \end{cases}

    Parameters
    ----------
    y_true : array_like of float
        Labels, each 0 or 1.
    logits : array_like of float, same shape
        Unbounded scores; the predicted probability of class 1 is :math:`\sigma(z)`.
    gamma : float, default 2.0
        Focusing parameter :math:`\gamma \ge 0`; 0 gives the (weighted) cross-entropy.
    alpha : float in [0, 1] or None, default 0.25
        Weight of the positive class (negatives get :math:`1 - \alpha`); ``None`` turns the
        weighting off (:math:`\alpha_t = 1`). The default 0.25 *down*-weights positives
        (Lin et al.'s detector setting, where :math:`\gamma` already suppresses the many
        easy negatives); it does not up-weight a rare positive class.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    With :math:`s = z` for :math:`y = 1` and :math:`s = -z` for :math:`y = 0`,
    :math:`p_t = \sigma(s)`, :math:`-\log p_t = \operatorname{softplus}(-s)` and
    :math:`(1 - p_t)^\gamma = \exp(-\gamma \operatorname{softplus}(s))`; every factor comes
    from :math:`e^{-|z|}`, so no probability is formed and logits of :math:`\pm 10^4` are
    fine. The defaults :math:`\gamma = 2, \alpha = 0.25` are those of Lin et al. (2017).

    For imbalanced classes, first train with cross-entropy and tune the decision threshold
    on validation data: re-weighting and focusing mostly move the operating point. Pass
    ``alpha=None`` to switch the class weighting off. The focal loss is not a proper
    scoring rule: for :math:`\gamma > 0` the probability that minimises its expected value
    is pulled towards 0.5 (for a true probability of 0.05 and :math:`\gamma = 2`, about
    0.25), so its outputs need recalibrating before they are read as probabilities
    (Charoenphakdee et al., 2021).

    References
    ----------
    Lin, T.-Y., Goyal, P., Girshick, R., He, K. & Dollár, P. (2017). Focal loss for dense
    object detection. *ICCV*, 2980-2988.
    Charoenphakdee, N., Vongkulbhisal, J., Chairatanakul, N. & Sugiyama, M. (2021). On focal
    loss for class-posterior probability estimation: a theoretical perspective. *CVPR*.

    Examples
    --------
    >>> from lossedu.losses import focal
    >>> round(focal([1.0, 0.0], [2.0, -1.0]), 6)
    0.008722
    >>> round(focal([1.0], [0.0], gamma=0.0, alpha=None), 6)  # log 2: plain cross-entropy
    0.693147
    """
    values, reduction = _focal_parts(y_true, logits, gamma, alpha, reduction, want_grad=False)
    return reduce(values, reduction)


def focal_grad(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = 0.25,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`focal` with respect to ``logits`` (exact, not approximated).

    .. math::

        \frac{\partial \ell}{\partial z} = \mp\, \alpha_t (1 - p_t)^{\gamma}
        \bigl((1 - p_t) - \gamma\, p_t \log p_t\bigr)

    with the minus sign for :math:`y = 1` and the plus sign for :math:`y = 0`.

    Parameters
    ----------
    y_true, logits, gamma, alpha, reduction
        As for :func:`focal`.

    Returns
    -------
    numpy.ndarray
        Shape of ``logits``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    Written through :math:`\frac{d}{ds}(1 - p_t)^\gamma = -\gamma (1 - p_t)^\gamma p_t`, so
    it stays finite for :math:`0 < \gamma < 1` at confident predictions, where the textbook
    form :math:`(1 - p_t)^{\gamma - 1}` is infinite. With :math:`\gamma = 0` it reduces to
    :math:`\alpha_t (\sigma(z) - y)`, the weighted cross-entropy gradient.

    References
    ----------
    Lin, T.-Y., Goyal, P., Girshick, R., He, K. & Dollár, P. (2017). Focal loss for dense
    object detection. *ICCV*, 2980-2988.

    Examples
    --------
    >>> from lossedu.losses import focal_grad
    >>> focal_grad([1.0, 0.0], [0.0, 0.0], gamma=0.0, alpha=None, reduction="sum")
    array([-0.5,  0.5])
    """
    grad, reduction = _focal_parts(y_true, logits, gamma, alpha, reduction, want_grad=True)
    return reduce_grad(grad, reduction, grad.size)


def _barron_parts(y_true, y_pred, alpha, scale, reduction, *, want_grad: bool) -> tuple:
    alpha = check_real(alpha, "alpha", allow_neg_inf=True)
    scale = check_positive(scale, "scale")
    t, p, reduction = elementwise_inputs(y_true, y_pred, "y_pred", reduction)
    z = (p - t) / scale
    with np.errstate(over="ignore"):  # overflow is reported below as a ValueError
        out = _barron_grad(z, alpha) / scale if want_grad else _barron_value(z, alpha)
    if not np.all(np.isfinite(out)):
        raise ValueError(
            f"barron overflows float64 for alpha={alpha!r} at |y_pred - y_true| / scale = "
            f"{float(np.max(np.abs(z))):g}. Use a larger scale or a smaller alpha."
        )
    return out, reduction


def _barron_value(z: np.ndarray, alpha: float) -> np.ndarray:
    z2 = z * z
    if alpha == 2.0:
        return 0.5 * z2
    if alpha == -np.inf:
        return -np.expm1(-0.5 * z2)
    d = abs(alpha - 2.0)
    u = np.log1p(z2 / d)
    # rho = d/alpha * expm1(alpha u / 2) = (d/2) u E(alpha u / 2) with E(x) = expm1(x)/x.
    # The naive (1 + z2/d)^(alpha/2) - 1 cancels badly as alpha -> 0; expm1 does not, and
    # E(0) = 1 makes alpha = 0 (and any alpha that underflows alpha u / 2) give the limit
    # log1p(z2/2) exactly, so the loss is continuous in alpha there.
    x = 0.5 * alpha * u
    ratio = np.divide(np.expm1(x), x, out=np.ones_like(x), where=x != 0.0)
    return 0.5 * d * u * ratio


def _barron_grad(z: np.ndarray, alpha: float) -> np.ndarray:
    if alpha == 2.0:
        return z.copy()
    if alpha == -np.inf:
        return z * np.exp(-0.5 * z * z)
    # d rho / dz = z (z^2/|alpha-2| + 1)^(alpha/2 - 1), taken through log1p to stay finite.
    return z * np.exp((0.5 * alpha - 1.0) * np.log1p(z * z / abs(alpha - 2.0)))


def barron(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    alpha: float,
    scale: float = 1.0,
    reduction: str = "mean",
) -> float | np.ndarray:
    r"""Barron's general robust loss of the residual, with shape ``alpha`` and ``scale``.

    .. math::

        \rho(x, \alpha, c) = \frac{|\alpha - 2|}{\alpha}
        \left[\left(\frac{(x/c)^2}{|\alpha - 2|} + 1\right)^{\alpha/2} - 1\right],
        \qquad x = \hat y - y

    with the limits :math:`\tfrac12 (x/c)^2` at :math:`\alpha = 2`,
    :math:`\log\bigl(\tfrac12 (x/c)^2 + 1\bigr)` at :math:`\alpha = 0` and
    :math:`1 - \exp\bigl(-\tfrac12 (x/c)^2\bigr)` at :math:`\alpha = -\infty`.

    Parameters
    ----------
    y_true, y_pred : array_like of float, same shape
        Targets and predictions.
    alpha : float
        Shape (required): 2 is L2, 1 pseudo-Huber (Charbonnier), 0 Cauchy (Lorentzian),
        -2 Geman-McClure, ``-np.inf`` Welsch; any real number or ``-np.inf``.
    scale : float, default 1.0
        :math:`c > 0`, the size of residual where the quadratic bowl ends.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements.

    Returns
    -------
    float or numpy.ndarray
        A Python float, or for ``"none"`` one value per element.

    Notes
    -----
    The loss is evaluated as :math:`\tfrac{|\alpha-2|}{2}\, u\, E(\alpha u / 2)` with
    :math:`u = \operatorname{log1p}((x/c)^2 / |\alpha - 2|)` and
    :math:`E(v) = \operatorname{expm1}(v)/v`, :math:`E(0) = 1`. This equals the formula above
    but does not cancel near :math:`\alpha = 0` and gives that limit exactly there; near
    :math:`\alpha = 2` the log1p form stays accurate, and :math:`\alpha = 2` itself uses its
    limit. For :math:`\alpha < 0` the loss is bounded by :math:`|\alpha - 2| / |\alpha|`.
    Large positive ``alpha`` with large residuals can overflow float64; that raises a
    ValueError rather than returning inf.

    References
    ----------
    Barron, J. T. (2019). A general and adaptive robust loss function. *CVPR*, 4331-4339.

    Examples
    --------
    >>> from lossedu.losses import barron
    >>> barron([0.0, 0.0], [1.0, 3.0], alpha=2.0, reduction="none")  # x^2 / 2
    array([0.5, 4.5])
    >>> round(barron([0.0], [1.0], alpha=1.0), 6)  # sqrt(x^2 + 1) - 1
    0.414214
    """
    values, reduction = _barron_parts(y_true, y_pred, alpha, scale, reduction, want_grad=False)
    return reduce(values, reduction)


def barron_grad(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    alpha: float,
    scale: float = 1.0,
    reduction: str = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`barron` with respect to ``y_pred``.

    .. math::

        \frac{\partial \rho}{\partial x} = \frac{x}{c^2}
        \left(\frac{(x/c)^2}{|\alpha - 2|} + 1\right)^{\alpha/2 - 1}

    with the limits :math:`x/c^2` at :math:`\alpha = 2` and
    :math:`\tfrac{x}{c^2} \exp\bigl(-\tfrac12 (x/c)^2\bigr)` at :math:`\alpha = -\infty`.

    Parameters
    ----------
    y_true, y_pred, alpha, scale, reduction
        As for :func:`barron`.

    Returns
    -------
    numpy.ndarray
        Shape of ``y_pred``; divided by the number of elements only for ``"mean"``.

    Notes
    -----
    The power is taken as ``exp((alpha/2 - 1) * log1p(...))``; at :math:`\alpha = 0` it gives
    :math:`2x / (x^2 + 2c^2)` directly. For :math:`\alpha < 2` the gradient's size never
    exceeds that of the L2 case, :math:`|x|/c^2`: this is what makes the loss robust.

    References
    ----------
    Barron, J. T. (2019). A general and adaptive robust loss function. *CVPR*, 4331-4339.

    Examples
    --------
    >>> from lossedu.losses import barron_grad
    >>> barron_grad([0.0, 0.0], [1.0, 3.0], alpha=0.0, reduction="sum")  # 2x / (x^2 + 2)
    array([0.66666667, 0.54545455])
    """
    grad, reduction = _barron_parts(y_true, y_pred, alpha, scale, reduction, want_grad=True)
    return reduce_grad(grad, reduction, grad.size)
