"""The GitHub workflows are valid, run the README's test command, and publish the site."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def site_url() -> str:
    """https://OWNER.github.io/NAME/, from repository.url in _config.yml (GitHub Pages' rule)."""
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    owner, name = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)/?", url).groups()
    return f"https://{owner.lower()}.github.io/{name}/"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_matches_the_github_schema(path):
    exe = Path(sys.executable).with_name("check-jsonschema")
    cmd = [str(exe), "--builtin-schema", "vendor.github-workflows", str(path)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: broken\non: push\njobs:\n  test:\n    steps: []\n")  # no runs-on
    exe = Path(sys.executable).with_name("check-jsonschema")
    cmd = [str(exe), "--builtin-schema", "vendor.github-workflows", str(broken)]
    assert subprocess.run(cmd, capture_output=True, text=True, timeout=120).returncode != 0


def test_ci_runs_the_ci_script_on_pushes_and_pull_requests():
    ci = load("ci.yml")
    triggers = ci[True] if True in ci else ci["on"]  # YAML 1.1 reads the key `on` as True
    assert "push" in triggers and "pull_request" in triggers
    assert any(step.get("run", "").strip() == "bash .ci/run" for step in steps(ci))
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_pages_builds_with_make_book_and_deploys_with_the_official_actions():
    pages = load("pages.yml")
    uses = [step.get("uses", "") for step in steps(pages)]
    assert any(step.get("run", "").strip() == "make book" for step in steps(pages))
    upload = next(s for s in steps(pages) if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "_build/html"
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert pages["permissions"]["pages"] == "write" and pages["permissions"]["id-token"] == "write"


def test_readme_links_the_site_and_binder_derived_from_the_repository_url():
    readme = (ROOT / "README.md").read_text()
    assert site_url() in readme
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    owner_name = url.removeprefix("https://github.com/").strip("/")
    assert f"https://mybinder.org/v2/gh/{owner_name}/" in readme
    assert "https://mybinder.org/badge_logo.svg" in readme
