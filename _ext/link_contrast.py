"""Links inside exercise boxes keep a 4.5:1 contrast in the light theme.

sphinx-exercise tints its exercise boxes light blue (#ecf3ff); pydata-sphinx-theme's link
blue (#176de8) reaches only 4.29:1 on that tint, under WCAG AA's 4.5:1 for body text (axe:
``color-contrast``), so a citation inside an exercise statement fails. ``static/
link-contrast.css`` darkens links inside those boxes in the light theme only (#0b5cc7: 5.6:1
on the tint, 6.2:1 on white); the dark theme's links already pass. There is no upstream issue:
the two projects' colours are each fine alone.
"""

from __future__ import annotations

from _static_dir import serve_static_dir
from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    serve_static_dir(app)
    app.add_css_file("link-contrast.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
