"""Give every figure of a notebook page honest alt text, taken from the caption under it.

A chapter shows a figure as the output of a code cell and explains it in the paragraph right
after that cell, which starts with "Figure:" (written ``*Figure: what it shows ...*``). MyST-NB
gives an output image alt text only from the cell metadata ``mystnb: {image: {alt: ...}}``;
without it the HTML falls back to the image's *file path*, which a screen reader then reads
out. This extension fills that gap at build time:

1. an image that already has alt text (from cell metadata, or ``![alt](...)`` in Markdown)
   keeps it;
2. otherwise, if the paragraph that follows the image's cell starts with "Figure:", the rest of
   that paragraph becomes the alt text (math is turned into plain symbols, e.g.
   ``$\\delta$`` into "δ"; several images in one cell get "(image k of n)" appended);
3. otherwise the build warns, naming the page and cell, so a ``-W`` build fails until the
   figure gets a caption (or an alt text in its cell metadata).

The notebook format itself has no field for the alt text of an output image
(https://github.com/jupyter/accessibility/issues/37); no MyST-NB issue about a fallback was
found.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

CAPTION = re.compile(r"^\s*Figure\s*\d*\s*[:.]\s*", re.IGNORECASE)

# A small TeX-to-text table for the symbols that captions use; anything else keeps its letters.
_TEX = {
    r"\alpha": "α",
    r"\beta": "β",
    r"\gamma": "γ",
    r"\delta": "δ",
    r"\Delta": "Δ",
    r"\epsilon": "ε",
    r"\varepsilon": "ε",
    r"\eta": "η",
    r"\theta": "θ",
    r"\lambda": "λ",
    r"\mu": "μ",
    r"\pi": "π",
    r"\rho": "ρ",
    r"\sigma": "σ",
    r"\tau": "τ",
    r"\infty": "∞",
    r"\le": "≤",
    r"\leq": "≤",
    r"\ge": "≥",
    r"\geq": "≥",
    r"\approx": "≈",
    r"\times": "×",
    r"\cdot": "·",
    r"\pm": "±",
    r"\to": "→",
    r"\hat y": "ŷ",
    r"\hat{y}": "ŷ",
    r"\tfrac12": "½",
    r"\frac12": "½",
    r"\sum": "Σ",
    r"\nabla": "∇",
}


def tex_to_text(tex: str) -> str:
    """A readable rendering of a short TeX formula (for alt text, not for display)."""
    text = tex
    for command in sorted(_TEX, key=len, reverse=True):
        text = re.sub(re.escape(command) + r"(?![A-Za-z])", _TEX[command], text)
    text = re.sub(r"\\(?:frac|tfrac|dfrac)\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", text)
    text = re.sub(r"\\(?:mathrm|text|mathbf|operatorname)\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\[,;!: ]", " ", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def plain_text(node: nodes.Node) -> str:
    """The text of ``node`` with its math nodes rendered by :func:`tex_to_text`."""
    parts = []
    for child in node.findall(lambda n: isinstance(n, (nodes.Text, nodes.math))):
        if isinstance(child, nodes.math):
            parts.append(tex_to_text(child.astext()))
        elif not isinstance(child.parent, nodes.math):
            parts.append(str(child))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _cell_of(node: nodes.Node) -> nodes.Element | None:
    while node is not None:
        if isinstance(node, nodes.Element) and node.get("nb_element") == "cell_code":
            return node
        node = node.parent
    return None


def caption_after(cell: nodes.Element) -> str | None:
    """The caption text of the paragraph right after ``cell``, if it starts with "Figure:"."""
    parent = cell.parent
    if parent is None:
        return None
    index = parent.index(cell)
    following = parent.children[index + 1] if index + 1 < len(parent.children) else None
    if not isinstance(following, nodes.paragraph):
        return None
    text = plain_text(following)
    match = CAPTION.match(text)
    if not match:
        return None
    caption = text[match.end() :].strip()
    return caption[:1].upper() + caption[1:] if caption else None


def _has_alt(image: nodes.image) -> bool:
    alt = (image.get("alt") or "").strip()
    return bool(alt) and alt != image.get("uri") and "/" not in alt.split()[0]


def add_alt_text(app: Sphinx, doctree: nodes.document) -> None:
    by_cell: dict[int, list[nodes.image]] = {}
    cells: dict[int, nodes.Element] = {}
    for image in doctree.findall(nodes.image):
        if _has_alt(image):
            continue
        cell = _cell_of(image)
        if cell is None:
            logger.warning(
                "[figure_alt] image %s has no alt text: write ![what it shows](%s)",
                image.get("uri"),
                image.get("uri"),
                location=image,
            )
            continue
        by_cell.setdefault(id(cell), []).append(image)
        cells[id(cell)] = cell
    for key, images in by_cell.items():
        cell = cells[key]
        caption = caption_after(cell)
        if caption is None:
            logger.warning(
                "[figure_alt] the figure of code cell %s has no alt text: put a caption "
                "paragraph starting with '*Figure:' right after the cell, or set the cell "
                "metadata mystnb: {image: {alt: ...}}",
                cell.get("cell_index", "?"),
                location=cell,
            )
            continue
        for k, image in enumerate(images, start=1):
            suffix = f" (image {k} of {len(images)})" if len(images) > 1 else ""
            image["alt"] = caption + suffix


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", add_alt_text)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
