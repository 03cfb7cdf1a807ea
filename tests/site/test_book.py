"""The website builds from scratch with zero warnings (`-W -n --keep-going`)."""

import re

import pytest
from _site import ROOT

pytestmark = pytest.mark.book


def test_book_builds_without_warnings(built_site):
    result, html = built_site
    log = result.stdout + result.stderr
    warnings = [line for line in log.splitlines() if re.search(r"WARNING|ERROR", line)]
    assert result.returncode == 0, log[-5000:]
    assert warnings == []
    assert (html / "index.html").is_file()


def test_every_toc_page_is_built(built_site):
    from _site import toc_files

    _, html = built_site
    for rel in toc_files(ROOT):
        assert (html / f"{rel}.html").is_file(), f"{rel} is in _toc.yml but was not built"


def test_offline_assets_are_served_by_the_site(built_site):
    _, html = built_site
    page = (html / "chapters" / "00_how_to_use.html").read_text()
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    # MathJax's loader and the components it loads (_ext/mathjax_components.py)
    assert "_static/mathjax/es5/startup.js" in page
    for component in ("startup", "core", "input/tex", "output/chtml", "a11y/assistive-mml"):
        assert (html / "_static" / "mathjax" / "es5" / f"{component}.js").is_file(), component


def test_scripts_are_not_emitted_twice(built_site):
    _, html = built_site
    page = (html / "intro.html").read_text()
    assert page.count("const THEBE_JS_URL") <= 1
    assert page.count("let toggleOpenOnPrint") <= 1


def test_api_reference_documents_constants_with_their_own_words(built_site):
    _, html = built_site
    page = (html / "appendix" / "api.html").read_text()
    for inherited in ("Built-in immutable sequence", "Convert a string or number", "dict() -&gt;"):
        assert inherited not in page, f"a constant shows its type's docstring: {inherited!r}"


# --- the fixes of _ext/, as they show in the built site ------------------------------------


def test_theme_fontawesome_script_is_the_stub(built_site):
    _, html = built_site
    built = html / "_static" / "scripts" / "fontawesome.js"
    stub = ROOT / "_ext" / "theme_overrides" / "scripts" / "fontawesome.js"
    # the theme's own file is about 1.5 MB; the stub is a comment
    assert built.read_bytes() == stub.read_bytes()
    assert built.stat().st_size < 1000


def test_figures_are_served_as_palette_pngs(built_site):
    from PIL import Image

    _, html = built_site
    pngs = sorted((html / "_images").glob("*.png"))
    palette = [p for p in pngs if p.name.endswith("-palette.png")]
    assert palette, "no figure was re-encoded with a palette"
    for path in palette:
        with Image.open(path) as image:
            assert image.mode == "P", f"{path.name} is {image.mode}, not a palette PNG"
    page = (html / "chapters" / "03_regression_losses.html").read_text()
    assert "-palette.png" in page


def test_search_index_is_loaded_on_the_search_page_only(built_site):
    _, html = built_site
    chapter = (html / "chapters" / "03_regression_losses.html").read_text()
    search = (html / "search.html").read_text()
    assert "searchindex.js" not in chapter and "searchtools.js" not in chapter
    assert "searchindex.js" in search


def test_bibliography_entries_are_list_items(built_site):
    _, html = built_site
    page = (html / "appendix" / "bibliography.html").read_text()
    assert 'role="doc-biblioentry"' not in page
    assert 'role="listitem"' in page


def test_theme_starts_in_auto_mode(built_site):
    _, html = built_site
    assert 'data-theme="auto"' in (html / "intro.html").read_text()
