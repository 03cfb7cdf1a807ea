"""Multi-task explorer: a task weight picks a point on the trade-off front between two tasks."""

from __future__ import annotations

import numpy as np

from lossedu import datasets, multitask
from lossedu._plot_style import PALETTE
from lossedu._validation import as_float_array, check_int
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Explorer, Layer, slider

LAMBDAS = tuple(np.round(np.linspace(0.0, 1.0, 21), 2))


def make_problem(seed: int = 6, n: int = 200):
    """Two linear tasks on two features with noise 0.3 and 1.0 (chapter 8's data)."""
    return tuple(datasets.make_multitask(n, n_features=2, noise_scales=(0.3, 1.0), rng=seed))


def multitask_explorer(X=None, y=None, *, seed: int = 6) -> Explorer:
    """Slide the weight of task 1 and see which point of the trade-off front it selects.

    The model is :class:`lossedu.multitask.SharedLinear` with one shared feature, trained
    on ``lam * L_1 + (1 - lam) * L_2`` (the exact optimum from
    :func:`lossedu.multitask.weighted_optimum`). The left panel shows the front of
    (task 1 loss, task 2 loss) over all weights, the optimum for the chosen weight, and
    the line of equal weighted loss through it, which touches the front there. The right
    panel shows both task losses as bars.

    Parameters
    ----------
    X : array-like, shape (n, n_features), optional
    y : array-like, shape (n, 2), optional
        Two tasks; by default chapter 8's data (``make_problem(seed)``).

    Examples
    --------
    >>> explorer = multitask_explorer()
    >>> explorer.controls[0].label
    'weight of task 1 (λ)'
    """
    if (X is None) != (y is None):
        raise ValueError("pass both X and y, or neither (for the built-in example).")
    seed = check_int(seed, "seed", low=0)
    if X is None:
        X, y = make_problem(seed)
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    if y.ndim != 2 or y.shape[1] != 2:
        raise ValueError(f"y must have shape (n, 2): the explorer shows two tasks; got {y.shape}.")
    fine = np.linspace(0.0, 1.0, 201)
    front = multitask.trade_off_front(X, y, np.column_stack([fine, 1.0 - fine]))
    lo, hi = front.min(axis=0), front.max(axis=0)
    pad = 0.08 * (hi - lo) + 1e-12
    xlim, ylim = (lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1])
    panel = _svg.Panel(
        60, 40, 360, 260, xlim, ylim,
        xlabel="task 1 loss L₁ (MSE)", ylabel="task 2 loss L₂ (MSE)",
        title="Trade-off front of the weighted optima",
    )  # fmt: skip
    top = 1.1 * float(hi.max())
    bars = _svg.Panel(
        530, 40, 200, 260, (0, 2), (0, top),
        xlabel="task", ylabel="loss (MSE)", title="Both task losses",
    )  # fmt: skip
    under = panel.axes() + panel.clip(panel.line(front[:, 0], front[:, 1], color=PALETTE[6]))
    under += _bar_axes(bars)

    def render(lam) -> str:
        model = multitask.weighted_optimum(X, y, [lam, 1.0 - lam])
        L = multitask.task_mse(y, model.forward(X))
        total = lam * L[0] + (1.0 - lam) * L[1]
        drawing = ""
        if 0.0 < lam < 1.0:  # the line lam * L1 + (1 - lam) * L2 = total
            xs = np.array(xlim)
            drawing += panel.line(
                xs, (total - lam * xs) / (1.0 - lam), color=PALETTE[1], dash="7 4", width=1.5
            )
        elif lam == 0.0:
            drawing += panel.line(xlim, [L[1], L[1]], color=PALETTE[1], dash="7 4", width=1.5)
        else:
            drawing += panel.line([L[0], L[0]], ylim, color=PALETTE[1], dash="7 4", width=1.5)
        drawing += panel.markers([L[0]], [L[1]], color=PALETTE[0], shape="o", size=6)
        out = panel.clip(drawing)
        for k in (0, 1):
            x0, x1 = bars.px(k + 0.2), bars.px(k + 0.8)
            y0, y1 = bars.py(L[k]), bars.py(0.0)
            rect = (
                f'<rect x="{_svg.num(x0)}" y="{_svg.num(y0)}" width="{_svg.num(x1 - x0)}" '
                f'height="{_svg.num(y1 - y0)}" fill="{PALETTE[2 * k]}"/>'
            )
            label = bars.text(k + 0.5, L[k] + 0.04 * top, f"{L[k]:.3f}", anchor="middle")
            out += bars.clip(rect + label)
        note = f"λ·L₁ + (1 − λ)·L₂ = {lam:.2f}·{L[0]:.3f} + {1 - lam:.2f}·{L[1]:.3f} = {total:.3f}"
        return out + f'<text x="60" y="352">{_svg.esc(note)}</text>'

    controls = [slider("lam", "weight of task 1 (λ)", LAMBDAS, "{:.2f}", 0.5)]
    entries = [
        ("front (all λ)", PALETTE[6], "", None),
        ("optimum for λ", PALETTE[0], "", "o"),
        ("equal weighted loss", PALETTE[1], "7 4", None),
    ]
    return Explorer(
        "multitask",
        text="Multi-task explorer: move the slider in Jupyter; "
        "the website shows a precomputed version.",
        title="Weighted multi-task loss: its optimum on the trade-off front and both task losses",
        controls=controls,
        layers=[Layer(("lam",), render)],
        size=(760, 370),
        under=under,
        over=_svg.legend(255, 46, entries, width=160),
    )


def _bar_axes(bars: _svg.Panel) -> str:
    """Frame, y ticks with grid, the two task names and the labels of the bar panel."""
    L, T, W, H = bars.left, bars.top, bars.width, bars.height
    out = [f'<rect x="{L}" y="{T}" width="{W}" height="{H}" fill="none" stroke="{_svg.INK}"/>']
    for value in _svg.ticks(*bars.ylim):
        y = _svg.num(T + float(bars.py(value)))
        out.append(f'<path class="lossedu-grid" d="M{L} {y}h{W}" stroke="{_svg.GRID}"/>')
        out.append(
            f'<text x="{L - 6}" y="{y}" dy="4" text-anchor="end">{_svg.tick_label(value)}</text>'
        )
    for k in (0, 1):
        x = _svg.num(L + float(bars.px(k + 0.5)))
        out.append(f'<text x="{x}" y="{T + H + 18}" text-anchor="middle">task {k + 1}</text>')
    cx, cy = L - 40, T + H / 2
    out.append(
        f'<text x="{cx}" y="{_svg.num(cy)}" text-anchor="middle" '
        f'transform="rotate(-90 {cx} {_svg.num(cy)})">loss (MSE)</text>'
    )
    out.append(
        f'<text x="{_svg.num(L + W / 2)}" y="{T - 10}" text-anchor="middle" '
        f'font-size="{_svg.SVG_FONT["title"]}" font-weight="bold">Both task losses</text>'
    )
    return "".join(out)
