"""Every chapter shows its quiz questions, and every question of the bank is shown once.

Read from the notebooks' code cells: a question is shown by a call
``quizzes.show("3.q1", "3.q2")`` (string literals, so that this test and the reader see the same
ids). Every chapter 0-11 shows at least five questions; every question of ``lossedu.quizzes``
is shown in exactly one cell of exactly one chapter, its own (the chapter its id names), which
is what the progress page counts per chapter.
"""

from __future__ import annotations

import ast
import re
from collections import Counter

import nbformat
import pytest
from _site import ROOT, toc_notebooks

from lossedu import quizzes

MIN_PER_CHAPTER = 5
COURSE_CHAPTERS = range(12)
CHAPTER_FILES = {
    int(m.group(1)): path
    for path in toc_notebooks()
    if path.parent.name == "chapters" and (m := re.match(r"(\d+)_", path.name))
}


def shown_ids(source: str) -> list[str]:
    """The ids passed to ``quizzes.show`` (or ``lossedu.quizzes.show``) in a code cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: no quiz in such a cell
        return []
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "show"
            and ast.unparse(node.func.value) in ("quizzes", "lossedu.quizzes")
        ):
            for arg in node.args:
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                    f"quizzes.show takes question ids as string literals, got {ast.unparse(arg)}"
                )
                found.append(arg.value)
    return found


def shown_in(path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [i for cell in nb.cells if cell.cell_type == "code" for i in shown_ids(cell.source)]


SHOWN = {n: shown_in(path) for n, path in CHAPTER_FILES.items()}


def test_shown_ids_are_read_from_calls():
    source = 'x = 1\nquizzes.show("3.q1", "3.q2")\nlossedu.quizzes.show("3.q3")\nshow("9.q9")'
    assert shown_ids(source) == ["3.q1", "3.q2", "3.q3"]
    assert shown_ids("%matplotlib inline") == []


@pytest.mark.parametrize("n", COURSE_CHAPTERS)
def test_every_chapter_shows_at_least_five_questions(n):
    assert n in CHAPTER_FILES, f"chapter {n} has no notebook in _toc.yml"
    shown = SHOWN[n]
    assert len(shown) >= MIN_PER_CHAPTER, (
        f"{CHAPTER_FILES[n].relative_to(ROOT)} shows {len(shown)} quiz questions "
        f"({shown}); add a quizzes.show(...) cell with at least {MIN_PER_CHAPTER}"
    )


def test_every_question_of_the_bank_is_shown_exactly_once_in_its_own_chapter():
    counts = Counter(i for ids in SHOWN.values() for i in ids)
    bank = quizzes.list()
    never = [i for i in bank if counts[i] == 0]
    twice = sorted(i for i, c in counts.items() if c > 1)
    unknown = sorted(i for i in counts if i not in bank)
    elsewhere = sorted(
        f"{i} in chapter {n}"
        for n, ids in SHOWN.items()
        for i in ids
        if i in bank and quizzes.get(i).chapter != n
    )
    assert (never, twice, unknown, elsewhere) == ([], [], [], [])
