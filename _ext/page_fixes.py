"""Small fixes to the pages the theme and extensions produce: accessibility and page weight.

Each fix answers a problem that the browser tests (tests/test_site.py) found on the built site:

1. **Bibliography list roles** (axe rule ``aria-required-children``, critical): docutils
   writes the citation list as ``<div role="list">`` whose entries carry
   ``role="doc-biblioentry"``, a role ARIA 1.3 deprecates and that is not a list item, so the
   list has no items for assistive technology. The entries are given ``role="listitem"``.
2. **Unnamed widget sliders** (axe rule ``aria-input-field-name``, serious): ipywidgets'
   html-manager draws a slider handle with ``role="slider"`` but no name; ``widget-a11y.js``
   names it after the widget's description label.
3. **Page weight**: pydata-sphinx-theme loads ``_static/scripts/fontawesome.js`` (1.5 MB) on
   every page to redraw its icons as inline SVG, although its CSS already draws the same icons
   with the Font Awesome web fonts. When the build has finished, that file is replaced by
   ``fontawesome-stub.js`` (a comment only): the icons look the same, every page is 1.5 MB
   lighter.
4. **Figure weight**: matplotlib writes 8-bit RGBA PNGs, three to four times larger than a
   256-colour palette PNG of the same plot. After the build, each PNG in ``_images/`` is
   re-encoded with a palette *only if* that changes the picture by less than
   ``MAX_MEAN_ERROR`` (mean absolute difference per channel, out of 255) and saves at least
   10 %; anything else (photographs, smooth colour maps that would band) is left untouched.
   Only the website's copies change; the notebooks keep their original figures.
5. **Wide API tables** (``course.css``): the theme keeps the first column of autosummary
   tables on one line, so the longest loss names push the table past the page width; they
   are allowed to wrap.
6. **Search index on every page**: pydata-sphinx-theme loads ``searchindex.js`` (with
   ``searchtools.js`` and ``language_data.js``, about 160 kB) on every page for its
   search-as-you-type option, which this site leaves off. ``_ext/templates/layout.html``
   (``templates_path`` in ``_config.yml``) drops them outside the search page.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FONTAWESOME = Path("_static") / "scripts" / "fontawesome.js"
MAX_MEAN_ERROR = 1.0  # out of 255, per channel: invisible on a plot
STUB = Path(__file__).parent / "fontawesome-stub.js"


def fix_citation_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def drop_fontawesome_js(app: Sphinx, exception) -> None:
    target = Path(app.outdir) / FONTAWESOME
    if exception is None and app.builder.format == "html" and target.is_file():
        shutil.copyfile(STUB, target)


def palette_png(path: Path) -> bool:
    """Re-encode ``path`` with a 256-colour palette if that is near-lossless and smaller."""
    import numpy as np
    from PIL import Image

    with Image.open(path) as image:
        if image.mode not in ("RGB", "RGBA"):
            return False
        original = image.convert("RGBA")
    pixels = np.asarray(original, dtype=np.int16)
    if (pixels[..., 3] == 255).all():
        # opaque (matplotlib's default): median cut on RGB keeps plots within ~0.3/255
        quantized = original.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    else:  # the only built-in method that keeps transparency
        quantized = original.quantize(
            colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
    error = np.abs(np.asarray(quantized.convert("RGBA"), dtype=np.int16) - pixels).mean()
    if error > MAX_MEAN_ERROR:
        return False
    buffer = io.BytesIO()
    quantized.save(buffer, "PNG", optimize=True)
    if buffer.tell() > 0.9 * path.stat().st_size:
        return False
    path.write_bytes(buffer.getvalue())
    return True


def lighten_figures(app: Sphinx, exception) -> None:
    images = Path(app.outdir) / "_images"
    if exception is not None or app.builder.format != "html" or not images.is_dir():
        return
    pngs = sorted(images.glob("*.png"))
    changed = sum(palette_png(png) for png in pngs)
    logger.info("[page_fixes] %d of %d PNG figures re-encoded with a palette", changed, len(pngs))


def setup(app: Sphinx) -> dict:
    app.add_js_file("widget-a11y.js", defer="defer")
    app.add_css_file("course.css")
    app.connect("html-page-context", fix_citation_roles)
    app.connect("build-finished", drop_fontawesome_js)
    app.connect("build-finished", lighten_figures)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
