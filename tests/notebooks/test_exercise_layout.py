"""The exercises' layout in the notebooks: solutions folded in Jupyter, converted idempotently.

Every worked-solution code cell carries JupyterLab's collapsed-cell metadata, so neither its
code nor its stored output (the check passing) shows under the learner's stub until opened;
scripts/sync_exercises.py converts a notebook in the older layout and a second run changes
nothing. What JupyterLab then shows is checked in a browser by tests/site/test_jupyterlab.py.
"""

import copy
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from execute_notebooks import toc_notebooks  # noqa: E402
from sync_exercises import FOLDED, SOLUTION_COMMENT, find_exercises, sync_notebook  # noqa: E402

CHAPTERS = [p for p in toc_notebooks(ROOT) if p.parent.name == "chapters"]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_every_solution_cell_is_folded_and_nothing_else(path):
    nb = nbformat.read(path, as_version=4)
    wheres = find_exercises(nb, path.name)
    solutions = {where.solution_code for where in wheres}
    assert solutions, f"{path.name} has no exercise"
    for where in wheres:
        # a folded cell shows its first line as a preview: a comment, never the code
        first_line = nb.cells[where.solution_code].source.split("\n", 1)[0]
        assert first_line == SOLUTION_COMMENT.format(id=where.exercise_id)
    for index, cell in enumerate(nb.cells):
        folded = cell.metadata.get("jupyter", {})
        if index in solutions:
            assert folded.get("source_hidden") is True, (path.name, cell.id)
            assert folded.get("outputs_hidden") is True, (path.name, cell.id)
        else:
            # the learner's stub, the statement and the rest of the chapter stay open
            assert not folded.get("source_hidden") and not folded.get("outputs_hidden"), (
                path.name,
                cell.id,
            )


def test_the_older_layout_is_converted_once_keeping_ids_outputs_and_metadata():
    original = nbformat.read(CHAPTERS[3], as_version=4)
    old = copy.deepcopy(original)
    wheres = find_exercises(old)
    for where in wheres:  # back to the older layout: no folding metadata, no first comment
        cell = old.cells[where.solution_code]
        cell.metadata.pop("jupyter", None)
        cell.source = cell.source.split("\n", 1)[1]
    old.cells[wheres[0].solution_code].metadata["tags"] = ["keep-me"]
    old.cells[wheres[1].solution_code].metadata["jupyter"] = {"source_hidden": True}

    changes = sync_notebook(old)
    assert changes == [
        f"{where.exercise_id} {part}"
        for where in wheres
        for part in ("solution code", "solution folded")
    ]
    assert [c.id for c in old.cells] == [c.id for c in original.cells]
    assert [c.get("outputs") for c in old.cells] == [c.get("outputs") for c in original.cells]
    assert [c.source for c in old.cells] == [c.source for c in original.cells]
    first = old.cells[wheres[0].solution_code].metadata
    assert first["tags"] == ["keep-me"] and first["jupyter"] == FOLDED
    assert old.cells[wheres[1].solution_code].metadata["jupyter"] == FOLDED
    assert sync_notebook(old) == []  # idempotent
