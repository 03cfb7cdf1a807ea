"""One search entry point per screen: the theme's empty top bar and its search box are gone.

sphinx-book-theme puts its search in the header: a search field at the top of the primary
sidebar on wide screens, a search icon in the article's header bar on narrow ones. Since
pydata-sphinx-theme 0.16 defaults ``navbar_persistent`` to a search field whenever the site
does not set it, every page also gets pydata's own top bar holding nothing but a second search
box, above the sidebar's (reported for other books in
https://github.com/pynucastro/pynucastro/pull/1427; upstream change of the default in
https://github.com/pydata/pydata-sphinx-theme/pull/2315). This sets ``navbar_persistent`` to
nothing and ``static/one-search.css`` hides the emptied bar on wide screens (on narrow ones
the theme already collapses it), so each width shows one search entry, all opening the same
search dialog, which searches the site's own index offline.
"""

from __future__ import annotations

from _static_dir import serve_static_dir
from sphinx.application import Sphinx


def no_persistent_search(app: Sphinx, config) -> None:
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options


def setup(app: Sphinx) -> dict:
    serve_static_dir(app)
    app.connect("config-inited", no_persistent_search)
    app.add_css_file("one-search.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
