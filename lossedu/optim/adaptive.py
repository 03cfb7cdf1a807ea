"""Adaptive optimisers: Adam, AdamW, RMSprop and Adagrad scale each coordinate's step by a
running estimate of its gradient's size.

Once a gradient's square overflows float64 (:math:`|g| > 10^{154}`), Adam, AdamW, RMSprop
and Adagrad keep the square root of their running mean of :math:`g^2` instead, updated with
``np.hypot``, so a huge finite gradient does not freeze them for good (before that, their
steps equal torch.optim's bit for bit).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from lossedu._validation import check_nonnegative, check_positive
from lossedu.optim._core import Optimizer, check_lr, check_rate, mean_square_root

__all__ = ["Adagrad", "Adam", "AdamW", "RMSprop"]


class Adam(Optimizer):
    r"""Adam: steps scaled by running estimates of the gradient's first two moments.

    .. math::

        m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \qquad m_0 = v_0 = 0 \\
        w_t &= w_{t-1} - \frac{\eta}{1 - \beta_1^t}\,
               \frac{m_t}{\sqrt{v_t}\,/\sqrt{1 - \beta_2^t} + \epsilon}

    Parameters
    ----------
    lr : float or callable, default 1e-3
        Learning rate :math:`\eta > 0`, or a schedule ``t -> lr`` (see
        :class:`~lossedu.optim.SGD`).
    betas : tuple of two floats, default (0.9, 0.999)
        Decay rates :math:`(\beta_1, \beta_2)`, each in [0, 1).
    eps : float, default 1e-8
        :math:`\epsilon > 0`, keeps the denominator away from zero.

    Notes
    -----
    The same rule as ``torch.optim.Adam(params, lr, betas, eps)`` without weight decay or
    AMSGrad, which is Algorithm 1 of Kingma & Ba (2015) with the bias corrections
    :math:`1 - \beta^t`. Because of them the first step moves every coordinate by
    :math:`\eta\, g / (|g| + \epsilon) \approx \eta \operatorname{sign}(g)`, whatever the
    gradient's scale.

    References
    ----------
    Kingma, D. P., & Ba, J. (2015). Adam: A method for stochastic optimization. *ICLR*.

    Examples
    --------
    >>> opt = Adam(lr=0.1)
    >>> opt
    Adam(lr=0.1, betas=(0.9, 0.999), eps=1e-08)
    >>> opt.step([1.0, -2.0], [3.0, -0.5])  # first step: lr * sign(g)
    array([ 0.9, -1.9])
    """

    def __init__(
        self,
        lr: float | Callable[[int], float] = 1e-3,
        *,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        self.lr = check_lr(lr)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise TypeError(
                f"betas must be a tuple of two numbers (beta1, beta2), got {betas!r}. "
                "The default is betas=(0.9, 0.999)."
            )
        self.betas = (check_rate(betas[0], "betas[0]"), check_rate(betas[1], "betas[1]"))
        self.eps = check_positive(eps, "eps")
        super().__init__()

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr!r}, betas={self.betas!r}, eps={self.eps!r})"

    def _init_state(self) -> None:
        self._m: np.ndarray | float = 0.0
        self._v: np.ndarray | float | None = 0.0
        self._root: np.ndarray | None = None  # sqrt(v) once g * g overflowed

    def _update(self, w: np.ndarray, g: np.ndarray, lr: float) -> np.ndarray:
        beta1, beta2 = self.betas
        self._m = beta1 * self._m + (1.0 - beta1) * g
        self._v, self._root, rms = mean_square_root(self._v, self._root, g, beta2, 1.0 - beta2)
        step_size = lr / (1.0 - beta1**self._t)
        denom = rms / math.sqrt(1.0 - beta2**self._t) + self.eps
        return step_size * (self._m / denom)


class AdamW(Adam):
    r"""AdamW: Adam with decoupled weight decay, which shrinks the weights outside the
    adaptive scaling.

    .. math::

        w_t = (1 - \eta_t \lambda)\, w_{t-1} - \frac{\eta_t}{1 - \beta_1^t}\,
              \frac{m_t}{\sqrt{v_t}\,/\sqrt{1 - \beta_2^t} + \epsilon}

    where :math:`m_t, v_t` are Adam's moments of the gradient :math:`g_t` alone.

    Parameters
    ----------
    lr : float or callable, default 1e-3
        Learning rate :math:`\eta > 0`, or a schedule ``t -> lr`` (see
        :class:`~lossedu.optim.SGD`); the decay uses the same :math:`\eta_t`.
    betas : tuple of two floats, default (0.9, 0.999)
        Decay rates :math:`(\beta_1, \beta_2)`, each in [0, 1).
    eps : float, default 1e-8
        :math:`\epsilon > 0`, keeps the denominator away from zero.
    weight_decay : float, default 0.01
        :math:`\lambda \ge 0`; with 0, AdamW is :class:`~lossedu.optim.Adam` step for step.

    Notes
    -----
    The same rule and defaults as ``torch.optim.AdamW(params, lr, betas, eps,
    weight_decay)`` without AMSGrad. Adding an L2 penalty :math:`\tfrac{\lambda}{2}\lVert
    w\rVert^2` to the loss puts :math:`\lambda w` into :math:`g_t`, where Adam divides it by
    :math:`\sqrt{v_t}`: weights with large gradients are then barely regularised.
    Decoupling applies the same relative shrinkage :math:`\eta_t \lambda` to every weight,
    as weight decay does under SGD (Loshchilov & Hutter 2019).

    References
    ----------
    Loshchilov, I., & Hutter, F. (2019). Decoupled weight decay regularization. *ICLR*.
    Kingma, D. P., & Ba, J. (2015). Adam: A method for stochastic optimization. *ICLR*.
    PyTorch documentation, ``torch.optim.AdamW``.

    Examples
    --------
    >>> opt = AdamW(lr=0.1, weight_decay=0.5)
    >>> opt
    AdamW(lr=0.1, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.5)
    >>> opt.step([2.0], [3.0])  # 2 * (1 - 0.1 * 0.5) - 0.1 * sign(3), up to eps
    array([1.8])
    """

    def __init__(
        self,
        lr: float | Callable[[int], float] = 1e-3,
        *,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.01,
    ) -> None:
        self.weight_decay = check_nonnegative(weight_decay, "weight_decay")
        super().__init__(lr, betas=betas, eps=eps)

    def __repr__(self) -> str:
        return (
            f"AdamW(lr={self.lr!r}, betas={self.betas!r}, eps={self.eps!r}, "
            f"weight_decay={self.weight_decay!r})"
        )

    def _update(self, w: np.ndarray, g: np.ndarray, lr: float) -> np.ndarray:
        # the decay term lr * wd * w is added to Adam's step, never to g: that is the decoupling
        return lr * self.weight_decay * w + super()._update(w, g, lr)


class RMSprop(Optimizer):
    r"""RMSprop: divide each step by a running root mean square of the gradient.

    .. math::

        v_t = \alpha v_{t-1} + (1 - \alpha)\, g_t^2, \quad v_0 = 0, \qquad
        w_t = w_{t-1} - \eta\, \frac{g_t}{\sqrt{v_t} + \epsilon}

    Parameters
    ----------
    lr : float or callable, default 1e-2
        Learning rate :math:`\eta > 0`, or a schedule ``t -> lr`` (see
        :class:`~lossedu.optim.SGD`).
    alpha : float, default 0.99
        Decay rate :math:`\alpha \in [0, 1)` of the running mean of :math:`g^2`.
    eps : float, default 1e-8
        :math:`\epsilon > 0`, keeps the denominator away from zero.

    Notes
    -----
    The same rule and defaults as ``torch.optim.RMSprop(params, lr, alpha, eps)`` with
    ``centered=False``, ``momentum=0`` and no weight decay. There is no bias correction, so
    the first step is :math:`\eta g / (\sqrt{1-\alpha}\,|g| + \epsilon)`, ten times
    :math:`\eta` for :math:`\alpha = 0.99`.

    References
    ----------
    Tieleman, T., & Hinton, G. (2012). Lecture 6.5, rmsprop: divide the gradient by a
    running average of its recent magnitude. *COURSERA: Neural Networks for Machine
    Learning*.

    Examples
    --------
    >>> opt = RMSprop(lr=0.01, alpha=0.99)
    >>> opt
    RMSprop(lr=0.01, alpha=0.99, eps=1e-08)
    >>> opt.step([1.0], [4.0])  # 1 - 0.01 * 4 / (0.1 * 4)
    array([0.9])
    """

    def __init__(
        self, lr: float | Callable[[int], float] = 1e-2, *, alpha: float = 0.99, eps: float = 1e-8
    ) -> None:
        self.lr = check_lr(lr)
        self.alpha = check_rate(alpha, "alpha")
        self.eps = check_positive(eps, "eps")
        super().__init__()

    def __repr__(self) -> str:
        return f"RMSprop(lr={self.lr!r}, alpha={self.alpha!r}, eps={self.eps!r})"

    def _init_state(self) -> None:
        self._v: np.ndarray | float | None = 0.0
        self._root: np.ndarray | None = None  # sqrt(v) once g * g overflowed

    def _update(self, w: np.ndarray, g: np.ndarray, lr: float) -> np.ndarray:
        alpha = self.alpha
        self._v, self._root, rms = mean_square_root(self._v, self._root, g, alpha, 1.0 - alpha)
        return lr * (g / (rms + self.eps))


class Adagrad(Optimizer):
    r"""Adagrad: divide each step by the root of the sum of all past squared gradients.

    .. math::

        s_t = s_{t-1} + g_t^2, \quad s_0 = 0, \qquad
        w_t = w_{t-1} - \eta\, \frac{g_t}{\sqrt{s_t} + \epsilon}

    Parameters
    ----------
    lr : float or callable, default 1e-2
        Learning rate :math:`\eta > 0`, or a schedule ``t -> lr`` (see
        :class:`~lossedu.optim.SGD`).
    eps : float, default 1e-10
        :math:`\epsilon > 0`, keeps the denominator away from zero.

    Notes
    -----
    The same rule and defaults as ``torch.optim.Adagrad(params, lr, eps=eps)`` with
    ``lr_decay=0``, ``initial_accumulator_value=0`` and no weight decay. Steps shrink like
    :math:`1/\sqrt{t}` under a constant gradient, so Adagrad slows down on long runs.

    References
    ----------
    Duchi, J., Hazan, E., & Singer, Y. (2011). Adaptive subgradient methods for online
    learning and stochastic optimization. *Journal of Machine Learning Research*, 12,
    2121-2159.

    Examples
    --------
    >>> opt = Adagrad(lr=0.5)
    >>> opt
    Adagrad(lr=0.5, eps=1e-10)
    >>> w = opt.step([1.0], [2.0])  # 1 - 0.5 * 2 / 2
    >>> opt.step(w, [2.0])  # 0.5 - 0.5 * 2 / sqrt(8)
    array([0.14644661])
    """

    def __init__(self, lr: float | Callable[[int], float] = 1e-2, *, eps: float = 1e-10) -> None:
        self.lr = check_lr(lr)
        self.eps = check_positive(eps, "eps")
        super().__init__()

    def __repr__(self) -> str:
        return f"Adagrad(lr={self.lr!r}, eps={self.eps!r})"

    def _init_state(self) -> None:
        self._s: np.ndarray | float | None = 0.0
        self._root: np.ndarray | None = None  # sqrt(s) once g * g overflowed

    def _update(self, w: np.ndarray, g: np.ndarray, lr: float) -> np.ndarray:
        self._s, self._root, root = mean_square_root(self._s, self._root, g, 1.0, 1.0)
        if not np.all(np.isfinite(root)):
            raise ValueError(
                "the root of Adagrad's sum of squared gradients overflowed float64 (the "
                "gradients are near 1e308). Rescale the loss, or clip the gradient first, "
                "e.g. np.clip(g, -c, c)."
            )
        return lr * (g / (root + self.eps))
