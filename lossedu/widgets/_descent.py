"""Gradient-descent explorer: a line fitted to a few points, one step at a time."""

from __future__ import annotations

import numpy as np

from lossedu import landscapes, losses, models, optim
from lossedu._plot_style import PALETTE
from lossedu._validation import as_float_array, check_same_shape
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Explorer, Layer, slider

X_DEFAULT = (0.0, 1.0, 2.0, 3.0)
Y_DEFAULT = (1.0, 3.0, 4.0, 6.0)
LEARNING_RATES = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.23, 0.25, 0.3)


#: The data range :func:`descent_explorer` accepts (its learning rates suit order-1 data).
MAX_DATA, MIN_SPREAD = 1e6, 1e-6


def descent_explorer(x=None, y=None, *, steps: int = 25) -> Explorer:
    """Pick a learning rate and a step, and watch gradient descent fit a line.

    The model is ``y_hat = w x + b``, started at w = b = 0 and trained by full-batch
    gradient descent on the mean squared error (Cauchy 1847). The left panel shows the
    data, the line after the chosen number of steps and each point's error; the right
    panel shows log10 of the loss over the steps. A small learning rate converges slowly,
    a well-chosen one quickly, and one above 2 / (largest eigenvalue of the loss's
    Hessian) makes the loss grow at every step.

    Each step is the cycle of chapter 1 with :class:`lossedu.models.LinearRegression`,
    :func:`lossedu.losses.mse_grad` and :class:`lossedu.optim.SGD`, run by
    :func:`lossedu.landscapes.run` (a run whose parameters grow beyond norm 1e6 has
    diverged and stops there); the lowest loss is that of
    :func:`lossedu.models.fit_line`.

    Parameters
    ----------
    x, y : array-like, shape (n,), optional
        The data (both or neither); by default the four points of chapter 1,
        x = (0, 1, 2, 3) and y = (1, 3, 4, 6). Values must lie within +-1e6 and x must
        spread over at least 1e-6: the learning rates on the slider suit data of order 1.
    steps : int, default 25
        The largest number of steps the step slider reaches.

    Examples
    --------
    >>> explorer = descent_explorer()
    >>> [c.label for c in explorer.controls]
    ['learning rate', 'step']
    """
    if (x is None) != (y is None):
        raise ValueError("pass both x and y, or neither (for chapter 1's four points).")
    x = as_float_array(X_DEFAULT if x is None else x, "x")
    y = as_float_array(Y_DEFAULT if y is None else y, "y")
    check_same_shape(x, y, "x", "y")
    if x.ndim != 1 or x.size < 2 or np.ptp(x) == 0:
        raise ValueError("x must be 1-D with at least two distinct values to fit a line.")
    # The slider's learning rates suit data of order 1; far outside it every run diverges at
    # once or never moves, and squares of the data leave float64 (inf or 0 on the page).
    top = float(max(np.max(np.abs(x)), np.max(np.abs(y))))
    if top > MAX_DATA or np.ptp(x) < MIN_SPREAD:
        raise ValueError(
            f"x and y must lie within +-{MAX_DATA:g} and x must spread over at least "
            f"{MIN_SPREAD:g} (got largest |value| {top:g}, spread of x {np.ptp(x):g}): the "
            "explorer's learning rates suit data of order 1. Rescale the data first, e.g. "
            "x / np.abs(x).max() and y / np.abs(y).max()."
        )
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 60:
        raise ValueError(f"steps must be an integer in [1, 60], got {steps!r}.")
    X, line = x[:, None], models.LinearRegression(1)

    def at(theta) -> models.LinearRegression:  # the line y_hat = w x + b, theta = (w, b)
        return line.set_params(W=[[theta[0]]], b=[theta[1]])

    def grad(theta) -> np.ndarray:  # forward, the loss's gradient, backward: chapter 1's cycle
        grads = at(theta).backward(X, losses.mse_grad(y, at(theta).forward(X)))
        return np.array([grads["W"][0, 0], grads["b"][0]])

    def loss_at(theta) -> float:  # the MSE of the line theta
        return losses.mse(y, at(theta).forward(X))

    intercept, slope = models.fit_line(x, y, loss="mse")
    best = loss_at([slope, intercept])
    paths = {}
    for lr in LEARNING_RATES:
        path = landscapes.run(optim.SGD(lr), grad, [0.0, 0.0], steps=steps)
        # a run stopped by divergence stays at its last point for the remaining steps
        paths[lr] = np.concatenate([path, np.repeat(path[-1:], steps + 1 - len(path), axis=0)])
    pad_x, pad_y = 0.15 * np.ptp(x) + 0.5, 0.3 * np.ptp(y) + 1.0
    xlim = (float(x.min() - pad_x), float(x.max() + pad_x))
    ylim = (float(min(0.0, y.min()) - pad_y), float(y.max() + pad_y))
    left = _svg.Panel(
        60, 40, 300, 260, xlim, ylim, xlabel="x", ylabel="y", title="Data and the current line"
    )
    start = np.log10(max(loss_at([0.0, 0.0]), 1e-12))
    lo = np.floor(np.log10(max(best, 1e-6))) - 0.5
    right = _svg.Panel(
        450,
        40,
        290,
        260,
        (-0.5, steps + 0.5),
        (float(lo), float(np.ceil(start) + 1.0)),
        xlabel="step",
        ylabel="log₁₀ of the loss (MSE)",
        title="Loss over the steps",
    )
    steps_axis = np.arange(steps + 1)
    under = left.axes() + right.axes()
    under += right.clip(
        right.line(
            [0, steps], [np.log10(max(best, 1e-300))] * 2, color=PALETTE[6], dash="2 3", width=1.2
        )
    )
    under += left.clip(left.markers(x, y, color=PALETTE[2], size=4.5))

    def fit_layer(lr, step) -> str:
        w, b = paths[lr][int(step)]
        yhat = w * x + b
        segments = "".join(
            left.line([xi, xi], [yi, pi], color=PALETTE[1], dash="2 3", width=1.5)
            for xi, yi, pi in zip(x, y, yhat, strict=True)
        )
        line = left.line(list(xlim), [w * xlim[0] + b, w * xlim[1] + b], color=PALETTE[0])
        loss = loss_at([w, b])
        note = f"step {int(step)}: w = {w:.3g}, b = {b:.3g}, MSE = {loss:.4g}"
        text = f'<text x="{left.left}" y="{left.top + left.height + 56}">{_svg.esc(note)}</text>'
        return left.clip(segments + line) + text

    def curve_layer(lr) -> str:
        path = paths[lr]
        logs = [np.log10(max(loss_at(theta), 1e-300)) for theta in path]
        return right.clip(right.line(steps_axis, logs, color=PALETTE[0], width=2, min_step=0.5))

    def marker_layer(lr, step) -> str:
        w, b = paths[lr][int(step)]
        value = np.log10(max(loss_at([w, b]), 1e-300))
        return right.clip(right.markers([step], [value], color=PALETTE[1], shape="s", size=5))

    entries = [
        ("data", PALETTE[2], "", "o"),
        ("line y = w x + b", PALETTE[0], "", None),
        ("error of a point", PALETTE[1], "2 3", None),
    ]
    return Explorer(
        "descent",
        text="Gradient-descent explorer: move the sliders in Jupyter; "
        "the website shows a precomputed version.",
        title="Gradient descent fitting a line to a few points",
        controls=[
            slider("lr", "learning rate", LEARNING_RATES, "{:g}", 0.1),
            slider("step", "step", steps_axis, "{:.0f}", 1),
        ],
        layers=[
            Layer(("lr", "step"), fit_layer),
            Layer(("lr",), curve_layer),
            Layer(("lr", "step"), marker_layer),
        ],
        size=(760, 370),
        under=under,
        over=_svg.legend(66, 46, entries, width=150)
        + _svg.legend(560, 46, [("lowest loss", PALETTE[6], "2 3", None)], width=120),
    )
