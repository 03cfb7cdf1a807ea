"""Shared look of every figure: palette, line styles, markers, and a new-axes helper.

Kept apart from :mod:`lossedu.plotting` so that the SVG renderer of the widgets can use the
same colours without importing pyplot.
"""

from __future__ import annotations

# Okabe & Ito (2008), "Color universal design": blue, vermillion, bluish green, reddish
# purple, orange, sky blue, black, yellow (yellow last: low contrast on white).
#: The colour-blind-safe palette of every figure (Okabe & Ito 2008), yellow last.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: Line styles paired with PALETTE, so that series differ without colour too.
LINESTYLES = ("-", "--", ":", "-.", (0, (8, 2)), "-", "--", ":")
#: Marker shapes paired with PALETTE for scatter plots.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def style(i: int) -> dict:
    """Line style of the i-th series: colour, dash pattern and marker all change with i."""
    return {
        "color": PALETTE[i % len(PALETTE)],
        "linestyle": LINESTYLES[i % len(LINESTYLES)],
        "marker": MARKERS[i % len(MARKERS)],
    }


def new_axes(ax=None, *, figsize=(6.0, 4.0)):
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # lazily: the widgets use this module without pyplot

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax
