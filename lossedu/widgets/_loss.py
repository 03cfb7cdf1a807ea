"""Loss-shape explorer: regression losses against the residual, margin losses against the margin."""

from __future__ import annotations

import numpy as np

from lossedu.plotting import LABELS, MARGIN_LOSSES, REGRESSION_LOSSES, loss_shape
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Explorer, Layer, checkbox, slider

DEFAULT_LOSSES = (
    "mse",
    "mae",
    "huber",
    "barron",
    "binary_cross_entropy_with_logits",
    "hinge",
    "focal",
)
_PARAM = {"huber": "delta", "barron": "alpha", "focal": "gamma"}
_X = np.linspace(-3.0, 3.0, 121)


def _panels():
    left = _svg.Panel(
        64,
        40,
        300,
        260,
        (-3, 3),
        (0, 4),
        xlabel="residual r = ŷ − y",
        ylabel="loss",
        title="Regression losses",
    )
    right = _svg.Panel(
        450,
        40,
        290,
        260,
        (-3, 3),
        (0, 4),
        xlabel="margin m = y·f(x)",
        ylabel="loss",
        title="Classification losses",
    )
    return left, right


def loss_explorer(losses=DEFAULT_LOSSES) -> Explorer:
    """Explore the shape of the losses: choose which to show; slide delta, alpha and gamma.

    Parameters
    ----------
    losses : sequence of str
        Losses shown at the start; every loss of :data:`lossedu.plotting.REGRESSION_LOSSES`
        and :data:`lossedu.plotting.MARGIN_LOSSES` gets a check box to show or hide it.
        Huber's ``delta`` (quadratic zone), Barron's ``alpha`` (shape: 2 is L2, 1 is
        pseudo-Huber, 0 is Cauchy, -2 is Geman-McClure; Barron 2019) and focal's ``gamma``
        (down-weighting of easy examples; Lin et al. 2017) each have a slider.

    Returns
    -------
    Explorer
        Shows live in Jupyter; ``.html()`` is the precomputed version for the website.

    Examples
    --------
    >>> explorer = loss_explorer(["mse", "huber"])
    >>> [c.label for c in explorer.controls][:3]
    ['Huber δ', 'Barron α', 'focal γ']
    """
    if isinstance(losses, str):
        raise TypeError(f"losses must be a list of loss names, got the string {losses!r}.")
    if not isinstance(losses, (list, tuple)) or not losses:
        raise TypeError(
            "losses must be a non-empty list of loss names such as ['mse', 'huber'], got "
            f"{losses!r}."
        )
    every = REGRESSION_LOSSES + MARGIN_LOSSES
    unknown = [n for n in losses if n not in every]
    if unknown:
        raise ValueError(f"unknown loss {unknown[0]!r}; choose from {', '.join(every)}.")
    left, right = _panels()
    controls = [
        slider("delta", "Huber δ", np.round(np.arange(1, 31) * 0.1, 1), "{:.1f}", 1.0),
        slider("alpha", "Barron α", np.round(np.arange(31) * 0.2 - 4.0, 1), "{:.1f}", 1.0),
        slider("gamma", "focal γ", np.arange(21) * 0.25, "{:.2f}", 2.0),
    ]
    controls += [checkbox(f"show_{n}", f"show {LABELS[n]}", n in losses) for n in every]
    deps = {n: (f"show_{n}", _PARAM[n]) if n in _PARAM else (f"show_{n}",) for n in every}
    layers = [Layer(deps[n], _curve(_index(n), n, left, right)) for n in every]
    # each panel's legend is a layer of its own check boxes: it lists only the curves shown
    layers += [
        Layer(tuple(f"show_{n}" for n in group), _legend(panel, group))
        for panel, group in ((left, REGRESSION_LOSSES), (right, MARGIN_LOSSES))
    ]
    under = left.axes() + right.axes()
    return Explorer(
        "loss",
        text="Loss-shape explorer: move the sliders in Jupyter; "
        "the website shows a precomputed version.",
        title="Loss of one example against the residual and against the margin",
        controls=controls,
        layers=layers,
        size=(760, 360),
        under=under,
    )


def _index(name) -> int:
    """Style index within its panel, so each panel runs through the palette from the start."""
    group = REGRESSION_LOSSES if name in REGRESSION_LOSSES else MARGIN_LOSSES
    return group.index(name)


def _curve(i, name, left, right):
    panel = left if name in REGRESSION_LOSSES else right
    color, dash = _svg.series_style(i)

    def render(**values) -> str:
        if not values.pop(f"show_{name}"):
            return ""
        y = loss_shape(name, _X, **values)
        return panel.clip(panel.line(_X, y, color=color, dash=dash, width=2.5, min_step=1.5))

    return render


# Width of one character of the 12 px legend text, on the safe side: DejaVu Sans, a wide
# sans-serif, averages 5.6 px per character on "logistic (cross-entropy)".
_CHAR_WIDTH = 6.5


def _legend_width(labels) -> float:
    """Box width that holds the line sample (44 px) and the longest label, with a margin."""
    return 44 + _CHAR_WIDTH * max(len(label) for label in labels) + 10


def _legend(panel, names):
    """A legend layer for one panel: a row for each loss shown, or a hint if none is."""

    def render(**shown) -> str:
        names_shown = [n for n in names if shown[f"show_{n}"]]
        if not names_shown:
            what = "regression" if names == REGRESSION_LOSSES else "classification"
            hint = f"no {what} loss shown: tick one to draw it"
            return panel.clip(panel.text(0.0, 2.0, hint, anchor="middle", muted=True))
        entries = [(LABELS[n], *_svg.series_style(_index(n)), None) for n in names_shown]
        width = _legend_width([entry[0] for entry in entries])
        if names == REGRESSION_LOSSES:  # the U-shaped curves leave the top centre free
            x = panel.left + (panel.width - width) / 2
        else:  # the falling curves leave the top right free
            x = panel.left + panel.width - width - 6
        return _svg.legend(x, panel.top + 6, entries, width=width)

    return render
