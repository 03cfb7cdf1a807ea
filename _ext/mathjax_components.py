"""Pages load the MathJax components they use (760 kB) rather than the 1.17 MB combined file.

``offline_site`` serves MathJax from the site itself. Its combined file ``tex-mml-chtml.js``
bundles, besides the TeX input and the HTML output that the pages use, a MathML input that no
page needs and the 426 kB right-click menu (zoom, "show math as", renderer switches). Those
two are a third of every chapter's weight budget. Here, when the offline copy is served, pages
load MathJax's ``startup.js`` with a loader list instead: the TeX input (with the same default
packages and autoloading), the CommonHTML output, and ``a11y/assistive-mml``, which gives
screen readers a hidden MathML copy of every formula (the accessibility that the menu used to
switch on by default). The formulas look the same; the context menu is gone. The menu also
made every formula focusable, which a displayed formula wider than a phone's screen needs (it
scrolls in its own box, and a keyboard scrolls only what it can focus): ``static/
mathjax-focus.js`` makes each displayed formula focusable once typeset. No upstream issue:
MathJax documents this way of loading (https://docs.mathjax.org/en/latest/web/components/).
"""

from __future__ import annotations

from _static_dir import serve_static_dir
from sphinx.application import Sphinx

STARTUP = "mathjax/es5/startup.js"
COMPONENTS = ["input/tex", "output/chtml", "a11y/assistive-mml"]


def use_components(app: Sphinx, config) -> None:
    if not getattr(config, "offline_site_active", False):
        return
    config.mathjax_path = STARTUP
    mathjax = dict(config.mathjax3_config or {})
    loader = dict(mathjax.get("loader", {}))
    loader["load"] = [*loader.get("load", []), *COMPONENTS]
    mathjax["loader"] = loader
    config.mathjax3_config = mathjax


def add_focus_script(app: Sphinx) -> None:
    if app.config.offline_site_active:
        app.add_js_file("mathjax-focus.js", defer="defer")


def setup(app: Sphinx) -> dict:
    serve_static_dir(app)
    # after offline_site (priority 100), which decides whether the local copy is served
    app.connect("config-inited", use_components, priority=200)
    app.connect("builder-inited", add_focus_script)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
