"""Summary tables of the API reference wrap long names instead of overflowing the page.

The theme keeps the first column of an autosummary table on one line (``white-space: nowrap``
on its cells), so the longest names of ``lossedu`` (such as
``categorical_cross_entropy_with_logits_grad``) push the table wider than the page on a
narrow screen. ``static/api-tables.css`` lets those names wrap. No upstream issue was found;
this is a choice of layout for long names more than a bug.
"""

from __future__ import annotations

from _static_dir import serve_static_dir
from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    serve_static_dir(app)
    app.add_css_file("api-tables.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
