"""A local Sphinx extension that makes the course website work with no internet.

By default, Jupyter Book pages load MathJax 3, require.js and the ipywidgets html-manager from
CDNs. ``make assets`` (scripts/fetch_site_assets.sh) fetches those packages from the npm
registry into ``_offline/``; when that folder is there, this extension serves them from the
site's own ``_static/`` folder and fixes three problems that show up once they load locally:

1. html-manager asks for its icon fonts relative to the *page* (404 on every page below the
   root) unless require.js knows where ``@jupyter-widgets/html-manager/dist`` lives;
2. html-manager calls the MathJax 2 API ``MathJax.Hub.Queue``, which MathJax 3 does not have:
   a shim maps it to ``MathJax.typesetPromise``;
3. the theme logs "Got invalid theme mode" on every page unless a default colour mode is set:
   it is set to "auto" (follow the reader's system setting);
4. Sphinx 7.4 emits some inline scripts of sphinx-thebe and sphinx-togglebutton twice, which
   gives the console error "Identifier 'THEBE_JS_URL' has already been declared": duplicate
   script entries are dropped from each page's context.

Without ``_offline/`` the build still succeeds with the CDN defaults and says so.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

ASSETS_DIR = "_offline"
MATHJAX = "mathjax/es5/tex-mml-chtml.js"
REQUIREJS = "requirejs/require.js"
HTML_MANAGER = "html-manager/dist/embed-amd.js"
SHIMS = "offline-shims.js"


def _offline_dir(app: Sphinx) -> Path:
    return Path(app.confdir) / ASSETS_DIR


def _assets_present(app: Sphinx) -> bool:
    root = _offline_dir(app)
    return all((root / rel).is_file() for rel in (MATHJAX, REQUIREJS, HTML_MANAGER))


def configure(app: Sphinx, config) -> None:
    """Point MathJax and the widget scripts at local copies when they have been fetched."""
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context
    static_here = str(Path(__file__).parent / "static")
    config.html_static_path = [*config.html_static_path, static_here]
    if not _assets_present(app):
        logger.info(
            "[offline_site] %s/ not found: pages will load MathJax, require.js and the "
            "widget manager from CDNs. Run `make assets` (needs npm) for an offline site.",
            ASSETS_DIR,
        )
        app.config.offline_site_active = False
        return
    config.html_static_path = [*config.html_static_path, str(_offline_dir(app))]
    # Relative paths are resolved against _static/ by Sphinx and by myst-nb's add_js_file.
    config.mathjax_path = MATHJAX
    config.nb_ipywidgets_js = {
        REQUIREJS: {},
        "offline-require-config.js": {},
        HTML_MANAGER: {},
    }
    app.config.offline_site_active = True
    logger.info("[offline_site] serving MathJax, require.js and html-manager from _static/")


def add_shims(app: Sphinx) -> None:
    if app.config.offline_site_active:
        # after MathJax (priority 500, defer) so that the shim sees the MathJax 3 object
        app.add_js_file(SHIMS, priority=510, defer="defer")


def drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Keep the first of any script entries that are identical (file, body and attributes)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for js in scripts:
        key = (
            # inline scripts come with a filename of None or "": the same thing
            str(getattr(js, "filename", js) or ""),
            tuple(sorted((k, str(v)) for k, v in getattr(js, "attributes", {}).items())),
        )
        if key in seen:
            continue
        seen.add(key)
        unique.append(js)
    context["script_files"] = unique


def setup(app: Sphinx) -> dict:
    app.add_config_value("offline_site_active", False, "html")
    app.connect("config-inited", configure, priority=100)
    app.connect("builder-inited", add_shims)
    # late, after the themes and myst-nb have added their per-page scripts
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
