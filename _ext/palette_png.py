"""The website's figures are palette PNGs when that changes nothing visible.

matplotlib writes 8-bit RGBA PNGs, three to four times larger than a palette PNG of the same
plot. While Sphinx writes each page, an image post-transform (the mechanism of Sphinx's own
image converters) re-encodes every PNG figure of that page with a palette into the build's
doctree folder and points the page at that copy, *only if* the picture changes by less than
``MAX_MEAN_ERROR`` (mean absolute difference per channel, out of 255) and the file is at least
10 % smaller. The palette is the smallest of 64, 128 and 256 colours that changes the picture
by at most ``SMALL_PALETTE_ERROR`` (half the bound of 256 colours; the figures are drawn at
twice their size, and 64 colours save another fifth of their bytes), else 256 colours;
anything else (photographs, smooth colour maps that would band) keeps its original. Sphinx
then copies the chosen file into ``_images/``. The notebooks and their stored outputs are
never changed. There is no upstream issue: this is an optimisation of page weight, not a
workaround.
"""

from __future__ import annotations

import io
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms.images import BaseImageConverter
from sphinx.util import logging

logger = logging.getLogger(__name__)

MAX_MEAN_ERROR = 1.0  # out of 255, per channel: invisible on a plot
SMALL_PALETTE_ERROR = 0.5  # the bound for 64 or 128 colours
PALETTE_SIZES = (64, 128, 256)
MIN_SAVING = 0.1  # keep the original unless the palette file is at least 10 % smaller
SUFFIX = "-palette.png"


def palette_png(source: Path, target: Path) -> bool:
    """Write ``source`` as a 256-colour palette PNG to ``target`` if near-lossless and smaller."""
    import numpy as np
    from PIL import Image

    with Image.open(source) as image:
        if image.mode not in ("RGB", "RGBA"):
            return False
        original = image.convert("RGBA")
    pixels = np.asarray(original, dtype=np.int16)
    opaque = bool((pixels[..., 3] == 255).all())
    for colors in PALETTE_SIZES:
        if opaque:
            # matplotlib's default: median cut on RGB keeps plots within ~0.3/255
            quantized = original.convert("RGB").quantize(
                colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
        else:  # the only built-in method that keeps transparency
            quantized = original.quantize(
                colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
            )
        error = np.abs(np.asarray(quantized.convert("RGBA"), dtype=np.int16) - pixels).mean()
        if error <= (MAX_MEAN_ERROR if colors == PALETTE_SIZES[-1] else SMALL_PALETTE_ERROR):
            break
    else:
        return False
    buffer = io.BytesIO()
    quantized.save(buffer, "PNG", optimize=True)
    if buffer.tell() > (1 - MIN_SAVING) * source.stat().st_size:
        return False
    target.write_bytes(buffer.getvalue())
    return True


class PalettePNG(BaseImageConverter):
    """Point each local PNG image of an HTML page at its palette copy, when there is one."""

    default_priority = 300  # after Sphinx's downloader (100) and data-URI extractor (150)

    def match(self, node: nodes.image) -> bool:
        if self.app.builder.format != "html":
            return False
        key = "*" if "*" in node["candidates"] else "image/png"
        path = node["candidates"].get(key, "")
        return path.lower().endswith(".png") and path in self.env.images

    def handle(self, node: nodes.image) -> None:
        key = "*" if "*" in node["candidates"] else "image/png"
        source_rel = node["candidates"][key]
        source = Path(self.app.srcdir, source_rel)
        target = Path(self.imagedir, "palette", Path(source_rel).stem + SUFFIX)
        stats = self.app.palette_png_stats
        stats["seen"] += 1
        fresh = target.exists() and target.stat().st_mtime >= source.stat().st_mtime
        if not fresh:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not palette_png(source, target):
                target.unlink(missing_ok=True)
                return
        stats["palette"] += 1
        node["candidates"][key] = str(target)
        node["uri"] = str(target)
        self.env.original_image_uri[str(target)] = source_rel
        self.env.images.add_file(self.env.docname, str(target))


def reset_stats(app: Sphinx) -> None:
    app.palette_png_stats = {"seen": 0, "palette": 0}


def report(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        stats = app.palette_png_stats
        logger.info(
            "[palette_png] %d of %d PNG figures use a palette", stats["palette"], stats["seen"]
        )


def setup(app: Sphinx) -> dict:
    app.add_post_transform(PalettePNG)
    app.connect("builder-inited", reset_stats)
    app.connect("build-finished", report)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
