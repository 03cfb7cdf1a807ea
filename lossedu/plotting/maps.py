"""Maps over a plane or a grid: loss landscapes, decision boundaries and confusion matrices.

Each figure colours or contours a 2-D domain (two parameters, two features, two labels);
:mod:`lossedu.plotting` describes the conventions they share.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from lossedu._plot_style import MARKERS, PALETTE, new_axes, style
from lossedu._validation import as_float_array

__all__ = [
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_loss_landscape",
]


def _trajectories(trajectories) -> list[tuple[str, np.ndarray]]:
    if trajectories is None:
        return []
    if isinstance(trajectories, Mapping):
        items = list(trajectories.items())
    elif isinstance(trajectories, np.ndarray) and trajectories.ndim == 2:
        items = [("trajectory", trajectories)]
    else:
        items = [(f"trajectory {i + 1}", t) for i, t in enumerate(trajectories)]
    out = []
    for label, path in items:
        arr = as_float_array(path, f"trajectories[{label!r}]")
        if arr.ndim != 2 or arr.shape[1] != 2:
            raise ValueError(
                f"trajectories[{label!r}] must have shape (steps, 2), one (w1, w2) per step, "
                f"got {arr.shape}."
            )
        out.append((str(label), arr))
    return out


def plot_loss_landscape(
    f,
    *,
    xlim=(-2.0, 2.0),
    ylim=(-2.0, 2.0),
    trajectories=None,
    minimum=None,
    levels=15,
    resolution=80,
    vectorized=False,
    ax=None,
    xlabel="$w_1$",
    ylabel="$w_2$",
):
    """Contour lines of a loss of two parameters, with optimiser trajectories on top.

    Parameters
    ----------
    f : callable
        ``f(w) -> float`` for one point ``w`` of shape (2,); with ``vectorized=True``,
        ``f(W)`` for ``W`` of shape (2, ny, nx) returning shape (ny, nx).
    xlim, ylim : (float, float)
        The window in parameter space.
    trajectories : dict of label -> array (steps, 2), or a list of such arrays, optional
        Each is drawn as a line from a circle (start) to a cross (end).
    minimum : (float, float), optional
        Marked with a star.
    levels : int
        Number of contour levels, placed at quantiles of the loss over the window so that
        both the floor and the walls of a valley get lines.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of one point w of shape (2,), got {f!r}.")
    xs = np.linspace(*map(float, xlim), int(resolution))
    ys = np.linspace(*map(float, ylim), int(resolution))
    grid = np.stack(np.meshgrid(xs, ys))
    if vectorized:
        z = np.asarray(f(grid), dtype=np.float64)
    else:
        z = np.array([[f(grid[:, i, j]) for j in range(xs.size)] for i in range(ys.size)])
    if z.shape != (ys.size, xs.size):
        raise ValueError(
            f"f returned shape {z.shape} over the grid; expected {(ys.size, xs.size)}."
        )
    if not np.all(np.isfinite(z)):
        raise ValueError("f returned NaN or infinite values in the window; narrow xlim/ylim.")
    ax = new_axes(ax)
    qs = np.unique(np.quantile(z, np.linspace(0.0, 1.0, int(levels) + 2)[1:-1]))
    ax.contour(xs, ys, z, levels=qs, cmap="cividis", linewidths=1)
    for i, (label, path) in enumerate(_trajectories(trajectories)):
        s = style(i)
        ax.plot(
            path[:, 0],
            path[:, 1],
            color=s["color"],
            linestyle=s["linestyle"],
            marker=".",
            ms=4,
            linewidth=2,
            label=label,
        )
        ax.plot(*path[0], marker="o", color=s["color"], linestyle="none")
        ax.plot(*path[-1], marker="X", ms=9, color=s["color"], linestyle="none")
    if minimum is not None:
        m = as_float_array(minimum, "minimum")
        ax.plot(m[0], m[1], marker="*", ms=15, color=PALETTE[6], linestyle="none", label="minimum")
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(ys[0], ys[-1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title("Loss landscape" + (" and optimiser paths" if trajectories is not None else ""))
    if ax.get_legend_handles_labels()[0]:
        ax.legend()
    return ax


def plot_decision_boundary(predict, X, y, *, ax=None, resolution=200, pad=0.5):
    """Regions and boundaries of a two-feature classifier, with the data points on top.

    ``predict(points)`` takes an array of shape (m, 2) and returns m class labels (for
    probabilities, pass e.g. ``lambda P: (model(P) >= 0.5).astype(int)``).
    """
    if not callable(predict):
        raise TypeError(f"predict must be a function of an (m, 2) array, got {predict!r}.")
    X = as_float_array(X, "X")
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), two features per point, got {X.shape}.")
    y = np.asarray(y)
    if y.shape != (X.shape[0],):
        raise ValueError(
            f"y must have shape ({X.shape[0]},), one label per row of X; got {y.shape}."
        )
    classes = np.unique(y)
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    xs, ys = np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    pred = np.asarray(predict(np.column_stack([gx.ravel(), gy.ravel()])))
    if pred.shape != (gx.size,):
        raise ValueError(
            f"predict returned shape {pred.shape}; expected ({gx.size},), one label per point."
        )
    unknown = ~np.isin(pred, classes)
    if np.any(unknown):
        raise ValueError(
            f"predict returned the label {pred[unknown][0]!r}, which is not in y's classes "
            f"{classes.tolist()}. Return class labels, not scores or probabilities."
        )
    index = np.searchsorted(classes, pred).reshape(gx.shape).astype(float)
    k = classes.size
    colors = [PALETTE[i % len(PALETTE)] for i in range(k)]
    ax = new_axes(ax)
    ax.contourf(xs, ys, index, levels=np.arange(k + 1) - 0.5, colors=colors, alpha=0.2)
    ax.contour(xs, ys, index, levels=np.arange(k - 1) + 0.5, colors="0.15", linewidths=1.5)
    for i, c in enumerate(classes):
        pts = X[y == c]
        ax.plot(
            pts[:, 0],
            pts[:, 1],
            linestyle="none",
            marker=MARKERS[i % len(MARKERS)],
            color=colors[i],
            mec="white",
            ms=6,
            label=f"class {c}",
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Decision regions and boundary")
    ax.legend()
    return ax


def plot_confusion_matrix(y_true, y_pred, *, labels=None, normalize=False, ax=None):
    """The confusion matrix as a grid of counts (rows true, columns predicted).

    With ``normalize=True`` each row is divided by its total, so the diagonal shows the
    recall of each class. Uses :func:`lossedu.metrics.confusion_matrix`.
    """
    from lossedu import metrics

    cm = metrics.confusion_matrix(y_true, y_pred, labels=labels)
    if labels is None:
        names = np.unique(np.concatenate([np.asarray(y_true).ravel(), np.asarray(y_pred).ravel()]))
    else:
        names = np.asarray(labels)
    values = cm.astype(float)
    if normalize:
        totals = values.sum(axis=1, keepdims=True)
        values = np.divide(values, totals, out=np.zeros_like(values), where=totals > 0)
    ax = new_axes(ax)
    image = ax.imshow(values, cmap="cividis", vmin=0)
    top = values.max() if values.max() > 0 else 1.0
    for (i, j), v in np.ndenumerate(values):
        text = f"{v:.2f}" if normalize else f"{int(v)}"
        ink = "black" if v / top > 0.6 else "white"  # cividis is dark at 0, light at the top
        ax.text(j, i, text, ha="center", va="center", color=ink, fontsize=12)
    ticks = np.arange(len(names))
    ax.set_xticks(ticks, [str(n) for n in names])
    ax.set_yticks(ticks, [str(n) for n in names])
    ax.set_xlabel("predicted label")
    ax.set_ylabel("true label")
    ax.set_title("Confusion matrix" + (" (rows normalised)" if normalize else ""))
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
    return ax
