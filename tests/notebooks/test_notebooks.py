"""Notebook hygiene: every notebook of the book is stored executed, clean and complete.

nbval (run by `make test` over chapters/ and appendix/) proves the stored outputs are current;
these tests prove the notebooks were executed in order on a fresh kernel and follow the chapter
skeleton of CONTRIBUTING.md.
"""

import copy
import re
from itertools import pairwise

import nbformat
import pytest
from _site import ROOT, toc_notebooks

NOTEBOOKS = toc_notebooks()
CHAPTERS = [p for p in NOTEBOOKS if p.parent.name == "chapters"]
ids = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]


def headings(nb) -> list[str]:
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += re.findall(r"^#{1,6}\s+(.+?)\s*$", cell.source, flags=re.MULTILINE)
    return found


def test_there_are_notebooks():
    assert CHAPTERS, "no chapter notebook is listed in _toc.yml"


def test_every_chapter_file_is_in_the_toc():
    listed = {p.resolve() for p in NOTEBOOKS}
    on_disk = set((ROOT / "chapters").glob("*.ipynb"))
    assert {p.resolve() for p in on_disk} <= listed, "a chapter is missing from _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_executed_in_order_on_a_fresh_kernel(path):
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; run `make notebooks` to re-execute it"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_error_output(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{path.name} cell {i}: {out.get('ename')}"
            if out.output_type == "stream":
                assert out.name != "stderr" or "Warning" not in out.text, (
                    f"{path.name} cell {i} wrote a warning to stderr: {out.text[:200]}"
                )


def split_streams(nb) -> list[int]:
    """Indices of the cells with two consecutive stream outputs of the same name."""
    return [
        i
        for i, cell in enumerate(nb.cells)
        if any(
            a.output_type == b.output_type == "stream" and a.name == b.name
            for a, b in pairwise(cell.get("outputs", []))
        )
    ]


