"""Multi-task losses: per-task MSE, a fixed weighted sum, and learned uncertainty weights.

The loss of task t is its mean squared error over the n rows,
``L_t = (1/n) sum_i (y_pred[i, t] - y_true[i, t])**2``; :func:`~lossedu.multitask.weighted_mse`
combines the tasks with fixed weights, :func:`~lossedu.multitask.uncertainty_loss` with the
learned weights of Kendall, Gal & Cipolla (2018).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    Unrepresentable,
    as_float_array,
    check_reduction,
    check_representable,
)
from lossedu.multitask._core import targets, task_vector, task_weights

__all__ = [
    "optimal_log_sigma",
    "task_mse",
    "uncertainty_loss",
    "uncertainty_loss_grad",
    "uncertainty_weights",
    "weighted_mse",
    "weighted_mse_grad",
]


_MSE_FIX = (
    "Rescale y_true and y_pred (e.g. divide both by their largest magnitude) so that the "
    "squared errors stay below 1e308."
)


def task_mse(y_true: npt.ArrayLike, y_pred: npt.ArrayLike) -> np.ndarray:
    r"""The mean squared error of each task (column).

    .. math::

        L_t = \frac{1}{n} \sum_{i=1}^{n} (\hat y_{it} - y_{it})^2

    Parameters
    ----------
    y_true, y_pred : array-like, shape (n, n_tasks)

    Returns
    -------
    ndarray, shape (n_tasks,)

    Examples
    --------
    >>> task_mse([[0.0, 0.0], [0.0, 0.0]], [[1.0, 2.0], [1.0, 0.0]])
    array([1., 2.])
    """
    t, p = targets(y_true, y_pred)
    with np.errstate(over="ignore"):
        r = p - t
        out = np.mean(r**2, axis=0)
    if not np.isfinite(out).all():  # a square or the column sum overflowed: rescale per task
        r = check_representable(r, "y_pred - y_true", _MSE_FIX)
        top = np.max(np.abs(r), axis=0)
        top[top == 0.0] = 1.0
        with np.errstate(over="ignore"):
            out = np.mean((r / top) ** 2, axis=0) * top * top
        check_representable(out, "task_mse", _MSE_FIX)
    return out


def weighted_mse(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, *, weights: npt.ArrayLike, reduction="mean"
):
    r"""Weighted sum of the tasks' mean squared errors.

    .. math::

        L = \sum_{t=1}^{T} w_t L_t
          = \sum_{t=1}^{T} \frac{w_t}{n} \sum_{i=1}^{n} (\hat y_{it} - y_{it})^2

    Parameters
    ----------
    y_true, y_pred : array-like, shape (n, n_tasks)
    weights : array-like, shape (n_tasks,)
        One weight >= 0 per task.
    reduction : {"mean", "sum", "none"}
        ``"none"``: the weighted squared errors ``w_t * (y_pred - y_true)**2``, shape
        (n, n_tasks). ``"sum"``: their sum. ``"mean"``: their sum divided by the number of
        **rows** n (not by n * n_tasks), which is the weighted sum of the per-task means
        above; the form :func:`lossedu.training.fit` trains with.

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> weighted_mse([[0.0, 0.0]], [[1.0, 2.0]], weights=[1.0, 0.5])
    3.0
    """
    reduction = check_reduction(reduction)
    t, p = targets(y_true, y_pred)
    w = task_weights(weights, t.shape[1])
    with np.errstate(over="ignore"):
        values = w * (p - t) ** 2
    values = check_representable(values, "weighted_mse", _MSE_FIX)
    if reduction == "none":
        return values
    with np.errstate(over="ignore"):
        total = float(np.sum(values))
    if np.isfinite(total):
        return total / t.shape[0] if reduction == "mean" else total
    if reduction == "mean":  # the sum overflowed; the mean over rows may not
        top = float(np.max(values))
        total = float(np.sum(values / top)) / t.shape[0] * top
        if np.isfinite(total):
            return total
    raise Unrepresentable(f"weighted_mse is beyond float64 (it exceeds 1.8e308). {_MSE_FIX}")


def weighted_mse_grad(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, *, weights: npt.ArrayLike, reduction="mean"
) -> np.ndarray:
    r"""Gradient of :func:`weighted_mse` with respect to ``y_pred``, shape (n, n_tasks).

    .. math::

        \frac{\partial L}{\partial \hat y_{it}} = \frac{2 w_t}{n} (\hat y_{it} - y_{it})

    for ``"mean"``; without the 1/n for ``"sum"`` and ``"none"`` (the gradient of the sum).

    Examples
    --------
    >>> weighted_mse_grad([[0.0, 0.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 1.0]], weights=[1, 3])
    array([[1., 3.],
           [1., 3.]])
    """
    reduction = check_reduction(reduction)
    t, p = targets(y_true, y_pred)
    w = task_weights(weights, t.shape[1])
    with np.errstate(over="ignore"):
        grad = 2.0 * w * (p - t)
        grad = grad / t.shape[0] if reduction == "mean" else grad
    return check_representable(grad, "weighted_mse_grad", _MSE_FIX)


def uncertainty_weights(log_sigma: npt.ArrayLike) -> np.ndarray:
    r"""The weight :math:`1 / (2 \sigma_t^2) = \tfrac12 e^{-2 s_t}` of each task, from
    :math:`s_t = \log \sigma_t`.

    Examples
    --------
    >>> uncertainty_weights([0.0, np.log(2.0)])
    array([0.5  , 0.125])
    """
    s = as_float_array(log_sigma, "log_sigma")
    if s.ndim != 1:
        raise ValueError(f"log_sigma must be 1-D, one value per task; got shape {s.shape}.")
    with np.errstate(over="ignore"):
        weights = 0.5 * np.exp(-2.0 * s)
    return check_representable(weights, "uncertainty_weights", _SIGMA_FIX)


_SIGMA_FIX = (
    "log_sigma is so negative that exp(-2 log_sigma) times the task loss exceeds float64; "
    "start log_sigma nearer 0 (sigma near 1) or rescale the task losses."
)


def _scaled_losses(L: np.ndarray, s: np.ndarray) -> np.ndarray:
    """exp(-2 s) * L without a spurious overflow: exp(-2 s) may exceed float64 while the
    product does not (L = 1e-300, s = -400), and 0 * inf must be 0, not NaN."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.exp(-2.0 * s) * L
    if np.isfinite(out).all():
        return out
    with np.errstate(over="ignore", divide="ignore"):
        return np.where(L > 0.0, np.exp(np.log(np.where(L > 0.0, L, 1.0)) - 2.0 * s), 0.0)


