"""Widget sliders carry the name of their label.

ipywidgets' html-manager draws a slider with noUiSlider: the handle has ``role="slider"`` but
no accessible name, and the widget's ``<label>`` is not tied to it, so a screen reader
announces an unnamed slider and axe-core reports ``aria-input-field-name`` (serious). noUiSlider
can name its handles (``handleAttributes``; https://github.com/leongersen/noUiSlider/issues/1223)
but ipywidgets does not pass a name; no ipywidgets issue about it was found.
``static/widget-a11y.js``, added to every page, gives each handle the text of its widget's
description label as soon as the widget appears.
"""

from __future__ import annotations

from _static_dir import serve_static_dir
from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    serve_static_dir(app)
    app.add_js_file("widget-a11y.js", defer="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