def test_split_streams_finds_a_split_table():
    nb = nbformat.v4.new_notebook()
    one = nbformat.v4.new_code_cell("print(1); print(2)")
    one.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n2\n")]
    split = nbformat.v4.new_code_cell("print(1); print(2)")
    split.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output("stream", name="stdout", text="2\n"),
    ]
    mixed = nbformat.v4.new_code_cell("print(1); warn()")
    mixed.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output("stream", name="stderr", text="careful\n"),
    ]
    nb.cells = [one, split, mixed]
    assert split_streams(nb) == [1]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_one_output_box_per_printed_table(path):
    # the kernel flushes a slow cell's printing in pieces; the site draws one box per piece
    nb = nbformat.read(path, as_version=4)
    assert not split_streams(nb), (
        f"{path.name} cells {split_streams(nb)}: one printed text is split over several output "
        "boxes; run `make notebooks` (scripts/execute_notebooks.py merges them)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_kernel_and_size(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    # A chapter opens quickly in Binder and on GitHub. Its figures are stored at twice their
    # display size (sharp on high-density screens), about 2.7 MB of PNG in the largest chapter;
    # the website re-encodes them with a palette at build time, the notebook keeps them as drawn.
    assert path.stat().st_size < 3_500_000, f"{path.name} is over 3.5 MB"
    nbformat.validate(nb)


@pytest.mark.parametrize("path", CHAPTERS, ids=[str(p.relative_to(ROOT)) for p in CHAPTERS])
def test_chapter_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    heads = [h.lower() for h in headings(nb)]
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for required in ("learning objectives", "summary", "exercises", "references"):
        assert any(required in h for h in heads), f"{path.name} has no '{required}' heading"
    first = nb.cells[1].source.lower() if len(nb.cells) > 1 else ""
    intro = (nb.cells[0].source + first).lower()
    assert re.search(r"\b\d+\s*(min|minutes)\b", intro), "objectives need an estimated time"


@pytest.mark.parametrize("path", CHAPTERS, ids=[str(p.relative_to(ROOT)) for p in CHAPTERS])
def test_chapter_checks_exercises_and_has_an_explorer(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "exercises.check(" in code
    assert "widgets." in code, "every chapter has at least one explorer"
    assert "{solution-start}" in markdown and ":class: dropdown" in markdown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_randomness_is_seeded(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "np.random.seed" not in code, "use np.random.default_rng(SEED), not a global seed"
    assert not re.search(r"np\.random\.(rand|randn|normal|uniform|choice)\(", code)
    assert not re.search(r"default_rng\(\s*\)", code), "seed every default_rng"


def test_exercises_in_chapters_match_the_registry():
    """Every exercise a chapter shows is registered, checked in the chapter, and vice versa."""
    from lossedu import exercises

    shown, checked = set(), set()
    for path in CHAPTERS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for ch, k in re.findall(
                    r"\{exercise-start\}[^\n]*\n:label: ex-(\d+)-(\d+)", cell.source
                ):
                    shown.add(f"{int(ch)}.{int(k)}")
            else:
                checked |= set(re.findall(r"exercises\.check\(\s*\"([\d.]+)\"", cell.source))
    registered = set(exercises.list())
    assert shown == registered, (
        f"shown but not registered: {shown - registered}; "
        f"registered but not shown: {registered - shown}"
    )
    assert checked == registered


def exercise_dropdowns(nb) -> dict[str, dict]:
    """What a chapter shows of each exercise: hints, solution explanation and solution code.

    Read straight from the cells, independently of scripts/sync_exercises.py, which writes them.
    """
    shown: dict[str, dict] = {}
    current, in_solution = None, False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            start = re.search(r"\{exercise-start\}[^\n]*\n:label: ex-(\d+)-(\d+)", cell.source)
            if start:
                current = f"{int(start[1])}.{int(start[2])}"
                shown[current] = {}
                continue
            box = re.search(
                r"(?ms)^```\{admonition\} Hints\n:class: dropdown\n\n(.*?)\n```$", cell.source
            )
            if box and current:
                items = re.split(r"(?m)^\d+\. ", box[1])[1:]  # a numbered list, one item a hint
                shown[current]["hints"] = [re.sub(r"(?m)^   ", "", i).strip() for i in items]
            solution = re.match(
                r"(?s)```\{solution-start\} ex-(\d+)-(\d+)\n:class: dropdown\n```\n\n(.*)",
                cell.source,
            )
            if solution and current:
                assert f"{int(solution[1])}.{int(solution[2])}" == current, cell.source
                shown[current]["explanation"] = solution[3]
                in_solution = True
            elif cell.source.startswith("```{solution-end}"):
                in_solution = False
        elif in_solution and current:
            assert "code" not in shown[current], f"exercise {current}: two solution cells"
            shown[current]["code"] = cell.source
    return shown


FIX = "edit lossedu/exercises, then run `python scripts/sync_exercises.py` (or `make notebooks`)"


@pytest.mark.parametrize("path", CHAPTERS, ids=[str(p.relative_to(ROOT)) for p in CHAPTERS])
def test_exercise_hints_and_solutions_are_the_registrys(path, capsys):
    """exercises.hint(id) and exercises.solution(id) say what the chapter's folded boxes say."""
    from lossedu import exercises
    from lossedu.exercises._core import get_exercise

    shown = exercise_dropdowns(nbformat.read(path, as_version=4))
    assert shown, f"{path.name} shows no exercise"
    for exercise_id, parts in shown.items():
        assert set(parts) == {"hints", "explanation", "code"}, (exercise_id, sorted(parts))
        n = len(parts["hints"])
        assert len(get_exercise(exercise_id).hints) == n, f"{exercise_id} hints differ: {FIX}"
        for i, h in enumerate(parts["hints"], 1):  # hint(id, i) shows hint i, then what next
            shown_hint = exercises.hint(exercise_id, i)
            assert shown_hint.startswith(f"**Hint {i} of {n}.** {h}\n\n"), (
                f"{exercise_id} hint {i} differs: {FIX}"
            )
        # the folded cell's preview line names the solution, then the registry's code follows
        comment = f"# Worked solution to exercise {exercise_id}\n"
        assert parts["code"].startswith(comment), f"{exercise_id} solution differs: {FIX}"
        code = parts["code"].removeprefix(comment)
        solution = (
            f"**Solution to exercise {exercise_id}.**\n\n```python\n{code}\n```\n\n"
            f"{parts['explanation']}"
        )
        assert exercises.solution(exercise_id) == solution, f"{exercise_id} solution differs: {FIX}"
    capsys.readouterr()  # hint() and solution() print outside Jupyter


def test_sync_exercises_finds_nothing_to_change():
    from sync_exercises import sync

    assert sync(write=False) == {}, FIX


def test_sync_exercises_rewrites_only_the_generated_cells_and_twice_changes_nothing():
    from sync_exercises import find_exercises, sync_notebook

    original = nbformat.read(CHAPTERS[1], as_version=4)
    nb = copy.deepcopy(original)
    first = find_exercises(nb)[0]
    nb.cells[first.hints].source = nb.cells[first.hints].source.replace("1. ", "1. Stale. ", 1)
    nb.cells[first.solution_start].source += " An edit made in the notebook."
    nb.cells[first.solution_code].source = "pass"
    nb.cells[0].source += "\n\nAn edit outside the exercises."
    changes = sync_notebook(nb)
    assert changes == [
        f"{first.exercise_id} {part}" for part in ("hints", "explanation", "solution code")
    ]
    assert nb.cells[0].source == original.cells[0].source + "\n\nAn edit outside the exercises."
    assert [c.source for c in nb.cells[1:]] == [c.source for c in original.cells[1:]]
    assert [c.get("outputs") for c in nb.cells] == [c.get("outputs") for c in original.cells]
    assert sync_notebook(nb) == []


def test_sync_exercises_indents_a_hint_of_several_lines_as_one_list_item():
    from sync_exercises import render_hints

    # CommonMark: a list item's continuation lines are indented to its text (3 spaces after "1. ").
    assert render_hints(["First line\nsecond line", "Other"]) == (
        "```{admonition} Hints\n:class: dropdown\n\n1. First line\n   second line\n2. Other\n```"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=[str(p.relative_to(ROOT)) for p in CHAPTERS])
def test_at_least_three_exercises_except_the_pilot(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    count = text.count("{exercise-start}")
    assert count >= (2 if path.name.startswith("00_") else 3), f"{path.name}: {count} exercises"


def glossary_terms() -> set[str]:
    """The term lines of appendix/glossary.md: the non-indented lines inside its directive."""
    terms, inside = set(), False
    for line in (ROOT / "appendix" / "glossary.md").read_text().splitlines():
        if line.startswith("```{glossary}"):
            inside = True
        elif inside and line.startswith("```"):
            inside = False
        elif inside and line.strip() and not line.startswith((" ", "\t", ":")):
            terms.add(line.strip())
    return terms


def term_targets(nb) -> list[str]:
    """The glossary terms a notebook's markdown links: {term}`t` or {term}`text <t>`."""
    targets = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for content in re.findall(r"\{term\}`([^`]+)`", cell.source):
                named = re.fullmatch(r"(?s).*<([^<>]+)>\s*", content)
                targets.append((named.group(1) if named else content).strip())
    return targets


def test_glossary_has_terms():
    terms = glossary_terms()
    assert len(terms) >= 50, f"parsed only {len(terms)} terms from appendix/glossary.md"
    assert {"loss", "gradient descent", "Barron's loss"} <= terms


@pytest.mark.parametrize("path", CHAPTERS, ids=[str(p.relative_to(ROOT)) for p in CHAPTERS])
def test_chapter_links_existing_glossary_terms(path):
    terms = glossary_terms()
    targets = term_targets(nbformat.read(path, as_version=4))
    missing = sorted(set(targets) - terms)
    assert not missing, f"{path.name} links terms the glossary does not define: {missing}"
    if not path.name.startswith("00_"):
        assert len(set(targets)) >= 3, (
            f"{path.name} links only {len(set(targets))} glossary terms; link at least three "
            "with {term}`...` where the chapter introduces them"
        )
