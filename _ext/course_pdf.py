"""Ship the whole-course PDF with the website, and link it from the landing page.

Why: readers ask for the course on paper or on an e-reader, and the website is the place they
look for it. ``make pdf`` prints the one-page build to ``_build/pdf/`` (scripts/build_pdf.py);
``make book`` runs it first when a Chromium is installed. When that file is there, this
extension copies it to the root of the site (``html_extra_path``) and the substitution
``{{ course_pdf }}`` in ``intro.md`` becomes a download link with its size; when it is not, the
substitution says how to make it, so the site never shows a dead link. No upstream issue: this
is the course's own feature, not a workaround.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

PDF_DIR = Path("_build") / "pdf"
PDF_NAME = "loss-functions-hands-on.pdf"


def pdf_path(confdir: str | Path) -> Path:
    return Path(confdir) / PDF_DIR / PDF_NAME


def link_text(pdf: Path) -> str:
    """The landing page's sentence about the PDF: a link when it exists, else how to make it."""
    if pdf.is_file():
        size = pdf.stat().st_size / 1e6
        return (
            f'<a href="{PDF_NAME}" download>Download the whole course as one PDF</a> '
            f"({size:.0f} MB, A4, with every figure and the precomputed explorers)."
        )
    return "The whole course is also one PDF: `make pdf` prints it (it needs Chromium)."


def set_link(app: Sphinx, config) -> None:
    substitutions = dict(config.myst_substitutions or {})
    substitutions["course_pdf"] = link_text(pdf_path(app.confdir))
    config.myst_substitutions = substitutions


def ship_pdf(app: Sphinx) -> None:
    """Copy the PDF into the website (not into the one-page build that it is printed from)."""
    pdf = pdf_path(app.confdir)
    if app.builder.name == "html" and pdf.is_file():
        app.config.html_extra_path = [*app.config.html_extra_path, str(pdf.parent)]
    elif app.builder.name == "html":
        logger.info("[course_pdf] %s not found: the site is built without the PDF.", PDF_DIR)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", set_link)
    app.connect("builder-inited", ship_pdf)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
