"""Learning-rate schedule explorer: mini-batch gradient descent with a constant, step or cosine
rate on a noisy line fit."""

from __future__ import annotations

import numpy as np

from lossedu import datasets, landscapes, losses, optim
from lossedu._plot_style import PALETTE
from lossedu._validation import check_int
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Control, Explorer, Layer, slider

KINDS = ("constant", "step", "cosine")
LEARNING_RATES = (0.01, 0.1, 0.3)
GAMMAS = (0.1, 0.5)


def schedule(kind: str, lr: float, gamma: float, steps: int):
    """The rate the explorer uses: a number, or an :mod:`lossedu.optim` schedule."""
    if kind == "constant":
        return lr
    if kind == "step":
        return optim.step_schedule(lr, max(steps // 4, 1), gamma=gamma)
    return optim.cosine_schedule(lr, steps)


def schedule_explorer(*, steps: int = 120, batch_size: int = 4, seed: int = 0) -> Explorer:
    """Choose a learning-rate schedule and watch mini-batch gradient descent settle (or not).

    The problem is chapter 5's line fit: 64 points from
    ``datasets.make_regression(64, coef=[1.5], intercept=-1.0, noise_scale=1.0, rng=7)``,
    the slope and intercept started at (-1, 2) and trained by :class:`lossedu.optim.SGD` on
    the mean squared error (:func:`lossedu.losses.mse_grad`) of random mini-batches, run by
    :func:`lossedu.landscapes.run`. The rate is constant, or
    :func:`lossedu.optim.step_schedule` (multiplied by gamma every ``steps // 4`` steps) or
    :func:`lossedu.optim.cosine_schedule` (to 0 at the last step). The panel shows log10
    of the full-data MSE above its least-squares minimum; the note gives its mean over the last
    10 steps and the rate of the last step.

    Parameters
    ----------
    steps : int, default 120
        Number of updates, in [8, 400].
    batch_size : int, default 4
        Mini-batch size, in [1, 64].
    seed : int, default 0
        Seed of the mini-batch draws (the same draws for every setting).

    Examples
    --------
    >>> explorer = schedule_explorer(steps=40)
    >>> [c.name for c in explorer.controls]
    ['kind', 'lr', 'gamma']
    """
    steps = check_int(steps, "steps", low=8, high=400)
    batch_size = check_int(batch_size, "batch_size", low=1, high=64)
    seed = check_int(seed, "seed", low=0)
    X, y = datasets.make_regression(64, coef=[1.5], intercept=-1.0, noise_scale=1.0, rng=7)
    A = np.column_stack([X[:, 0], np.ones(len(y))])
    lowest = losses.mse(y, A @ np.linalg.lstsq(A, y, rcond=None)[0])

    def excess(w) -> float:
        return losses.mse(y, A @ w) - lowest

    runs: dict = {}

    def run(kind, lr, gamma) -> np.ndarray:
        key = (kind, lr, gamma if kind == "step" else None)  # only the step schedule uses gamma
        if key not in runs:
            runs[key] = _run(kind, lr, gamma)
        return runs[key]

    def _run(kind, lr, gamma) -> np.ndarray:
        gen = np.random.default_rng(seed)

        def grad(w):
            rows = gen.choice(len(y), batch_size, replace=False)
            return A[rows].T @ losses.mse_grad(y[rows], A[rows] @ w)

        path = landscapes.run(
            optim.SGD(schedule(kind, lr, gamma, steps)), grad, [-1.0, 2.0], steps=steps
        )
        return path

    start = np.log10(excess(np.array([-1.0, 2.0])))
    left = _svg.Panel(
        60,
        40,
        330,
        260,
        (0, steps),
        (-5.0, float(np.ceil(start) + 1)),
        xlabel="step",
        ylabel="log₁₀ (MSE above its minimum)",
        title="Loss on all the data",
    )
    t = np.arange(steps + 1)

    def loss_layer(kind, lr, gamma) -> str:
        path = run(kind, lr, gamma)
        logs = np.log10(np.maximum([excess(w) for w in path], 1e-12))
        if len(path) < steps + 1:
            note = f"diverged after {len(path) - 1} steps"
        else:
            tail = np.mean([excess(w) for w in path[-10:]])
            rate = schedule(kind, lr, gamma, steps)
            last = rate if kind == "constant" else rate(steps - 1)
            note = f"last 10 steps: MSE {tail:.2g} above its minimum (mean); last rate {last:.2g}"
        text = f'<text x="{left.left}" y="{left.top + left.height + 56}">{_svg.esc(note)}</text>'
        return (
            left.clip(left.line(t[: len(path)], logs, color=PALETTE[0], width=1.5, min_step=4.0))
            + text
        )

    return Explorer(
        "schedule",
        text="Learning-rate schedule explorer: move the controls in Jupyter; "
        "the website shows a precomputed version.",
        title=f"Mini-batch gradient descent (batches of {batch_size}) with a rate schedule",
        controls=[
            Control("kind", "schedule", KINDS, KINDS, 1, "select"),
            slider("lr", "initial learning rate", LEARNING_RATES, "{:g}", 0.1),
            slider("gamma", "decay factor γ (step schedule)", GAMMAS, "{:g}", 0.1),
        ],
        layers=[
            Layer(("kind", "lr", "gamma"), loss_layer),
        ],
        size=(560, 370),
        under=left.axes(),
    )
