"""Stochastic gradient descent with momentum, Nesterov momentum and weight decay."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lossedu._validation import check_in_interval, check_nonnegative
from lossedu.optim._core import Optimizer, check_lr

__all__ = ["SGD"]


class SGD(Optimizer):
    r"""Stochastic gradient descent, with optional momentum (heavy-ball or Nesterov) and weight
    decay.

    .. math::

        d_t = g_t + \lambda w_{t-1}, \qquad
        b_1 = d_1, \quad b_t = \mu\, b_{t-1} + d_t, \qquad
        w_t = w_{t-1} - \eta_t \begin{cases} b_t & \text{(heavy ball)} \\
                                              d_t + \mu\, b_t & \text{(Nesterov)}
                                \end{cases}

    With :math:`\mu = 0` and :math:`\lambda = 0` this is plain gradient descent,
    :math:`w_t = w_{t-1} - \eta g_t`.

    Parameters
    ----------
    lr : float or callable
        Learning rate :math:`\eta > 0`, or a schedule: a callable that takes the step index
        t = 0, 1, 2, ... (the number of earlier steps) and returns :math:`\eta_t \ge 0`, such
        as :func:`~lossedu.optim.step_schedule` or :func:`~lossedu.optim.cosine_schedule`.
    momentum : float, default 0.0
        Momentum :math:`\mu \in [0, 1)`.
    weight_decay : float, default 0.0
        :math:`\lambda \ge 0`, adds :math:`\lambda w` to the gradient: the gradient of the L2
        penalty :math:`\tfrac{\lambda}{2} \lVert w \rVert^2`.
    nesterov : bool, default False
        Nesterov momentum (needs ``momentum > 0``): step along :math:`d_t + \mu b_t`, the
        gradient plus the momentum buffer's next contribution, instead of along :math:`b_t`.

    Notes
    -----
    The same rule as ``torch.optim.SGD(params, lr, momentum, weight_decay=weight_decay,
    nesterov=nesterov)`` with ``dampening=0``: the first step copies the (decayed) gradient
    into the buffer, and a schedule sets the rate of each step as
    ``torch.optim.lr_scheduler`` does when ``scheduler.step()`` follows ``optimizer.step()``.
    With a constant learning rate the heavy ball is Polyak's,
    :math:`w_{t+1} = w_t - \eta g_t + \mu (w_t - w_{t-1})`; Sutskever et al. (2013) use the
    equivalent form :math:`v_t = \mu v_{t-1} - \eta g_t` and give the Nesterov form that
    PyTorch rewrites as above. Under SGD, weight decay and an L2 penalty
    :math:`\tfrac{\lambda}{2}\lVert w\rVert^2` added to the loss are the same thing; under
    Adam they are not (see :class:`~lossedu.optim.AdamW`).

    References
    ----------
    Polyak, B. T. (1964). Some methods of speeding up the convergence of iteration methods.
    *USSR Computational Mathematics and Mathematical Physics*, 4(5), 1-17.
    Sutskever, I., Martens, J., Dahl, G., & Hinton, G. (2013). On the importance of
    initialization and momentum in deep learning. *ICML*.
    PyTorch documentation, ``torch.optim.SGD``.

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
    >>> SGD(0.1, momentum=0.9, nesterov=True).step([1.0], [1.0])  # 1 - 0.1 * (1 + 0.9 * 1)
    array([0.81])
    """

    def __init__(
        self,
        lr: float | Callable[[int], float],
        *,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        self.lr = check_lr(lr)
        self.momentum = check_in_interval(
            momentum,
            "momentum",
            0.0,
            1.0,
            high_open=True,
            hint=" Typical values are 0.9 or 0.99; 0 turns momentum off.",
        )
        self.weight_decay = check_nonnegative(weight_decay, "weight_decay")
        if not isinstance(nesterov, (bool, np.bool_)):
            raise TypeError(f"nesterov must be True or False, got {type(nesterov).__name__}.")
        if nesterov and self.momentum == 0.0:
            raise ValueError(
                "nesterov=True needs momentum > 0 (Nesterov momentum without momentum is "
                "plain SGD), got momentum=0.0. Pass e.g. momentum=0.9, or nesterov=False."
            )
        self.nesterov = bool(nesterov)
        super().__init__()

    def __repr__(self) -> str:
        extra = f", weight_decay={self.weight_decay!r}" if self.weight_decay else ""
        extra += ", nesterov=True" if self.nesterov else ""
        return f"SGD(lr={self.lr!r}, momentum={self.momentum!r}{extra})"

    def _init_state(self) -> None:
        self._buf: np.ndarray | None = None

    def _update(self, w: np.ndarray, g: np.ndarray, lr: float) -> np.ndarray:
        d = g + self.weight_decay * w if self.weight_decay else g
        if self.momentum == 0.0:
            return lr * d
        if self._buf is None:
            self._buf = d.copy()  # a copy: the buffer must not alias the caller's g
        else:
            self._buf = self.momentum * self._buf + d
        if self.nesterov:
            return lr * (d + self.momentum * self._buf)
        return lr * self._buf
