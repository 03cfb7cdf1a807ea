"""Re-execute the course notebooks in place, each top to bottom on a fresh kernel.

Usage: python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: every notebook in _toc.yml)

Each notebook runs in its own folder (so relative paths behave as in Jupyter), with a fresh
``python3`` kernel, and is saved with its outputs. Widget state is stored only for notebooks
whose metadata says ``"lossedu": {"store_widget_state": true}``: explorers show a precomputed
HTML version on the website, so most pages do not need the widget manager's 4 MB bundle.
The time and peak memory of each run are printed, so the course's budget (30 s, 1 GB) is
visible whenever the notebooks are refreshed.

A slow cell's printing reaches the notebook in several pieces (the kernel flushes its output
while the cell runs, at moments that depend on the machine's load); consecutive pieces of the
same stream are merged, so one printed table is one output box on the website.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

ROOT = Path(__file__).resolve().parents[1]


def toc_files(root: Path = ROOT) -> list[str]:
    """Every page of _toc.yml (the root page first), in order, without its extension."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files: list[str] = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", toc.get("chapters", [])))
    return files


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """The notebooks among the pages of _toc.yml, in order."""
    return [root / f"{f}.ipynb" for f in toc_files(root) if (root / f"{f}.ipynb").exists()]


def execute(path: Path, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    store_state = bool(nb.metadata.get("lossedu", {}).get("store_widget_state", False))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=store_state,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    # one box per printed table: merge consecutive stdout (or stderr) outputs of a cell
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    if not store_state:
        nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        # nbclient records wall-clock timestamps per cell: noise in every diff, never read
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or toc_notebooks()
    for path in paths:
        seconds = execute(path)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{path.relative_to(ROOT)}: {seconds:.1f} s (largest kernel so far {peak_mb:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
