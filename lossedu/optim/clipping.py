"""Gradient clipping: cap the size of a gradient before the optimiser's step.

A clipped gradient keeps its direction and has a norm of at most ``max_norm``, so one
step of any optimiser moves the weights by a bounded amount even where the loss has a
steep wall or a batch holds an outlier.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from lossedu._validation import as_float_array, check_finite, check_positive

__all__ = ["clip_grad_norm"]


def clip_grad_norm(g: npt.ArrayLike, max_norm: float) -> np.ndarray:
    r"""Rescale a gradient so that its Euclidean norm is at most ``max_norm``.

    .. math::

        \operatorname{clip}(g) = g \cdot \min\!\left(1, \frac{c}{\lVert g \rVert_2}\right)

    Parameters
    ----------
    g : array-like
        The gradient, any shape; its norm is taken over all entries.
    max_norm : float
        The cap :math:`c > 0`.

    Returns
    -------
    ndarray
        A new array of the shape of ``g``: ``g`` itself (copied) if its norm is at most
        ``max_norm``, else ``g`` scaled down to norm ``max_norm``, same direction.

    Notes
    -----
    The rule of ``torch.nn.utils.clip_grad_norm_(params, max_norm)`` applied to one array
    (which scales by ``max_norm / (norm + 1e-6)``; here the scale is exact). When the
    squares of the entries overflow (entries near 1e300), the norm is computed from the
    gradient divided by its largest entry.

    References
    ----------
    Pascanu, R., Mikolov, T., & Bengio, Y. (2013). On the difficulty of training recurrent
    neural networks. *ICML*.

    Examples
    --------
    >>> clip_grad_norm([3.0, 4.0], 1.0)  # norm 5, scaled to norm 1
    array([0.6, 0.8])
    >>> clip_grad_norm([0.3, 0.4], 1.0)  # norm 0.5, unchanged
    array([0.3, 0.4])
    """
    arr = as_float_array(g, "g", allow_empty=True)
    check_finite(arr, "g")
    max_norm = check_positive(max_norm, "max_norm")
    with np.errstate(over="ignore"):  # an overflowing square is handled just below
        norm = float(np.linalg.norm(arr.ravel()))
    if not math.isfinite(norm):  # the squares overflowed: rescale first
        scale = float(np.max(np.abs(arr)))
        norm = scale * float(np.linalg.norm((arr / scale).ravel()))
    if norm <= max_norm:
        return arr.copy()
    return arr * (max_norm / norm)
