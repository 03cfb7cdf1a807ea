"""The training loop: :func:`train_step`, :func:`fit` and the :class:`History` it records.

Training is forward -> loss -> backward -> update: :func:`train_step` does it once and returns
every intermediate number, :func:`fit` repeats it over epochs and mini-batches and records a
:class:`History`. Any object with ``params``, ``forward``, ``backward`` and ``predict`` (the
interface of :class:`lossedu.models.Model`) can be trained. :mod:`lossedu.models` re-exports
the three names, so ``models.fit`` works as well.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lossedu import losses, optim, regularization
from lossedu._validation import Unrepresentable, as_float_array, as_rng, check_int

__all__ = ["FIT_LOSSES", "METRICS", "PENALTIES", "History", "fit", "train_step"]

#: The loss names :func:`fit` accepts: the losses of :mod:`lossedu.losses` whose second
#: argument is a model's raw output (values, logits or scores), not a probability.
FIT_LOSSES = (
    "mse",
    "mae",
    "huber",
    "log_cosh",
    "quantile",
    "poisson_nll",
    "binary_cross_entropy_with_logits",
    "categorical_cross_entropy_with_logits",
    "hinge",
    "focal",
    "barron",
)
#: The penalty kinds of :func:`fit`'s ``penalty``, from :mod:`lossedu.regularization`.
PENALTIES = ("l1", "l2", "elastic_net")
#: The metric names of :func:`fit`'s ``metrics``, from :mod:`lossedu.metrics`. The
#: precision, recall and f1 also take an ``average`` as a suffix, as in scikit-learn's
#: scoring names: ``"f1_macro"``, ``"precision_micro"``, ``"recall_weighted"``.
METRICS = ("accuracy", "precision", "recall", "f1")

_AVERAGED = ("precision", "recall", "f1")
_AVERAGES = ("macro", "micro", "weighted")

#: The losses whose outputs are logits of class 1: fit's metrics label them by the sign.
_LOGIT_LOSSES = ("binary_cross_entropy_with_logits", "focal")


@dataclass
class History:
    """What :func:`fit` recorded, one entry per epoch.

    Attributes
    ----------
    train_loss, val_loss : list of float
        The mean loss over the whole training (validation) set after each epoch, without
        the penalty. ``val_loss`` is empty without validation data.
    metrics : dict of str to list of float
        Each requested metric on the training set (``"accuracy"``) and, with validation
        data, on the validation set (``"val_accuracy"``).
    params : list of dict
        With ``track_params=True``: copies of the parameters before training
        (``params[0]``) and after each epoch, so ``len(params) == epochs + 1``.
    """

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    metrics: dict[str, list[float]] = field(default_factory=dict)
    params: list[dict[str, np.ndarray]] = field(default_factory=list)

    @property
    def epochs(self) -> int:
        return len(self.train_loss)

    def __repr__(self) -> str:
        parts = [f"epochs={self.epochs}"]
        if self.train_loss:
            parts.append(f"final train_loss={self.train_loss[-1]:.6g}")
        if self.val_loss:
            parts.append(f"final val_loss={self.val_loss[-1]:.6g}")
        if self.metrics:
            parts.append(f"metrics={sorted(self.metrics)}")
        if self.params:
            parts.append(f"{len(self.params)} parameter snapshots")
        return f"History({', '.join(parts)})"


def _resolve_loss(loss, loss_options) -> tuple[Callable, Callable]:
    """The loss and its gradient as functions of (y_true, output), reduction="mean"."""
    if isinstance(loss, str):
        if loss in ("binary_cross_entropy", "categorical_cross_entropy"):
            raise ValueError(
                f"loss={loss!r} takes probabilities, but the models output logits; use "
                f"loss={loss + '_with_logits'!r}, which applies the sigmoid or softmax stably."
            )
        if loss not in FIT_LOSSES:
            raise ValueError(
                f"loss must be one of {', '.join(FIT_LOSSES)}, or a (loss, grad) pair; "
                f"got {loss!r}."
            )
        loss_fn, grad_fn = getattr(losses, loss), getattr(losses, f"{loss}_grad")
    elif isinstance(loss, tuple) and len(loss) == 2 and all(callable(f) for f in loss):
        loss_fn, grad_fn = loss
    else:
        raise TypeError(
            "loss must be a lossedu loss name such as 'mse', or a pair (loss_fn, grad_fn) "
            f"with lossedu's signature; got {type(loss).__name__}."
        )
    if loss_options is None:
        loss_options = {}
    if not isinstance(loss_options, Mapping):
        raise TypeError(
            f"loss_options must be a dict such as {{'delta': 1.0}}, got {loss_options!r}."
        )
    if "reduction" in loss_options:
        raise ValueError("loss_options must not set reduction: training always uses 'mean'.")
    return (
        functools.partial(loss_fn, reduction="mean", **loss_options),
        functools.partial(grad_fn, reduction="mean", **loss_options),
    )


def _resolve_penalty(penalty) -> tuple[Callable, Callable] | None:
    """The penalty and its gradient as functions of one weight array, or None."""
    if penalty is None:
        return None
    if not isinstance(penalty, tuple) or len(penalty) not in (2, 3):
        raise TypeError(
            "penalty must be None, (kind, lam) or ('elastic_net', lam, l1_ratio), e.g. "
            f"('l2', 0.01); got {penalty!r}."
        )
    kind, lam, *rest = penalty
    if kind not in PENALTIES:
        raise ValueError(f"penalty kind must be one of {', '.join(PENALTIES)}; got {kind!r}.")
    if rest and kind != "elastic_net":
        raise ValueError(f"only 'elastic_net' takes a third entry (l1_ratio); got {penalty!r}.")
    options = {"l1_ratio": rest[0]} if rest else {}
    value, grad = (
        getattr(regularization, f"{kind}_penalty"),
        getattr(regularization, f"{kind}_penalty_grad"),
    )
    value(np.zeros(1), lam, **options)  # validates lam and l1_ratio now, not mid-training
    return functools.partial(value, lam=lam, **options), functools.partial(grad, lam=lam, **options)


def _diverged(cause: Exception | None = None) -> ValueError:
    # The loss's own advice (a larger scale, rescaled data) is about fixed inputs; here the
    # outputs grew because the steps were too long, so only the cause's kind is named.
    detail = " (the loss or its gradient exceeded float64)" if cause is not None else ""
    return ValueError(
        "training diverged: the model's output or the loss became infinite or NaN. Lower "
        f"the learning rate (lr) of the optimiser, or scale the inputs.{detail}"
    )


def _forward(model, X: np.ndarray) -> np.ndarray:
    """The output, or a clear error when training has diverged to inf or NaN."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.asarray(model.forward(X), dtype=np.float64)
    if not np.all(np.isfinite(out)):
        raise _diverged()
    return out


