"""The built website in headless Chromium, with no internet.

One browser visits every page of the site once (every `_toc.yml` page, the index and the search
page), each in a fresh context so nothing is cached, and records what the tests below check:

- no console error, page error, failed request or request leaving 127.0.0.1;
- every formula typeset by the site's own MathJax, with no TeX error;
- every image has alt text that describes it (not empty, not a file path);
- every code block has a copy button;
- every kernel-free explorer changes its figure when its first control moves;
- in the dark theme, body text keeps a WCAG AA contrast (4.5:1) with what is behind it;
- each chapter's launch button opens that chapter's notebook in Binder;
- an axe-core scan finds no critical or serious violation;
- the page weight (bytes of the page and everything it loaded) is reported, and no chapter
  page is over 3 MB.

Two more visits check that search finds a chapter and that a widget is drawn by the local
html-manager. The API reference and the glossary are checked in the built HTML, without a
browser.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
from pathlib import Path

import pytest
from _site import (
    CHROMIUM,
    ROOT,
    PageRecorder,
    binder_prefix,
    toc_files,
    visit,
)

_no_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"
)


def in_browser(test):
    """Mark a test as a browser test, skipped where Debian's chromium is not installed."""
    return pytest.mark.browser(_no_chromium(test))


TOC_PAGES = [f"{rel}.html" for rel in toc_files()]
PAGES = [*TOC_PAGES, "genindex.html", "search.html"]
CHAPTERS = [rel for rel in toc_files() if rel.startswith("chapters/")]
MAX_CHAPTER_BYTES = 3_000_000
MIN_CONTRAST = 4.5  # WCAG 2 level AA for body text


