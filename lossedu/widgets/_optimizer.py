"""Optimiser explorer: SGD (with momentum) or Adam on a loss of two parameters."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lossedu import optim
from lossedu._plot_style import PALETTE
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Control, Explorer, Layer, slider


@dataclass(frozen=True)
class Landscape:
    """A loss of two parameters with its gradient, window, start and minimum."""

    title: str
    f: object  # f(W) for W of shape (2, ...)
    grad: object  # grad(w) for w of shape (2,)
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    start: tuple[float, float]
    minimum: tuple[float, float]


LANDSCAPES = {
    # an elongated bowl: curvature 0.2 along w1, 4 along w2 (condition number 20)
    "valley": Landscape(
        "Elongated bowl  f = 0.1 w₁² + 2 w₂²",
        lambda w: 0.1 * w[0] ** 2 + 2.0 * w[1] ** 2,
        lambda w: np.array([0.2 * w[0], 4.0 * w[1]]),
        (-5.0, 5.0),
        (-2.5, 2.5),
        (-4.5, 2.0),
        (0.0, 0.0),
    ),
    # Rosenbrock (1960), with the valley made shallower (5 instead of 100)
    "rosenbrock": Landscape(
        "Curved valley  f = (1 − w₁)² + 5 (w₂ − w₁²)²",
        lambda w: (1 - w[0]) ** 2 + 5.0 * (w[1] - w[0] ** 2) ** 2,
        lambda w: np.array(
            [-2 * (1 - w[0]) - 20.0 * w[0] * (w[1] - w[0] ** 2), 10.0 * (w[1] - w[0] ** 2)]
        ),
        (-2.0, 2.0),
        (-1.0, 3.0),
        (-1.5, 2.5),
        (1.0, 1.0),
    ),
    # a tilted double well: a local minimum near w1 = 0.96, the global one near w1 = -1.04
    "two_minima": Landscape(
        "Two minima  f = (w₁² − 1)² + 0.3 w₁ + 0.5 w₂²",
        lambda w: (w[0] ** 2 - 1) ** 2 + 0.3 * w[0] + 0.5 * w[1] ** 2,
        lambda w: np.array([4 * w[0] * (w[0] ** 2 - 1) + 0.3, w[1]]),
        (-2.0, 2.0),
        (-1.5, 1.5),
        (1.9, 1.2),
        (-1.0365, 0.0),
    ),
}
OPTIMIZERS = ("SGD", "Adam")


def trajectory(landscape: str, optimizer: str, lr: float, momentum: float, steps: int):
    """Points visited by ``optimizer`` from the landscape's start; stops early if it diverges.

    ``momentum`` is SGD's momentum, or Adam's first-moment decay beta1 (its momentum).
    """
    land = LANDSCAPES[landscape]
    if optimizer == "SGD":
        opt = optim.SGD(lr, momentum=momentum)
    else:
        opt = optim.Adam(lr, betas=(momentum, 0.999))
    w = np.array(land.start, dtype=float)
    path = [w]
    for _ in range(steps):
        g = land.grad(w)
        if not np.all(np.isfinite(g)) or np.max(np.abs(w)) > 1e3:
            break  # diverged: the optimiser would refuse a non-finite gradient
        w = opt.step(w, g)
        path.append(w)
    return np.array(path)


def optimizer_explorer(landscape: str = "valley", *, steps: int = 50) -> Explorer:
    """Choose an optimiser, its learning rate and momentum, and watch its path on a landscape.

    Parameters
    ----------
    landscape : {"valley", "rosenbrock", "two_minima"}
        An elongated bowl (where momentum helps), a curved valley (Rosenbrock 1960), or a
        tilted double well with a local minimum.
    steps : int
        Number of updates drawn.

    The optimisers are :class:`lossedu.optim.SGD` (Polyak's heavy-ball momentum) and
    :class:`lossedu.optim.Adam` (Kingma & Ba 2015), where the momentum slider sets beta1.

    Examples
    --------
    >>> explorer = optimizer_explorer("two_minima", steps=30)
    >>> print(explorer)
    Optimiser explorer: move the sliders in Jupyter; the website shows a precomputed version.
    """
    if landscape not in LANDSCAPES:
        raise ValueError(f"landscape must be one of {', '.join(LANDSCAPES)}; got {landscape!r}.")
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 500:
        raise ValueError(f"steps must be an integer in [1, 500], got {steps!r}.")
    land = LANDSCAPES[landscape]
    panel = _svg.Panel(
        60, 40, 460, 290, land.xlim, land.ylim, xlabel="w₁", ylabel="w₂", title=land.title
    )
    xs, ys = np.linspace(*land.xlim, 90), np.linspace(*land.ylim, 90)
    z = land.f(np.stack(np.meshgrid(xs, ys)))
    levels = np.unique(np.quantile(z, np.linspace(0, 1, 14)[1:-1]))
    under = panel.axes(grid=False) + panel.clip(
        panel.contour(xs, ys, z, levels, color="#8aa4b8", width=1)
        + panel.markers([land.minimum[0]], [land.minimum[1]], color=PALETTE[6], shape="x", size=6)
        + panel.markers([land.start[0]], [land.start[1]], color=PALETTE[6], shape="o", size=5)
    )
    controls = [
        Control("optimizer", "optimiser", OPTIMIZERS, OPTIMIZERS, 0, "select"),
        slider("lr", "learning rate", np.geomspace(0.003, 1.0, 20), "{:.3g}", 0.1),
        slider(
            "momentum", "momentum (SGD) or β₁ (Adam)", (0, 0.5, 0.8, 0.9, 0.95, 0.99), "{:.2f}", 0.0
        ),
    ]

    def render(optimizer, lr, momentum) -> str:
        path = trajectory(landscape, optimizer, lr, momentum, steps)
        color, dash = _svg.series_style(OPTIMIZERS.index(optimizer))
        end = path[-1]
        diverged = len(path) < steps + 1
        if diverged:
            note = f"diverged after {len(path) - 1} steps"
        else:
            note = f"after {steps} steps: loss {float(land.f(end)):.4g}"
        drawing = panel.line(path[:, 0], path[:, 1], color=color, dash=dash, width=2, min_step=2.0)
        drawing += panel.markers([end[0]], [end[1]], color=color, shape="s", size=4.5)
        x, y = panel.left + 8, panel.top + panel.height - 10
        text = f'<text x="{x}" y="{y}">{_svg.esc(note)}</text>'
        return panel.clip(drawing) + text

    entries = [
        ("start", PALETTE[6], "", "o"),
        ("minimum", PALETTE[6], "", "x"),
        ("SGD path", *_svg.series_style(0), None),
        ("Adam path", *_svg.series_style(1), None),
        ("last point", PALETTE[6], "", "s"),
    ]
    return Explorer(
        "optimizer",
        text="Optimiser explorer: move the sliders in Jupyter; "
        "the website shows a precomputed version.",
        title=f"Path of an optimiser over {steps} steps on the landscape {landscape}",
        controls=controls,
        layers=[Layer(("optimizer", "lr", "momentum"), render)],
        size=(720, 380),
        under=under,
        over=_svg.legend(540, 40, entries, width=140),
    )
