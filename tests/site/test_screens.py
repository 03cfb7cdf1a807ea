"""Every page on a phone (390 x 844) and a laptop (1366 x 900), in the light and dark themes.

One visit per page and screen (a fresh context each, one browser for all) loads the page in the
light theme, measures it, then switches it to the dark theme in place, as the theme's toggle
does, and measures again. The tests below check:

- no page-wide sideways scroll (wide figures and tables scroll inside their own box);
- the smallest text of every figure, static or explorer, is at least 9 CSS px as rendered;
- every static figure of a chapter records the font it was drawn with (so it is measured);
- explorer controls are touch targets of at least 24 x 24 CSS px;
- exactly one search entry point is visible;
- in both themes, figure text keeps a 4.5:1 contrast with the figure's background, and in the
  dark theme no figure stays a bright block;
- axe-core finds no critical or serious violation on the phone in both themes and on the
  laptop in the dark theme (the light-theme laptop scan is in test_site.py);
- explorers far below the first screen have not decoded their frames when the page has loaded.

Chapters are loaded on the phone with the CPU slowed 4 times, and the report test prints, per
chapter, the page weight, the smallest figure text at 390 and 1366 px and the time to the first
usable screen (DOMContentLoaded and first contentful paint). Screenshots of every chapter (both
screens, both themes) are saved to ``tests/site/screenshots/`` (ignored by git) for review,
with that report as ``report.md``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from _site import (
    CHROMIUM,
    SCREENS,
    contrast,
    inverted,
    luminance,
    toc_files,
    visit_screen,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

PAGES = [f"{rel}.html" for rel in toc_files()] + ["search.html"]
CHAPTERS = [rel for rel in PAGES if rel.startswith("chapters/")]
CASES = [(rel, screen) for rel in PAGES for screen in SCREENS]
MIN_FONT_PX = 9.0
MIN_TARGET_PX = 24.0
MIN_CONTRAST = 4.5
INK = (0x1A, 0x1A, 0x1A)  # lossedu._plot_style.INK: the ink static figures are drawn with
WHITE = (255, 255, 255)  # their background
SHOTS = Path(__file__).parent / "screenshots"
CPU_SLOWDOWN = 4


class _Screens(dict):
    """{(page, screen): ScreenReport}, each page visited on first use (so ``-k`` runs fewer)."""

    def __init__(self, browser, site, axe):
        super().__init__()
        self.browser, self.site, self.axe = browser, site, axe

    def __missing__(self, case):
        rel, screen = case
        chapter = rel in CHAPTERS
        report = visit_screen(
            self.browser,
            self.site,
            rel,
            screen,
            axe=self.axe,
            axe_modes=("light", "dark") if screen == "phone" else ("dark",),
            shots=SHOTS if chapter else None,
            cpu=CPU_SLOWDOWN if chapter and screen == "phone" else 1,
        )
        self[case] = report
        return report


@pytest.fixture(scope="module")
def screens(browser, site):
    """Every page on both screens, measured on first use."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    return _Screens(browser, site, axe_module.Axe())


def _ids(case):
    return f"{case[0].removesuffix('.html')}-{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_page_loads_cleanly(screens, case):
    assert screens[case].problems == {}


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_no_page_wide_sideways_scroll(screens, case):
    layout = screens[case].layout
    assert layout["overflow"] <= 0, f"the page is {layout['overflow']} px wider than the screen"
    assert layout["dark_overflow"] <= 0


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_figure_text_is_at_least_9_css_px(screens, case):
    fonts = screens[case].fonts
    small = [f for f in fonts["explorers"] + fonts["pngs"] if f["px"] < MIN_FONT_PX - 0.01]
    assert small == [], f"figure text below {MIN_FONT_PX} px: {small}"


@pytest.mark.parametrize("rel", CHAPTERS)
def test_every_chapter_figure_is_measured(screens, rel):
    fonts = screens[rel, "phone"].fonts
    assert fonts["unmeasured"] == [], "PNG figures that do not record their font size"


