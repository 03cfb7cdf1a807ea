"""Balancing tasks during training: learned uncertainty weights and per-task gradient norms.

:func:`~lossedu.multitask.fit_uncertainty` learns the weights of Kendall, Gal & Cipolla (2018)
together with the model, :func:`~lossedu.multitask.uncertainty_optimum` gives their exact
optimum for comparison, and :func:`~lossedu.multitask.task_gradient_norms` measures the
quantity GradNorm balances (Chen et al. 2018).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lossedu._validation import check_int
from lossedu.multitask._core import task_data, task_vector, task_weights
from lossedu.multitask.losses import (
    optimal_log_sigma,
    task_mse,
    uncertainty_loss,
    uncertainty_loss_grad,
    uncertainty_weights,
    weighted_mse_grad,
)
from lossedu.multitask.model import SharedLinear, weighted_optimum

__all__ = [
    "UncertaintyHistory",
    "fit_uncertainty",
    "task_gradient_norms",
    "uncertainty_optimum",
]


def uncertainty_optimum(
    X: npt.ArrayLike, y: npt.ArrayLike, *, rank: int = 1, log_sigma=None, max_iter: int = 1000
) -> tuple[SharedLinear, np.ndarray]:
    """Minimise :func:`uncertainty_loss` of a :class:`SharedLinear` model by alternating
    exact steps: the model for fixed sigmas (:func:`weighted_optimum` with the weights
    :func:`uncertainty_weights`), then the sigmas for the fixed model
    (:func:`optimal_log_sigma`).

    Each step lowers the loss, so the iteration settles at a point where neither block
    can improve: a stationary point of the joint loss, the same one gradient descent on
    both blocks (:func:`fit_uncertainty`) converges to from the same start. The loss is not
    convex; with strongly conflicting tasks it can have more than one such point.

    Parameters
    ----------
    X, y : array-like, shapes (n, n_features) and (n, n_tasks)
    rank : int, default 1
    log_sigma : array-like, shape (n_tasks,), optional
        Starting values; zeros by default.
    max_iter : int, default 1000
        Stops earlier once no log sigma moves by more than 1e-12.

    Returns
    -------
    (SharedLinear, ndarray)
        The model and :math:`s = \\log \\sigma`; ``exp(2 s)`` equals the model's task losses.
    """
    X, y = task_data(X, y)
    max_iter = check_int(max_iter, "max_iter")
    s = (
        np.zeros(y.shape[1])
        if log_sigma is None
        else task_vector(log_sigma, "log_sigma", y.shape[1])
    )
    for _ in range(max_iter):
        model = weighted_optimum(X, y, uncertainty_weights(s), rank=rank)
        new = optimal_log_sigma(task_mse(y, model.forward(X)))
        done = np.max(np.abs(new - s)) <= 1e-12
        s = new
        if done:
            break
    return weighted_optimum(X, y, uncertainty_weights(s), rank=rank), s


@dataclass
class UncertaintyHistory:
    """What :func:`fit_uncertainty` recorded after each epoch.

    Attributes
    ----------
    task_losses : list of ndarray
        Each task's mean squared error on the training data, shape (n_tasks,) per epoch.
    log_sigma : list of ndarray
        The learned :math:`s_t = \\log \\sigma_t`, shape (n_tasks,) per epoch.
    loss : list of float
        :func:`uncertainty_loss` of the two.
    """

    task_losses: list = field(default_factory=list)
    log_sigma: list = field(default_factory=list)
    loss: list = field(default_factory=list)

    def __repr__(self) -> str:
        return f"UncertaintyHistory({len(self.loss)} epochs)"


def fit_uncertainty(
    model: SharedLinear,
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    optimizer,
    epochs: int,
    log_sigma: npt.ArrayLike | None = None,
) -> tuple[UncertaintyHistory, np.ndarray]:
    """Train a multi-task model and its task uncertainties jointly (Kendall et al. 2018).

    Each full-batch step computes the task losses :math:`L_t` (:func:`task_mse`), the
    loss :func:`uncertainty_loss` and its gradients: with respect to the model's output,
    :func:`weighted_mse_grad` with the weights :func:`uncertainty_weights`; with respect to
    :math:`s_t`, :func:`uncertainty_loss_grad`. The optimiser updates the model's
    parameters and :math:`s` as one vector. The model is updated in place.

    Parameters
    ----------
    model : SharedLinear (or any model with params, forward and backward, output (n, T))
    X, y : array-like, shapes (n, n_features) and (n, n_tasks)
    optimizer : lossedu.optim optimiser
    epochs : int
    log_sigma : array-like, shape (n_tasks,), optional
        Starting values of :math:`s`; zeros (every :math:`\\sigma_t = 1`) by default.

    Returns
    -------
    (UncertaintyHistory, ndarray)
        The history and the final :math:`s`, shape (n_tasks,).
    """
    X, y = task_data(X, y)
    epochs = check_int(epochs, "epochs")
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError("optimizer must be a lossedu.optim optimiser such as Adam(0.05).")
    if not isinstance(getattr(model, "params", None), Mapping):
        raise TypeError(f"model must be a lossedu model, got {type(model).__name__}.")
    n_tasks = y.shape[1]
    s = np.zeros(n_tasks) if log_sigma is None else task_vector(log_sigma, "log_sigma", n_tasks)
    names = list(model.params)
    sizes = [model.params[k].size for k in names]
    history = UncertaintyHistory()
    for _ in range(epochs):
        out = model.forward(X)
        L = task_mse(y, out)
        grads = model.backward(X, weighted_mse_grad(y, out, weights=uncertainty_weights(s)))
        flat = np.concatenate([np.ravel(model.params[k]) for k in names] + [s])
        g = np.concatenate([np.ravel(grads[k]) for k in names] + [uncertainty_loss_grad(L, s)])
        new = optimizer.step(flat, g)
        if not np.all(np.isfinite(new)):
            raise ValueError("training diverged (a parameter became NaN or infinite); lower lr.")
        parts = np.split(new, np.cumsum(sizes))
        model.params = {
            k: p.reshape(model.params[k].shape) for k, p in zip(names, parts[:-1], strict=True)
        }
        s = parts[-1].copy()
        L = task_mse(y, model.forward(X))
        history.task_losses.append(L)
        history.log_sigma.append(s.copy())
        history.loss.append(uncertainty_loss(L, s))
    return history, s


def task_gradient_norms(
    model,
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    weights: npt.ArrayLike | None = None,
    shared: tuple[str, ...] = ("W1",),
) -> np.ndarray:
    r"""The norm of each weighted task loss's gradient with respect to the shared weights.

    .. math::

        G_t = \lVert \nabla_{W_{\text{shared}}} \, w_t L_t \rVert_2

    GradNorm (Chen et al. 2018) adjusts the weights :math:`w_t` during training so that
    these norms stay comparable across tasks (scaled by how fast each task is learning);
    a task whose :math:`G_t` is far larger than the others' dominates the shared update.

    Parameters
    ----------
    model : a model with params, backward and forward giving (n, n_tasks)
    X, y : array-like, shapes (n, n_features) and (n, n_tasks)
    weights : array-like, shape (n_tasks,), optional
        All ones by default.
    shared : tuple of str
        The names of the shared parameters (``("W1",)`` for :class:`SharedLinear`).

    Returns
    -------
    ndarray, shape (n_tasks,)

    Examples
    --------
    >>> model = SharedLinear(1, 2, rng=0)
    >>> g = task_gradient_norms(model, [[1.0], [-1.0]], [[1.0, 10.0], [-1.0, -10.0]])
    >>> g.shape, bool(g[1] > g[0])
    ((2,), True)
    """
    X, y = task_data(X, y)
    w = np.ones(y.shape[1]) if weights is None else task_weights(weights, y.shape[1])
    for name in shared:
        if name not in model.params:
            raise ValueError(
                f"unknown shared parameter {name!r}; the model has {list(model.params)}."
            )
    out = model.forward(X)
    norms = []
    for t in range(y.shape[1]):
        one_task = np.zeros(y.shape[1])
        one_task[t] = w[t]
        grads = model.backward(X, weighted_mse_grad(y, out, weights=one_task))
        norms.append(np.sqrt(sum(np.sum(grads[name] ** 2) for name in shared)))
    return np.array(norms)
