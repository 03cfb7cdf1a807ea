"""Error explorer: move one data point and watch its error and four aggregations change."""

from __future__ import annotations

import numpy as np

from lossedu import losses
from lossedu._plot_style import PALETTE
from lossedu._validation import check_int
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Control, Explorer, Layer, slider

# each kind of error is the unreduced loss of lossedu.losses of the same name
KINDS = ("absolute", "squared")
_LOSSES = {"absolute": losses.mae, "squared": losses.mse}


def make_points(n: int = 8, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, targets and predictions: y = 1 + 0.5 x + noise (sd 0.5), predicted by that line."""
    rng = np.random.default_rng(seed)
    x = np.linspace(1.0, 10.0, n)
    y_pred = 1.0 + 0.5 * x
    return x, y_pred + rng.normal(0.0, 0.5, n), y_pred


def error_explorer(*, n: int = 8, seed: int = 0) -> Explorer:
    """Move one target and compare the errors of every point with four losses built from them.

    ``n`` points lie around the line y = 1 + 0.5 x, which is also the model's prediction
    (fixed: nothing is refitted). The slider moves the target of the last point, so only
    that point's error changes. The right panel shows each point's absolute or squared
    error as a bar, and the text reports four aggregations of the same errors (mean,
    median, max, sum): squaring lets one large error dominate, the mean and the sum follow
    it, the median hardly moves. The errors are :func:`lossedu.losses.mae` and
    :func:`lossedu.losses.mse` with ``reduction="none"``; their mean and sum are the same
    losses with ``reduction="mean"`` and ``"sum"``.

    Examples
    --------
    >>> explorer = error_explorer()
    >>> [c.label for c in explorer.controls]
    ['target of the last point', 'error']
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 3 <= n <= 20:
        raise ValueError(f"n must be an integer in [3, 20], got {n!r}.")
    seed = check_int(seed, "seed", low=0)
    x, y, y_pred = make_points(n, seed)
    moves = np.round(np.arange(-4.0, 4.01, 0.5) + y_pred[-1], 2)
    left = _svg.Panel(
        60, 40, 300, 250, (0, 11), (-1, 12), xlabel="x", ylabel="y", title="Targets and predictions"
    )
    idx = np.arange(1, n + 1)
    under = left.axes() + left.clip(
        left.line([0, 11], [1.0, 6.5], color=PALETTE[0], dash="7 4")
        + left.markers(x[:-1], y[:-1], color=PALETTE[2], size=4.5)
    )

    def left_layer(target) -> str:
        ys = np.append(y[:-1], target)
        segments = "".join(
            left.line([xi, xi], [yi, pi], color=PALETTE[1], dash="2 3", width=1.8)
            for xi, yi, pi in zip(x, ys, y_pred, strict=True)
        )
        moved = left.markers([x[-1]], [target], color=PALETTE[4], shape="D", size=6)
        return left.clip(segments + moved)

    def right_layer(target, kind) -> str:
        y_true = np.append(y[:-1], target)
        errors = _LOSSES[kind](y_true, y_pred, reduction="none")
        top = 5.0 if kind == "absolute" else 25.0
        right = _svg.Panel(
            450,
            40,
            290,
            250,
            (0.3, n + 0.7),
            (0, top),
            xlabel="point",
            ylabel=f"{kind} error",
            title=f"{kind.capitalize()} error of each point",
        )
        bars = []
        for i, e in zip(idx, errors, strict=True):
            x0, x1 = right.px(i - 0.35), right.px(i + 0.35)
            y1 = right.py(min(e, top * 1.05))
            color = PALETTE[4] if i == n else PALETTE[1]
            bars.append(
                f'<rect x="{_svg.num(x0)}" y="{_svg.num(y1)}" width="{_svg.num(x1 - x0)}" '
                f'height="{_svg.num(right.height - y1)}" fill="{color}"/>'
            )
        summary = {
            "mean": _LOSSES[kind](y_true, y_pred, reduction="mean"),
            "median": float(np.median(errors)),
            "max": float(np.max(errors)),
            "sum": _LOSSES[kind](y_true, y_pred, reduction="sum"),
        }
        mean, median = summary["mean"], summary["median"]
        lines = right.line([0, n + 1], [mean, mean], color=PALETTE[0], width=2)
        lines += right.line([0, n + 1], [median, median], color=PALETTE[6], dash="7 4", width=2)
        text = "  ".join(f"{how} {value:.3g}" for how, value in summary.items())
        note = f'<text x="{right.left - 40}" y="{right.top + right.height + 58}">'
        note += f"{_svg.esc(kind)} errors: {_svg.esc(text)}</text>"
        return right.axes() + right.clip("".join(bars) + lines) + note

    entries = [
        ("target", PALETTE[2], "", "o"),
        ("moved target", PALETTE[4], "", "D"),
        ("prediction", PALETTE[0], "7 4", None),
        ("error", PALETTE[1], "2 3", None),
    ]
    stats = [("mean", PALETTE[0], "", None), ("median", PALETTE[6], "7 4", None)]
    return Explorer(
        "error",
        text="Error explorer: move the sliders in Jupyter; "
        "the website shows a precomputed version.",
        title="Errors of single points and the losses that aggregate them",
        controls=[
            slider("target", "target of the last point", moves, "{:.2f}", y[-1]),
            Control("kind", "error", KINDS, KINDS, 0, "select"),
        ],
        layers=[Layer(("target",), left_layer), Layer(("target", "kind"), right_layer)],
        size=(760, 370),
        under=under,
        over=_svg.legend(66, 46, entries, width=140) + _svg.legend(456, 46, stats, width=100),
    )