def _loss(loss_fn, y, output) -> float:
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            value = float(loss_fn(y, output))
    except Unrepresentable as error:  # the loss of these outputs exceeds float64
        raise _diverged(error) from error
    if not np.isfinite(value):
        raise _diverged()
    return value


def _flatten(params: Mapping[str, np.ndarray]) -> np.ndarray:
    return np.concatenate([np.ravel(p) for p in params.values()])


def _unflatten(vector: np.ndarray, like: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    out, start = {}, 0
    for name, p in like.items():
        out[name] = vector[start : start + p.size].reshape(p.shape).copy()
        start += p.size
    return out


def _copy(params: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {name: np.array(p, dtype=np.float64) for name, p in params.items()}


def _step(model, X, y, loss_fn, grad_fn, optimizer, penalty) -> dict:
    before = _copy(model.params)
    output = _forward(model, X)
    loss_value = _loss(loss_fn, y, output)
    penalty_value = 0.0
    # Overflow is caught below as divergence, with a message that says what to change.
    with np.errstate(over="ignore", invalid="ignore"):
        try:
            grad_output = np.asarray(grad_fn(y, output), dtype=np.float64)
        except Unrepresentable as error:
            raise _diverged(error) from error
        backward = model.backward(X, grad_output)
        grads = {name: np.asarray(g, dtype=np.float64) for name, g in backward.items()}
        if penalty is not None:
            value, grad = penalty
            for name in model.weight_names:
                penalty_value += value(model.params[name])
                grads[name] = grads[name] + grad(model.params[name])
        flat_grad = _flatten({name: grads[name] for name in model.params})
        if not (np.all(np.isfinite(flat_grad)) and np.isfinite(penalty_value)):
            raise _diverged()
        # lossedu's optimisers refuse a non-finite update and keep their state; any other
        # optimiser gets its state put back here when its update is rejected.
        saved = None if isinstance(optimizer, optim.Optimizer) else _snapshot(optimizer)
        new = np.asarray(optimizer.step(_flatten(model.params), flat_grad), dtype=np.float64)
        if not np.all(np.isfinite(new)):
            if saved is not None:
                vars(optimizer).clear()
                vars(optimizer).update(saved)
            raise _diverged()
    model.params = _unflatten(new, model.params)
    return {
        "params": before,
        "output": output,
        "loss": loss_value,
        "penalty": float(penalty_value),
        "grad_output": grad_output,
        "grads": grads,
        "new_params": _copy(model.params),
    }


def _snapshot(optimizer) -> dict | None:
    """A deep copy of an optimiser's attributes (its state), or None if it has none."""
    return copy.deepcopy(vars(optimizer)) if hasattr(optimizer, "__dict__") else None


def _check_model_and_optimizer(model, optimizer) -> None:
    for attribute in ("params", "forward", "backward"):
        if not hasattr(model, attribute):
            raise TypeError(
                f"model must be a lossedu model (with {attribute}); got {type(model).__name__}."
            )
    if isinstance(optimizer, type):
        raise TypeError(
            f"optimizer must be an optimiser object, got the class {optimizer.__name__} "
            f"itself; create one with its learning rate, e.g. optimizer=optim."
            f"{optimizer.__name__}(lr=0.1)."
        )
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError(
            "optimizer must be a lossedu.optim optimiser such as SGD(lr=0.1), got "
            f"{type(optimizer).__name__}."
        )


def _check_data(model, X, y, name_X: str, name_y: str) -> tuple[np.ndarray, np.ndarray]:
    X = as_float_array(X, name_X)
    width = getattr(model, "n_features", None)
    if isinstance(width, int) and (X.ndim != 2 or X.shape[1] != width):
        fix = f" Reshape it with {name_X}.reshape(-1, 1)." if X.ndim == 1 else ""
        raise ValueError(
            f"{name_X} must have shape (n, {width}) for this model (n_features={width}), got "
            f"{X.shape}.{fix}"
        )
    y = np.asarray(y)
    if y.dtype.kind in "biufc":
        as_float_array(y, name_y)  # NaN, inf and masks named as name_y
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"{name_X} and {name_y} must have the same number of rows, got shapes {X.shape} "
            f"and {y.shape}."
        )
    return X, y


def train_step(
    model,
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    loss: str | tuple[Callable, Callable],
    optimizer,
    penalty: tuple | None = None,
    loss_options: Mapping | None = None,
) -> dict:
    """One cycle forward -> loss -> backward -> update on (X, y); every number is returned.

    The model's parameters are updated in place (``model.params`` gets new arrays).

    Parameters
    ----------
    model, X, y, loss, optimizer, penalty, loss_options
        As in :func:`fit`.

    Returns
    -------
    dict
        ``"params"`` (before the update), ``"output"`` (forward(X)), ``"loss"`` (the mean
        loss, a float), ``"penalty"`` (its value before the update, 0.0 without one),
        ``"grad_output"`` (d loss / d output), ``"grads"`` (d (loss + penalty) / d each
        parameter) and ``"new_params"`` (after the update); arrays are copies.

    Examples
    --------
    >>> from lossedu.models import LinearRegression
    >>> from lossedu.optim import SGD
    >>> model = LinearRegression(1)
    >>> step = train_step(model, [[1.0], [2.0]], [2.0, 4.0], loss="mse", optimizer=SGD(0.1))
    >>> step["loss"], step["grads"]["W"].ravel(), step["new_params"]["W"].ravel()
    (10.0, array([-10.]), array([1.]))
    """
    _check_model_and_optimizer(model, optimizer)
    loss_fn, grad_fn = _resolve_loss(loss, loss_options)
    X, y = _check_data(model, X, y, "X", "y")
    return _step(model, X, y, loss_fn, grad_fn, optimizer, _resolve_penalty(penalty))


def _metric_functions(metrics) -> dict[str, Callable]:
    if metrics is None:
        return {}
    if isinstance(metrics, Mapping):
        if not all(isinstance(k, str) and callable(f) for k, f in metrics.items()):
            raise TypeError("metrics as a dict must map names to functions f(y_true, y_pred).")
        return dict(metrics)
    if isinstance(metrics, str) or not isinstance(metrics, Sequence):
        raise TypeError(
            f"metrics must be a list of names such as ['accuracy'] or a dict; got {metrics!r}."
        )
    from lossedu import metrics as metrics_module

    out = {}
    for name in metrics:
        base, _, average = name.partition("_") if isinstance(name, str) else (name, "", "")
        if name in METRICS:
            out[name] = getattr(metrics_module, name)
        elif base in _AVERAGED and average in _AVERAGES:
            out[name] = functools.partial(getattr(metrics_module, base), average=average)
        else:
            raise ValueError(
                f"unknown metric {name!r}; choose from {', '.join(METRICS)} (precision, recall "
                "and f1 also as e.g. 'f1_macro', 'precision_micro', 'recall_weighted'), or "
                "pass a dict of functions."
            )
    return out


def _labels(model, loss, X: np.ndarray) -> np.ndarray:
    """The labels the metrics compare with y: ``predict``, or for a model whose predict gives
    raw outputs (an MLP), the labels its loss implies, as LogisticRegression and
    SoftmaxRegression predict them."""
    if hasattr(model, "predict_proba") or not isinstance(loss, str):
        return model.predict(X)
    if loss in _LOGIT_LOSSES:
        return (_forward(model, X) >= 0.0).astype(np.int64)  # sigmoid(z) >= 0.5
    if loss == "hinge":
        return np.where(_forward(model, X) >= 0.0, 1, -1)  # the sign of the score
    if loss == "categorical_cross_entropy_with_logits":
        return np.argmax(_forward(model, X), axis=1)
    return model.predict(X)


def _preflight(model, loss, loss_fn, metric_fns, X, y, name_y: str) -> None:
    """Evaluate the loss and the metrics once on the untrained model, so that data that do
    not fit them raise before any epoch changes the model, naming the data."""
    try:
        loss_fn(y, _forward(model, X))
    except ValueError as error:
        raise ValueError(
            f"{name_y} does not fit the loss for this model's output: {error}"
        ) from error
    for name, fn in metric_fns.items():
        try:
            fn(y, _labels(model, loss, X))
        except (ValueError, TypeError) as error:
            hint = ""
            if name in _AVERAGED:
                hint = f" For more than two classes use e.g. metrics=['{name}_macro']."
            raise type(error)(
                f"metric {name!r} cannot be computed on {name_y} and the model's labels: "
                f"{error}{hint}"
            ) from error


def fit(
    model,
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    loss: str | tuple[Callable, Callable],
    optimizer,
    epochs: int,
    batch_size: int | None = None,
    validation: tuple[npt.ArrayLike, npt.ArrayLike] | None = None,
    penalty: tuple | None = None,
    rng: int | np.random.Generator | None = None,
    progress: bool = False,
    track_params: bool = False,
    metrics: Sequence[str] | Mapping[str, Callable] | None = None,
    loss_options: Mapping | None = None,
) -> History:
    r"""Train a model by (mini-batch) gradient descent on a loss; return its :class:`History`.

    Each step runs forward -> loss -> backward -> update: the loss's ``*_grad`` with
    ``reduction="mean"`` gives d(loss)/d(output), ``model.backward`` turns it into
    parameter gradients, the penalty's gradient is added to the weights', and
    ``optimizer.step`` updates all parameters flattened into one vector. The model is
    updated in place.

    .. math::

        \min_\theta \; \frac{1}{n} \sum_i \ell(y_i, f_\theta(x_i)) + \sum_{W} \Omega(W)

    Parameters
    ----------
    model : lossedu.models.Model
        A model of :mod:`lossedu.models` (or any object with the same interface).
    X : array-like, shape (n, n_features)
    y : array-like
        Targets in the shape the loss expects for ``forward(X)``: (n,) for one output,
        (n, k) for several, class indices (n,) for the categorical loss.
    loss : str or (callable, callable)
        A lossedu loss taking raw outputs (``"mse"``, ``"mae"``, ``"huber"``,
        ``"log_cosh"``, ``"binary_cross_entropy_with_logits"``,
        ``"categorical_cross_entropy_with_logits"``, ``"hinge"``, ``"focal"``,
        ``"barron"``), or a pair ``(loss_fn, grad_fn)`` with the signature
        ``f(y_true, output, *, reduction="mean", **options)``.
    optimizer : lossedu.optim optimiser
        A fresh one per fit: its state (momentum, moments) carries over between calls.
    epochs : int
        Passes over the training data.
    batch_size : int or None
        Rows per step, drawn without replacement in a new order each epoch (the last
        batch may be smaller; values above n mean the full batch). None: one full-batch
        step per epoch.
    validation : (X_val, y_val) or None
        Data for ``val_loss`` and the ``val_`` metrics.
    penalty : None, (kind, lam) or ("elastic_net", lam, l1_ratio)
        kind is ``"l1"``, ``"l2"`` or ``"elastic_net"`` from :mod:`lossedu.regularization`,
        added to the mean loss for every weight array (``W...``), never for biases. So
        ``("l2", lam)`` on MSE minimises ``mean squared error + lam * sum(W**2)``, which is
        scikit-learn's ``Ridge(alpha=n * lam)``.
    rng : int, Generator or None
        Shuffles the mini-batches (not used for full batches).
    progress : bool, default False
        Show a tqdm progress bar. Chapters leave it off: a progress bar makes the stored
        notebook output differ from run to run.
    track_params : bool, default False
        Record the parameters before training and after every epoch.
    metrics : list of str or dict of callables, optional
        Names from :mod:`lossedu.metrics` (``"accuracy"``, ``"precision"``, ``"recall"``,
        ``"f1"``; for more than two classes with an average: ``"f1_macro"``,
        ``"precision_micro"``, ``"recall_weighted"``) or ``{name: f(y_true, y_pred)}``,
        evaluated after each epoch on the model's labels: ``model.predict(X)``, or for a
        model that predicts raw outputs (:class:`~lossedu.models.MLP`) the labels its loss
        implies (logit >= 0 for the binary logit losses, the sign for hinge, the row's
        argmax for the categorical one). The loss and the metrics are evaluated once before
        training, so data or metrics that do not fit raise before the model changes.
    loss_options : dict, optional
        Keyword options of the loss, e.g. ``{"delta": 1.0}`` for Huber.

    Returns
    -------
    History

    Raises
    ------
    ValueError
        On bad input, or when training diverges (the output or a parameter becomes
        infinite or NaN): lower the learning rate.

    Examples
    --------
    >>> from lossedu.models import LinearRegression
    >>> from lossedu.optim import SGD
    >>> X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])
    >>> model = LinearRegression(1)
    >>> history = fit(model, X, y, loss="mse", optimizer=SGD(0.1), epochs=500, progress=False)
    >>> model.params["W"].round(6).ravel(), model.params["b"].round(6)
    (array([2.]), array([1.]))
    """
    _check_model_and_optimizer(model, optimizer)
    loss_fn, grad_fn = _resolve_loss(loss, loss_options)
    penalty = _resolve_penalty(penalty)
    X, y = _check_data(model, X, y, "X", "y")
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise TypeError("validation must be a pair (X_val, y_val) or None.")
        X_val, y_val = _check_data(model, *validation, "X_val", "y_val")
    epochs = check_int(epochs, "epochs")
    n = X.shape[0]
    batch = n if batch_size is None else min(check_int(batch_size, "batch_size"), n)
    for flag, name in ((progress, "progress"), (track_params, "track_params")):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, got {flag!r}.")
    metric_fns = _metric_functions(metrics)
    rng = as_rng(rng)
    _preflight(model, loss, loss_fn, metric_fns, X, y, "y")
    if validation is not None:
        _preflight(model, loss, loss_fn, metric_fns, X_val, y_val, "y_val")

    history = History()
    if track_params:
        history.params.append(_copy(model.params))
    steps = range(epochs)
    if progress:
        from tqdm.auto import tqdm

        steps = tqdm(steps, desc="fit", unit="epoch")
    for _ in steps:
        order = rng.permutation(n) if batch < n else np.arange(n)
        for start in range(0, n, batch):
            rows = order[start : start + batch]
            _step(model, X[rows], y[rows], loss_fn, grad_fn, optimizer, penalty)
        _record(history, model, loss, loss_fn, metric_fns, X, y, "")
        if validation is not None:
            _record(history, model, loss, loss_fn, metric_fns, X_val, y_val, "val_")
        if track_params:
            history.params.append(_copy(model.params))
        if progress:
            steps.set_postfix(loss=history.train_loss[-1])
    return history


def _record(history: History, model, loss, loss_fn, metric_fns, X, y, prefix: str) -> None:
    losses_list = history.val_loss if prefix else history.train_loss
    losses_list.append(_loss(loss_fn, y, _forward(model, X)))
    if metric_fns:
        y_pred = _labels(model, loss, X)
        for name, fn in metric_fns.items():
            history.metrics.setdefault(prefix + name, []).append(float(fn(y, y_pred)))
