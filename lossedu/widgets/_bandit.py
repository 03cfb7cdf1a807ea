"""Bandit explorer: REINFORCE learning curves for a learning rate, with or without a baseline."""

from __future__ import annotations

import functools

import numpy as np

from lossedu import rl
from lossedu._plot_style import PALETTE
from lossedu._validation import check_int
from lossedu.datasets import Bandit
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Explorer, Layer, checkbox, slider

LEARNING_RATES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
_FAINT = "#9a9a9a"


def default_bandit() -> Bandit:
    """Ten Gaussian arms with means 4 + N(0, 1) (seed 0), as in Sutton & Barto (2018), fig. 2.5."""
    means = 4.0 + np.random.default_rng(0).normal(0.0, 1.0, 10)
    return Bandit(10, means=means, rng=0)


def learning_curves(bandit, lr: float, baseline: bool, steps: int, n_runs: int, seed: int):
    """Mean over runs of P(best arm) (steps + 1,) and of the reward (steps,)."""
    runs = rl.reinforce_bandit(
        bandit, steps=steps, lr=lr, baseline=baseline, n_runs=n_runs, rng=seed
    )
    return runs.best_prob.mean(axis=0), runs.rewards.mean(axis=0)


def _smooth(x: np.ndarray, window: int = 10) -> np.ndarray:
    """Moving average over the last ``window`` steps (fewer at the start)."""
    c = np.cumsum(np.concatenate([[0.0], x]))
    n = np.arange(1, x.size + 1)
    lo = np.maximum(0, n - window)
    return (c[n] - c[lo]) / (n - lo)


def bandit_explorer(
    bandit: Bandit | None = None, *, steps: int = 500, n_runs: int = 50, seed: int = 0
) -> Explorer:
    """Learn a bandit with REINFORCE: slide the learning rate, switch the baseline on or off.

    Each setting is averaged over ``n_runs`` seeded runs of :func:`lossedu.rl.reinforce_bandit`
    (Williams 1992); the left panel shows the probability the policy gives the best arm, the
    right one the reward per step (a 10-step moving average). The setting with the other
    baseline choice is drawn in grey for comparison.

    Parameters
    ----------
    bandit : lossedu.datasets.Bandit, optional
        Default: ten Gaussian arms with means 4 + N(0, 1) drawn with seed 0, where a
        baseline matters most (Sutton & Barto 2018, section 2.8).
    steps : int, default 500
    n_runs : int, default 50
    seed : int, default 0
        Seed of the runs: the same for every setting, so curves differ only by the setting.

    Examples
    --------
    >>> explorer = bandit_explorer(steps=50, n_runs=5)
    >>> [c.label for c in explorer.controls]
    ['learning rate η', 'baseline (average reward)']
    """
    bandit = default_bandit() if bandit is None else bandit
    if not hasattr(bandit, "true_means"):
        raise TypeError(f"bandit must be a lossedu.datasets.Bandit, got {type(bandit).__name__}.")
    steps = check_int(steps, "steps", low=10, high=2000)
    n_runs = check_int(n_runs, "n_runs", low=1, high=500)
    seed = check_int(seed, "seed", low=0)
    means = bandit.true_means
    curves = functools.lru_cache(maxsize=None)(
        lambda lr, base: learning_curves(bandit, lr, base, steps, n_runs, seed)
    )
    x = np.arange(steps + 1)
    left = _svg.Panel(
        64,
        40,
        300,
        250,
        (0, steps),
        (0, 1),
        xlabel="step",
        ylabel="probability",
        title="P(best arm) under the policy",
    )
    low, high = float(means.min()), float(means.max())
    pad = 0.1 * (high - low) + 0.1
    right = _svg.Panel(
        450,
        40,
        290,
        250,
        (0, steps),
        (low - pad, high + pad),
        xlabel="step",
        ylabel="reward",
        title="Average reward per step",
    )
    best = right.line([0, steps], [high, high], color=PALETTE[6], dash="2 3", width=1.5)
    uniform = float(means.mean())
    chance = right.line([0, steps], [uniform, uniform], color=PALETTE[6], dash="9 3 2 3", width=1.5)
    k = means.size
    chance_p = left.line([0, steps], [1 / k, 1 / k], color=PALETTE[6], dash="9 3 2 3", width=1.5)
    under = left.axes() + right.axes() + right.clip(best + chance) + left.clip(chance_p)

    def render(lr, baseline) -> str:
        out = ""
        for setting, color, width in ((not baseline, _FAINT, 1.5), (baseline, PALETTE[0], 2.5)):
            prob, reward = curves(lr, setting)
            out += left.clip(left.line(x, prob, color=color, width=width, min_step=1.5))
            out += right.clip(
                right.line(x[1:], _smooth(reward), color=color, width=width, min_step=1.5)
            )
        prob, reward = curves(lr, baseline)
        note = (
            f"after {steps} steps: P(best) = {prob[-1]:.2f}, "
            f"reward over the last 50 steps = {reward[-50:].mean():.2f}"
        )
        return out + f'<text x="20" y="372">{_svg.esc(note)}</text>'

    entries = [
        ("chosen setting", PALETTE[0], "", None),
        ("other baseline choice", _FAINT, "", None),
        ("best arm's mean", PALETTE[6], "2 3", None),
        ("uniform policy", PALETTE[6], "9 3 2 3", None),
    ]
    return Explorer(
        "bandit",
        text="Bandit explorer: move the sliders in Jupyter; "
        "the website shows a precomputed version.",
        title=f"REINFORCE on a {k}-armed bandit, mean of {n_runs} runs",
        controls=[
            slider("lr", "learning rate η", LEARNING_RATES, "{:g}", 0.1),
            checkbox("baseline", "baseline (average reward)", True),
        ],
        layers=[Layer(("lr", "baseline"), render)],
        size=(760, 440),
        under=under,
        over=_svg.legend(540, 346, entries, width=190),
    )
