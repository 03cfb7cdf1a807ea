"""The quizzes and the progress of the built website, in headless Chromium with no internet.

Driven by the quiz bank: every chapter that has questions in ``lossedu.quizzes`` is visited,
and on its page every question is found (as many as the bank holds, at least five) and every
choice of every question is chosen, checking the DOM contract (``data-quiz-state`` and the
``aria-live`` explanation of the chosen choice), that nothing is revealed before a choice, that
the last choice survives a reload, the keyboard, a 390 px wide screen, and axe in the light and
the dark theme. Then the "Mark this chapter done" toggle, the progress page (counts and reset),
and a browser that refuses storage. Every visit fails on a console error or a request leaving
127.0.0.1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _site import CHROMIUM, PageRecorder, toc_files

from lossedu import quizzes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

MIN_QUESTIONS = 5
BANK: dict[int, list] = {}
for _id in quizzes.list():
    BANK.setdefault(quizzes.get(_id).chapter, []).append(quizzes.get(_id))
PAGES = {
    int(m.group(1)): f"{rel}.html"
    for rel in toc_files()
    if (m := re.match(r"chapters/(\d+)_", rel))
}
CHAPTERS = sorted(BANK)  # the chapters whose page must show quizzes
FIRST = CHAPTERS[0]
PROGRESS = "appendix/progress.html"


def visible_prefix(markdown: str, length: int = 40) -> str:
    """The start of a text as a browser shows it: markup gone, cut before any formula."""
    text = re.sub(r"[`*]", "", markdown).split("$")[0]
    return " ".join(text.split())[:length].strip()


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


def open_page(context, url):
    page = context.new_page()
    recorder = PageRecorder(page)
    page.goto(url, wait_until="load")
    settle(page)
    return page, recorder


def settle(page):
    page.evaluate("() => (window.MathJax && MathJax.startup && MathJax.startup.promise) || null")
    page.wait_for_load_state("networkidle")


def question(page, qid):
    return page.locator(f'[data-quiz-id="{qid}"]')


def feedback_settled(page, qid):
    """Wait until the explanation's math is typeset (no raw \\( left), then return its text."""
    root = question(page, qid)
    page.wait_for_function(
        """qid => { const f = document.querySelector(`[data-quiz-id="${qid}"] [aria-live]`);
                    const t = f ? f.textContent : '\\\\(';
                    return !t.includes('\\\\(') && !t.includes('\\\\['); }""",
        arg=qid,
        timeout=10000,
    )
    return root.locator('[aria-live="polite"]').inner_text()


def test_every_chapter_with_questions_has_a_page():
    assert CHAPTERS, "the quiz bank is empty"
    missing = [n for n in CHAPTERS if n not in PAGES]
    assert missing == [], f"chapters with questions but no page in _toc.yml: {missing}"


@pytest.mark.parametrize("n", CHAPTERS)
def test_every_choice_is_checked_and_explained(context, site, n):
    page, recorder = open_page(context, f"{site}/{PAGES[n]}")
    bank = BANK[n]
    shown = page.eval_on_selector_all("[data-quiz-id]", "els => els.map(e => e.dataset.quizId)")
    assert len(bank) >= MIN_QUESTIONS
    assert sorted(shown) == sorted(q.id for q in bank)
    for q in bank:
        root = question(page, q.id)
        assert root.get_attribute("data-quiz-state") is None
        assert root.locator('[aria-live="polite"]').inner_text().strip() == ""
        # the question's own box (not the page, whose prose an explanation may quote)
        shown_in_quiz = root.inner_text()
        for choice in q.choices:
            prefix = visible_prefix(choice.explanation)
            assert not prefix or prefix not in shown_in_quiz, "explanation shown early"
    for q in bank:
        root = question(page, q.id)
        buttons = root.locator("[data-quiz-choice]")
        assert buttons.count() == len(q.choices)
        for i, choice in enumerate(q.choices):
            buttons.nth(i).click()
            expected = "correct" if choice.correct else "incorrect"
            assert root.get_attribute("data-quiz-state") == expected
            assert buttons.nth(i).get_attribute("aria-pressed") == "true"
            text = " ".join(feedback_settled(page, q.id).split())
            assert text.startswith("Correct." if choice.correct else "Not quite.")
            assert visible_prefix(choice.explanation) in text
            assert root.locator('[aria-live="polite"]').is_visible()
    assert recorder.problems() == {}


