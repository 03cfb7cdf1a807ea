"""Shared look of every figure: palette, line styles, markers, fonts, and a new-axes helper.

Kept apart from :mod:`lossedu.plotting` so that the SVG renderer of the widgets can use the
same colours and font sizes without importing pyplot.

Static figures (matplotlib) and explorers (SVG) share:

- the colours: :data:`PALETTE`, :data:`INK` for text and axes, :data:`GRID`;
- the font sizes, in points for matplotlib (:data:`FONT_PT`) and in SVG user units for the
  explorers (:data:`SVG_FONT`);
- a legibility rule: a figure is never shown so small that its smallest text is below
  :data:`MIN_READABLE_PX` CSS pixels. The website reads each figure's smallest font (recorded
  in the PNG, or in the SVG) and gives the figure a minimum width, scrolling inside its own
  box on a narrow screen rather than shrinking below that size.

In a Jupyter kernel, :func:`use_course_style` (run when :mod:`lossedu.plotting` is imported)
draws notebook figures as PNGs at :data:`PIXEL_RATIO` times their size (sharp on high-density
screens; the output's width metadata keeps them at their size on the page) and records the
smallest font of each figure in the PNG, under the key :data:`PNG_FONT_KEY`.
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

#: Text and axes colour on the white figure background (contrast 17:1).
INK = "#1a1a1a"
#: Grid lines and legend frames.
GRID = "#e3e3e3"

#: Font sizes of static figures, in points (matplotlib's default is 10 everywhere).
FONT_PT = {"base": 12, "ticks": 11, "labels": 12, "title": 13, "legend": 11}
#: Font sizes of the explorers' SVG, in user units (the viewBox's pixels).
SVG_FONT = {"base": 12, "title": 14}
#: CSS pixels per inch of a static figure at its natural size (matplotlib's default dpi).
FIGURE_DPI = 100
#: Notebook PNGs hold this many pixels per CSS pixel (2: sharp on high-density screens).
PIXEL_RATIO = 2
#: The smallest text size, in CSS pixels, a figure may be shown at on the website.
MIN_READABLE_PX = 9.0
#: PNG text chunk holding the smallest font size (points) drawn in the figure.
PNG_FONT_KEY = "lossedu:min-font-pt"

#: matplotlib settings of every course figure (colours of :data:`PALETTE`, fonts of FONT_PT).
RC = {
    "figure.dpi": FIGURE_DPI,
    "font.size": FONT_PT["base"],
    "axes.titlesize": FONT_PT["title"],
    "axes.labelsize": FONT_PT["labels"],
    "xtick.labelsize": FONT_PT["ticks"],
    "ytick.labelsize": FONT_PT["ticks"],
    "legend.fontsize": FONT_PT["legend"],
    "legend.title_fontsize": FONT_PT["legend"],
    "figure.titlesize": FONT_PT["title"],
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": GRID,
    "legend.edgecolor": GRID,
}


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


def smallest_font_pt(fig) -> float | None:
    """The smallest font size (points) of the visible, non-empty text of a drawn figure."""
    from matplotlib.text import Text

    sizes = [
        float(t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    return min(sizes) if sizes else None


def figure_png(fig) -> tuple[bytes, dict] | None:
    """A figure as a PNG at :data:`PIXEL_RATIO` times its size, with display metadata.

    Returns ``(png_bytes, {"width": w, "height": h})`` where ``w, h`` are the figure's size in
    CSS pixels (its pixel size divided by PIXEL_RATIO), as IPython's display formatters
    expect; the PNG records the figure's smallest font under :data:`PNG_FONT_KEY`. An empty
    figure (no axes) gives None, as matplotlib's own notebook formatter does.
    """
    import io

    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}.")
    if not fig.axes and not fig.lines and not fig.images and not fig.texts:
        return None
    fig.draw_without_rendering()  # lays out tick labels, so that every text is known
    smallest = smallest_font_pt(fig)
    metadata = {"Software": None}
    if smallest is not None:
        metadata[PNG_FONT_KEY] = f"{smallest:g}"
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format="png",
        dpi=fig.dpi * PIXEL_RATIO,
        bbox_inches="tight",
        facecolor="white",
        metadata=metadata,
    )
    data = buffer.getvalue()
    # PNG header: width and height are the big-endian integers at bytes 16-24
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return data, {"width": width // PIXEL_RATIO, "height": height // PIXEL_RATIO}


def use_course_style() -> None:
    """Give matplotlib the course's figure style; in Jupyter, show figures as sharp PNGs.

    Sets matplotlib's rc parameters to the course's fonts (12 pt text, 11 pt ticks) and ink
    colours, the ones the explorers use too. In a Jupyter kernel with matplotlib's inline
    backend, figures are then shown as PNGs drawn at twice their size, with width metadata
    that keeps them at their size on the page (sharp on high-density screens), and each PNG
    records the smallest font drawn in it, which the course website uses to keep every
    figure legible on a phone. Called when ``lossedu.plotting`` is imported, so that every
    figure of a chapter, made with ``lossedu.plotting`` or with pyplot directly, has the
    course's look; call it again after changing rc parameters to restore them.
    """
    import matplotlib

    matplotlib.rcParams.update(RC)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return
    # dict.get: reading rcParams["backend"] would resolve (and import) the backend
    backend = str(dict.get(matplotlib.rcParams, "backend", ""))
    if "inline" not in backend:
        return
    # importing the inline backend registers its own formatters once; ours replaces them
    import matplotlib_inline.backend_inline  # noqa: F401
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["image/png"].for_type(Figure, figure_png)
