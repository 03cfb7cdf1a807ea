"""The shared-trunk model of multi-task learning, its exact weighted optimum and the trade-off
front that the weights trace between tasks.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu._validation import as_float_array, as_rng, check_int
from lossedu.models import Model
from lossedu.multitask._core import task_data, task_weights
from lossedu.multitask.losses import task_mse

__all__ = [
    "SharedLinear",
    "trade_off_front",
    "weighted_optimum",
]


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
    X, y = task_data(X, y)
    w = task_weights(weights, y.shape[1])
    if not np.any(w > 0.0):
        raise ValueError(
            f"weights must not all be 0 (got {w.tolist()}): with no task weighted every model "
            "is optimal. Give at least one task a positive weight, e.g. (0.5, 0.5)."
        )
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
    X, y = task_data(X, y)
    W = as_float_array(weights, "weights")
    if W.ndim != 2 or W.shape[1] != y.shape[1]:
        raise ValueError(
            f"weights must have shape (k, n_tasks) = (k, {y.shape[1]}), one row per "
            f"weighting; got {W.shape}."
        )
    for j, row in enumerate(W):
        if np.any(row < 0.0) or not np.any(row > 0.0):
            raise ValueError(
                f"weights row {j} is {row.tolist()}: each row needs weights >= 0, at least one "
                "of them positive (an all-zero row makes every model optimal). Drop that row "
                "or give a task a positive weight."
            )
    return np.array([task_mse(y, weighted_optimum(X, y, w, rank=rank).forward(X)) for w in W])