@pytest.mark.parametrize("n", CHAPTERS)
def test_the_last_choice_survives_a_reload(context, site, n):
    page, recorder = open_page(context, f"{site}/{PAGES[n]}")
    picks = {}
    for k, q in enumerate(BANK[n]):
        i = k % len(q.choices)  # a varied mix of right and wrong choices
        question(page, q.id).locator("[data-quiz-choice]").nth(i).click()
        picks[q.id] = i
    settle(page)
    page.reload(wait_until="load")
    settle(page)
    for q in BANK[n]:
        root = question(page, q.id)
        i = picks[q.id]
        assert root.get_attribute("data-quiz-state") == (
            "correct" if q.choices[i].correct else "incorrect"
        )
        pressed = root.locator("[data-quiz-choice]").evaluate_all(
            "els => els.map(e => e.getAttribute('aria-pressed'))"
        )
        assert pressed == ["true" if j == i else "false" for j in range(len(q.choices))]
        assert visible_prefix(q.choices[i].explanation) in " ".join(
            feedback_settled(page, q.id).split()
        )
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert {f"lossedu:quiz:{q.id}" for q in BANK[n]} <= set(keys)
    theirs = {"theme", "mode"}  # the theme's own keys
    assert [k for k in keys if not k.startswith("lossedu:") and k not in theirs] == []
    assert recorder.problems() == {}


def test_the_keyboard_chooses_and_focus_is_visible(context, site):
    page, recorder = open_page(context, f"{site}/{PAGES[FIRST]}")
    q = BANK[FIRST][0]
    first = question(page, q.id).locator("[data-quiz-choice]").first
    first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # focus moved by the keyboard: :focus-visible applies
    outline = first.evaluate(
        "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
    )
    assert outline.split()[0] != "none" and outline.split()[1] != "0px", outline
    page.keyboard.press("Enter")
    assert question(page, q.id).get_attribute("data-quiz-state") in ("correct", "incorrect")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert (
        question(page, q.id).locator("[data-quiz-choice]").nth(1).get_attribute("aria-pressed")
        == "true"
    )
    assert recorder.problems() == {}


@pytest.mark.parametrize("n", CHAPTERS)
def test_quizzes_fit_a_390_px_screen(browser, site, n):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page, recorder = open_page(ctx, f"{site}/{PAGES[n]}")
        for q in BANK[n]:
            question(page, q.id).locator("[data-quiz-choice]").first.click()
        settle(page)
        overflow = page.eval_on_selector_all(
            "[data-quiz-id]",
            """els => els.filter(e => e.scrollWidth > e.clientWidth + 1 ||
                                      e.getBoundingClientRect().right > window.innerWidth + 1)
                         .map(e => e.dataset.quizId)""",
        )
        assert overflow == []
        assert recorder.problems() == {}
    finally:
        ctx.close()


def test_progress_page_fits_a_390_px_screen(browser, site):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page, recorder = open_page(ctx, f"{site}/{PROGRESS}")
        box = page.locator("#lossedu-progress table").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, box
        assert recorder.problems() == {}
    finally:
        ctx.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("n", CHAPTERS)
