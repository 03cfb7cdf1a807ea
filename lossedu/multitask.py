"""Several tasks, one model: weighted and uncertainty-weighted multi-task losses.

A multi-task model predicts T targets at once, ``y`` of shape (n, T), from shared
parameters. Its training loss combines the tasks' losses ``L_t`` into one number, a fixed
weighted sum ``sum_t w_t L_t`` or the learned weighting of Kendall, Gal & Cipolla (2018).
The module has the losses, a small model with a shared trunk (:class:`SharedLinear`), the
exact optimum of its weighted loss (which traces the trade-off front between tasks), a
training loop that learns the uncertainty weights, and per-task gradient norms, the
quantity GradNorm balances (Chen et al. 2018).

Throughout, the loss of task t is its mean squared error over the n rows,
``L_t = (1/n) sum_i (y_pred[i, t] - y_true[i, t])**2``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    as_rng,
    check_int,
    check_reduction,
    check_same_shape,
)
from lossedu.models import Model

__all__ = [
    "SharedLinear",
    "UncertaintyHistory",
    "fit_uncertainty",
    "optimal_log_sigma",
    "task_gradient_norms",
    "task_mse",
    "trade_off_front",
    "uncertainty_loss",
    "uncertainty_loss_grad",
    "uncertainty_optimum",
    "uncertainty_weights",
    "weighted_mse",
    "weighted_mse_grad",
    "weighted_optimum",
]


def _targets(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    t = as_float_array(y_true, "y_true")
    p = as_float_array(y_pred, "y_pred")
    check_same_shape(t, p, "y_true", "y_pred")
    if t.ndim != 2:
        raise ValueError(
            f"y_true and y_pred must have shape (n, n_tasks), one column per task; got "
            f"{t.shape}. For a single task reshape with y.reshape(-1, 1)."
        )
    return t, p


def _task_vector(values, name: str, n_tasks: int, *, positive: bool = False) -> np.ndarray:
    v = as_float_array(values, name)
    if v.ndim != 1 or v.size != n_tasks:
        raise ValueError(
            f"{name} must hold one value per task, shape ({n_tasks},); got shape {v.shape}."
        )
    if positive and np.any(v <= 0.0):
        raise ValueError(f"{name} must be > 0 for every task, got {v.tolist()}.")
    return v


def _weights(weights, n_tasks: int) -> np.ndarray:
    w = _task_vector(weights, "weights", n_tasks)
    if np.any(w < 0.0):
        raise ValueError(f"weights must be >= 0 (one per task), got {w.tolist()}.")
    return w


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
    t, p = _targets(y_true, y_pred)
    return np.mean((p - t) ** 2, axis=0)


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
    t, p = _targets(y_true, y_pred)
    w = _weights(weights, t.shape[1])
    values = w * (p - t) ** 2
    if reduction == "none":
        return values
    total = float(np.sum(values))
    return total / t.shape[0] if reduction == "mean" else total


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
    t, p = _targets(y_true, y_pred)
    w = _weights(weights, t.shape[1])
    grad = 2.0 * w * (p - t)
    return grad / t.shape[0] if reduction == "mean" else grad


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
    return 0.5 * np.exp(-2.0 * s)


def _losses_and_log_sigma(task_losses, log_sigma) -> tuple[np.ndarray, np.ndarray]:
    s = as_float_array(log_sigma, "log_sigma")
    if s.ndim != 1:
        raise ValueError(f"log_sigma must be 1-D, one value per task; got shape {s.shape}.")
    L = _task_vector(task_losses, "task_losses", s.size)
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
    return float(np.sum(0.5 * np.exp(-2.0 * s) * L + s))


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
    return 1.0 - np.exp(-2.0 * s) * L


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


class SharedLinear(Model):
    """A linear multi-task model: a shared trunk of ``rank`` features, one linear head per task.

    .. math::

        H = X W_1, \\qquad \\hat Y = H W_2 + b_2

    ``W1`` (n_features, rank) is shared by every task; column t of ``W2`` (rank, n_tasks)
    and ``b2[t]`` form task t's head. With ``rank`` smaller than both n_features and
    n_tasks the tasks compete for the shared features, so improving one can hurt another.
    It is a :mod:`lossedu.models` model (``params``, ``forward``, ``backward``,
    ``predict``, ``set_params``), so :func:`lossedu.training.fit` trains it.

    Parameters
    ----------
    n_features, n_tasks : int
    rank : int, default 1
        Width of the shared trunk.
    rng : int, Generator or None
        Draws the initial weights from N(0, 0.1^2); zero weights would be a saddle point
        where every gradient vanishes.

    Examples
    --------
    >>> model = SharedLinear(2, 3, rng=0)
    >>> model.forward(np.zeros((4, 2))).shape
    (4, 3)
    """

    def __init__(self, n_features: int, n_tasks: int, *, rank: int = 1, rng=None):
        self.n_features = check_int(n_features, "n_features")
        self.n_tasks = check_int(n_tasks, "n_tasks")
        self.rank = check_int(rank, "rank")
        rng = as_rng(rng)
        self.params = {
            "W1": rng.normal(0.0, 0.1, (self.n_features, self.rank)),
            "W2": rng.normal(0.0, 0.1, (self.rank, self.n_tasks)),
            "b2": np.zeros(self.n_tasks),
        }
        self.squeeze = False  # one column per task, even for a single task

    def __repr__(self) -> str:
        return (
            f"SharedLinear(n_features={self.n_features}, n_tasks={self.n_tasks}, rank={self.rank})"
        )

    def forward(self, X: npt.ArrayLike) -> np.ndarray:
        """The predictions of every task, shape (n, n_tasks)."""
        X = self.check_X(X)
        return X @ self.params["W1"] @ self.params["W2"] + self.params["b2"]

    predict = forward

    def backward(self, X: npt.ArrayLike, grad_out: npt.ArrayLike) -> dict[str, np.ndarray]:
        """Gradients with respect to W1, W2 and b2 given d(loss)/d(output), (n, n_tasks)."""
        X = self.check_X(X)
        G = self.check_grad_out(grad_out, X, self.n_tasks)
        H = X @ self.params["W1"]
        return {"W1": X.T @ (G @ self.params["W2"].T), "W2": H.T @ G, "b2": G.sum(axis=0)}


def _data(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    if X.ndim != 2 or y.ndim != 2 or X.shape[0] != y.shape[0]:
        raise ValueError(
            "X and y must have shapes (n, n_features) and (n, n_tasks) with the same n, got "
            f"{X.shape} and {y.shape}."
        )
    return X, y


def weighted_optimum(
    X: npt.ArrayLike, y: npt.ArrayLike, weights: npt.ArrayLike, *, rank: int = 1
) -> SharedLinear:
    r"""The :class:`SharedLinear` model that minimises ``weighted_mse`` exactly.

    With centred data :math:`X_c, Y_c` and an orthonormal basis :math:`Q` of the columns
    of :math:`X_c`, the shared features are :math:`H = Q C`, where :math:`C` holds the top
    ``rank`` eigenvectors of :math:`Q^\top Y_c \,\mathrm{diag}(w)\, Y_c^\top Q`; each head is
    the least-squares fit of its task on :math:`H`. This is reduced-rank regression with
    task weights (Izenman 1975); a linear network of this shape has no local minima other
    than the global one (Baldi & Hornik 1989), so gradient descent reaches the same loss.

    A task with weight 0 gets the least-squares head on the shared features chosen by the
    others (the limit of a small positive weight).

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> model = weighted_optimum(X, X * [2.0, 1.0], [1.0, 0.0])  # task 1 uses feature 1
    >>> np.round(task_mse(X * [2.0, 1.0], model.forward(X)), 6)
    array([0. , 0.5])
    """
    X, y = _data(X, y)
    w = _weights(weights, y.shape[1])
    rank = check_int(rank, "rank", high=min(X.shape[1], y.shape[1], X.shape[0] - 1))
    x_mean, y_mean = X.mean(axis=0), y.mean(axis=0)
    Q, R = np.linalg.qr(X - x_mean)
    if np.min(np.abs(np.diag(R))) < 1e-10 * max(1.0, np.max(np.abs(R))):
        raise ValueError("the columns of X are linearly dependent; drop or combine features.")
    Z = Q.T @ (y - y_mean)
    _, vectors = np.linalg.eigh((Z * w) @ Z.T)
    C = vectors[:, ::-1][:, :rank]
    # eigenvectors have an arbitrary sign: fix it so the result is reproducible
    C = C * np.where(C[np.argmax(np.abs(C), axis=0), np.arange(rank)] < 0, -1.0, 1.0)
    model = SharedLinear(X.shape[1], y.shape[1], rank=rank)
    W1 = np.linalg.solve(R, C)
    W2 = C.T @ Z
    model.params = {"W1": W1, "W2": W2, "b2": y_mean - x_mean @ W1 @ W2}
    return model


def trade_off_front(
    X: npt.ArrayLike, y: npt.ArrayLike, weights: npt.ArrayLike, *, rank: int = 1
) -> np.ndarray:
    """Each task's loss at the weighted optimum of every row of ``weights``.

    Parameters
    ----------
    X : array-like, shape (n, n_features)
    y : array-like, shape (n, n_tasks)
    weights : array-like, shape (k, n_tasks)
        k weightings to sweep, e.g. ``[(lam, 1 - lam) for lam in np.linspace(0, 1, 21)]``.

    Returns
    -------
    ndarray, shape (k, n_tasks)
        Row j is :func:`task_mse` of :func:`weighted_optimum` with ``weights[j]``: the
        points of the trade-off front between the tasks.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> np.round(trade_off_front(X, X, [[1.0, 0.0], [0.0, 1.0]]), 6)
    array([[0. , 0.5],
           [0.5, 0. ]])
    """
    X, y = _data(X, y)
    W = as_float_array(weights, "weights")
    if W.ndim != 2 or W.shape[1] != y.shape[1]:
        raise ValueError(
            f"weights must have shape (k, n_tasks) = (k, {y.shape[1]}), one row per "
            f"weighting; got {W.shape}."
        )
    return np.array([task_mse(y, weighted_optimum(X, y, w, rank=rank).forward(X)) for w in W])


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
    X, y = _data(X, y)
    max_iter = check_int(max_iter, "max_iter")
    s = (
        np.zeros(y.shape[1])
        if log_sigma is None
        else _task_vector(log_sigma, "log_sigma", y.shape[1])
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
    X, y = _data(X, y)
    epochs = check_int(epochs, "epochs")
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError("optimizer must be a lossedu.optim optimiser such as Adam(0.05).")
    if not isinstance(getattr(model, "params", None), Mapping):
        raise TypeError(f"model must be a lossedu model, got {type(model).__name__}.")
    n_tasks = y.shape[1]
    s = np.zeros(n_tasks) if log_sigma is None else _task_vector(log_sigma, "log_sigma", n_tasks)
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
    X, y = _data(X, y)
    w = np.ones(y.shape[1]) if weights is None else _weights(weights, y.shape[1])
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
