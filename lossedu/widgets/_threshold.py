"""Threshold explorer: precision, recall and F1 against the decision threshold."""

from __future__ import annotations

import numpy as np

from lossedu import losses, model_selection
from lossedu._plot_style import PALETTE
from lossedu._validation import check_int
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Explorer, Layer, slider

# each curve's label in the figure, and its key in model_selection.threshold_curve
CURVES = {"precision": "precision", "recall": "recall", "F1": "f1"}


def make_scores(seed: int = 0, n: int = 400, positive_rate: float = 0.15):
    """Imbalanced labels and the probabilities of a fair but imperfect classifier."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < positive_rate).astype(int)
    logits = np.where(y == 1, 1.0, -1.5) + rng.normal(0.0, 1.2, n)
    return y, losses.sigmoid(logits)


def threshold_explorer(y_true=None, probs=None, *, seed: int = 0) -> Explorer:
    """Slide the decision threshold and watch precision, recall, F1 and the confusion matrix.

    Parameters
    ----------
    y_true : array-like of 0/1 labels, optional
    probs : array-like of probabilities of class 1, same shape, optional
        By default 400 seeded examples with 15 % positives (class imbalance, where accuracy
        flatters a classifier that rarely says "positive").

    Notes
    -----
    Every score and count shown comes from :func:`lossedu.model_selection.threshold_curve`.

    Examples
    --------
    >>> explorer = threshold_explorer([0, 0, 1, 1], [0.1, 0.6, 0.4, 0.9])
    >>> "<script>" in explorer.html() and "http" not in explorer.html()
    True
    """
    if (y_true is None) != (probs is None):
        raise ValueError("pass both y_true and probs, or neither (for the built-in example).")
    seed = check_int(seed, "seed", low=0)
    if y_true is None:
        y_true, probs = make_scores(seed)
    fine = np.linspace(0.01, 0.99, 99)
    curves = model_selection.threshold_curve(y_true, probs, thresholds=fine)  # checks the input
    panel = _svg.Panel(
        60,
        40,
        380,
        260,
        (0, 1),
        (0, 1.05),
        xlabel="decision threshold",
        ylabel="score",
        title="Metrics against the threshold",
    )
    under = panel.axes()
    under += panel.clip(
        "".join(
            panel.line(fine, curves[key], color=c, dash=d, width=2)
            for key, (c, d) in zip(CURVES.values(), map(_svg.series_style, range(3)), strict=True)
        )
    )
    under += _matrix_frame()

    def render(threshold) -> str:
        curve = model_selection.threshold_curve(y_true, probs, thresholds=[threshold])
        s = {name: values[0] for name, values in curve.items()}
        marks = panel.line([threshold, threshold], [0, 1.05], color=PALETTE[6], width=1.5)
        for k, key in enumerate(CURVES.values()):
            marks += panel.markers(
                [threshold], [s[key]], color=_svg.series_style(k)[0], shape="os^"[k], size=4.5
            )
        return panel.clip(marks) + _matrix_cells(s)

    controls = [slider("threshold", "decision threshold", np.arange(1, 40) * 0.025, "{:.3f}", 0.5)]
    entries = [(name, *_svg.series_style(k), None) for k, name in enumerate(CURVES)]
    return Explorer(
        "threshold",
        text="Threshold explorer: move the slider in Jupyter; "
        "the website shows a precomputed version.",
        title="Precision, recall, F1 and confusion matrix at a decision threshold",
        controls=controls,
        layers=[Layer(("threshold",), render)],
        size=(760, 360),
        under=under,
        over=_svg.legend(210, 236, entries, width=110),  # the curves leave the bottom free
    )


_CELL, _X0, _Y0 = 90, 540, 70


def _matrix_frame() -> str:
    """Static parts of the confusion matrix: title and row and column labels."""
    out = [
        f'<text x="{_X0 + _CELL}" y="{_Y0 - 36}" text-anchor="middle" font-size="14" '
        f'font-weight="bold">Confusion matrix</text>',
        f'<text x="{_X0 + _CELL}" y="{_Y0 - 16}" text-anchor="middle">predicted label</text>',
    ]
    for k in (0, 1):
        out.append(
            f'<text x="{_X0 + _CELL * k + _CELL // 2}" y="{_Y0 - 2}" '
            f'text-anchor="middle">{k}</text>'
        )
        out.append(
            f'<text x="{_X0 - 8}" y="{_Y0 + _CELL * k + _CELL // 2 + 4}" '
            f'text-anchor="end">{k}</text>'
        )
    cx, cy = _X0 - 30, _Y0 + _CELL
    out.append(
        f'<text x="{cx}" y="{cy}" text-anchor="middle" '
        f'transform="rotate(-90 {cx} {cy})">true label</text>'
    )
    return "".join(out)


def _matrix_cells(s: dict) -> str:
    """Cells shaded by count (white to blue) with the count, and the scores beneath."""
    m = s["confusion_matrix"]
    names = (("TN", "FP"), ("FN", "TP"))
    out = []
    for (i, j), count in np.ndenumerate(m):
        share = count / max(m.sum(), 1)
        shade = _mix("#ffffff", PALETTE[0], min(1.0, 2.0 * share))
        # the cells keep their shade in a dark theme too, so their ink is explicit
        ink = "#fff" if share > 0.3 else _svg.INK_LIGHT
        x, y = _X0 + _CELL * j, _Y0 + _CELL * i
        out.append(
            f'<rect x="{x}" y="{y}" width="{_CELL}" height="{_CELL}" fill="{shade}" '
            f'stroke="{_svg.INK_LIGHT}"/><text x="{x + _CELL // 2}" y="{y + _CELL // 2}" '
            f'text-anchor="middle" fill="{ink}" font-size="16">{count}</text>'
            f'<text x="{x + _CELL // 2}" y="{y + _CELL // 2 + 18}" text-anchor="middle" '
            f'fill="{ink}">{names[i][j]}</text>'
        )
    lines = [
        f"precision {s['precision']:.3f}",
        f"recall {s['recall']:.3f}",
        f"F1 {s['f1']:.3f}",
        f"accuracy {s['accuracy']:.3f}",
    ]
    for k, line in enumerate(lines):
        out.append(f'<text x="{_X0 - 20}" y="{_Y0 + 2 * _CELL + 26 + 18 * k}">{line}</text>')
    return "".join(out)


def _mix(a: str, b: str, t: float) -> str:
    ca = np.array([int(a[i : i + 2], 16) for i in (1, 3, 5)])
    cb = np.array([int(b[i : i + 2], 16) for i in (1, 3, 5)])
    r, g, bl = np.round(ca + (cb - ca) * t).astype(int)
    return f"#{r:02x}{g:02x}{bl:02x}"
