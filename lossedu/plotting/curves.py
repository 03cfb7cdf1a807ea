"""Curves: loss shapes, predictions with their errors, loss curves, regularisation paths
and reliability diagrams.

Each figure draws lines against one variable (a residual, a margin, x, the epoch, the
penalty strength); :mod:`lossedu.plotting` describes the conventions they share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from lossedu._plot_style import PALETTE, new_axes, style
from lossedu._validation import as_float_array, check_nonnegative, check_same_shape

__all__ = [
    "LABELS",
    "MARGIN_LOSSES",
    "REGRESSION_LOSSES",
    "loss_shape",
    "plot_errors",
    "plot_loss_curves",
    "plot_loss_shapes",
    "plot_regularization_path",
    "plot_reliability_diagram",
]

#: Losses that loss_shape draws against the residual.
REGRESSION_LOSSES = ("mse", "mae", "huber", "log_cosh", "barron")
#: Losses that loss_shape draws against the margin y * score.
MARGIN_LOSSES = ("binary_cross_entropy_with_logits", "hinge", "focal", "zero_one")
#: The legend label of each loss that loss_shape draws.
LABELS = {
    "mse": "squared error",
    "mae": "absolute error",
    "huber": "Huber",
    "log_cosh": "log-cosh",
    "barron": "Barron",
    "binary_cross_entropy_with_logits": "logistic (cross-entropy)",
    "hinge": "hinge",
    "focal": "focal",
    "zero_one": "zero-one",
}


def loss_shape(name: str, x, **options) -> np.ndarray:
    """The loss of one example as a function of its residual or its margin.

    Regression losses (``mse``, ``mae``, ``huber``, ``log_cosh``, ``barron``) take ``x`` as
    the residual ``y_pred - y_true``; margin losses (``binary_cross_entropy_with_logits``,
    ``hinge``, ``focal``, ``zero_one``) take ``x`` as the margin ``y * score`` of a positive
    example. ``options`` go to the loss (``delta=``, ``alpha=``, ``gamma=``...).

    Examples
    --------
    >>> loss_shape("huber", [0.5, 3.0], delta=1.0)
    array([0.125, 2.5  ])
    """
    from lossedu import losses

    x = as_float_array(x, "x")
    if name in REGRESSION_LOSSES:
        return getattr(losses, name)(np.zeros_like(x), x, reduction="none", **options)
    if name == "zero_one":
        if options:
            raise TypeError(f"zero_one takes no options, got {sorted(options)}.")
        return (x <= 0).astype(np.float64)
    if name in MARGIN_LOSSES:
        y = np.ones_like(x)
        if name == "hinge":
            return losses.hinge(y, x, reduction="none", **options)
        if name == "focal":
            options = {"alpha": None, **options}  # unweighted: comparable with the others
        return getattr(losses, name)(y, x, reduction="none", **options)
    known = ", ".join(REGRESSION_LOSSES + MARGIN_LOSSES)
    raise ValueError(f"unknown loss {name!r}; choose one of {known}.")


def _loss_items(items) -> list[tuple[str, Callable, str | None]]:
    """(label, function of x, name or None) for each requested loss."""
    if isinstance(items, str) or not isinstance(items, Sequence) or len(items) == 0:
        raise TypeError(
            "losses must be a non-empty list of loss names, (name, options) or (label, function) "
            f"pairs, got {items!r}. Example: ['mse', ('huber', {{'delta': 2.0}})]."
        )
    out = []
    for item in items:
        name = item if isinstance(item, str) else item[0] if isinstance(item, tuple) else None
        if isinstance(item, str) or (isinstance(item, tuple) and isinstance(item[-1], dict)):
            if name not in REGRESSION_LOSSES + MARGIN_LOSSES:
                known = ", ".join(REGRESSION_LOSSES + MARGIN_LOSSES)
                raise ValueError(f"unknown loss {name!r}; choose one of {known}.")
        if isinstance(item, str):
            out.append((LABELS.get(item, item), lambda x, n=item: loss_shape(n, x), item))
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], dict):
            name, opts = item
            text = ", ".join(f"{k}={v:g}" for k, v in opts.items() if v is not None)
            fn = lambda x, n=name, o=opts: loss_shape(n, x, **o)  # noqa: E731
            out.append((f"{LABELS.get(name, name)} ({text})", fn, name))
        elif isinstance(item, tuple) and len(item) == 2 and callable(item[1]):
            out.append((str(item[0]), item[1], None))
        else:
            raise TypeError(
                "each loss must be a name, (name, options dict) or (label, function); "
                f"got {item!r}."
            )
    return out


def plot_loss_shapes(losses=("mse", "mae", "huber"), *, x=None, against=None, ax=None):
    """Plot several losses of one example against its residual or its margin, on one axes.

    Parameters
    ----------
    losses : sequence
        Items are loss names (see :func:`loss_shape`), ``(name, options)`` pairs such as
        ``("huber", {"delta": 2.0})``, or ``(label, function)`` pairs with
        ``function(x) -> loss values``.
    x : array-like, optional
        Points to evaluate at; by default 401 points in [-3, 3].
    against : {"residual", "margin"}, optional
        What x means; inferred from the names (mixing both kinds is an error).
    ax : matplotlib Axes, optional

    Examples
    --------
    >>> ax = plot_loss_shapes(["mse", "mae"])
    >>> ax.get_title()
    'Loss of one example against its residual'
    """
    items = _loss_items(losses)
    kinds = {"residual" if n in REGRESSION_LOSSES else "margin" for _, _, n in items if n}
    if len(kinds) > 1:
        raise ValueError(
            "losses mixes regression losses (of the residual) and margin losses (of y * score); "
            "plot them on two axes, one call each."
        )
    if against is None:
        against = kinds.pop() if kinds else "residual"
    if against not in ("residual", "margin"):
        raise ValueError(f"against must be 'residual' or 'margin', got {against!r}.")
    x = np.linspace(-3.0, 3.0, 401) if x is None else np.sort(as_float_array(x, "x").ravel())
    ax = new_axes(ax)
    for i, (label, fn, _) in enumerate(items):
        y = np.asarray(fn(x), dtype=np.float64)
        s = style(i)
        ax.plot(x, y, color=s["color"], linestyle=s["linestyle"], linewidth=2, label=label)
    if against == "residual":
        ax.set_xlabel(r"residual $r = \hat y - y$")
        ax.set_title("Loss of one example against its residual")
    else:
        ax.set_xlabel(r"margin $m = y \cdot f(x)$ (positive: correct side)")
        ax.set_title("Loss of one example against its margin")
    ax.set_ylabel("loss")
    ax.legend()
    return ax


def plot_errors(x, y_true, y_pred, *, ax=None, xlabel="x", ylabel="y"):
    """Plot data points, the predictions, and each error as a segment between the two.

    The title reports the mean absolute and mean squared error of the predictions.
    """
    from matplotlib.collections import LineCollection

    from lossedu import losses

    x = as_float_array(x, "x")
    t = as_float_array(y_true, "y_true")
    p = as_float_array(y_pred, "y_pred")
    check_same_shape(x, t, "x", "y_true")
    check_same_shape(t, p, "y_true", "y_pred")
    if x.ndim != 1:
        raise ValueError(f"x must be 1-D (one input per point), got shape {x.shape}.")
    ax = new_axes(ax)
    segments = np.stack([np.column_stack([x, t]), np.column_stack([x, p])], axis=1)
    ax.add_collection(
        LineCollection(segments, colors=PALETTE[1], linestyles=":", linewidths=1.5, label="error")
    )
    order = np.argsort(x, kind="stable")
    ax.plot(
        x[order], p[order], color=PALETTE[0], linestyle="--", marker="s", ms=4, label="prediction"
    )
    ax.plot(x, t, linestyle="none", marker="o", color=PALETTE[2], label="data")
    mae, mse = losses.mae(t, p), losses.mse(t, p)
    ax.set_title(f"Errors of the predictions (MAE {mae:.3g}, MSE {mse:.3g})")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


def plot_loss_curves(train, validation=None, *, ax=None, ylabel="loss", rtol=0.05):
    """Plot training (and validation) loss per epoch, marking the best validation epoch.

    With a validation curve, the epoch of lowest validation loss gets a star and a dotted
    line. Epochs that overfit by the rule of
    :func:`lossedu.model_selection.overfitting_epochs` are shaded: after the best epoch, the
    validation loss has risen more than ``rtol`` (default 5 %) above its best value while the
    training loss is still below its value at the best epoch. A converged run, whose validation
    loss only drifts within the tolerance, and a diverging run, whose two losses rise together,
    get no shading and no "overfitting" legend entry. Underfitting is not shaded: it shows as
    the level of both curves (high), not as their shape.
    """
    from lossedu.model_selection import overfitting_epochs

    rtol = check_nonnegative(rtol, "rtol")
    tr = as_float_array(train, "train")
    if tr.ndim != 1:
        raise ValueError(f"train must be 1-D (one loss per epoch), got shape {tr.shape}.")
    epochs = np.arange(1, tr.size + 1)
    ax = new_axes(ax)
    ax.plot(epochs, tr, color=PALETTE[0], linestyle="-", label="training loss")
    if validation is not None:
        va = as_float_array(validation, "validation")
        check_same_shape(tr, va, "train", "validation")
        mask = overfitting_epochs(tr, va, rtol=rtol)
        ax.plot(epochs, va, color=PALETTE[1], linestyle="--", label="validation loss")
        best = int(np.argmin(va)) + 1
        label = f"overfitting (validation > {1 + rtol:g} × best)"
        # one band per run of consecutive overfitting epochs; only the first one goes in the
        # legend (matplotlib leaves out labels that start with an underscore)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
        for first, stop in zip(edges[::2], edges[1::2], strict=True):
            lo, hi = epochs[first], epochs[stop - 1]
            if lo == hi:  # a single epoch: give it a visible width
                lo, hi = lo - 0.5, hi + 0.5
            ax.axvspan(lo, hi, color=PALETTE[1], alpha=0.12, hatch="\\\\", label=label)
            label = label if label.startswith("_") else "_" + label
        ax.axvline(best, color="0.2", linestyle=":", linewidth=1)
        ax.plot(
            [best],
            [va[best - 1]],
            marker="*",
            ms=14,
            linestyle="none",
            color=PALETTE[6],
            label=f"best epoch ({best})",
        )
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.set_title("Training and validation loss" if validation is not None else "Training loss")
    ax.legend()
    return ax


def plot_regularization_path(lams, coefs, *, names=None, log=True, ax=None):
    """Each coefficient against the penalty strength lambda (a regularisation path).

    ``coefs`` has shape (len(lams), n_features): row i holds the weights fitted with
    ``lams[i]``. With ``log=True`` (the default) lambda is on a log axis and must be > 0.
    """
    lam = as_float_array(lams, "lams")
    w = as_float_array(coefs, "coefs")
    if lam.ndim != 1 or w.ndim != 2 or w.shape[0] != lam.size:
        raise ValueError(
            f"coefs must have shape (len(lams), n_features) = ({lam.size}, ...), got {w.shape}."
        )
    if log and np.any(lam <= 0):
        raise ValueError("lams must be > 0 on a log axis; drop lambda = 0 or pass log=False.")
    if names is None:
        names = [f"$w_{{{j + 1}}}$" for j in range(w.shape[1])]
    if len(names) != w.shape[1]:
        raise ValueError(f"names has {len(names)} entries for {w.shape[1]} coefficients.")
    ax = new_axes(ax)
    ax.axhline(0.0, color="0.5", linewidth=1)
    for j in range(w.shape[1]):
        s = style(j)
        ax.plot(
            lam,
            w[:, j],
            color=s["color"],
            linestyle=s["linestyle"],
            marker=s["marker"],
            ms=4,
            label=str(names[j]),
        )
    if log:
        ax.set_xscale("log")
    ax.set_xlabel(r"penalty strength $\lambda$")
    ax.set_ylabel("coefficient")
    ax.set_title("Regularisation path")
    ax.legend()
    return ax


def plot_reliability_diagram(y_true, probs, *, n_bins=10, ax=None, label="model"):
    """Reliability diagram: the fraction of positives against the mean probability per bin.

    The points are :func:`lossedu.metrics.calibration_curve` (uniform bins, empty bins left
    out), each marker's area grows with the number of examples in its bin, and the
    diagonal shows perfect calibration. The legend gives the
    :func:`lossedu.metrics.expected_calibration_error` of the same binning. Points below
    the diagonal on the right (and above it on the left) mean over-confidence. Call it
    again on the same ``ax`` with another ``label`` to compare models.
    """
    from lossedu.metrics import calibration_curve, expected_calibration_error

    prob_true, prob_pred = calibration_curve(y_true, probs, n_bins=n_bins)
    ece = expected_calibration_error(y_true, probs, n_bins=n_bins)
    p = as_float_array(probs, "probs").ravel()
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    counts = np.bincount(np.searchsorted(edges[1:-1], p), minlength=n_bins)
    counts = counts[counts > 0]
    ax = new_axes(ax)
    if not any(line.get_label() == "perfect calibration" for line in ax.get_lines()):
        ax.plot([0, 1], [0, 1], color="0.5", linestyle=":", label="perfect calibration")
    s = style(sum(1 for line in ax.get_lines() if line.get_label() != "perfect calibration"))
    ax.plot(
        prob_pred,
        prob_true,
        color=s["color"],
        linestyle=s["linestyle"],
        linewidth=1.5,
        label=f"{label} (ECE {ece:.3f})",
    )
    ax.scatter(
        prob_pred,
        prob_true,
        s=12 + 200 * counts / counts.max(),
        color=s["color"],
        marker=s["marker"],
        zorder=3,
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean predicted probability in the bin")
    ax.set_ylabel("fraction of positives in the bin")
    ax.set_title("Reliability diagram")
    ax.legend()
    return ax
