"""Outlier explorer: one movable point, and the lines fitted to the data by MSE, MAE and Huber."""

from __future__ import annotations

import numpy as np

from lossedu import models
from lossedu._plot_style import PALETTE
from lossedu._validation import check_int, check_positive
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Explorer, Layer, slider

FITS = ("mse", "mae", "huber")
_NAMES = {"mse": "MSE fit", "mae": "MAE fit", "huber": "Huber fit"}


#: The largest ``n`` of :func:`outlier_explorer`: about 2 s and 62 MB to build all frames.
MAX_POINTS = 200


def outlier_explorer(*, n: int = 20, delta: float = 1.0, seed: int = 0) -> Explorer:
    """Move one outlier and watch the lines fitted by MSE, MAE and Huber respond.

    ``n`` clean points lie around y = 1 + 0.5 x (Gaussian noise, sd 0.5, from
    ``numpy.random.default_rng(seed)``); the sliders move an extra point. The squared loss
    lets the outlier pull the line (its influence grows with the residual), the absolute
    loss caps the influence, and Huber (``delta``) is quadratic near the line and absolute
    beyond it (Huber 1964). The lines are :func:`lossedu.models.fit_line`'s, the exact
    minimisers of each loss. ``n`` is at most 200 (``MAX_POINTS``): the page holds 198
    precomputed frames of three fits each, and the MAE fit costs O(n^2 log n)
    time, so n = 200 takes about 2 s and 62 MB to build.

    Examples
    --------
    >>> html = outlier_explorer().html()
    >>> html.startswith('<div class="lossedu-explorer" data-explorer="outlier"')
    True
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 3 <= n <= MAX_POINTS:
        raise ValueError(
            f"n must be an integer in [3, {MAX_POINTS}], got {n!r}: every one of the "
            "precomputed frames refits three lines (the MAE line costs O(n^2 log n))."
        )
    delta = check_positive(delta, "delta")
    seed = check_int(seed, "seed", low=0)
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 10.0, n)
    y = 1.0 + 0.5 * x + rng.normal(0.0, 0.5, n)
    panel = _svg.Panel(
        60,
        40,
        420,
        270,
        (-0.5, 10.5),
        (-3, 15),
        xlabel="x",
        ylabel="y",
        title="Lines fitted with one outlier",
    )
    clean = {loss: models.fit_line(x, y, loss=loss, delta=delta) for loss in FITS}
    under = panel.axes() + panel.clip(panel.markers(x, y, color=PALETTE[6], size=3.5))
    controls = [
        slider("ox", "outlier x", np.arange(0, 11, 2.0), "{:.0f}", 10.0),
        slider("oy", "outlier y", np.arange(-2.0, 14.01, 0.5), "{:.1f}", 12.0),
    ]

    def render(ox, oy) -> str:
        xs, ys = np.append(x, ox), np.append(y, oy)
        lines, text = [], []
        for k, loss in enumerate(FITS):
            a, b = models.fit_line(xs, ys, loss=loss, delta=delta)
            color, dash = _svg.series_style(k)
            lines.append(
                panel.line([-1, 11], [a - b, a + 11 * b], color=color, dash=dash, width=2.5)
            )
            text.append(_row(k, f"{_NAMES[loss]}: y = {a:.2f} + {b:.2f} x", sample=False))
        marker = panel.markers([ox], [oy], color=PALETTE[4], shape="D", size=7)
        return panel.clip("".join(lines) + marker) + "".join(text)

    rows = [f"Without the outlier (Huber δ = {delta:g}):"]
    rows += [f"{_NAMES[loss]}: y = {a:.2f} + {b:.2f} x" for loss, (a, b) in clean.items()]
    static_text = "".join(_row(4 + i, t, ink=True) for i, t in enumerate(rows))
    static_text += "".join(_row(k, "", sample=True) for k in range(len(FITS)))
    entries = [("data", PALETTE[6], "", "o"), ("outlier", PALETTE[4], "", "D")]
    entries += [(_NAMES[loss], *_svg.series_style(k), None) for k, loss in enumerate(FITS)]
    return Explorer(
        "outlier",
        text="Outlier explorer: move the sliders in Jupyter; "
        "the website shows a precomputed version.",
        title="Lines fitted by MSE, MAE and Huber to data with one movable outlier",
        controls=controls,
        layers=[Layer(("ox", "oy"), render)],
        size=(760, 360),
        under=under + static_text,
        over=_svg.legend(66, 46, entries, width=120),
    )


def _row(k: int, content: str, *, ink: bool = False, sample: bool = False) -> str:
    """A line of numbers beside the plot: rows 0-2 the current fits, 4 and on the clean ones.

    The line samples of rows 0-2 are static (``sample=True``); their numbers change.
    """
    y = 60 + 22 * k + (10 if k >= 4 else 0)
    if ink:
        return f'<text x="505" y="{y}">{_svg.esc(content)}</text>'
    if not sample:
        return f'<text x="536" y="{y}">{_svg.esc(content)}</text>'
    color, dash = _svg.series_style(k)
    sample = f'<path d="M505 {y - 4}h24" fill="none" stroke="{color}" stroke-width="2.5"'
    return sample + (f' stroke-dasharray="{dash}"/>' if dash else "/>")
