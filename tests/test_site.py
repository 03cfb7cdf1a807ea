"""The built website in headless Chromium, with no internet: every page of the table of
contents loads without a console error, a page error, a failed request or a request leaving
127.0.0.1; math is typeset by the site's own MathJax; widgets are rendered by the site's own
html-manager; explorers work without a kernel.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _site import CHROMIUM, CHROMIUM_ARGS, PageRecorder, serve, toc_files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

PAGES = [f"{rel}.html" for rel in toc_files()]


@pytest.fixture(scope="module")
def site(built_site):
    result, html = built_site
    assert result.returncode == 0, "the book did not build"
    with serve(html) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


def load(page, url: str) -> PageRecorder:
    recorder = PageRecorder(page)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate(
        "() => (window.MathJax && MathJax.startup && MathJax.startup.promise) || null"
    )
    return recorder


@pytest.mark.parametrize("rel", PAGES)
def test_page_loads_cleanly_offline(page, site, rel):
    recorder = load(page, f"{site}/{rel}")
    assert recorder.problems() == {}


@pytest.mark.parametrize("rel", PAGES)
def test_math_is_typeset(page, site, rel):
    load(page, f"{site}/{rel}")
    raw = page.evaluate(
        """() => Array.from(document.querySelectorAll('span.math, div.math'))
                 .filter(el => !el.querySelector('mjx-container')).length"""
    )
    total = page.evaluate("() => document.querySelectorAll('span.math, div.math').length")
    assert raw == 0, f"{raw} of {total} formulas were left as raw TeX"


def test_some_page_has_math(page, site):
    counts = {}
    for rel in PAGES:
        load(page, f"{site}/{rel}")
        counts[rel] = page.evaluate("() => document.querySelectorAll('mjx-container').length")
    assert sum(counts.values()) > 0, counts


def test_a_widget_is_rendered_by_the_local_html_manager(page, site):
    rel = "appendix/instructors.html"
    recorder = load(page, f"{site}/{rel}")
    page.wait_for_selector(".widget-slider, .jupyter-widgets .widget-hslider", timeout=15000)
    slider = page.locator(".widget-slider, .widget-hslider").first
    assert slider.is_visible()
    assert recorder.problems() == {}


def test_explorers_on_the_site_change_their_figure(page, site):
    checked = 0
    for rel in PAGES:
        load(page, f"{site}/{rel}")
        roots = page.locator("div.lossedu-explorer")
        for i in range(roots.count()):
            root = roots.nth(i)
            frame = root.locator("g.lossedu-frame").first
            before = frame.inner_html()
            control = root.locator("input[type=range]").first
            maximum = control.get_attribute("max")
            control.evaluate(
                "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true}));"
                " el.dispatchEvent(new Event('change', {bubbles: true})); }",
                maximum,
            )
            assert frame.inner_html() != before, f"explorer {i} on {rel} did not change"
            checked += 1
    assert checked >= 1, "no explorer found on the site"
