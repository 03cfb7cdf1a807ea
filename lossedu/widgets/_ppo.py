"""PPO clip explorer: clipped and plain surrogate objectives and their slope against the ratio."""

from __future__ import annotations

import numpy as np

from lossedu import rl
from lossedu._plot_style import PALETTE
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Explorer, Layer, slider

ADVANTAGES = (-2.0, -1.0, -0.5, 0.5, 1.0, 2.0)
CLIPS = (0.1, 0.2, 0.3, 0.5)
RATIOS = (0.25, 0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0)
_GRID = np.linspace(0.0, 2.5, 126)


def ppo_explorer() -> Explorer:
    """PPO's clipped surrogate against the probability ratio, for one sample.

    Slide the advantage A (its sign and size), the clip epsilon and a ratio rho. The left
    panel shows the objective (minus :func:`lossedu.rl.ppo_clip_loss`) of the clipped and
    the plain surrogate rho * A; the right one the slope of the clipped objective,
    minus :func:`lossedu.rl.ppo_clip_loss_grad`, which is 0 on the flat parts: beyond
    1 + epsilon when A > 0, below 1 - epsilon when A < 0 (Schulman et al. 2017).

    Examples
    --------
    >>> explorer = ppo_explorer()
    >>> [c.label for c in explorer.controls]
    ['advantage A', 'clip ε', 'ratio ρ']
    """
    left = _svg.Panel(
        64, 40, 300, 250, (0, 2.5), (-5.5, 5.5),
        xlabel="ratio ρ = π_new(a) / π_old(a)", ylabel="objective", title="Objective of one sample",
    )  # fmt: skip
    right = _svg.Panel(
        450, 40, 290, 250, (0, 2.5), (-2.5, 2.5),
        xlabel="ratio ρ", ylabel="d objective / dρ", title="Its slope (the gradient)",
    )  # fmt: skip
    under = left.axes() + right.axes()

    def curves(adv, clip) -> str:
        a = np.full(_GRID.shape, adv)
        clipped = -rl.ppo_clip_loss(_GRID, a, clip=clip, reduction="none")
        slope = -rl.ppo_clip_loss_grad(_GRID, a, clip=clip, reduction="none")
        out = left.clip(left.line(_GRID, _GRID * adv, color="#9a9a9a", dash="6 4", width=1.5))
        out += left.clip(left.line(_GRID, clipped, color=PALETTE[0], width=2.5))
        out += right.clip(right.line(_GRID, slope, color=PALETTE[1], width=2.5, min_step=0.5))
        for x in (1 - clip, 1 + clip):
            out += left.line([x, x], [-5.5, 5.5], color=PALETTE[6], dash="2 3", width=1)
            out += right.line([x, x], [-2.5, 2.5], color=PALETTE[6], dash="2 3", width=1)
        return out

    def point(adv, clip, ratio) -> str:
        value = -rl.ppo_clip_loss([ratio], [adv], clip=clip)
        slope = float(-rl.ppo_clip_loss_grad([ratio], [adv], clip=clip)[0]) + 0.0  # no -0
        out = left.markers([ratio], [value], color=PALETTE[2], size=5)
        out += right.markers([ratio], [slope], color=PALETTE[2], size=5)
        state = "flat: no push" if slope == 0.0 else "pushes the ratio"
        note = f"ρ = {ratio:g}: objective {value:.3f}, slope {slope:g} ({state})"
        return out + f'<text x="20" y="372">{_svg.esc(note)}</text>'

    entries = [
        ("clipped objective", PALETTE[0], "", None),
        ("plain ρA", "#9a9a9a", "6 4", None),
        ("slope of the clipped", PALETTE[1], "", None),
        ("1 ± ε", PALETTE[6], "2 3", None),
    ]
    return Explorer(
        "ppo",
        text="PPO clip explorer: move the sliders in Jupyter; "
        "the website shows a precomputed version.",
        title="PPO's clipped surrogate for one sample",
        controls=[
            slider("adv", "advantage A", ADVANTAGES, "{:g}", 1.0),
            slider("clip", "clip ε", CLIPS, "{:g}", 0.2),
            slider("ratio", "ratio ρ", RATIOS, "{:g}", 1.5),
        ],
        layers=[Layer(("adv", "clip"), curves), Layer(("adv", "clip", "ratio"), point)],
        size=(760, 440),
        under=under,
        over=_svg.legend(540, 346, entries, width=190),
    )
