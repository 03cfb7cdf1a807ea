"""The whole course as one PDF (`make pdf`, which `make test` runs first).

The PDF is printed from the one-page build by Chromium (scripts/build_pdf.py). Its text layer
is read with poppler's ``pdftotext``, which keeps the text of SVG figures in reading order.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from execute_notebooks import toc_files  # noqa: E402

PDF = ROOT / "_build" / "pdf" / "loss-functions-hands-on.pdf"


def _flat(text: str) -> str:
    """NFKC (ligatures such as 'ﬁ' become 'fi') and single spaces, as titles wrap in print."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pdf() -> dict:
    if not PDF.is_file():
        pytest.fail(f"{PDF.relative_to(ROOT)} is missing: run `make pdf` (make test does it first)")
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True, check=True)
    info = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.MULTILINE).group(1))
    return {"text": text.stdout, "flat": _flat(text.stdout), "pages": pages}


def page_titles() -> list[str]:
    """The first heading of every page of _toc.yml (notebooks and Markdown pages)."""
    import nbformat

    titles = []
    for rel in toc_files(ROOT):
        path = next(p for p in (ROOT / f"{rel}.ipynb", ROOT / f"{rel}.md") if p.exists())
        if path.suffix == ".ipynb":
            source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        else:
            source = path.read_text()
        match = re.search(r"^#\s+(.+?)\s*$", source, flags=re.MULTILINE)
        assert match, f"{rel} has no title heading"
        # Markdown in a title prints as its text: drop emphasis and code marks
        titles.append(re.sub(r"[*`]", "", match.group(1)))
    return titles


def test_the_pdf_is_the_whole_book(pdf):
    # the first edition prints to about 360 A4 pages; a build that lost chapters is far shorter
    assert pdf["pages"] >= 250, pdf["pages"]


@pytest.mark.parametrize("title", page_titles())
def test_every_page_title_is_in_the_text_layer(pdf, title):
    assert _flat(title) in pdf["flat"]


def test_no_raw_tex_is_printed(pdf):
    # MathJax typesets every formula before printing; raw TeX would print as \frac, $$ or \(.
    raw = re.findall(r"\\[A-Za-z]{2,}|\$\$|\\\(|\\\[", pdf["text"])
    assert raw == [], sorted(set(raw))


def test_every_explorer_prints_its_precomputed_figure(pdf):
    # Each kernel-free explorer ends with this note under its figure; an explorer printed as
    # an empty widget box (the live view, which needs a kernel) has neither figure nor note.
    import nbformat

    calls = 0
    for rel in toc_files(ROOT):
        path = ROOT / f"{rel}.ipynb"
        if path.exists():
            code = [
                c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
            ]
            calls += sum(len(re.findall(r"widgets\.\w+_explorer\(", s)) for s in code)
    assert calls > 0
    assert pdf["flat"].count("Precomputed version") == calls


def test_the_website_ships_the_pdf_and_links_it(built_site):
    _, html = built_site
    assert (html / PDF.name).read_bytes() == PDF.read_bytes()
    landing = (html / "intro.html").read_text()
    assert f'href="{PDF.name}"' in landing
