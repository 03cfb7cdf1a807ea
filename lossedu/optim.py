"""Gradient-descent optimisers with PyTorch's update rules, in NumPy.

An optimiser is built once with its hyperparameters and then called as
``w = opt.step(w, g)``: it returns new weights and never modifies ``w`` or ``g``. Its
state (momentum buffer, moment estimates, step count) lives between calls and belongs to
one weight array; ``reset()`` forgets it. Each rule matches ``torch.optim`` with the
options named in its docstring, step for step.

Once a gradient's square overflows float64 (:math:`|g| > 10^{154}`), Adam, RMSprop and
Adagrad keep the square root of their running mean of :math:`g^2` instead, updated with
``np.hypot``, so a huge finite gradient does not freeze them for good (before that, their
steps equal torch.optim's bit for bit). A step whose new weights would not be finite
raises ValueError (lower ``lr`` or clip the gradient) and leaves the state as it was.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    check_in_interval,
    check_positive,
    check_same_shape,
    refuse_masked,
)

__all__ = [
    "SGD",
    "Adagrad",
    "Adam",
    "RMSprop",
]


def _as_gradient(g) -> np.ndarray:
    """The gradient as float64, with a message about divergence when it is not finite."""
    refuse_masked(g, "g")
    if g is not None:
        try:
            raw = np.asarray(g, dtype=np.float64)
        except (TypeError, ValueError):
            raw = None  # not numbers at all: as_float_array below says what arrived
        if raw is not None and not np.all(np.isfinite(raw)):
            where = tuple(int(i) for i in np.argwhere(~np.isfinite(raw))[0]) if raw.ndim else ()
            raise ValueError(
                f"g, the gradient, contains NaN or infinite values (first at index {where}). "
                "The loss has probably diverged: lower lr, or check the gradient function "
                "with lossedu.gradcheck.check_grad."
            )
    return as_float_array(g, "g")


def _mean_square_root(v, root, g: np.ndarray, decay: float, weight: float) -> tuple:
    """Update the running ``decay * v + weight * g^2`` and return ``(v, root, sqrt(v))``.

    While no square overflows, ``v`` is kept as torch.optim keeps it (bit for bit the same
    steps) and ``root`` is None. Once ``g * g`` would overflow float64 (|g| > 1.3e154), the
    state turns for good into ``root = sqrt(v)``, updated by ``np.hypot``, which never
    squares: otherwise v = inf would make every later step 0.
    """
    if root is None:
        with np.errstate(over="ignore"):
            new_v = decay * v + weight * (g * g)
        if np.all(np.isfinite(new_v)):
            new_root = np.sqrt(new_v)
            return new_v, None, new_root
        root = np.sqrt(v)
    root = np.hypot(math.sqrt(decay) * root, math.sqrt(weight) * g)
    return None, root, root


def _check_rate(value, name: str) -> float:
    return check_in_interval(
        value, name, 0.0, 1.0, high_open=True, hint=" Typical values are 0.9 to 0.999."
    )


class _Optimizer:
    """Shared bookkeeping: input checks, the shape the state belongs to, reset."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget the state (buffers and step count), as if the optimiser were new."""
        self._shape: tuple[int, ...] | None = None
        self._t = 0
        self._init_state()

    def step(self, w: npt.ArrayLike, g: npt.ArrayLike) -> np.ndarray:
        """Return the weights after one update from gradient ``g``; ``w`` and ``g`` stay as is.

        Parameters
        ----------
        w : array-like, any shape
            The current weights.
        g : array-like, shape of ``w``
            The gradient of the loss at ``w``.

        Returns
        -------
        ndarray, shape of ``w``
            New weights (a new array).
        """
        w = as_float_array(w, "w")
        g = _as_gradient(g)
        check_same_shape(w, g, "w", "g")
        if self._shape is None:
            self._shape = w.shape
        elif w.shape != self._shape:
            raise ValueError(
                f"w has shape {w.shape}, but this {type(self).__name__} holds state for weights "
                f"of shape {self._shape}. Call .reset() to start over with new weights, or use "
                "one optimiser per weight array."
            )
        saved = dict(vars(self))  # the state arrays are replaced, never written in place
        try:
            self._t += 1
            with np.errstate(over="ignore", invalid="ignore"):  # overflow is refused below
                new_w = np.asarray(w - self._update(g))
            if not np.all(np.isfinite(new_w)):
                where = np.argwhere(~np.isfinite(new_w))[0] if new_w.ndim else ()
                raise ValueError(
                    f"the update overflowed float64: the new weight at index "
                    f"{tuple(int(i) for i in where)} is not finite (w or g is near 1e308). "
                    "lower lr, or clip the gradient first, e.g. np.clip(g, -c, c); the "
                    "optimiser's state is left as it was before this step."
                )
        except (ValueError, FloatingPointError):
            vars(self).clear()
            vars(self).update(saved)
            raise
        return new_w

    def _init_state(self) -> None:
        raise NotImplementedError

    def _update(self, g: np.ndarray) -> np.ndarray:
        """The displacement subtracted from w; may update the state, never modifies g."""
        raise NotImplementedError


