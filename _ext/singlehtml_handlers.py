"""Let the one-page ``singlehtml`` build (the source of ``make pdf``) draw every node type.

Why: Sphinx looks up the visit/depart handlers of extension nodes by the builder's *name*
(``singlehtml``) and falls back to its *format* (``html``) only when no extension registered
anything under that name (``SphinxComponentRegistry.create_translator``). sphinx-exercise
registers its nodes for ``singlehtml`` explicitly, so the fallback is skipped for every other
extension, and myst-nb's nodes (``HideCodeCellNode``, for the ``hide-input`` cells) end the
build with ``NotImplementedError: ... departing unknown node type``. When the builder is
``singlehtml``, this extension copies each ``html`` handler that has no ``singlehtml`` entry.
The same fault in a sibling extension: executablebooks/sphinx-proof issue #65
(https://github.com/executablebooks/sphinx-proof/issues/65). Delete this file when a
singlehtml build of the book succeeds without it.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def copy_html_handlers(app: Sphinx) -> None:
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for node_name, pair in handlers.get("html", {}).items():
        single.setdefault(node_name, pair)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", copy_html_handlers)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
