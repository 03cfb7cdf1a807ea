"""Static figures stay legible on a phone: they scroll in their own box instead of shrinking.

A notebook figure is a PNG drawn at twice its size (sharp on high-density screens; its output
metadata gives its size on the page) that records, in a text chunk, the smallest font drawn in
it (``lossedu._plot_style.figure_png``). The theme shrinks every image to the width of the
text column, so on a 390 px phone a 900 px wide figure with 10 pt tick labels would show them
about 4 px tall. While Sphinx writes each page, every ``<img>`` of such a PNG gets

- a ``min-width`` at which its smallest text is ``MIN_READABLE_PX`` (9) CSS px tall, and a box
  around it (``lossedu-figure``) that scrolls sideways when the column is narrower than that;
- ``data-font-px`` (the smallest text's size in CSS px when the image is shown at its
  ``data-width``), so that the browser tests can measure the rendered size of that text;
- the class ``lossedu-png``, which ``static/figures.css`` uses for the dark theme.

Images without the recorded font (drawn elsewhere) are left as they are. No upstream issue:
the notebook format has no notion of a figure's font size, so only this course can know it.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

from _static_dir import serve_static_dir
from sphinx.application import Sphinx

from lossedu._plot_style import MIN_READABLE_PX
from lossedu._plot_style import PNG_FONT_KEY as FONT_KEY

IMG = re.compile(r'<img\b[^>]*\bsrc="([^"]*_images/([^"/]+\.png))"[^>]*>')


def figure_metrics(path: Path, shown_width: float | None) -> dict | None:
    """Size facts of a course PNG: shown width, font px at that width, minimum width.

    ``shown_width`` is the width (CSS px) the page asks for, else the PNG's pixel width.
    Returns None for a PNG that does not record its smallest font.
    """
    from PIL import Image

    with Image.open(path) as image:
        font_pt = image.info.get(FONT_KEY)
        dpi = image.info.get("dpi")
        pixels = image.size[0]
    if font_pt is None or not dpi:
        return None
    width = float(shown_width or pixels)
    # a point is dpi / 72 pixels of the PNG; the PNG's pixels shrink by width / pixels
    font_px = float(font_pt) * float(dpi[0]) / 72.0 * width / pixels
    return {
        "width": width,
        "font_px": font_px,
        "min_width": math.ceil(width * MIN_READABLE_PX / font_px),
    }


def _sources(app: Sphinx) -> dict[str, Path]:
    """File name in _images/ -> the original PNG (before any palette copy)."""
    env = app.env
    out = {}
    for uri, name in app.builder.images.items():
        original = env.original_image_uri.get(uri, uri)
        out[name] = Path(app.srcdir, original)
    return out


def _rewrite(match: re.Match, sources: dict[str, Path]) -> str:
    tag, name = match.group(0), match.group(2)
    source = sources.get(name)
    if source is None or not source.is_file():
        return tag
    shown = re.search(r'\bwidth(?:="|:\s*)(\d+(?:\.\d+)?)', tag)
    metrics = figure_metrics(source, float(shown.group(1)) if shown else None)
    if metrics is None:
        return tag
    style = f"min-width:{metrics['min_width']}px"
    if 'style="' in tag:
        tag = tag.replace('style="', f'style="{style};', 1)
    else:
        tag = tag.replace("<img ", f'<img style="{style}" ', 1)
    if 'class="' in tag:
        tag = tag.replace('class="', 'class="lossedu-png ', 1)
    else:
        tag = tag.replace("<img ", '<img class="lossedu-png" ', 1)
    tag = tag.replace(
        "<img ",
        f'<img data-width="{metrics["width"]:g}" data-font-px="{metrics["font_px"]:.2f}" ',
        1,
    )
    alt = re.search(r'\balt="([^"]*)"', tag)
    label = html.escape(html.unescape(alt.group(1))[:120], quote=True) if alt else "figure"
    # focusable, so that a keyboard can scroll the box when the figure is wider than it
    return f'<div class="lossedu-figure" tabindex="0" role="group" aria-label="{label}">{tag}</div>'


def size_figures(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if app.builder.format != "html" or not body or "_images/" not in body:
        return
    sources = _sources(app)
    context["body"] = IMG.sub(lambda m: _rewrite(m, sources), body)


def setup(app: Sphinx) -> dict:
    serve_static_dir(app)
    app.add_css_file("figures.css")
    app.connect("html-page-context", size_figures)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
