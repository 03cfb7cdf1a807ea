"""Pages do not load the theme's 1.5 MB Font Awesome script, nor its 118 kB brands font.

pydata-sphinx-theme (0.17) loads ``_static/scripts/fontawesome.js`` (1.5 MB, Font Awesome's
``all.min.js``) on every page, only to redraw its ``<i class="fa-...">`` icons as inline SVG,
although its style sheet already draws the same icons with the Font Awesome web fonts
(https://github.com/pydata/pydata-sphinx-theme/issues/2379; a fix is proposed upstream in
https://github.com/pydata/pydata-sphinx-theme/pull/2494). Sphinx copies the folders of
``html_static_path`` after the theme's own static files, so a file there replaces the theme's
file of the same path: ``theme_overrides/scripts/fontawesome.js`` (a comment only) takes the
place of the theme's script while the site is built. The icons look the same and every page
is 1.5 MB lighter. Delete this file when the theme stops shipping the script.

The only brand icon on the site is sphinx-book-theme's GitHub mark (the repository button and
its menu), for which every page downloaded Font Awesome's whole brands font (118 kB, a sixth
of a chapter's figures). ``static/github-mark.css`` draws that icon from
``static/github-mark.svg`` (Font Awesome's own "github" path, 1.5 kB) as a CSS mask in the
text colour, so it looks the same in both themes and the brands font is never requested.
"""

from __future__ import annotations

from pathlib import Path

from _static_dir import serve_static_dir
from sphinx.application import Sphinx

OVERRIDES = Path(__file__).parent / "theme_overrides"


def add_overrides(app: Sphinx, config) -> None:
    config.html_static_path = [*config.html_static_path, str(OVERRIDES)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_overrides)
    serve_static_dir(app)
    app.add_css_file("github-mark.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
