"""Regularisation explorer: contours of MSE + L1 and MSE + L2 penalties, and their optimum."""

from __future__ import annotations

import numpy as np

from lossedu import losses, regularization
from lossedu._plot_style import PALETTE
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Control, Explorer, Layer

PENALTIES = ("l1", "l2")
_TITLES = {"l1": "MSE + λ·Σ|wⱼ|  (L1, lasso)", "l2": "MSE + λ·Σwⱼ²  (L2, ridge)"}
LAMBDAS = (0.0, *np.geomspace(0.01, 10.0, 24))
_PENALTIES = {"l1": regularization.l1_penalty, "l2": regularization.l2_penalty}


def make_problem(seed: int = 0, n: int = 60) -> tuple[np.ndarray, np.ndarray]:
    """Two correlated features X (n, 2) and targets y of a linear model with noise."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 2))
    X = np.column_stack([z[:, 0], 0.6 * z[:, 0] + 0.8 * z[:, 1]])  # population correlation 0.6
    y = X @ np.array([1.5, 0.3]) + rng.normal(0.0, 0.5, n)
    return X, y


def regularization_explorer(*, seed: int = 0) -> Explorer:
    """Slide the penalty strength lambda and compare how L1 and L2 reshape the loss.

    Both panels show contours of the mean squared error of a two-feature linear model plus
    a penalty from :mod:`lossedu.regularization`, the path of the optimum as lambda grows
    (thin line), and the optimum for the chosen lambda. The L1 optimum reaches an axis at a
    finite lambda and stays there: a weight becomes exactly zero (sparsity; Tibshirani
    1996); the L2 optimum moves towards the origin (its norm shrinks) but never stays on an
    axis, and one of its weights can grow on the way, since the features are correlated
    (Hoerl & Kennard 1970).

    Examples
    --------
    >>> explorer = regularization_explorer()
    >>> explorer.controls[0].label
    'penalty strength λ'
    """
    X, y = make_problem(seed)
    xlim, ylim = (-0.3, 2.1), (-0.8, 1.0)
    panels = {
        "l1": _svg.Panel(
            56, 36, 300, 225, xlim, ylim, xlabel="w₁", ylabel="w₂", title=_TITLES["l1"]
        ),
        "l2": _svg.Panel(
            440, 36, 300, 225, xlim, ylim, xlabel="w₁", ylabel="w₂", title=_TITLES["l2"]
        ),
    }
    xs, ys = np.linspace(*xlim, 70), np.linspace(*ylim, 55)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)  # (55, 70, 2): one weight vector per point
    predictions = grid @ X.T  # (55, 70, n)
    mse_grid = losses.mse(np.broadcast_to(y, predictions.shape), predictions, reduction="none")
    mse_grid = mse_grid.mean(axis=-1)  # the MSE at each grid point
    unit_penalty = {
        name: np.apply_along_axis(_PENALTIES[name], -1, grid, 1.0) for name in PENALTIES
    }
    fine = np.concatenate([[0.0], np.geomspace(1e-3, 100.0, 200)])
    under = ""
    for name, panel in panels.items():
        path = np.array(
            [regularization.penalised_least_squares(X, y, lam, penalty=name) for lam in fine]
        )
        axes_lines = panel.line([0, 0], ylim, color="#777", width=1) + panel.line(
            xlim, [0, 0], color="#777", width=1
        )
        under += panel.axes(grid=False) + panel.clip(
            axes_lines
            + panel.line(path[:, 0], path[:, 1], color=PALETTE[6], dash="2 3", width=1.5)
            + panel.markers([path[0, 0]], [path[0, 1]], color=PALETTE[6], shape="x", size=5)
        )

    def render_for(name, k):
        panel = panels[name]
        color, dash = _svg.series_style(k)

        def render(lam) -> str:
            w = regularization.penalised_least_squares(X, y, lam, penalty=name)
            total = mse_grid + lam * unit_penalty[name]
            best = losses.mse(y, X @ w) + _PENALTIES[name](w, lam)
            levels = best + np.array([0.03, 0.15, 0.4, 0.8, 1.4])
            drawing = panel.contour(xs, ys, total, levels, color=color, dash=dash, width=1.3)
            drawing += panel.markers(
                [w[0]], [w[1]], color=color, shape="o" if k == 0 else "s", size=5
            )
            zeros = int(np.sum(np.abs(w) < 1e-12))
            note = f"w = ({w[0]:.2f}, {w[1]:.2f}); {zeros} of 2 weights exactly 0"
            y_text = panel.top + panel.height + 52
            text = f'<text x="{panel.left}" y="{y_text}">{_svg.esc(note)}</text>'
            return panel.clip(drawing) + text

        return render

    # start at the smallest lambda where L1 has set a weight to zero: the point of the lesson
    first_sparse = next(
        i
        for i, lam in enumerate(LAMBDAS)
        if np.any(regularization.penalised_least_squares(X, y, lam, penalty="l1") == 0)
    )
    labels = tuple(f"{v:.3g}" for v in LAMBDAS)
    controls = [Control("lam", "penalty strength λ", LAMBDAS, labels, first_sparse)]
    entries = [
        ("path of the optimum", PALETTE[6], "2 3", None),
        ("no penalty", PALETTE[6], "", "x"),
    ]
    return Explorer(
        "regularization",
        text="Regularisation explorer: move the slider in Jupyter; "
        "the website shows a precomputed version.",
        title="Contours of the mean squared error plus an L1 or an L2 penalty, and the optimum",
        controls=controls,
        layers=[Layer(("lam",), render_for(name, k)) for k, name in enumerate(PENALTIES)],
        size=(760, 380),
        under=under,
        over=_svg.legend(285, 326, entries, width=190),
    )
