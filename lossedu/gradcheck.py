"""Check a hand-written gradient against central finite differences."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from lossedu._validation import as_float_array, check_positive, check_same_shape

__all__ = [
    "check_grad",
    "numerical_grad",
]


def _check_callable(f, name: str) -> None:
    if not callable(f):
        raise TypeError(
            f"{name} must be a function, got {type(f).__name__}. Pass the function itself, "
            f"e.g. {name}=my_loss, not my_loss(x)."
        )


def _scalar(value, x_at: np.ndarray) -> float:
    """The value of f as a finite Python float, or an error saying where it went wrong."""
    arr = np.asarray(value)
    if arr.size != 1:
        raise ValueError(
            f"f must return a scalar, got an array of shape {arr.shape}. Reduce it to one "
            "number, e.g. with reduction='mean' or .sum()."
        )
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool) or np.iscomplexobj(arr):
        raise TypeError(f"f must return a real number, got {type(value).__name__}.")
    out = float(arr.reshape(()))
    if not np.isfinite(out):
        raise ValueError(
            f"f returned {out} at x = {np.array2string(x_at, threshold=6)}; the numerical "
            "gradient needs finite values. Move x away from where f is undefined, or "
            "lower eps."
        )
    return out


def numerical_grad(f: Callable, x: npt.ArrayLike, *, eps: float = 1e-6) -> np.ndarray:
    r"""Gradient of a scalar function by central differences, one coordinate at a time.

    .. math::

        \frac{\partial f}{\partial x_i} \approx
        \frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2 \epsilon}

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a scalar for an array ``x`` of the shape given.
    x : array-like, any shape
        The point at which to differentiate.
    eps : float, default 1e-6
        Step :math:`\epsilon > 0`.

    Returns
    -------
    ndarray, shape of ``x``

    Notes
    -----
    The truncation error is :math:`O(\epsilon^2)` and the rounding error about
    :math:`\varepsilon_{\text{mach}} |f| / \epsilon`, so for float64 a step near
    :math:`10^{-6}` (about the cube root of machine epsilon, times the scale of ``x``)
    balances the two. ``f`` is called :math:`2 \cdot` ``x.size`` times, each time on a
    fresh copy, so ``x`` is never modified even if ``f`` writes to its argument. Near a kink
    (``abs`` at 0) the central difference averages the two one-sided slopes.

    References
    ----------
    Nocedal, J., & Wright, S. J. (2006). *Numerical Optimization*, 2nd ed., Springer,
    section 8.1 (finite-difference derivative approximations).

    Examples
    --------
    >>> numerical_grad(lambda x: (x**2).sum(), [1.0, -2.0])  # exact gradient: 2x
    array([ 2., -4.])
    """
    _check_callable(f, "f")
    eps = check_positive(eps, "eps")
    x = as_float_array(x, "x")
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        x_plus = x.copy()
        x_plus[i] += eps
        x_minus = x.copy()
        x_minus[i] -= eps
        grad[i] = (_scalar(f(x_plus.copy()), x_plus) - _scalar(f(x_minus.copy()), x_minus)) / (
            2.0 * eps
        )
    return grad


def check_grad(f: Callable, grad_f: Callable, x: npt.ArrayLike) -> float:
    r"""Relative error between an analytic gradient and the numerical one.

    .. math::

        \mathrm{err} = \frac{\lVert g - n \rVert}{\max(\lVert g \rVert + \lVert n \rVert,
        10^{-12})}

    where :math:`g` is ``grad_f(x)``, :math:`n` is ``numerical_grad(f, x)`` and
    :math:`\lVert\cdot\rVert` is the Euclidean norm over all entries.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a scalar.
    grad_f : callable
        ``grad_f(x)`` returns the gradient of ``f`` at ``x``, in the shape of ``x``.
    x : array-like, any shape
        The point at which to compare.

    Returns
    -------
    float
        In [0, 1]. About 1e-8 or less for a right gradient of a smooth function; a wrong
        one typically gives 1e-2 or more.

    Notes
    -----
    The error is relative, so it does not depend on the scale of ``f``, and the floor
    :math:`10^{-12}` keeps it finite (0.0) when both gradients are zero.

    References
    ----------
    Nocedal, J., & Wright, S. J. (2006). *Numerical Optimization*, 2nd ed., Springer,
    section 8.1.
    Karpathy, A. (2016). CS231n course notes: gradient checks.
    https://cs231n.github.io/neural-networks-3/#gradcheck

    Examples
    --------
    >>> f = lambda x: (x**3).sum()
    >>> check_grad(f, lambda x: 3 * x**2, [1.0, 2.0]) < 1e-8
    True
    >>> round(check_grad(f, lambda x: 2 * x**2, [1.0, 2.0]), 3)  # a planted mistake
    0.2
    """
    _check_callable(f, "f")
    _check_callable(grad_f, "grad_f")
    x = as_float_array(x, "x")
    numeric = numerical_grad(f, x)
    analytic = as_float_array(grad_f(x.copy()), "grad_f(x)")
    check_same_shape(analytic, x, "grad_f(x)", "x")
    denom = max(float(np.linalg.norm(analytic) + np.linalg.norm(numeric)), 1e-12)
    return float(np.linalg.norm(analytic - numeric)) / denom
