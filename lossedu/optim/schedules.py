"""Learning-rate schedules: the rate of step t as a function of t.

A schedule is a callable ``schedule(t) -> lr`` that takes the step index t = 0, 1, 2, ...
(the number of earlier steps) and returns the learning rate of that step. Every optimiser of
:mod:`lossedu.optim` accepts one as its ``lr``, e.g. ``SGD(step_schedule(0.1, 30))``, and
calls it once per step; ``reset()`` starts it again at t = 0. Any callable of that kind
works; the two here have PyTorch's semantics and a readable ``repr``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from lossedu._validation import check_in_interval, check_int, check_positive

__all__ = ["cosine_schedule", "step_schedule"]


class _Schedule:
    """A callable ``t -> lr`` that checks t and shows how it was made."""

    __slots__ = ("_rate", "_text")

    def __init__(self, rate: Callable[[int], float], text: str) -> None:
        self._rate, self._text = rate, text

    def __call__(self, t: int) -> float:
        return self._rate(check_int(t, "t", low=0))

    def __repr__(self) -> str:
        return self._text

    def __eq__(self, other) -> bool:
        return isinstance(other, _Schedule) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)


def step_schedule(lr: float, step_size: int, *, gamma: float = 0.1) -> Callable[[int], float]:
    r"""Multiply the learning rate by ``gamma`` every ``step_size`` steps.

    .. math::

        \eta_t = \eta \, \gamma^{\lfloor t / s \rfloor}, \qquad t = 0, 1, 2, \ldots

    Parameters
    ----------
    lr : float
        The initial learning rate :math:`\eta > 0`.
    step_size : int
        :math:`s \ge 1`, the number of steps between two decays.
    gamma : float, default 0.1
        The factor :math:`\gamma \in (0, 1]` of each decay.

    Returns
    -------
    callable
        ``schedule(t)``: the rate :math:`\eta_t` of step t (an integer >= 0), a float.

    Notes
    -----
    The same rates as ``torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma)``
    with ``scheduler.step()`` called after each ``optimizer.step()``. A steep, late decay
    is the classical recipe for removing the jitter that a constant rate leaves around a
    minimum of a noisy (stochastic or non-smooth) loss.

    References
    ----------
    PyTorch documentation, ``torch.optim.lr_scheduler.StepLR``.
    Goodfellow, I., Bengio, Y., & Courville, A. (2016). *Deep Learning*, section 8.3.1.
    MIT Press.

    Examples
    --------
    >>> schedule = step_schedule(0.1, 3, gamma=0.5)
    >>> schedule
    step_schedule(0.1, 3, gamma=0.5)
    >>> [schedule(t) for t in range(7)]
    [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]
    """
    lr = check_positive(lr, "lr")
    step_size = check_int(step_size, "step_size", low=1)
    gamma = check_in_interval(gamma, "gamma", 0.0, 1.0)
    if gamma == 0.0:
        raise ValueError(
            "gamma must lie in (0, 1], got 0.0: the rate would drop to 0 after the first "
            "step_size steps. Use e.g. gamma=0.1 (the default) or gamma=0.5."
        )
    return _Schedule(
        lambda t: lr * gamma ** (t // step_size),
        f"step_schedule({lr!r}, {step_size!r}, gamma={gamma!r})",
    )


def cosine_schedule(lr: float, total_steps: int, *, lr_min: float = 0.0) -> Callable[[int], float]:
    r"""Anneal the learning rate from ``lr`` to ``lr_min`` along half a cosine.

    .. math::

        \eta_t = \eta_{\min} + \tfrac12 (\eta - \eta_{\min})
                 \left(1 + \cos\frac{\pi t}{T}\right) \quad (0 \le t \le T), \qquad
        \eta_t = \eta_{\min} \quad (t > T)

    Parameters
    ----------
    lr : float
        The initial learning rate :math:`\eta > 0`.
    total_steps : int
        :math:`T \ge 1`, the step at which the rate reaches ``lr_min``.
    lr_min : float, default 0.0
        The final rate :math:`\eta_{\min} \in [0, \eta]`.

    Returns
    -------
    callable
        ``schedule(t)``: the rate :math:`\eta_t` of step t (an integer >= 0), a float.

    Notes
    -----
    For :math:`t \le T`, the same rates as ``torch.optim.lr_scheduler.CosineAnnealingLR(
    optimizer, T_max=total_steps, eta_min=lr_min)`` with ``scheduler.step()`` called after
    each ``optimizer.step()`` (PyTorch's recursive update equals this closed form up to
    rounding). After :math:`T` PyTorch's formula keeps following the cosine, so the rate
    climbs back to :math:`\eta` by :math:`2T`; here it stays at :math:`\eta_{\min}`, since a
    run longer than planned should not restart with a large rate (SGDR's warm restarts are
    a deliberate choice, not an accident of the step count). With ``lr_min=0`` the rate
    reaches 0 at :math:`t = T`, where a step leaves the weights unchanged.

    References
    ----------
    Loshchilov, I., & Hutter, F. (2017). SGDR: Stochastic gradient descent with warm
    restarts. *ICLR*.
    PyTorch documentation, ``torch.optim.lr_scheduler.CosineAnnealingLR``.

    Examples
    --------
    >>> schedule = cosine_schedule(0.1, 4, lr_min=0.02)
    >>> schedule
    cosine_schedule(0.1, 4, lr_min=0.02)
    >>> [round(schedule(t), 6) for t in range(6)]  # 0.02 + 0.04 (1 + cos(pi t / 4))
    [0.1, 0.088284, 0.06, 0.031716, 0.02, 0.02]
    """
    lr = check_positive(lr, "lr")
    total_steps = check_int(total_steps, "total_steps", low=1)
    lr_min = check_in_interval(
        lr_min, "lr_min", 0.0, lr, hint=" lr_min is the final rate, at most the initial lr."
    )

    def rate(t: int) -> float:
        if t >= total_steps:
            return lr_min  # hold the end of the decay instead of climbing back up
        return lr_min + (lr - lr_min) * (1.0 + math.cos(math.pi * t / total_steps)) / 2.0

    return _Schedule(rate, f"cosine_schedule({lr!r}, {total_steps!r}, lr_min={lr_min!r})")
