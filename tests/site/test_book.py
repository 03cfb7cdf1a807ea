"""The website builds from scratch with zero warnings (`-W -n --keep-going`)."""

import re

import pytest

pytestmark = pytest.mark.book


def test_book_builds_without_warnings(built_site):
    result, html = built_site
    log = result.stdout + result.stderr
    warnings = [line for line in log.splitlines() if re.search(r"WARNING|ERROR", line)]
    assert result.returncode == 0, log[-5000:]
    assert warnings == []
    assert (html / "index.html").is_file()


def test_every_toc_page_is_built(built_site):
    from _site import ROOT, toc_files

    _, html = built_site
    for rel in toc_files(ROOT):
        assert (html / f"{rel}.html").is_file(), f"{rel} is in _toc.yml but was not built"


def test_offline_assets_are_served_by_the_site(built_site):
    _, html = built_site
    page = (html / "chapters" / "00_how_to_use.html").read_text()
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "_static/mathjax/es5/tex-mml-chtml.js" in page
    assert (html / "_static" / "mathjax" / "es5" / "tex-mml-chtml.js").is_file()


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
