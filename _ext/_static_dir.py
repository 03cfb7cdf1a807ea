"""Shared by the extensions of this folder that put a file of ``_ext/static/`` on the pages.

Sphinx copies a static file only from a folder listed in ``html_static_path``; each extension
that adds a script or a style sheet from ``_ext/static/`` calls :func:`serve_static_dir`, so
that turning one of them off in ``_config.yml`` never breaks another.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"


def _add(app: Sphinx, config) -> None:
    if str(STATIC_DIR) not in map(str, config.html_static_path):
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def serve_static_dir(app: Sphinx) -> None:
    """Make ``_ext/static/`` a static folder of the build (once, however many ask)."""
    app.connect("config-inited", _add)
