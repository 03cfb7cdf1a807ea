"""Without npm the site still builds, on CDN defaults, and says so."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from _site import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import offline_site


def test_fetch_script_without_npm_exits_cleanly_and_says_so(tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for tool in ("bash", "mktemp", "rm", "mkdir", "tar", "find", "touch", "du", "cut"):
        found = shutil.which(tool)
        if found:
            (bindir / tool).symlink_to(found)
    env = dict(os.environ, PATH=str(bindir))
    result = subprocess.run(
        [str(bindir / "bash"), str(ROOT / "scripts" / "fetch_site_assets.sh"), str(tmp_path / "o")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "npm not found" in result.stdout and "CDN" in result.stdout
    assert not (tmp_path / "o").exists()


def _fake_app(confdir: Path):
    config = SimpleNamespace(
        html_context={},
        html_static_path=[],
        mathjax_path="https://cdn.example/mathjax.js",
        nb_ipywidgets_js={"https://cdn.example/require.js": {}},
        offline_site_active=None,
    )
    return SimpleNamespace(confdir=str(confdir), config=config), config


def test_without_assets_the_cdn_defaults_are_kept(tmp_path):
    app, config = _fake_app(tmp_path)
    offline_site.configure(app, config)
    assert config.offline_site_active is False
    assert config.mathjax_path == "https://cdn.example/mathjax.js"
    assert list(config.nb_ipywidgets_js) == ["https://cdn.example/require.js"]


def test_with_assets_everything_is_served_locally(tmp_path):
    for rel in (offline_site.MATHJAX, offline_site.REQUIREJS, offline_site.HTML_MANAGER):
        path = tmp_path / offline_site.ASSETS_DIR / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("// stand-in")
    app, config = _fake_app(tmp_path)
    offline_site.configure(app, config)
    assert config.offline_site_active is True
    assert config.mathjax_path == offline_site.MATHJAX
    assert all(not url.startswith("http") for url in config.nb_ipywidgets_js)
    assert str(tmp_path / offline_site.ASSETS_DIR) in config.html_static_path
