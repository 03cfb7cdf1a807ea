"""Check that Binder (and anyone) can install requirements.txt on the Python the course names.

Usage: python scripts/check_requirements.py [--python X.Y]

Binder (repo2docker) builds the environment on the Python named by ``runtime.txt``
(``python-X.Y``) and installs ``requirements.txt``. Two things break that without any test
noticing on a developer's machine, so this script checks both:

1. ``runtime.txt``, ``requires-python`` in ``pyproject.toml``, the README and the landing page
   must name the same minimum Python;
2. every pin of ``requirements.txt`` must have a wheel for that Python. pip resolves the whole
   file for that Python version without installing anything (``--dry-run --python-version``
   with ``--only-binary=:all:``, since pip cannot build an sdist for a Python it is not running
   on); it needs only the package index.

``--python X.Y`` resolves for another Python instead (to see what would fail there).
Exit status 0 when everything holds, 1 with one line per problem otherwise.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def runtime_python(root: Path = ROOT) -> str:
    """The ``X.Y`` of runtime.txt (``python-X.Y``)."""
    text = (root / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", text)
    if not match:
        raise ValueError(f"runtime.txt must hold one line 'python-X.Y'; it holds {text!r}.")
    return match.group(1)


def requires_python(root: Path = ROOT) -> str:
    """The minimum ``X.Y`` of ``requires-python = ">=X.Y"`` in pyproject.toml."""
    text = (root / "pyproject.toml").read_text()
    match = re.search(r'^requires-python\s*=\s*">=\s*(\d+\.\d+)"', text, flags=re.MULTILINE)
    if not match:
        raise ValueError('pyproject.toml must say requires-python = ">=X.Y".')
    return match.group(1)


def stated_minimums(root: Path = ROOT) -> dict[str, set[str]]:
    """The Python versions that the README and the landing page promise ("Python 3.11 or newer")."""
    pattern = re.compile(r"Python (\d+\.\d+)\+? or newer|Python (\d+\.\d+)\+")
    found = {}
    for name in ("README.md", "intro.md"):
        text = (root / name).read_text()
        found[name] = {a or b for a, b in pattern.findall(text)}
    return found


def consistency_problems(root: Path = ROOT) -> list[str]:
    runtime = runtime_python(root)
    problems = []
    if requires_python(root) != runtime:
        problems.append(
            f'pyproject.toml says requires-python = ">={requires_python(root)}" but runtime.txt '
            f"says python-{runtime}: make them name the same minimum Python."
        )
    for name, versions in stated_minimums(root).items():
        if versions != {runtime}:
            said = ", ".join(sorted(versions)) or "no version"
            problems.append(
                f"{name} states {said} as the minimum Python (as 'Python X.Y or newer') but "
                f"runtime.txt says python-{runtime}."
            )
    return problems


def pins(root: Path = ROOT) -> list[str]:
    """The requirement lines of requirements.txt, without comments and the local package."""
    lines = []
    for raw in (root / "requirements.txt").read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and line != ".":
            lines.append(line)
    return lines


def wheel_problems(python: str, root: Path = ROOT) -> list[str]:
    """Resolve requirements.txt for ``python`` (X.Y) with wheels only; one line per failure."""
    with tempfile.TemporaryDirectory() as tmp:
        req = Path(tmp) / "requirements.txt"
        req.write_text("\n".join(pins(root)) + "\n")
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
        cmd += ["--only-binary=:all:", "--python-version", python, "--target", str(Path(tmp) / "t")]
        cmd += ["--disable-pip-version-check", "-q", "-r", str(req)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if result.returncode == 0:
        return []
    log = result.stdout + result.stderr
    runtime = runtime_python(root)
    missing = re.findall(r"No matching distribution found for (\S+)", log)
    if missing:
        return [
            f"requirements.txt pins {spec}, which has no wheel for Python {python} "
            f"(runtime.txt says python-{runtime}, the Python Binder installs the course on): "
            "choose a version of it that supports that Python, or change runtime.txt."
            for spec in missing
        ]
    conflict = [line for line in log.splitlines() if "ERROR" in line or "conflict" in line]
    detail = " ".join(conflict[-3:]) or log.strip()[-500:]
    return [f"requirements.txt does not resolve for Python {python}: {detail}"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", help="resolve for this X.Y instead of runtime.txt's")
    args = parser.parse_args(argv)
    problems = consistency_problems()
    python = args.python or runtime_python()
    problems += wheel_problems(python)
    for line in problems:
        print(f"check_requirements: {line}")
    if not problems:
        print(f"check_requirements: every pin of requirements.txt has a wheel for Python {python}.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