@pytest.fixture(scope="module")
def reports(browser, site):
    """One visit per page, shared by every test of this module: {page: PageReport}."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    return {rel: visit(browser, site, rel, axe) for rel in PAGES}


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


# --- every page ---------------------------------------------------------------------------


@in_browser
@pytest.mark.parametrize("rel", PAGES)
def test_page_loads_cleanly_offline(reports, rel):
    assert reports[rel].problems == {}


@in_browser
@pytest.mark.parametrize("rel", PAGES)
def test_math_is_typeset(reports, rel):
    math = reports[rel].math
    assert math["raw"] == 0, f"{math['raw']} of {math['total']} formulas were left as raw TeX"
    assert math["errors"] == [], f"MathJax could not typeset: {math['errors']}"


@in_browser
def test_some_page_has_math(reports):
    counts = {rel: r.math["typeset"] for rel, r in reports.items()}
    assert sum(counts.values()) > 0, counts


def _alt_problem(image: dict) -> str | None:
    alt = (image["alt"] or "").strip()
    name = image["src"].rsplit("/", 1)[-1]
    if not alt:
        return "no alt text"
    if alt == image["src"] or alt == name or "/" in alt.split()[0]:
        return f"alt text is a file path: {alt!r}"
    if re.fullmatch(r"(?i)(image|figure|picture|graph|plot|png|svg|img)\s*\d*", alt):
        return f"alt text says nothing: {alt!r}"
    return None


@in_browser
@pytest.mark.parametrize("rel", PAGES)
def test_images_have_meaningful_alt_text(reports, rel):
    bad = {}
    for image in reports[rel].images:
        problem = _alt_problem(image)
        if problem:
            bad[image["src"][-60:]] = problem
    assert bad == {}


@in_browser
@pytest.mark.parametrize("rel", PAGES)
def test_code_blocks_have_copy_buttons(reports, rel):
    code = reports[rel].code
    assert code["with_button"] == code["blocks"], code


@in_browser
def test_chapters_have_code_with_copy_buttons(reports):
    counted = {rel: reports[f"{rel}.html"].code["with_button"] for rel in CHAPTERS}
    assert all(counted.values()), f"a chapter without code blocks or copy buttons: {counted}"


@in_browser
@pytest.mark.parametrize("rel", PAGES)
def test_explorers_change_their_figure(reports, rel):
    stuck = [e for e in reports[rel].explorers if not e["changed"]]
    assert stuck == [], f"explorers whose figure no control could change: {stuck}"


@in_browser
def test_explorers_on_the_site_change_their_figure(reports):
    moved = [(rel, e["name"]) for rel, r in reports.items() for e in r.explorers if e["changed"]]
    assert len(moved) >= 1, "no explorer found on the site"


@in_browser
@pytest.mark.parametrize("rel", PAGES)
def test_dark_mode_text_is_readable(reports, rel):
    dark = reports[rel].dark
    assert dark["page_luminance"] < 0.1, "the dark theme did not darken the page"
    low = [s for s in dark["samples"] if s["ratio"] < MIN_CONTRAST]
    assert low == [], f"{len(low)} text elements below {MIN_CONTRAST}:1 in dark mode: {low[:5]}"


@in_browser
@pytest.mark.parametrize("rel", PAGES)
def test_no_serious_accessibility_violations(reports, rel):
    serious = [v for v in reports[rel].axe if v["impact"] in ("critical", "serious")]
    assert serious == []


@in_browser
@pytest.mark.parametrize("rel", [f"{c}.html" for c in CHAPTERS])
def test_launch_button_opens_this_chapter_in_binder(reports, rel):
    chapter = rel.removesuffix(".html")
    prefix = binder_prefix()
    launches = [href for href in reports[rel].links if href.startswith(prefix)]
    assert launches, f"no link starting with {prefix}"
    assert all(f"{chapter}.ipynb" in href for href in launches), launches
    assert (ROOT / f"{chapter}.ipynb").is_file()


@in_browser
def test_page_weight_report(reports, capsys):
    rows = sorted(reports.values(), key=lambda r: -r.weight["bytes"])
    lines = ["", "page weight (the page and every asset it loaded, empty cache):"]
    for r in rows:
        lines.append(
            f"  {r.weight['bytes'] / 1e6:6.2f} MB  {r.weight['requests']:3d} requests  "
            f"{r.seconds:4.1f} s  {r.rel}"
        )
    axe_counts = {}
    for r in reports.values():
        for v in r.axe:
            axe_counts[(v["impact"], v["id"])] = axe_counts.get((v["impact"], v["id"]), 0) + 1
    lines.append("axe violations (impact, rule: pages): " + (str(axe_counts) or "none"))
    with capsys.disabled():
        print("\n".join(lines))
    heavy = {
        r.rel: r.weight["bytes"]
        for r in rows
        if r.rel.startswith("chapters/") and r.weight["bytes"] > MAX_CHAPTER_BYTES
    }
    assert heavy == {}, f"chapter pages over {MAX_CHAPTER_BYTES} bytes: {heavy}"


# --- single visits --------------------------------------------------------------------------


@in_browser
def test_search_finds_a_term_from_a_chapter(page, site):
    recorder = PageRecorder(page)
    page.goto(f"{site}/search.html?q=huber", wait_until="load")
    page.wait_for_selector("ul.search li a", timeout=20000)
    hits = page.eval_on_selector_all("ul.search li a", "els => els.map(a => a.href)")
    assert any("/chapters/03_regression_losses" in href for href in hits), hits
    assert recorder.problems() == {}


@in_browser
def test_the_search_box_of_a_chapter_leads_to_results(page, site):
    recorder = PageRecorder(page)
    page.goto(f"{site}/chapters/00_how_to_use.html", wait_until="load")
    page.keyboard.press("Control+k")
    field = page.locator("input[name=q]:visible").first
    field.fill("huber")
    field.press("Enter")
    page.wait_for_selector("ul.search li a", timeout=20000)
    assert "search.html?q=huber" in page.url
    assert recorder.problems() == {}


@in_browser
def test_a_widget_is_rendered_by_the_local_html_manager(page, site):
    recorder = PageRecorder(page)
    page.goto(f"{site}/appendix/instructors.html", wait_until="load")
    page.wait_for_selector(".widget-slider, .jupyter-widgets .widget-hslider", timeout=15000)
    slider = page.locator(".widget-slider, .widget-hslider").first
    assert slider.is_visible()
    assert recorder.problems() == {}


# --- the built HTML, no browser -------------------------------------------------------------


def _public_modules() -> list[str]:
    import lossedu

    return sorted(
        f"lossedu.{m.name}"
        for m in pkgutil.iter_modules(lossedu.__path__)
        if not m.name.startswith("_")
    )


def test_api_reference_documents_every_public_name(built_site):
    _, html = built_site
    spec = importlib.util.spec_from_file_location("api_reference", ROOT / "_ext/api_reference.py")
    api_reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(api_reference)
    api = (html / "appendix" / "api.html").read_text()
    missing = []
    for modname in _public_modules():
        module = importlib.import_module(modname)
        for name in api_reference.public_names(module):
            if f'id="{modname}.{name}"' not in api:
                missing.append(f"{modname}.{name}")
    assert missing == [], "public names missing from appendix/api: add the module to api.md"


GLOSSARY_TERMS = [
    "loss", "error", "residual", "cost", "objective", "MSE", "MAE", "Huber", "log-cosh",
    "cross-entropy", "logit", "softmax", "log-sum-exp", "label smoothing", "hinge", "margin",
    "focal loss", "robust loss", "Barron's loss", "gradient", "gradient descent",
    "learning rate", "SGD", "mini-batch", "momentum", "Adam", "convexity", "local minimum",
    "vanishing gradient", "regularisation", "L1", "L2", "elastic net", "sparsity",
    "overfitting", "underfitting", "validation set", "early stopping", "accuracy", "precision",
    "recall", "F1", "confusion matrix", "threshold", "class imbalance", "multi-task",
    "uncertainty weighting", "GradNorm", "reward", "return", "discount factor",
    "policy gradient", "REINFORCE", "baseline", "temporal difference", "maximum likelihood",
    "KL divergence", "hypothesis space", "forward pass", "backward pass", "explorer",
]  # fmt: skip


def test_glossary_defines_every_term_the_course_relies_on(built_site):
    _, html = built_site
    glossary = (html / "appendix" / "glossary.html").read_text()
    terms = {
        re.sub(r"<[^>]+>", "", t).strip().lower().replace("\u2019", "'")
        for t in re.findall(r'<dt id="term-[^"]*">(.*?)<a class="headerlink"', glossary, re.S)
    }
    missing = [t for t in GLOSSARY_TERMS if t.lower() not in terms]
    assert missing == []
