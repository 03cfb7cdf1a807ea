"""Optimiser explorer: SGD (with momentum) or Adam on a loss of two parameters."""

from __future__ import annotations

from functools import partial

import numpy as np

from lossedu import landscapes, optim
from lossedu._plot_style import PALETTE
from lossedu._validation import check_choice
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Control, Explorer, Layer, slider

# What the explorer shows of each landscape of lossedu.landscapes: its title, the loss and
# its gradient, the window drawn, the start, and the minimum marked.
VIEWS = {
    # an elongated bowl: curvature 0.2 along w1, 4 along w2 (condition number 20)
    "bowl": (
        "Elongated bowl  f = 0.1 w₁² + 2 w₂²",
        landscapes.quadratic,
        landscapes.quadratic_grad,
        (-5.0, 5.0),
        (-2.5, 2.5),
        (-4.5, 2.0),
        (0.0, 0.0),
    ),
    # Rosenbrock (1960), with the valley made shallower (b = 5 instead of 100)
    "rosenbrock": (
        "Curved valley  f = (1 − w₁)² + 5 (w₂ − w₁²)²",
        partial(landscapes.rosenbrock, b=5.0),
        partial(landscapes.rosenbrock_grad, b=5.0),
        (-2.0, 2.0),
        (-1.0, 3.0),
        (-1.5, 2.5),
        (1.0, 1.0),  # (a, a²)
    ),
    # a tilted double well: the start lies above the local minimum, not the global one
    "double_well": (
        "Two minima  f = (w₁² − 1)² + 0.3 w₁ + 0.5 w₂²",
        landscapes.double_well,
        landscapes.double_well_grad,
        (-2.0, 2.0),
        (-1.5, 1.5),
        (1.9, 1.2),
        tuple(landscapes.double_well_minima()[0]),
    ),
}
# the keys of earlier releases, still accepted: "valley" was the elongated bowl, not a valley
ALIASES = {"valley": "bowl", "two_minima": "double_well"}
OPTIMIZERS = ("SGD", "Adam")
# learning rates of the slider: 0.1 (the chapter's setting) and the neighbours of the
# bowl's stability bound 2 / 4 = 0.5 are exact grid values
LEARNING_RATES = (0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.7, 1.0)


def optimizer_explorer(landscape: str = "bowl", *, steps: int = 50) -> Explorer:
    """Choose an optimiser, its learning rate and momentum, and watch its path on a landscape.

    Parameters
    ----------
    landscape : {"bowl", "rosenbrock", "double_well"}
        An elongated bowl (where momentum helps), a curved valley (Rosenbrock 1960), or a
        tilted double well with a local minimum: :func:`lossedu.landscapes.quadratic`,
        :func:`~lossedu.landscapes.rosenbrock` with ``b=5`` and
        :func:`~lossedu.landscapes.double_well`, with their default options otherwise.
        The older names ``"valley"`` (the bowl) and ``"two_minima"`` are still accepted.
    steps : int
        Number of updates drawn.

    Notes
    -----
    The learning-rate slider opens at 0.1 and the momentum slider at 0; the legend names
    only the path shown, the selected optimiser's.

    The optimisers are :class:`lossedu.optim.SGD` (Polyak's heavy-ball momentum) and
    :class:`lossedu.optim.Adam` (Kingma & Ba 2015), where the momentum slider sets beta1.
    Each path is :func:`lossedu.landscapes.run`'s, which stops a run that diverges (its
    weights grow beyond norm 1e6).

    Examples
    --------
    >>> explorer = optimizer_explorer("double_well", steps=30)
    >>> print(explorer)
    Optimiser explorer: move the sliders in Jupyter; the website shows a precomputed version.
    """
    landscape = ALIASES.get(landscape, landscape) if isinstance(landscape, str) else landscape
    check_choice(landscape, "landscape", tuple(VIEWS))
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 500:
        raise ValueError(f"steps must be an integer in [1, 500], got {steps!r}.")
    title, loss, grad, xlim, ylim, start, minimum = VIEWS[landscape]
    panel = _svg.Panel(60, 40, 460, 290, xlim, ylim, xlabel="w₁", ylabel="w₂", title=title)
    xs, ys = np.linspace(*xlim, 90), np.linspace(*ylim, 90)
    z = loss(np.stack(np.meshgrid(xs, ys)))
    levels = np.unique(np.quantile(z, np.linspace(0, 1, 14)[1:-1]))
    under = panel.axes(grid=False) + panel.clip(
        panel.contour(xs, ys, z, levels, color="#8aa4b8", width=1)
        + panel.markers([minimum[0]], [minimum[1]], color=PALETTE[6], shape="x", size=6)
        + panel.markers([start[0]], [start[1]], color=PALETTE[6], shape="o", size=5)
    )
    controls = [
        Control("optimizer", "optimiser", OPTIMIZERS, OPTIMIZERS, 0, "select"),
        slider("lr", "learning rate", LEARNING_RATES, "{:.3g}", 0.1),
        slider(
            "momentum", "momentum (SGD) or β₁ (Adam)", (0, 0.5, 0.8, 0.9, 0.95, 0.99), "{:.2f}", 0.0
        ),
    ]

    def render(optimizer, lr, momentum) -> str:
        # the momentum slider is SGD's momentum, or Adam's first-moment decay beta1
        if optimizer == "SGD":
            opt = optim.SGD(lr, momentum=momentum)
        else:
            opt = optim.Adam(lr, betas=(momentum, 0.999))
        path = landscapes.run(opt, grad, start, steps=steps)  # stops early if it diverges
        color, dash = _svg.series_style(OPTIMIZERS.index(optimizer))
        end = path[-1]
        diverged = len(path) < steps + 1
        if diverged:
            note = f"diverged after {len(path) - 1} steps"
        else:
            note = f"after {steps} steps: loss {loss(end):.4g}"
        drawing = panel.line(path[:, 0], path[:, 1], color=color, dash=dash, width=2, min_step=2.0)
        drawing += panel.markers([end[0]], [end[1]], color=color, shape="s", size=4.5)
        x, y = panel.left + 8, panel.top + panel.height - 10
        text = f'<text x="{x}" y="{y}">{_svg.esc(note)}</text>'
        return panel.clip(drawing) + text

    def legend(optimizer) -> str:
        # only the path drawn: the selected optimiser's
        entries = [
            ("start", PALETTE[6], "", "o"),
            ("minimum", PALETTE[6], "", "x"),
            (f"{optimizer} path", *_svg.series_style(OPTIMIZERS.index(optimizer)), None),
            ("last point", PALETTE[6], "", "s"),
        ]
        return _svg.legend(540, 40, entries, width=140)

    return Explorer(
        "optimizer",
        text="Optimiser explorer: move the sliders in Jupyter; "
        "the website shows a precomputed version.",
        title=f"Path of an optimiser over {steps} steps on the landscape {landscape}",
        controls=controls,
        layers=[Layer(("optimizer", "lr", "momentum"), render), Layer(("optimizer",), legend)],
        size=(720, 380),
        under=under,
    )
