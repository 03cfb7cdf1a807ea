"""Write each exercise's hints and worked solution into the chapters, from the registry.

Usage: python scripts/sync_exercises.py [--check] [NOTEBOOK ...]   (default: every notebook in
_toc.yml)

The exercise registry (``lossedu/exercises/chNN.py``) is the one source of an exercise's hints,
solution code and explanation: ``exercises.hint(id)`` and ``exercises.solution(id)`` show them in
Jupyter, and this script copies them into the folded boxes that the website shows. For every
exercise of a notebook (found by its ``:label: ex-C-K``) it rewrites these things and nothing else:

- the ``{admonition} Hints`` block after ``{exercise-end}``: one numbered item per hint;
- the markdown cell that opens with ``{solution-start} ex-C-K``: its header, then the explanation;
- the code cell after it: a first comment line naming it, then the solution verbatim, folded
  in Jupyter.

How the boxes stay folded until opened. On the website, sphinx-exercise and sphinx-togglebutton
draw the hints and the solution as dropdowns (``:class: dropdown``). In JupyterLab (and Binder,
and Notebook 7) jupyterlab-myst, listed in requirements.txt, renders the same markdown cells:
the hints and the solution's explanation as closed dropdowns, with their math. The solution
code cell is a code cell, which no markdown renderer folds: the script sets JupyterLab's own
collapsed-cell metadata on it (``"jupyter": {"source_hidden": true, "outputs_hidden": true}``),
so its code and its stored output (the check passing) show only when the learner clicks the
folded cell open. A folded cell still shows its first line as a preview: that line is the
comment ``# Worked solution to exercise C.K``, so the preview gives nothing away. The
metadata is ignored by the website and by nbval; the cell keeps its id, its outputs and its
other metadata.

A notebook is written only if something changed, so a second run changes nothing; an exercise in
the older layout (solution cell not folded) is converted on the next run. A changed
solution cell keeps its old outputs until the notebook is executed again (``make notebooks``
does both, in that order); strict nbval reports the stale outputs until then. ``--check``
writes nothing and exits with status 1 if a notebook differs from the registry.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from execute_notebooks import toc_notebooks  # noqa: E402 (the one table-of-contents reader)

EXERCISE_START = re.compile(r"```\{exercise-start\}[^\n]*\n:label: ex-(\d+)-(\d+)")
HINTS_BLOCK = re.compile(r"(?ms)^```\{admonition\} Hints\n.*?^```[ \t]*$")
SOLUTION_START = re.compile(r"\A```\{solution-start\} ex-(\d+)-(\d+)\n(?::[^\n]*\n)*```\n")
SOLUTION_END = "```{solution-end}"
# JupyterLab's collapsed-cell metadata: the cell's code and outputs folded until clicked open.
FOLDED = {"source_hidden": True, "outputs_hidden": True}
# The solution cell's first line, the one a folded cell shows as its preview.
SOLUTION_COMMENT = "# Worked solution to exercise {id}"


def render_hints(hints) -> str:
    """The Hints admonition: a folded box with one numbered item per hint."""
    items = []
    for number, hint in enumerate(hints, start=1):
        first, *rest = hint.split("\n")
        # continuation lines of a list item are indented to the item's text
        items.append("\n".join([f"{number}. {first}", *(f"   {x}" if x else "" for x in rest)]))
    return "```{admonition} Hints\n:class: dropdown\n\n" + "\n".join(items) + "\n```"


def render_solution_code(exercise) -> str:
    """The solution code cell: the comment that its folded preview shows, then the solution."""
    return SOLUTION_COMMENT.format(id=exercise.id) + "\n" + exercise.solution.strip("\n")


def render_solution_header(header: str, explanation: str) -> str:
    """The markdown cell that opens the solution box: the directive, then the explanation."""
    return f"{header}\n{explanation.strip()}"


@dataclass
class ExerciseCells:
    """Where one exercise's generated parts sit in a notebook (cell indices)."""

    exercise_id: str
    hints: int | None = None
    solution_start: int | None = None
    solution_code: int | None = None


