"""Every learning objective of every chapter is checked by an exercise or a quiz question.

Each ``lossedu/exercises/chNN.py`` keeps ``OBJECTIVES``: one entry per bullet of the chapter's
"Learning objectives" cell, ``(text, ids)``, where ``text`` is the bullet as written (whitespace
collapsed) and ``ids`` names the exercises and quiz questions that check it. These tests read
the bullets from the notebooks listed in ``_toc.yml`` and hold the map to them.
"""

import re
from importlib import import_module
from pathlib import Path

import nbformat
import pytest
import yaml

from lossedu import exercises, quizzes

ROOT = Path(__file__).resolve().parent.parent
_CHAPTER_FILE = re.compile(r"^chapters/(\d\d)_[^/]+$")


def _toc_files(node) -> list[str]:
    """Every ``file:`` entry of the table of contents, in order."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            found.append(node["file"])
        for value in node.values():
            found += _toc_files(value)
    elif isinstance(node, list):
        for item in node:
            found += _toc_files(item)
    return found


def _chapters() -> list[tuple[int, Path]]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = []
    for entry in _toc_files(toc):
        match = _CHAPTER_FILE.match(entry.removesuffix(".ipynb"))
        if match:
            chapters.append((int(match[1]), ROOT / f"{entry.removesuffix('.ipynb')}.ipynb"))
    return chapters


CHAPTERS = _chapters()
IDS = [path.stem for _, path in CHAPTERS]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def objective_bullets(path: Path) -> list[str]:
    """The list items of the notebook's "## Learning objectives" cell, whitespace collapsed.

    A list item starts with "- " or "* " at the start of a line; indented lines that follow
    continue it; a blank line or any other unindented line ends it.
    """
    nb = nbformat.read(path, as_version=4)
    cells = [
        cell.source
        for cell in nb.cells
        if cell.cell_type == "markdown"
        and re.search(r"^##\s+Learning objectives\s*$", cell.source, flags=re.MULTILINE)
    ]
    assert len(cells) == 1, f"{path.name}: expected one '## Learning objectives' cell"
    bullets: list[list[str]] = []
    current: list[str] | None = None
    for line in cells[0].splitlines():
        if re.match(r"^[-*]\s+", line):
            current = [re.sub(r"^[-*]\s+", "", line)]
            bullets.append(current)
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            current.append(line.strip())
        else:
            current = None
    return [_collapse(" ".join(parts)) for parts in bullets]


def _objectives(number: int):
    module = import_module(f"lossedu.exercises.ch{number:02d}")
    assert hasattr(module, "OBJECTIVES"), (
        f"lossedu/exercises/ch{number:02d}.py defines no OBJECTIVES: add one "
        "(text, ids) entry per bullet of the chapter's Learning objectives cell."
    )
    return module.OBJECTIVES


def test_there_are_chapters():
    assert CHAPTERS, "_toc.yml lists no chapters/NN_*.ipynb notebook"


def test_the_bullet_reader_on_a_small_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "## Learning objectives\n\nEstimated time: 5 minutes.\n\n"
            "- one objective\n  on two lines;\n- another.\n\n**Why this matters.** Text."
        )
    ]
    path = tmp_path / "99_x.ipynb"
    nbformat.write(nb, path)
    assert objective_bullets(path) == ["one objective on two lines;", "another."]


@pytest.mark.parametrize(("number", "path"), CHAPTERS, ids=IDS)
def test_objectives_are_the_notebooks_bullets(number, path):
    texts = [_collapse(text) for text, _ in _objectives(number)]
    assert texts == objective_bullets(path), (
        f"OBJECTIVES of chapter {number} must list the bullets of the notebook's Learning "
        "objectives cell, in order and word for word."
    )


@pytest.mark.parametrize(("number", "path"), CHAPTERS, ids=IDS)
def test_every_objective_is_checked_by_a_known_exercise_or_question(number, path):
    known = set(exercises.list()) | set(quizzes.list())
    for text, ids in _objectives(number):
        assert not isinstance(ids, str) and len(ids) >= 1, f"no exercise or question for {text!r}"
        unknown = [i for i in ids if i not in known]
        assert not unknown, f"{text!r} names unknown exercise or question ids {unknown}"


@pytest.mark.parametrize(("number", "path"), CHAPTERS, ids=IDS)
def test_every_exercise_and_question_of_the_chapter_serves_an_objective(number, path):
    """Nothing is checked for its own sake: each exercise and question tests an objective."""
    used = {i for _, ids in _objectives(number) for i in ids}
    prefix = f"{number}."
    own = [i for i in [*exercises.list(), *quizzes.list()] if i.startswith(prefix)]
    assert own, f"chapter {number} has no exercise or question"
    assert set(own) <= used, f"not mapped to an objective: {sorted(set(own) - used)}"
