"""A tiny SVG renderer for the explorers: axes, ticks, lines, markers, contours and legends.

Why not matplotlib's SVG backend: its output embeds glyph paths, random-looking ids and
full-precision floats, so one frame weighs tens of kilobytes and differs between runs. The
explorers precompute hundreds of frames, so each must be a few hundred bytes and the same
bytes every time. Here every coordinate is a pixel written with one decimal and text is real
``<text>`` in the page's font.

Colours follow the page's theme: text and axes are drawn in ``currentColor`` (the ``color``
of the ``<svg>``, dark ink by default), and the card, grid and legend boxes carry the classes
``lossedu-card``, ``lossedu-grid`` and ``lossedu-legend``, so that a style sheet can recolour
them for a dark page without touching the frames. Without a style sheet (in Jupyter) the
figure is dark ink on a white card. Sizes come from the shared figure style
(``lossedu._plot_style``): the smallest font of a figure sets its minimum rendered width,
so that its text is never shown below ``MIN_READABLE_PX`` CSS pixels.
"""

from __future__ import annotations

import html
import itertools
import math
import re

import numpy as np
from contourpy import contour_generator
from matplotlib.ticker import MaxNLocator  # tick choice only; does not import pyplot

from lossedu._plot_style import GRID, LINESTYLES, MIN_READABLE_PX, PALETTE, SVG_FONT
from lossedu._plot_style import INK as INK_LIGHT

INK = "currentColor"  # text and axes: the svg's colour, INK_LIGHT unless a style sheet says
MUTED_OPACITY = "0.75"  # hints: the ink at 3/4 opacity (contrast above 7:1 on either card)
# SVG dash patterns in the order of plotting.LINESTYLES, so the site and the book agree
_DASH_OF = {"-": "", "--": "7 4", ":": "2 3", "-.": "9 3 2 3"}
DASHES = tuple(_DASH_OF.get(s, "12 3") if isinstance(s, str) else "12 3" for s in LINESTYLES)