def find_exercises(nb, name: str = "notebook") -> list[ExerciseCells]:
    """Locate, for every exercise of ``nb``, its hints cell, solution header and solution code."""
    found: list[ExerciseCells] = []
    current: ExerciseCells | None = None
    in_solution = False
    for index, cell in enumerate(nb.cells):
        source = cell.source
        if cell.cell_type == "markdown":
            start = EXERCISE_START.search(source)
            if start:
                current = ExerciseCells(f"{int(start[1])}.{int(start[2])}")
                found.append(current)
                in_solution = False
                continue
            if current is None:
                continue
            if HINTS_BLOCK.search(source):
                _set_once(current, "hints", index, name)
            opening = SOLUTION_START.match(source)
            if opening:
                label_id = f"{int(opening[1])}.{int(opening[2])}"
                if label_id != current.exercise_id:
                    raise ValueError(
                        f"{name} cell {index}: solution-start ex-{opening[1]}-{opening[2]} "
                        f"follows exercise {current.exercise_id}; label it "
                        f"ex-{current.exercise_id.replace('.', '-')}."
                    )
                _set_once(current, "solution_start", index, name)
                in_solution = True
            elif source.startswith(SOLUTION_END):
                in_solution = False
        elif cell.cell_type == "code" and in_solution and current is not None:
            _set_once(current, "solution_code", index, name)
    for ex in found:
        missing = [
            part
            for part in ("hints", "solution_start", "solution_code")
            if getattr(ex, part) is None
        ]
        if missing:
            raise ValueError(
                f"{name}: exercise {ex.exercise_id} has no {', no '.join(missing)} cell. Each "
                "exercise needs a ```{admonition} Hints``` block after {exercise-end}, a cell "
                f"opening with ```{{solution-start}} ex-{ex.exercise_id.replace('.', '-')}``` "
                "and one code cell before {solution-end}."
            )
    return found


def _set_once(cells: ExerciseCells, part: str, index: int, name: str) -> None:
    if getattr(cells, part) is not None:
        raise ValueError(
            f"{name} cell {index}: exercise {cells.exercise_id} has a second "
            f"{part.replace('_', ' ')} cell (the first is cell {getattr(cells, part)})."
        )
    setattr(cells, part, index)


def sync_notebook(nb, name: str = "notebook") -> list[str]:
    """Rewrite the generated parts of ``nb`` in place from the registry; return what changed."""
    from lossedu.exercises._core import get_exercise

    changes = []
    for where in find_exercises(nb, name):
        exercise = get_exercise(where.exercise_id)
        hints_cell = nb.cells[where.hints]
        box = HINTS_BLOCK.search(hints_cell.source)
        hints = hints_cell.source[: box.start()] + render_hints(exercise.hints)
        hints += hints_cell.source[box.end() :]
        header_cell = nb.cells[where.solution_start]
        header = SOLUTION_START.match(header_cell.source)[0]
        updates = [
            (hints_cell, hints, "hints"),
            (header_cell, render_solution_header(header, exercise.explanation), "explanation"),
            (nb.cells[where.solution_code], render_solution_code(exercise), "solution code"),
        ]
        for cell, new, part in updates:
            if cell.source != new:
                cell.source = new
                changes.append(f"{exercise.id} {part}")
        if fold(nb.cells[where.solution_code]):
            changes.append(f"{exercise.id} solution folded")
    return changes


def fold(cell) -> bool:
    """Fold a code cell in Jupyter (code and outputs hidden); return True if it changed."""
    jupyter = dict(cell.metadata.get("jupyter", {}))
    if all(jupyter.get(key) == value for key, value in FOLDED.items()):
        return False
    jupyter.update(FOLDED)
    cell.metadata["jupyter"] = jupyter
    return True


def sync(paths=None, *, write: bool = True) -> dict[Path, list[str]]:
    """Bring every notebook of ``paths`` (default: the book's) in line with the registry.

    Returns ``{notebook: [changed parts]}`` for the notebooks that differed; with
    ``write=False`` nothing is written.
    """
    changed = {}
    for path in [Path(p).resolve() for p in paths] if paths else toc_notebooks(ROOT):
        nb = nbformat.read(path, as_version=4)
        changes = sync_notebook(nb, _display(path))
        if changes:
            changed[path] = changes
            if write:
                nbformat.write(nb, path)
    return changed


def _display(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = sync([a for a in argv if a != "--check"], write=not check)
    for path, changes in changed.items():
        verb = "differs from the registry" if check else "updated"
        print(f"{_display(path)} {verb}: {', '.join(changes)}")
    if check and changed:
        print("Run `python scripts/sync_exercises.py` (or `make notebooks`) to regenerate.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