def test_axe_finds_nothing_serious_after_choosing(context, site, n, theme):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    page, recorder = open_page(context, f"{site}/{PAGES[n]}")
    page.evaluate(
        "t => { const h = document.documentElement; h.dataset.theme = t; h.dataset.mode = t; }",
        theme,
    )
    for k, q in enumerate(BANK[n]):  # right and wrong choices, so both colours are checked
        question(page, q.id).locator("[data-quiz-choice]").nth(k % len(q.choices)).click()
    settle(page)
    page.wait_for_timeout(100)
    results = axe_module.Axe().run(
        page,
        context="[data-quiz-id], .lossedu-done",
        options={"resultTypes": ["violations"], "preload": False},
    )
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]
    assert serious == []
    assert recorder.problems() == {}


def test_done_toggle_and_the_progress_page(context, site):
    n = FIRST
    bank = BANK[n]
    page, recorder = open_page(context, f"{site}/{PAGES[n]}")
    page.evaluate("() => localStorage.setItem('another-site', 'kept')")
    right = 0
    for k, q in enumerate(bank):  # the first two right, the others wrong
        marks = [c.correct for c in q.choices]
        i = marks.index(True) if k < 2 else marks.index(False)
        right += marks[i]
        question(page, q.id).locator("[data-quiz-choice]").nth(i).click()
    toggle = page.get_by_role("button", name="Mark this chapter done")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    settle(page)
    page.reload(wait_until="load")
    settle(page)
    toggle = page.get_by_role("button", name="Mark this chapter done")
    assert toggle.get_attribute("aria-pressed") == "true"
    page.get_by_role("link", name="See your progress").click()
    page.wait_for_load_state("load")
    settle(page)
    assert page.url.endswith(PROGRESS)

    def row(chapter):
        return page.locator(f'tr[data-chapter="{chapter}"] td').all_inner_texts()

    assert row(n) == [f"{right} of {len(bank)}", "Done"]
    for other in (c for c in PAGES if c != n):
        assert row(other) == [f"0 of {len(BANK.get(other, []))}", "Not yet"]
    # dismissing the confirmation keeps everything
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset my progress").click()
    assert row(n) == [f"{right} of {len(bank)}", "Done"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset my progress").click()
    assert row(n) == [f"0 of {len(bank)}", "Not yet"]
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert "another-site" in keys, "reset must clear the lossedu: keys only"
    assert [k for k in keys if k.startswith("lossedu:")] == []
    assert recorder.problems() == {}


def test_progress_page_totals_come_from_the_bank(context, site):
    page, recorder = open_page(context, f"{site}/{PROGRESS}")
    rows = page.locator("tr[data-chapter]")
    assert rows.count() == len(PAGES)
    for chapter in PAGES:
        cells = page.locator(f'tr[data-chapter="{chapter}"] td').all_inner_texts()
        assert cells[0] == f"0 of {len(BANK.get(chapter, []))}"
    assert recorder.problems() == {}


def test_everything_works_when_storage_is_refused(browser, site):
    # As in some private modes, reading window.localStorage throws. The theme's own scripts
    # then fail too (not ours to fix); this test checks that quiz.js raises nothing.
    ctx = browser.new_context()
    ctx.add_init_script(
        """Object.defineProperty(window, 'localStorage', {
             get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});"""
    )
    ours = []
    try:
        page = ctx.new_page()
        page.on("pageerror", lambda err: ours.append(err.stack or str(err)))
        page.on(
            "console",
            lambda msg: msg.type == "error" and ours.append(f"{msg.text} {msg.location}"),
        )
        page.goto(f"{site}/{PAGES[FIRST]}", wait_until="load")
        settle(page)
        q = BANK[FIRST][0]
        question(page, q.id).locator("[data-quiz-choice]").first.click()
        expected = "correct" if q.choices[0].correct else "incorrect"
        assert question(page, q.id).get_attribute("data-quiz-state") == expected
        toggle = page.get_by_role("button", name="Mark this chapter done")
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        page.goto(f"{site}/{PROGRESS}", wait_until="load")
        settle(page)
        assert "private browsing" in page.inner_text("#lossedu-progress")
        assert page.locator("tr[data-chapter]").count() == len(PAGES)
        assert [e for e in ours if "quiz.js" in e] == []
    finally:
        ctx.close()
