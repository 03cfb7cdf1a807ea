"""Build the website (or the one-page version that the PDF is printed from), quietly.

Usage: python scripts/build_book.py [--builder html|singlehtml] [--all]

Runs ``jupyter-book build . -W -n --keep-going`` (warnings are errors) and prints what a reader
needs: each warning or error, and where the result is. Sphinx's own progress lines (one per
page read, per image copied) and Jupyter Book's configuration banner are kept out of the
terminal; on a failure the end of the full log is shown.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBLEM = re.compile(r"WARNING|ERROR|Error|Traceback|Exception")


def jupyter_book() -> str:
    exe = Path(sys.executable).with_name("jupyter-book")
    return str(exe) if exe.exists() else "jupyter-book"


def build(builder: str = "html", *, rebuild_all: bool = False) -> subprocess.CompletedProcess:
    """Run Jupyter Book with warnings as errors; return the finished process (output captured)."""
    cmd = [jupyter_book(), "build", str(ROOT), "--builder", builder, "-W", "-n", "--keep-going"]
    if rebuild_all:
        cmd.append("--all")
    env = dict(os.environ, PYTHONHASHSEED="0")  # stable ids in the pages between builds
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)


def problems(result: subprocess.CompletedProcess) -> list[str]:
    """The warning and error lines of a build's output."""
    log = result.stdout + result.stderr
    return [line for line in log.splitlines() if PROBLEM.search(line)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", default="html", choices=("html", "singlehtml"))
    parser.add_argument("--all", action="store_true", help="rebuild every page")
    args = parser.parse_args(argv)
    result = build(args.builder, rebuild_all=args.all)
    for line in problems(result):
        print(line)
    if result.returncode != 0:
        print("\n".join((result.stdout + result.stderr).splitlines()[-40:]), file=sys.stderr)
        print(f"The {args.builder} build failed: see the messages above.", file=sys.stderr)
        return result.returncode
    if args.builder == "html":
        print("The site is in _build/html: open _build/html/index.html, or run 'make serve'.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