class SGD(_Optimizer):
    r"""Stochastic gradient descent, with optional (heavy-ball) momentum.

    .. math::

        b_1 = g_1, \qquad b_t = \mu\, b_{t-1} + g_t, \qquad w_t = w_{t-1} - \eta\, b_t

    With :math:`\mu = 0` this is plain gradient descent, :math:`w_t = w_{t-1} - \eta g_t`.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta > 0`.
    momentum : float, default 0.0
        Momentum :math:`\mu \in [0, 1)`.

    Notes
    -----
    The same rule as ``torch.optim.SGD(params, lr, momentum)`` with ``dampening=0``,
    ``nesterov=False`` and no weight decay: the first step copies the gradient into the
    buffer. With a constant learning rate it is Polyak's heavy ball,
    :math:`w_{t+1} = w_t - \eta g_t + \mu (w_t - w_{t-1})`; Sutskever et al. (2013) use
    the equivalent form :math:`v_t = \mu v_{t-1} - \eta g_t`.

    References
    ----------
    Polyak, B. T. (1964). Some methods of speeding up the convergence of iteration methods.
    *USSR Computational Mathematics and Mathematical Physics*, 4(5), 1-17.
    Sutskever, I., Martens, J., Dahl, G., & Hinton, G. (2013). On the importance of
    initialization and momentum in deep learning. *ICML*.

    Examples
    --------
    On :math:`f(w) = w^2/2`, whose gradient is :math:`w`:

    >>> opt = SGD(0.1, momentum=0.9)
    >>> opt
    SGD(lr=0.1, momentum=0.9)
    >>> w = [1.0]
    >>> for _ in range(3):
    ...     w = opt.step(w, w)
    >>> w  # buffers 1, 1.8, 2.34 give 0.9, 0.72, 0.486
    array([0.486])
    """

    def __init__(self, lr: float, *, momentum: float = 0.0) -> None:
        self.lr = check_positive(lr, "lr")
        self.momentum = check_in_interval(
            momentum,
            "momentum",
            0.0,
            1.0,
            high_open=True,
            hint=" Typical values are 0.9 or 0.99; 0 turns momentum off.",
        )
        super().__init__()

    def __repr__(self) -> str:
        return f"SGD(lr={self.lr!r}, momentum={self.momentum!r})"

    def _init_state(self) -> None:
        self._buf: np.ndarray | None = None

    def _update(self, g: np.ndarray) -> np.ndarray:
        if self.momentum == 0.0:
            return self.lr * g
        if self._buf is None:
            self._buf = g.copy()  # a copy: the buffer must not alias the caller's g
        else:
            self._buf = self.momentum * self._buf + g
        return self.lr * self._buf


