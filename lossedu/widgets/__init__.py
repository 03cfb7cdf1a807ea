"""Interactive explorers that run live in Jupyter and still work on the static website.

Design
------
Each function here returns an :class:`Explorer`, one object with two views of one figure:

- **live**: ``explorer.widget`` is an ipywidgets UI (sliders, menus and check boxes with
  ``description`` labels, above an HTML view of the figure that Python callbacks redraw).
  ipywidgets is imported only when the widget is first built.
- **kernel-free**: ``explorer.html()`` is a self-contained HTML fragment: the figure as inline
  SVG (the initial frame, visible even where scripts do not run, as on GitHub), native
  ``<input type="range">``, ``<select>`` or check-box controls with ``<label for>`` and an
  ``<output>``, and one inline ``<script>`` with frames precomputed over a small grid of
  control values that it swaps into ``<g class="lossedu-frame">`` when a control moves.
  Frames are precomputed per layer, over only the controls that layer depends on, and stored
  once each. No external URL, no third-party script; the root is
  ``<div class="lossedu-explorer" data-explorer="NAME">``.

Displaying an explorer (``_repr_mimebundle_``) gives ``text/plain`` (a short, stable
description), ``text/html`` (the fallback) and, when a kernel is running and ipywidgets is
importable, the widget view ``application/vnd.jupyter.widget-view+json``. Jupyter prefers the
widget view, so learners get the live explorer; the website is configured to prefer
``text/html``, so readers get the precomputed one. nbval compares the stored ``text/plain``
and ``text/html``: the fallback is byte-identical between runs from a fresh kernel (fixed
number formatting; element ids are a hash of the content plus a per-process counter, so
two explorers on one page never share ids).

Figures are drawn by a small SVG renderer (``lossedu.widgets._svg``) rather than by
matplotlib, so each frame is a few hundred bytes and each explorer a few hundred kilobytes
at most. The static figures of a chapter come from :mod:`lossedu.plotting`.
"""

from lossedu.widgets._bandit import bandit_explorer
from lossedu.widgets._costs import cost_explorer
from lossedu.widgets._descent import descent_explorer
from lossedu.widgets._errors import error_explorer
from lossedu.widgets._fallback import Control, Explorer, Layer
from lossedu.widgets._loss import loss_explorer
from lossedu.widgets._multitask import multitask_explorer
from lossedu.widgets._optimizer import optimizer_explorer
from lossedu.widgets._outlier import outlier_explorer
from lossedu.widgets._ppo import ppo_explorer
from lossedu.widgets._regularization import regularization_explorer
from lossedu.widgets._schedule import schedule_explorer
from lossedu.widgets._threshold import threshold_explorer

__all__ = [
    "Control",
    "Explorer",
    "Layer",
    "bandit_explorer",
    "cost_explorer",
    "descent_explorer",
    "error_explorer",
    "loss_explorer",
    "multitask_explorer",
    "optimizer_explorer",
    "outlier_explorer",
    "ppo_explorer",
    "regularization_explorer",
    "schedule_explorer",
    "threshold_explorer",
]
