"""Loss landscapes of two parameters, and a loop that records an optimiser's path over one.

Each landscape ``NAME(w, **options)`` sits beside ``NAME_grad(w, **options)``. ``w`` has
shape (2,) for one point, or (2, ...) for a grid of points (``w[0]`` holds the first
coordinates, ``w[1]`` the second), so the same function draws contours with
``plotting.plot_loss_landscape(f, vectorized=True)`` and feeds an optimiser. The default
options give the landscapes of ``widgets.optimizer_explorer``, except Rosenbrock, whose
default is the classic ``b=100`` (the explorer uses ``b=5``).

:func:`run` repeats ``w = optimizer.step(w, grad(w))`` and returns every point visited.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from lossedu._validation import as_float_array, check_int, check_nonnegative, check_positive

__all__ = [
    "double_well",
    "double_well_grad",
    "double_well_minima",
    "quadratic",
    "quadratic_grad",
    "rosenbrock",
    "rosenbrock_grad",
    "run",
]


def _point(w) -> np.ndarray:
    w = as_float_array(w, "w")
    if w.ndim == 0 or w.shape[0] != 2:
        raise ValueError(
            f"w must have shape (2,) for one point or (2, ...) for a grid, got {w.shape}. "
            "Stack grids with np.stack(np.meshgrid(xs, ys))."
        )
    return w


def _curvatures(curvatures) -> np.ndarray:
    c = as_float_array(curvatures, "curvatures").ravel()
    if c.size != 2 or np.any(c <= 0):
        raise ValueError(
            f"curvatures must be two numbers > 0 (the Hessian's eigenvalues), got {c.tolist()}."
        )
    return c.reshape((2,))


def quadratic(w: npt.ArrayLike, *, curvatures: tuple[float, float] = (0.2, 4.0)):
    r"""A quadratic bowl with its axes along the coordinates.

    .. math::

        f(w) = \tfrac12 \left( c_1 w_1^2 + c_2 w_2^2 \right)

    Parameters
    ----------
    w : array-like, shape (2,) or (2, ...)
    curvatures : (float, float), default (0.2, 4.0)
        :math:`c_1, c_2 > 0`, the eigenvalues of the Hessian. Their ratio, the condition
        number (20 by default), sets how elongated the bowl is; the larger one, :math:`L`,
        sets the largest stable learning rate of gradient descent, :math:`2/L`.

    Returns
    -------
    float for one point, else ndarray of shape ``w.shape[1:]``

    Examples
    --------
    >>> quadratic([1.0, 1.0])  # 0.5 * (0.2 + 4)
    2.1
    """
    w, c = _point(w), _curvatures(curvatures)
    value = 0.5 * (c[0] * w[0] ** 2 + c[1] * w[1] ** 2)
    return float(value) if w.ndim == 1 else value


def quadratic_grad(w: npt.ArrayLike, *, curvatures: tuple[float, float] = (0.2, 4.0)) -> np.ndarray:
    r"""Gradient of :func:`quadratic`: :math:`(c_1 w_1, c_2 w_2)`, in the shape of ``w``.

    Examples
    --------
    >>> quadratic_grad([1.0, 1.0])
    array([0.2, 4. ])
    """
    w, c = _point(w), _curvatures(curvatures)
    return np.stack([c[0] * w[0], c[1] * w[1]])


def rosenbrock(w: npt.ArrayLike, *, a: float = 1.0, b: float = 100.0):
    r"""Rosenbrock's curved valley, a classic test of optimisers (Rosenbrock 1960).

    .. math::

        f(w) = (a - w_1)^2 + b\,(w_2 - w_1^2)^2

    Its only minimum is :math:`f = 0` at :math:`(a, a^2)`, at the end of a narrow, curved,
    almost flat valley along :math:`w_2 = w_1^2`.

    Parameters
    ----------
    w : array-like, shape (2,) or (2, ...)
    a : float, default 1.0
    b : float, default 100.0
        Steepness of the valley walls (> 0); smaller values give a gentler valley.

    References
    ----------
    Rosenbrock, H. H. (1960). An automatic method for finding the greatest or least value
    of a function. *The Computer Journal*, 3(3), 175-184.

    Examples
    --------
    >>> rosenbrock([1.0, 1.0]), rosenbrock([0.0, 0.0])
    (0.0, 1.0)
    """
    w, b = _point(w), check_positive(b, "b")
    a = float(a)
    value = (a - w[0]) ** 2 + b * (w[1] - w[0] ** 2) ** 2
    return float(value) if w.ndim == 1 else value


def rosenbrock_grad(w: npt.ArrayLike, *, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    r"""Gradient of :func:`rosenbrock`.

    .. math::

        \nabla f = \big( -2(a - w_1) - 4 b\, w_1 (w_2 - w_1^2),\; 2 b\,(w_2 - w_1^2) \big)

    Examples
    --------
    >>> rosenbrock_grad([0.0, 0.0])
    array([-2.,  0.])
    """
    w, b = _point(w), check_positive(b, "b")
    a = float(a)
    valley = w[1] - w[0] ** 2
    return np.stack([-2.0 * (a - w[0]) - 4.0 * b * w[0] * valley, 2.0 * b * valley]) + 0.0


def double_well(w: npt.ArrayLike, *, tilt: float = 0.3):
    r"""A tilted double well: two minima, one lower than the other (non-convex).

    .. math::

        f(w) = (w_1^2 - 1)^2 + t\, w_1 + \tfrac12 w_2^2

    For a small tilt :math:`t > 0` the global minimum lies near :math:`w_1 = -1` and a
    local one near :math:`w_1 = +1`, separated by a ridge near :math:`w_1 = 0`; both have
    :math:`w_2 = 0`. Setting the gradient to zero gives :math:`4 w_1 (w_1^2 - 1) + t = 0`.

    Parameters
    ----------
    w : array-like, shape (2,) or (2, ...)
    tilt : float, default 0.3
        :math:`t \ge 0`; 0 makes the two minima equally deep.

    Examples
    --------
    >>> double_well([1.0, 0.0])  # 0 + 0.3 + 0
    0.3
    """
    w, t = _point(w), check_nonnegative(tilt, "tilt")
    value = (w[0] ** 2 - 1.0) ** 2 + t * w[0] + 0.5 * w[1] ** 2
    return float(value) if w.ndim == 1 else value


def double_well_grad(w: npt.ArrayLike, *, tilt: float = 0.3) -> np.ndarray:
    r"""Gradient of :func:`double_well`: :math:`(4 w_1 (w_1^2 - 1) + t,\; w_2)`.

    Examples
    --------
    >>> double_well_grad([1.0, 2.0])
    array([0.3, 2. ])
    """
    w, t = _point(w), check_nonnegative(tilt, "tilt")
    return np.stack([4.0 * w[0] * (w[0] ** 2 - 1.0) + t, w[1]]) + 0.0


def double_well_minima(*, tilt: float = 0.3) -> np.ndarray:
    r"""The minima of :func:`double_well`, the deepest first.

    They are the real roots of :math:`4 w_1^3 - 4 w_1 + t = 0` (the gradient is zero,
    with :math:`w_2 = 0`) where the curvature :math:`12 w_1^2 - 4` is positive.

    Parameters
    ----------
    tilt : float, default 0.3
        :math:`t \ge 0`, as in :func:`double_well`.

    Returns
    -------
    ndarray, shape (k, 2)
        One row :math:`(w_1, 0)` per minimum: two while :math:`t < 8 / (3 \sqrt 3)
        \approx 1.54`, one for a larger tilt, sorted by loss (then by :math:`w_1`).

    Examples
    --------
    >>> double_well_minima().round(4)  # the global minimum, then the local one
    array([[-1.0356,  0.    ],
           [ 0.9601,  0.    ]])
    """
    t = check_nonnegative(tilt, "tilt")
    roots = np.roots([4.0, 0.0, -4.0, t])
    # real roots may come back with an imaginary part of rounding size
    w1 = np.unique(roots[np.abs(roots.imag) <= 1e-9].real)
    w1 = w1[12.0 * w1**2 - 4.0 > 0.0]
    points = np.column_stack([w1, np.zeros_like(w1)])
    order = np.lexsort((w1, double_well(points.T)))
    return points[order]


def run(
    optimizer,
    grad: Callable[[np.ndarray], npt.ArrayLike],
    w0: npt.ArrayLike,
    *,
    steps: int,
    max_norm: float = 1e6,
) -> np.ndarray:
    """Run ``optimizer`` from ``w0`` for ``steps`` updates; return every point visited.

    Parameters
    ----------
    optimizer : lossedu.optim optimiser
        Used as is (not reset): pass a fresh one per run.
    grad : callable
        ``grad(w)`` returns the gradient of the loss at ``w``, in the shape of ``w``.
    w0 : array-like
        The starting point (not modified).
    steps : int
        Number of updates.
    max_norm : float, default 1e6
        A run whose weights grow beyond this norm has diverged: it stops there, and the
        returned path is shorter than ``steps + 1`` points.

    Returns
    -------
    ndarray, shape (k + 1, *w0.shape)
        ``path[0]`` is ``w0`` and ``path[t]`` the weights after ``t`` updates; ``k`` is
        ``steps`` unless the run diverged.

    Examples
    --------
    Gradient descent on :math:`f(w) = w^2/2`, whose gradient is :math:`w`, shrinks ``w`` by
    a factor ``1 - lr`` per step:

    >>> from lossedu.optim import SGD
    >>> run(SGD(0.5), lambda w: w, [1.0], steps=3).ravel()
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    if not callable(grad):
        raise TypeError(f"grad must be a function grad(w) -> gradient, got {grad!r}.")
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError(
            "optimizer must be a lossedu.optim optimiser such as SGD(0.1), got "
            f"{type(optimizer).__name__}."
        )
    w = as_float_array(w0, "w0").copy()
    steps = check_int(steps, "steps", low=0)
    max_norm = check_positive(max_norm, "max_norm")
    path = [w]
    for _ in range(steps):
        w = optimizer.step(w, grad(w))
        if not np.linalg.norm(w) <= max_norm:
            break
        path.append(w)
    return np.array(path)
