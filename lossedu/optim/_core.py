"""The bookkeeping every optimiser of :mod:`lossedu.optim` shares.

:class:`Optimizer` checks ``w`` and ``g``, holds the shape the state belongs to, counts the
steps, resolves a learning-rate schedule into the rate of the current step, refuses an update
that overflows (leaving the state as it was) and resets. A rule only writes ``_init_state``
and ``_update``. :func:`mean_square_root` keeps the running mean of :math:`g^2` of the
adaptive rules finite for huge gradients.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    check_in_interval,
    check_positive,
    check_same_shape,
    refuse_masked,
)


def as_gradient(g) -> np.ndarray:
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


def mean_square_root(v, root, g: np.ndarray, decay: float, weight: float) -> tuple:
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


def check_rate(value, name: str) -> float:
    return check_in_interval(
        value, name, 0.0, 1.0, high_open=True, hint=" Typical values are 0.9 to 0.999."
    )


def check_lr(lr):
    """``lr`` as a float > 0, or the schedule itself if it is a callable ``t -> lr``."""
    if callable(lr) and not isinstance(lr, numbers.Number):
        return lr
    return check_positive(lr, "lr")


def scheduled_lr(schedule, t: int) -> float:
    """The value ``schedule(t)``, checked: a finite float >= 0 (0 ends a decay to zero)."""
    value = schedule(t)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"lr is a schedule, and lr({t}) (the rate of step t = {t}) returned "
            f"{type(value).__name__} {value!r}; a schedule must return a number, e.g. "
            "lossedu.optim.step_schedule(0.1, 10)."
        )
    value = float(value)
    if not math.isfinite(value) or value < 0.0:
        raise ValueError(
            f"lr is a schedule, and lr({t}) (the rate of step t = {t}) returned {value!r}; "
            "a learning rate must be a finite number >= 0. Check the schedule's formula at "
            "that step; the optimiser's state is left as it was before this step."
        )
    return value


class Optimizer:
    r"""The base class of the optimisers: input checks, the state's shape, the rate, reset.

    Every optimiser here takes steps of the form

    .. math::

        w_{t+1} = w_t - \eta_t \, u_t(g_0, \dots, g_t),

    where :math:`\eta_t` is the learning rate of step t (a number or a schedule's value)
    and :math:`u_t` the rule's direction (the gradient, a momentum buffer, a rescaled
    moment). A subclass stores its hyperparameters, calls ``super().__init__()``, and writes
    ``_init_state()`` (create its buffers) and ``_update(w, g, lr)`` (return the new weights
    from float64 arrays, updating its buffers). :meth:`step` validates ``w`` and ``g``, reads
    the rate of this step, refuses a step whose new weights would not be finite, and leaves
    the state as it was when it refuses.

    References
    ----------
    PyTorch contributors (2024). *torch.optim: the Optimizer base class*. PyTorch
    documentation.

    Examples
    --------
    Plain gradient descent, the smallest subclass:

    >>> class GradientDescent(Optimizer):
    ...     def __init__(self, lr):
    ...         self.lr = lr
    ...         super().__init__()
    ...     def _init_state(self):
    ...         pass
    ...     def _update(self, w, g, lr):
    ...         return w - lr * g
    >>> GradientDescent(0.5).step([1.0, 2.0], [2.0, 2.0])
    array([0., 1.])
    """

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
        g = as_gradient(g)
        check_same_shape(w, g, "w", "g")
        lr = self._current_lr()  # before any state changes: a bad schedule value changes none
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
                new_w = np.asarray(w - self._update(w, g, lr))
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

    def _current_lr(self) -> float:
        """The rate of the coming step: ``lr``, or ``lr(t)`` with t the number of earlier steps."""
        if callable(self.lr):
            return scheduled_lr(self.lr, self._t)
        return self.lr

    def _init_state(self) -> None:
        raise NotImplementedError

    def _update(self, w: np.ndarray, g: np.ndarray, lr: float) -> np.ndarray:
        """The displacement subtracted from w at rate ``lr``; may update the state, never
        modifies w or g."""
        raise NotImplementedError
