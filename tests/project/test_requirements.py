"""Binder and a local venv can install the course: pins, runtime.txt and pyproject agree.

These tests ask the package index (PyPI) what exists, as `make test` does when it installs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import check_requirements  # noqa: E402


def test_runtime_pyproject_readme_and_landing_page_name_one_python():
    assert check_requirements.consistency_problems() == []


def test_every_pin_has_a_wheel_for_the_runtime_python():
    python = check_requirements.runtime_python()
    assert check_requirements.wheel_problems(python) == []


def test_a_python_without_wheels_is_refused_naming_the_pin_and_runtime_txt():
    # Python 3.10 is the Binder default without runtime.txt; numpy 2.4, matplotlib 3.11 and
    # sphinx-book-theme 1.3 publish no wheel for it (the resolver stops at the first).
    problems = check_requirements.wheel_problems("3.10")
    assert problems, "resolving for Python 3.10 should fail"
    assert "runtime.txt" in problems[0]
    pinned = {line.split("==")[0] for line in check_requirements.pins()}
    assert any(f" {name}==" in problems[0] for name in pinned), problems[0]


def test_a_mismatch_between_runtime_and_pyproject_is_reported(tmp_path):
    for name in ("runtime.txt", "pyproject.toml", "README.md", "intro.md", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "runtime.txt").write_text("python-3.12\n")
    problems = check_requirements.consistency_problems(tmp_path)
    assert any("pyproject.toml" in p and "runtime.txt" in p for p in problems)
    assert any(p.startswith("README.md") for p in problems)


def test_the_command_line_exits_1_and_names_the_pin_for_python_3_10():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_requirements.py"), "--python", "3.10"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1
    assert "has no wheel for Python 3.10" in result.stdout
    assert "runtime.txt says python-3.11" in result.stdout


def test_jupyterlab_is_installed_with_the_chapters_needs():
    # README: `pip install -r requirements.txt` then `jupyter lab chapters/`
    assert any(line.startswith("jupyterlab==") for line in check_requirements.pins())
    lab = Path(sys.executable).with_name("jupyter-lab")
    result = subprocess.run([str(lab), "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip()
