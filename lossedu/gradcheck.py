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
            "pass a smaller eps."
        )
    return out


_ROUNDING = 3.0 * np.finfo(np.float64).eps  # rounding noise of a Richardson estimate, per |f| / h


def _difference(f, x: np.ndarray, i: tuple, h: float) -> tuple[float, float, float]:
    """Central difference of f along coordinate i: (slope, actual step, largest |f|)."""
    x_plus = x.copy()
    x_plus[i] += h
    x_minus = x.copy()
    x_minus[i] -= h
    # the step actually taken, (x + h) - (x - h), not 2h: x + h is rounded to float64
    width = float(x_plus[i] - x_minus[i])
    f_plus = _scalar(f(x_plus.copy()), x_plus)
    f_minus = _scalar(f(x_minus.copy()), x_minus)
    return (f_plus - f_minus) / width, width, max(abs(f_plus), abs(f_minus))


def _richardson(f, x: np.ndarray, i: tuple, h: float) -> tuple[float, float]:
    """Extrapolated slope from steps h and h/2, and an estimate of its error."""
    wide, width, f_max = _difference(f, x, i, h)
    narrow, narrow_width, f_max_narrow = _difference(f, x, i, h / 2.0)
    # the error of a central difference is c w^2 + O(w^4): two widths cancel the w^2 term
    # (for widths in ratio 2 this is (4 D(h/2) - D(h)) / 3, Richardson extrapolation)
    slope = narrow + (narrow - wide) / ((width / narrow_width) ** 2 - 1.0)
    error = abs(narrow - wide) + _ROUNDING * max(f_max, f_max_narrow) / narrow_width
    return slope, error


_SMALLEST_SCALED = 1e-280  # 1e-6 |x| stays a normal float64 well above 2.2e-308


def _default_steps(value: float) -> list[float]:
    """Candidate steps for one coordinate: 1e-6 max(1, |x_i|), then 1e-6 |x_i| if smaller."""
    scale = abs(value)
    steps = [1e-6 * max(1.0, scale)]
    # near the subnormal range x +- h and f(x +- h) lose their significant bits, so the
    # rounding estimate below no longer holds: there, the first step alone is used
    if scale >= _SMALLEST_SCALED:
        # at least 64 float64 spacings, so that x +- h/2 are distinct numbers around x_i
        small = max(1e-6 * min(1.0, scale), 64.0 * float(np.spacing(scale)))
        if small < 0.5 * steps[0]:
            steps.append(small)
    return steps


def _best_slope(f, x: np.ndarray, i: tuple) -> float:
    """The slope of the candidate step whose estimated error, relative to it, is smallest."""
    best = None
    first_error = None
    for h in _default_steps(float(x[i])):
        try:
            slope, error = _richardson(f, x, i, h)
        except (ValueError, ArithmeticError) as exc:  # e.g. f undefined at x - h (log, sqrt)
            first_error = first_error or exc
            continue
        key = (error / abs(slope) if slope != 0.0 else np.inf, error)
        if best is None or key < best[1]:
            best = (slope, key)
    if best is None:
        raise first_error
    return best[0]


def numerical_grad(f: Callable, x: npt.ArrayLike, *, eps: float | None = None) -> np.ndarray:
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
    eps : float, optional
        An absolute step :math:`\epsilon > 0` for every coordinate (plain central
        differences). By default (None) the step is scaled to each coordinate (see Notes).

    Returns
    -------
    ndarray, shape of ``x``

    Notes
    -----
    A central difference errs by :math:`\epsilon^2 f'''/6` (truncation) plus about
    :math:`\varepsilon_{\text{mach}} |f| / \epsilon` (rounding). No single step suits every
    function, so by default each coordinate tries up to two steps: :math:`10^{-6}
    \max(1, |x_i|)`, which keeps the rounding error small where :math:`f` is large or has
    an offset, and :math:`10^{-6} |x_i|` (at least 64 float64 spacings) when that is
    smaller, which is needed where :math:`f` changes on the scale of a tiny :math:`x_i`
    (:math:`x^3` or :math:`\log x` at :math:`10^{-9}`). Each step :math:`h` is refined by
    Richardson extrapolation, :math:`(4 D(h/2) - D(h)) / 3`, which cancels the :math:`h^2`
    term (exact for cubics), and the step whose estimated error is smaller relative to its
    slope wins; a step where ``f`` fails (raises ValueError or returns NaN) is skipped if
    the other works. The width divided by is the one actually taken in float64,
    :math:`(x + h) - (x - h)`. ``f`` is called 4 or 8 times per coordinate (twice with an
    explicit ``eps``), each time on a fresh copy, so ``x`` is never modified even if ``f``
    writes to its argument. Near a kink (``abs`` at 0) the central difference averages the
    two one-sided slopes.

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
    x = as_float_array(x, "x")
    grad = np.empty_like(x)
    if eps is None:
        for i in np.ndindex(x.shape):
            grad[i] = _best_slope(f, x, i)
        return grad
    eps = check_positive(eps, "eps")
    for i in np.ndindex(x.shape):
        if x[i] + eps == x[i] or x[i] - eps == x[i]:
            index = i[0] if len(i) == 1 else i
            raise ValueError(
                f"eps={eps:g} is too small for x[{index}] = {x[i]:g}: x + eps rounds to x in "
                "float64, so the difference would be 0. Use eps=None (a step scaled to each "
                "coordinate) or an eps of at least 1e-15 * |x|."
            )
        grad[i] = _difference(f, x, i, eps)[0]
    return grad


def check_grad(
    f: Callable, grad_f: Callable, x: npt.ArrayLike, *, eps: float | None = None
) -> float:
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
    eps : float, optional
        Passed to :func:`numerical_grad`: an absolute step, or None for steps scaled to
        each coordinate.

    Returns
    -------
    float
        In [0, 1]. About 1e-8 or less for a right gradient of a smooth function; a wrong
        one typically gives 1e-2 or more.

    Notes
    -----
    The error is relative, so it does not depend on the scale of ``f``, and the floor
    :math:`10^{-12}` keeps it finite (0.0) when both gradients are zero. Both gradients are
    divided by their largest entry before the norms are taken, so gradients near
    :math:`10^{200}` do not overflow.

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
    numeric = numerical_grad(f, x, eps=eps)
    analytic = as_float_array(grad_f(x.copy()), "grad_f(x)")
    check_same_shape(analytic, x, "grad_f(x)", "x")
    # divide by the largest entry first, so that norms of gradients near 1e200 do not overflow
    scale = max(float(np.max(np.abs(analytic))), float(np.max(np.abs(numeric))))
    if scale == 0.0:
        return 0.0
    a, n = analytic / scale, numeric / scale
    denom = max(float(np.linalg.norm(a) + np.linalg.norm(n)), 1e-12 / scale)
    return float(np.linalg.norm(a - n)) / denom