class Adam(_Optimizer):
    r"""Adam: steps scaled by running estimates of the gradient's first two moments.

    .. math::

        m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \qquad m_0 = v_0 = 0 \\
        w_t &= w_{t-1} - \frac{\eta}{1 - \beta_1^t}\,
               \frac{m_t}{\sqrt{v_t}\,/\sqrt{1 - \beta_2^t} + \epsilon}

    Parameters
    ----------
    lr : float, default 1e-3
        Learning rate :math:`\eta > 0`.
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
        self, lr: float = 1e-3, *, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8
    ) -> None:
        self.lr = check_positive(lr, "lr")
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise TypeError(
                f"betas must be a tuple of two numbers (beta1, beta2), got {betas!r}. "
                "The default is betas=(0.9, 0.999)."
            )
        self.betas = (_check_rate(betas[0], "betas[0]"), _check_rate(betas[1], "betas[1]"))
        self.eps = check_positive(eps, "eps")
        super().__init__()

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr!r}, betas={self.betas!r}, eps={self.eps!r})"

    def _init_state(self) -> None:
        self._m: np.ndarray | float = 0.0
        self._v: np.ndarray | float | None = 0.0
        self._root: np.ndarray | None = None  # sqrt(v) once g * g overflowed

    def _update(self, g: np.ndarray) -> np.ndarray:
        beta1, beta2 = self.betas
        self._m = beta1 * self._m + (1.0 - beta1) * g
        self._v, self._root, rms = _mean_square_root(self._v, self._root, g, beta2, 1.0 - beta2)
        step_size = self.lr / (1.0 - beta1**self._t)
        denom = rms / math.sqrt(1.0 - beta2**self._t) + self.eps
        return step_size * (self._m / denom)


class RMSprop(_Optimizer):
    r"""RMSprop: divide each step by a running root mean square of the gradient.

    .. math::

        v_t = \alpha v_{t-1} + (1 - \alpha)\, g_t^2, \quad v_0 = 0, \qquad
        w_t = w_{t-1} - \eta\, \frac{g_t}{\sqrt{v_t} + \epsilon}

    Parameters
    ----------
    lr : float, default 1e-2
        Learning rate :math:`\eta > 0`.
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

    def __init__(self, lr: float = 1e-2, *, alpha: float = 0.99, eps: float = 1e-8) -> None:
        self.lr = check_positive(lr, "lr")
        self.alpha = _check_rate(alpha, "alpha")
        self.eps = check_positive(eps, "eps")
        super().__init__()

    def __repr__(self) -> str:
        return f"RMSprop(lr={self.lr!r}, alpha={self.alpha!r}, eps={self.eps!r})"

    def _init_state(self) -> None:
        self._v: np.ndarray | float | None = 0.0
        self._root: np.ndarray | None = None  # sqrt(v) once g * g overflowed

    def _update(self, g: np.ndarray) -> np.ndarray:
        alpha = self.alpha
        self._v, self._root, rms = _mean_square_root(self._v, self._root, g, alpha, 1.0 - alpha)
        return self.lr * (g / (rms + self.eps))


class Adagrad(_Optimizer):
    r"""Adagrad: divide each step by the root of the sum of all past squared gradients.

    .. math::

        s_t = s_{t-1} + g_t^2, \quad s_0 = 0, \qquad
        w_t = w_{t-1} - \eta\, \frac{g_t}{\sqrt{s_t} + \epsilon}

    Parameters
    ----------
    lr : float, default 1e-2
        Learning rate :math:`\eta > 0`.
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

    def __init__(self, lr: float = 1e-2, *, eps: float = 1e-10) -> None:
        self.lr = check_positive(lr, "lr")
        self.eps = check_positive(eps, "eps")
        super().__init__()

    def __repr__(self) -> str:
        return f"Adagrad(lr={self.lr!r}, eps={self.eps!r})"

    def _init_state(self) -> None:
        self._s: np.ndarray | float | None = 0.0
        self._root: np.ndarray | None = None  # sqrt(s) once g * g overflowed

    def _update(self, g: np.ndarray) -> np.ndarray:
        self._s, self._root, root = _mean_square_root(self._s, self._root, g, 1.0, 1.0)
        if not np.all(np.isfinite(root)):
            raise ValueError(
                "the root of Adagrad's sum of squared gradients overflowed float64 (the "
                "gradients are near 1e308). Rescale the loss, or clip the gradient first, "
                "e.g. np.clip(g, -c, c)."
            )
        return self.lr * (g / (root + self.eps))
