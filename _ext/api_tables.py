"""The API reference reads on a phone: tables, signatures and parameter lists fit the screen.

The theme keeps the first column of an autosummary table on one line (``white-space: nowrap``
on its cells), lays a parameter list out as a two-column grid, and keeps a signature and every
inline literal on one line, so the longest names of ``lossedu`` (such as
``categorical_cross_entropy_with_logits_grad``) made the API page 684 px wide on a 390 px
phone. ``static/api-tables.css`` stacks each summary row (name above its summary) and each
parameter list (field name above its text) on narrow screens, and lets signatures and long
literals break at the end of a line, so a name gets the whole column and never wraps one
letter per line. No upstream issue was found; this is a choice of layout for long names more
than a bug.
"""

from __future__ import annotations

from _static_dir import serve_static_dir
from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    serve_static_dir(app)
    app.add_css_file("api-tables.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
