"""The search index is loaded on the search page only.

pydata-sphinx-theme (0.17) loads Sphinx's ``searchtools.js``, ``language_data.js`` and the
whole ``searchindex.js`` (together about 160 kB) on every page, for its search-as-you-type
option (added in https://github.com/pydata/pydata-sphinx-theme/issues/1977; the cost is noted
in https://github.com/pydata/pydata-sphinx-theme/issues/2115). This site leaves that option
off: the search box opens the search page, which loads the three scripts itself. The template
``templates/layout.html``, put on the template path here, drops the three script tags from
every other page while Sphinx renders it. Sphinx itself had the same problem with
``language_data.js`` and fixed it (https://github.com/sphinx-doc/sphinx/issues/8419).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

TEMPLATES = Path(__file__).parent / "templates"


def add_templates(app: Sphinx, config) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_templates)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
