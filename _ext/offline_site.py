"""The course website works with no internet: MathJax and the widget scripts are served locally.

By default, Jupyter Book pages load MathJax 3, require.js and the ipywidgets html-manager from
CDNs, so offline a page shows raw TeX and blank widget areas. ``make assets``
(scripts/fetch_site_assets.sh) fetches those packages from the npm registry into ``_offline/``;
when that folder is there, this extension serves them from the site's own ``_static/`` folder,
with the two fixes they need once they load locally (both files in ``static/``):

1. ``offline-require-config.js``: html-manager asks for its icon fonts relative to the *page*
   (404 on every page below the root) unless require.js knows where
   ``@jupyter-widgets/html-manager/dist`` lives (no upstream issue found);
2. ``offline-shims.js``: html-manager calls the MathJax 2 API ``MathJax.Hub.Queue``, which
   MathJax 3 does not have (https://github.com/jupyter-widgets/ipywidgets/issues/3829): the
   shim maps it to ``MathJax.typesetPromise``.

Without ``_offline/`` the build still succeeds with the CDN defaults and says so.
"""

from __future__ import annotations

from pathlib import Path

from _static_dir import serve_static_dir
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


def setup(app: Sphinx) -> dict:
    app.add_config_value("offline_site_active", False, "html")
    serve_static_dir(app)  # offline-require-config.js and offline-shims.js
    app.connect("config-inited", configure, priority=100)
    app.connect("builder-inited", add_shims)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
