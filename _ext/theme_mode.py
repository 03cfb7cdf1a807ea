"""The theme starts in "auto" colour mode, so it logs no error on a reader's first visit.

pydata-sphinx-theme reads the colour mode from the browser's localStorage, falling back to
the ``default_mode`` of ``html_context``. Nothing in the book stack sets it, so on a first
visit (empty localStorage) the theme receives an empty mode and logs the console error
"Got invalid theme mode: . Resetting to auto." (reported upstream as
https://github.com/pydata/pydata-sphinx-theme/issues/1635, closed there as fixed; it still
happens with the versions pinned here). The browser tests fail on any console error, and a
reader should not see one: ``default_mode`` is set to "auto" (follow the system setting), which
is what the theme falls back to anyway.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def default_to_auto(app: Sphinx, config) -> None:
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", default_to_auto)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