def test_figures_and_explorers_were_measured(screens):
    reports = [screens[rel, "phone"] for rel in CHAPTERS]
    measured = [f for r in reports for f in r.fonts["explorers"] + r.fonts["pngs"]]
    assert len(measured) > 50  # the chapters hold dozens of figures and explorers


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_explorer_controls_are_touch_targets(screens, case):
    controls = screens[case].layout["controls"]
    small = [c for c in controls if min(c["w"], c["h"]) < MIN_TARGET_PX - 0.01]
    assert small == [], f"controls smaller than {MIN_TARGET_PX} px: {small[:5]}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_one_search_entry_point(screens, case):
    searches = screens[case].layout["searches"]
    assert len(searches) == 1, searches


def _explorer_contrasts(colours):
    low = []
    for e in colours["explorers"]:
        for ink in e["inks"]:
            a = ink["opacity"]
            seen = [a * f + (1 - a) * c for f, c in zip(ink["fill"], e["card"], strict=True)]
            ratio = contrast(seen, e["card"])
            if ratio < MIN_CONTRAST:
                low.append((e["name"], ink["text"], round(ratio, 2)))
    return low


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_figures_follow_the_theme_with_readable_text(screens, case):
    colours = screens[case].colours
    for mode in ("light", "dark"):
        assert _explorer_contrasts(colours[mode]) == [], mode
    for e in colours["light"]["explorers"]:
        assert luminance(e["card"]) > 0.8, e["name"]
    for e in colours["dark"]["explorers"]:
        assert luminance(e["card"]) < 0.1, f"{e['name']} stays a bright block in the dark"
    assert all(f == "none" for f in colours["light"]["filters"]), colours["light"]["filters"]
    for f in colours["dark"]["filters"]:
        match = re.search(r"invert\(([\d.]+)\)", f)
        assert match, f"a static figure is not darkened in the dark theme: {f}"
        amount = float(match.group(1))
        background, ink = inverted(WHITE, amount), inverted(INK, amount)
        assert luminance(background) < 0.1, f
        assert contrast(ink, background) >= MIN_CONTRAST, f


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_no_serious_accessibility_violations_in_either_theme(screens, case):
    for mode, violations in screens[case].axe.items():
        serious = [v for v in violations if v["impact"] in ("critical", "serious")]
        assert serious == [], mode


@pytest.mark.parametrize("rel", CHAPTERS)
def test_explorers_below_the_first_screen_wait_to_decode_their_frames(screens, rel):
    timing = screens[rel, "phone"].timing
    assert timing["decoded_below"] == 0, timing


def test_screen_report(screens, capsys):
    """Per chapter: weight, smallest figure text, time to the first usable screen."""

    def smallest(report):
        sizes = [f["px"] for f in report.fonts["explorers"] + report.fonts["pngs"]]
        return f"{min(sizes):.1f}" if sizes else "-"

    lines = [
        "| chapter | weight (MB) | smallest figure text at 390 px (CSS px) | at 1366 px | "
        f"DOMContentLoaded (ms, CPU / {CPU_SLOWDOWN}) | first contentful paint (ms) |",
        "|---|---|---|---|---|---|",
    ]
    for rel in CHAPTERS:
        phone, desktop = screens[rel, "phone"], screens[rel, "desktop"]
        fcp = phone.timing["first_contentful_paint"]
        lines.append(
            f"| {rel.removesuffix('.html')} | {phone.weight['bytes'] / 1e6:.2f} | "
            f"{smallest(phone)} | {smallest(desktop)} | "
            f"{phone.timing['dom_content_loaded']:.0f} | {fcp if fcp is None else round(fcp)} |"
        )
    text = "\n".join(lines)
    (SHOTS / "report.md").write_text(text + "\n")
    with capsys.disabled():
        print("\n" + text)
    assert len(lines) == len(CHAPTERS) + 2
