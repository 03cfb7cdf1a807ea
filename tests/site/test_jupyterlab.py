"""A chapter in a real JupyterLab (Binder's interface), in headless Chromium.

Opened fresh, the chapter shows no worked-solution code and no raw MyST fence text: the hints
and the solutions' explanations are folded dropdowns (jupyterlab-myst) and the solution code
cells are collapsed (JupyterLab's collapsed-cell metadata, written by
scripts/sync_exercises.py). Opening a solution shows it; running the learner's stub with a
wrong answer shows the checker's feedback under it, a named mistake's message with its math
typeset; running a quiz cell shows its question, no answer before a choice, and a verdict
with the chosen choice's explanation after one.
"""

import re

import nbformat
import pytest
from _jupyterlab import (
    ROOT,
    cell_outputs_text,
    jupyterlab,  # noqa: F401 (a fixture)
    run_cell,
    visible_text,
)
from sync_exercises import find_exercises

pytestmark = pytest.mark.browser
CHAPTER = ROOT / "chapters" / "03_regression_losses.ipynb"
FENCES = ("```", "{solution-start}", "{solution-end}", "{admonition}", "{exercise-start}")


def _solution_lines(nb) -> list[str]:
    """Lines of the chapter's worked solutions that no other cell shows (stub, statement)."""
    solutions = {where.solution_code for where in find_exercises(nb)}
    elsewhere = "\n".join(c.source for i, c in enumerate(nb.cells) if i not in solutions)
    lines = []
    for index in sorted(solutions):
        for line in nb.cells[index].source.splitlines():
            shown = line.strip()
            if len(shown) > 10 and not shown.startswith("#") and shown not in elsewhere:
                lines.append(shown)
    return lines


@pytest.fixture(scope="module")
def chapter_page(jupyterlab):  # noqa: F811 (the fixture imported above)
    page = jupyterlab.open(CHAPTER)
    yield page
    page.close()


def test_a_fresh_chapter_shows_no_solution_and_no_raw_fences(chapter_page):
    page = chapter_page
    text = visible_text(page)
    assert "Mean absolute error" in text  # the exercises are there
    for fence in FENCES:
        assert fence not in text, f"raw MyST shown: {fence}"
    nb = nbformat.read(CHAPTER, as_version=4)
    lines = _solution_lines(nb)
    assert len(lines) >= 7  # at least one line per exercise of the chapter
    for line in lines:
        assert line not in text, f"solution code visible: {line}"
    # a folded cell's preview is its first line, the comment naming the solution
    assert "# Worked solution to exercise 3.1" in text
    # the stored output of a solution (the check passing) is folded with it
    assert not re.search(r"Exercise 3\.\d \([^)]*\): correct", text)
    # the hints are folded too, and the statement's math is rendered (KaTeX), not raw TeX
    assert "The residuals are" not in text
    assert "turns every residual into its size" not in text  # the solution's explanation
    statement = page.locator(".jp-MarkdownCell", has_text="Write mae(y_true, y_pred)").first
    statement.scroll_into_view_if_needed()
    statement.locator(".katex").first.wait_for(timeout=30_000)
    assert "\\frac" not in statement.inner_text()
    assert page.outside_requests == []


def test_opening_hints_and_a_solution_shows_them(chapter_page):
    page = chapter_page
    hints = page.locator(".jp-MarkdownCell summary", has_text="Hints").first
    hints.scroll_into_view_if_needed()
    hints.click()
    assert "The residuals are y_pred - y_true" in visible_text(page)

    explanation = page.locator(".jp-MarkdownCell summary", has_text="Solution to").first
    explanation.click()
    assert "turns every residual into its size" in visible_text(page)

    solution = page.locator(".jp-CodeCell", has_text="# Worked solution to exercise 3.1").first
    assert "return float(np.mean(np.abs" not in visible_text(page)
    solution.locator(".jp-InputPlaceholder").click()
    assert "return float(np.mean(np.abs(y_pred - y_true)))" in visible_text(page)


def test_a_wrong_answer_in_the_stub_gets_feedback(chapter_page):
    page = chapter_page
    run_cell(page, "from lossedu import (")  # the chapter's setup imports
    wrong = (
        "def mae(y_true, y_pred):\n"
        "    return float(np.mean(y_pred - y_true))  # the absolute value forgotten\n"
        "\n"
        "\n"
        'exercises.check("3.1", mae)\n'
    )
    cell = run_cell(page, "...  # your code here", new_source=wrong)
    shown = cell_outputs_text(cell)
    assert "Exercise 3.1 (Mean absolute error): incorrect." in shown
    assert "exercises.hint('3.1')" in shown
    assert shown.count("Exercise 3.1") == 1  # displayed once, not again as the cell's value


def test_a_named_mistake_shows_its_message_with_math_typeset(chapter_page):
    page = chapter_page
    run_cell(page, "from lossedu import (")
    summed = (
        "def mae(y_true, y_pred):\n"
        "    return float(np.sum(np.abs(y_pred - y_true)))  # a sum, not a mean\n"
        "\n"
        "\n"
        'exercises.check("3.1", mae)\n'
    )
    cell = run_cell(page, 'exercises.check("3.1", mae)', new_source=summed)
    output = cell.locator(".jp-OutputArea")
    # the registry's Mistake for this answer: "$N$ times too large: ... sum ..."
    assert "times too large" in output.inner_text()
    # JupyterLab typesets the message's $N$ (MathJax) instead of showing the dollar signs
    output.locator("mjx-container").first.wait_for(timeout=30_000)
    assert "$N$" not in output.inner_text()


def test_a_quiz_cell_shows_the_question_and_checks_a_choice(chapter_page):
    """Issue 19: in JupyterLab with a fresh kernel a quiz cell shows and checks a question."""
    from lossedu import quizzes

    question = quizzes.get("3.q1")
    wrong = next(i for i, c in enumerate(question.choices) if not c.correct)
    right = next(i for i, c in enumerate(question.choices) if c.correct)
    page = chapter_page
    run_cell(page, "from lossedu import (")
    cell = run_cell(page, 'quizzes.show("3.q1")')
    output = cell.locator(".jp-OutputArea")
    output.locator("button", has_text="A").first.wait_for(timeout=30_000)
    shown = output.inner_text()
    assert "Spot the false statement" in shown
    assert "Correct." not in shown and "Not quite." not in shown  # no verdict before a choice
    for choice in question.choices:  # and no explanation (their opening words, before any math)
        opening = choice.explanation.split("$")[0][:30]
        assert opening not in shown
    output.locator("button", has_text="ABCDEF"[wrong]).first.click()
    output.get_by_text("Not quite.").wait_for(timeout=10_000)
    output.locator("button", has_text="ABCDEF"[right]).first.click()
    output.get_by_text("Correct.").wait_for(timeout=10_000)
    assert "Not quite." not in output.inner_text()  # only the last choice is explained