def num(value: float) -> str:
    """A pixel coordinate with one decimal, ``-0`` folded to ``0``, trailing ``.0`` dropped."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def esc(text) -> str:
    """Escape text for an attribute or an element body."""
    return html.escape(str(text), quote=True)


def series_style(i: int) -> tuple[str, str]:
    """Colour and dash pattern of the i-th series (colour and dash both change)."""
    return PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]


def tick_label(value: float) -> str:
    """A short tick label without float noise (0.30000000000000004 -> 0.3)."""
    return f"{float(f'{value:.10g}'):g}"


def _stroke(color: str, dash: str, width: float) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return f'fill="none" stroke="{color}" stroke-width="{num(width)}"{dash_attr}'


class Panel:
    """One axes: a rectangle on the card with data limits, mapping data to pixels.

    Drawing methods return SVG text in coordinates local to the plot area; wrap them with
    :meth:`clip` so that nothing spills over the axes. :meth:`axes` draws the frame, ticks,
    labels and title in card coordinates.
    """

    def __init__(self, left, top, width, height, xlim, ylim, *, xlabel, ylabel, title):
        self.left, self.top, self.width, self.height = left, top, width, height
        self.xlim = (float(xlim[0]), float(xlim[1]))
        self.ylim = (float(ylim[0]), float(ylim[1]))
        self.xlabel, self.ylabel, self.title = xlabel, ylabel, title

    def px(self, x):
        x0, x1 = self.xlim
        return (np.asarray(x, dtype=float) - x0) / (x1 - x0) * self.width

    def py(self, y):
        y0, y1 = self.ylim
        return self.height - (np.asarray(y, dtype=float) - y0) / (y1 - y0) * self.height

    def path_data(self, x, y, *, min_step: float = 0.0) -> str:
        """Compact path data for a polyline: gaps at non-finite values, near points merged.

        Each run is ``M x y l dx dy ...`` in tenths of a pixel rounded once, so relative
        steps add up exactly and stay short.
        """
        px, py = np.atleast_1d(self.px(x)), np.atleast_1d(self.py(y))
        # far outside points are clamped so that huge values cannot blow up the text
        px, py = np.clip(px, -1e4, 1e4), np.clip(py, -1e4, 1e4)
        runs, run, last = [], [], None
        for i, (a, b) in enumerate(zip(px, py, strict=True)):
            if not (np.isfinite(a) and np.isfinite(b)):
                runs.append(run)
                run, last = [], None
                continue
            is_end = i == len(px) - 1
            if last is not None and not is_end and np.hypot(a - last[0], b - last[1]) < min_step:
                continue
            point = (round(a * 10), round(b * 10))
            if not run or point != run[-1]:
                run.append(point)
            last = (a, b)
        runs.append(run)
        return "".join(_run_data(r) for r in runs if r)

    def line(self, x, y, *, color, dash="", width=2.0, min_step=1.0) -> str:
        d = self.path_data(x, y, min_step=min_step)
        return f'<path d="{d}" {_stroke(color, dash, width)}/>' if d else ""

    def markers(self, x, y, *, color, shape="o", size=4.0, filled=True) -> str:
        """Markers: circle ``o``, square ``s``, triangle ``^``, diamond ``D``, cross ``x``."""
        px, py = np.atleast_1d(self.px(x)), np.atleast_1d(self.py(y))
        r = size
        parts = []
        for a, b in zip(px, py, strict=True):
            if shape == "o":
                parts.append(f"M{num(a - r)} {num(b)}a{num(r)} {num(r)} 0 1 0 {num(2 * r)} 0")
                parts.append(f"a{num(r)} {num(r)} 0 1 0 {num(-2 * r)} 0")
            elif shape == "s":
                parts.append(f"M{num(a - r)} {num(b - r)}h{num(2 * r)}v{num(2 * r)}h{num(-2 * r)}z")
            elif shape == "^":
                parts.append(
                    f"M{num(a)} {num(b - r)}L{num(a + r)} {num(b + r)} {num(a - r)} {num(b + r)}z"
                )
            elif shape == "D":
                parts.append(
                    f"M{num(a)} {num(b - r)}L{num(a + r)} {num(b)} "
                    f"{num(a)} {num(b + r)} {num(a - r)} {num(b)}z"
                )
            else:  # "x"
                parts.append(f"M{num(a - r)} {num(b - r)}L{num(a + r)} {num(b + r)}")
                parts.append(f"M{num(a - r)} {num(b + r)}L{num(a + r)} {num(b - r)}")
        d = "".join(parts)
        if shape == "x" or not filled:
            return f'<path d="{d}" {_stroke(color, "", 2.0)}/>'
        return (
            f'<path d="{d}" fill="{color}" class="lossedu-outline" stroke="#fff" '
            'stroke-width="0.8"/>'
        )

    def text(
        self, x, y, content, *, anchor="start", size=SVG_FONT["base"], weight=None, muted=False
    ) -> str:
        """Text at data coordinates (local to the plot area), in the ink colour.

        ``muted`` draws it at :data:`MUTED_OPACITY` (a hint), still readable on either card.
        """
        bold = f' font-weight="{weight}"' if weight else ""
        faded = f' fill-opacity="{MUTED_OPACITY}"' if muted else ""
        return (
            f'<text x="{num(float(self.px(x)))}" y="{num(float(self.py(y)))}" '
            f'font-size="{size}" text-anchor="{anchor}"{bold}{faded}>{esc(content)}</text>'
        )

    def contour(self, xs, ys, z, levels, *, color, dash="", width=1.2, min_step=2.5) -> str:
        """Contour lines of ``z`` (shape (len(ys), len(xs))) at ``levels``, one path in all."""
        gen = contour_generator(x=np.asarray(xs, float), y=np.asarray(ys, float), z=z)
        pieces = []
        for level in levels:
            for seg in gen.lines(float(level)):
                d = self.path_data(seg[:, 0], seg[:, 1], min_step=min_step)
                if d:
                    pieces.append(d)
        if not pieces:
            return ""
        return f'<path d="{" ".join(pieces)}" {_stroke(color, dash, width)}/>'

    def clip(self, content: str) -> str:
        """Place local content over the plot area, clipped to it (a nested ``<svg>``)."""
        return (
            f'<svg x="{num(self.left)}" y="{num(self.top)}" width="{num(self.width)}" '
            f'height="{num(self.height)}" overflow="hidden">{content}</svg>'
        )

    def axes(self, *, grid: bool = True) -> str:
        """Frame, grid, ticks, tick labels, axis labels and title, in card coordinates."""
        L, T, W, H = self.left, self.top, self.width, self.height
        out, grid_d = [], []
        for value in ticks(*self.xlim):
            x = L + float(self.px(value))
            grid_d.append(f"M{num(x)} {num(T)}v{num(H)}")
            out.append(
                f'<text x="{num(x)}" y="{num(T + H + 16)}" text-anchor="middle">'
                f"{tick_label(value)}</text>"
            )
        for value in ticks(*self.ylim):
            y = T + float(self.py(value))
            grid_d.append(f"M{num(L)} {num(y)}h{num(W)}")
            out.append(
                f'<text x="{num(L - 6)}" y="{num(y + 4)}" text-anchor="end">'
                f"{tick_label(value)}</text>"
            )
        if grid and grid_d:
            out.insert(
                0, f'<path class="lossedu-grid" d="{"".join(grid_d)}" {_stroke(GRID, "", 1)}/>'
            )
        out.append(f'<rect x="{num(L)}" y="{num(T)}" width="{num(W)}" height="{num(H)}" ')
        out[-1] += f"{_stroke(INK, '', 1)}/>"
        out.append(
            f'<text x="{num(L + W / 2)}" y="{num(T + H + 36)}" text-anchor="middle">'
            f"{esc(self.xlabel)}</text>"
        )
        cx, cy = L - 44, T + H / 2
        out.append(
            f'<text x="{num(cx)}" y="{num(cy)}" text-anchor="middle" '
            f'transform="rotate(-90 {num(cx)} {num(cy)})">{esc(self.ylabel)}</text>'
        )
        out.append(
            f'<text x="{num(L + W / 2)}" y="{num(T - 10)}" text-anchor="middle" '
            f'font-size="{SVG_FONT["title"]}" font-weight="bold">{esc(self.title)}</text>'
        )
        return "".join(out)


def _tenths(v: int) -> str:
    """An integer number of tenths as short decimal text: 15 -> 1.5, -5 -> -.5, 20 -> 2."""
    sign, v = ("-" if v < 0 else ""), abs(v)
    whole, frac = divmod(v, 10)
    body = f"{whole}.{frac}" if frac else f"{whole}"
    return sign + (body[1:] if body.startswith("0.") else body)


def _numbers(values) -> str:
    """Numbers joined as SVG path data: a minus sign separates as well as a space does."""
    out = ""
    for text in values:
        out += text if (not out or text.startswith("-")) else " " + text
    return out


def _run_data(run) -> str:
    x0, y0 = run[0]
    d = f"M{_numbers([_tenths(x0), _tenths(y0)])}"
    if len(run) > 1:
        steps = []
        for (a, b), (c, e) in itertools.pairwise(run):
            steps += [_tenths(c - a), _tenths(e - b)]
        d += "l" + _numbers(steps)
    return d


def ticks(lo: float, hi: float) -> list[float]:
    values = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
    span = hi - lo
    return [float(v) for v in values if lo - 1e-9 * span <= v <= hi + 1e-9 * span]


def legend(x: float, y: float, entries, *, width: float = 150) -> str:
    """A legend box at (x, y) in card coordinates.

    ``entries`` holds ``(label, color, dash, shape)``; ``shape`` None draws a line sample,
    otherwise a marker of that shape.
    """
    rows = len(entries)
    out = [
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(rows * 18 + 8)}" '
        f'fill="#fff" fill-opacity="0.9" class="lossedu-legend" stroke="{GRID}"/>'
    ]
    unit = Panel(0, 0, 1, 1, (0, 1), (0, 1), xlabel="", ylabel="", title="")  # (0, 1) -> origin
    for i, (label, color, dash, shape) in enumerate(entries):
        cy = y + 13 + 18 * i
        if shape is None:
            d = f"M{num(x + 8)} {num(cy)}h28"
            out.append(f'<path d="{d}" {_stroke(color, dash, 2.5)}/>')
        else:
            marker = unit.markers([0], [1], color=color, shape=shape)
            out.append(f'<g transform="translate({num(x + 22)} {num(cy)})">{marker}</g>')
        out.append(f'<text x="{num(x + 44)}" y="{num(cy + 4)}">{esc(label)}</text>')
    return "".join(out)


def smallest_font(svg_text: str) -> float:
    """The smallest ``font-size`` in an SVG text, the document's base size included."""
    sizes = [float(v) for v in re.findall(r'font-size="([\d.]+)"', svg_text)]
    return min([float(SVG_FONT["base"]), *sizes])


