"""Bibliography entries are list items for assistive technology.

docutils (0.21, the version the book stack pins) writes a citation list as
``<div role="list">`` whose entries carry ``role="doc-biblioentry"``. DPUB-ARIA 1.1 deprecated
that role because it is not a list item
(https://github.com/w3c/dpub-aria/pull/22), so a screen reader finds a list with no items and
axe-core reports ``aria-required-children`` (critical) on every page with a bibliography. Each
page's HTML body is given ``role="listitem"`` instead, while Sphinx renders the page. No
docutils or Sphinx issue about this was found; delete this file once docutils writes list
items.
"""

from __future__ import annotations

from sphinx.application import Sphinx

DEPRECATED = 'role="doc-biblioentry"'
REPLACEMENT = 'role="listitem"'


def fix_citation_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and DEPRECATED in body:
        context["body"] = body.replace(DEPRECATED, REPLACEMENT)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", fix_citation_roles)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