def _losses_and_log_sigma(task_losses, log_sigma) -> tuple[np.ndarray, np.ndarray]:
    s = as_float_array(log_sigma, "log_sigma")
    if s.ndim != 1:
        raise ValueError(f"log_sigma must be 1-D, one value per task; got shape {s.shape}.")
    L = task_vector(task_losses, "task_losses", s.size)
    if np.any(L < 0.0):
        raise ValueError(f"task_losses must be >= 0 (losses), got {L.tolist()}.")
    return L, s


def uncertainty_loss(task_losses: npt.ArrayLike, log_sigma: npt.ArrayLike) -> float:
    r"""Kendall, Gal & Cipolla's (2018) uncertainty-weighted sum of task losses.

    .. math::

        \mathcal{L}(s) = \sum_{t=1}^{T} \frac{1}{2\sigma_t^2} L_t + \log \sigma_t,
        \qquad s_t = \log \sigma_t

    Each task's loss is divided by twice its noise variance :math:`\sigma_t^2`, which is
    learned; the :math:`\log \sigma_t` term stops every :math:`\sigma_t` from growing
    without bound. For a squared error it is the negative log-likelihood of Gaussian noise
    with standard deviation :math:`\sigma_t`, up to a constant (Kendall et al. 2018, eq. 5
    to 7). For fixed losses the minimum is at :math:`\sigma_t^2 = L_t`
    (:func:`optimal_log_sigma`).

    Parameters
    ----------
    task_losses : array-like, shape (n_tasks,)
        The tasks' losses :math:`L_t \ge 0`.
    log_sigma : array-like, shape (n_tasks,)
        :math:`s_t = \log \sigma_t`. Learning the logarithm keeps :math:`\sigma_t > 0`
        without a constraint, and :math:`e^{-2 s_t}` never divides by zero.

    Returns
    -------
    float

    References
    ----------
    Kendall, A., Gal, Y. & Cipolla, R. (2018). Multi-task learning using uncertainty to
    weigh losses for scene geometry and semantics. CVPR, 7482-7491.

    Examples
    --------
    >>> uncertainty_loss([2.0, 0.5], [0.0, 0.0])  # sigma = 1: half the plain sum
    1.25
    """
    L, s = _losses_and_log_sigma(task_losses, log_sigma)
    terms = check_representable(0.5 * _scaled_losses(L, s) + s, "uncertainty_loss", _SIGMA_FIX)
    with np.errstate(over="ignore"):
        total = float(np.sum(terms))
    return float(check_representable(np.asarray(total), "uncertainty_loss", _SIGMA_FIX))


def uncertainty_loss_grad(task_losses: npt.ArrayLike, log_sigma: npt.ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`uncertainty_loss` with respect to ``log_sigma``.

    .. math::

        \frac{\partial \mathcal{L}}{\partial s_t} = 1 - e^{-2 s_t} L_t

    (The gradient with respect to :math:`L_t` is the weight :func:`uncertainty_weights`.)

    Examples
    --------
    >>> uncertainty_loss_grad([1.0, 4.0], [0.0, 0.0])
    array([ 0., -3.])
    """
    L, s = _losses_and_log_sigma(task_losses, log_sigma)
    return check_representable(1.0 - _scaled_losses(L, s), "uncertainty_loss_grad", _SIGMA_FIX)


def optimal_log_sigma(task_losses: npt.ArrayLike) -> np.ndarray:
    r"""The :math:`s_t = \log \sigma_t` that minimise :func:`uncertainty_loss` for fixed losses.

    Setting the gradient :math:`1 - e^{-2 s_t} L_t` to zero gives :math:`\sigma_t^2 = L_t`,
    :math:`s_t = \tfrac12 \log L_t`: the learned variance is the task's own loss, and its
    weight :math:`1/(2 L_t)` makes every weighted term equal to 1/2. The minimum exists
    only for :math:`L_t > 0` (a perfect fit would drive :math:`\sigma_t` to 0).

    Examples
    --------
    >>> np.exp(2 * optimal_log_sigma([4.0, 0.25]))
    array([4.  , 0.25])
    """
    L = as_float_array(task_losses, "task_losses")
    if L.ndim != 1:
        raise ValueError(f"task_losses must be 1-D, one loss per task; got shape {L.shape}.")
    if np.any(L <= 0.0):
        raise ValueError(
            f"task_losses must be > 0: the optimum sigma^2 = L is 0 for a perfect fit, where "
            f"log sigma has no minimum; got {L.tolist()}."
        )
    return 0.5 * np.log(L)