def min_width(width: float, smallest: float) -> int:
    """The rendered width (CSS px) below which text of size ``smallest`` gets under 9 px.

    A viewBox ``width`` units wide shown ``w`` CSS px wide scales text by ``w / width``.
    """
    return math.ceil(width * MIN_READABLE_PX / smallest)


def document(width: int, height: int, body: str, *, label: str, smallest=None) -> str:
    """A complete inline ``<svg>`` (no xmlns: optional in HTML) on a card.

    It fills the width of its container up to its own ``width``, but never gets narrower than
    :func:`min_width` of its smallest font (``smallest``, else read from ``body``): on a narrow
    screen its container scrolls instead. The card is white and the ink dark unless a style
    sheet recolours ``.lossedu-card`` and the svg's ``color``.
    """
    smallest = smallest_font(body) if smallest is None else min(smallest, smallest_font(body))
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}" '
        f'style="display:block;width:100%;max-width:{width}px;'
        f'min-width:{min_width(width, smallest)}px;height:auto" '
        f'data-min-font="{smallest:g}" font-size="{SVG_FONT["base"]}" color="{INK_LIGHT}" '
        f'fill="currentColor"><title>{esc(label)}</title>'
        f'<rect class="lossedu-card" width="{width}" height="{height}" fill="#fff"/>{body}</svg>'
    )
