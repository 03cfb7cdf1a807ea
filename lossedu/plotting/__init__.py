"""Figures for the course, drawn with matplotlib.

Every function takes ``ax=None`` (a new figure is made when it is None), returns the axes,
labels both axes and sets a title. Colours come from the palette of Okabe & Ito (2008),
which stays distinguishable under the common colour-vision deficiencies, and lines differ
by dash pattern and marker too, so a figure also reads in grey print. Nothing is random.

One module per kind of figure, every name re-exported here: :mod:`lossedu.plotting.curves`
(loss shapes, error bars, loss curves, regularisation paths) and :mod:`lossedu.plotting.maps`
(loss landscapes, decision boundaries, confusion matrices).

Importing this module applies the course's figure style to matplotlib (fonts, colours; see
``use_course_style``), so that figures drawn with pyplot directly look like these; in a
Jupyter kernel, figures are also shown as sharp double-resolution PNGs.
"""

from lossedu._plot_style import LINESTYLES, MARKERS, PALETTE, new_axes, style, use_course_style
from lossedu.plotting.curves import (
    LABELS,
    MARGIN_LOSSES,
    REGRESSION_LOSSES,
    loss_shape,
    plot_errors,
    plot_loss_curves,
    plot_loss_shapes,
    plot_regularization_path,
    plot_reliability_diagram,
)
from lossedu.plotting.maps import (
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_loss_landscape,
)

__all__ = [
    "LABELS",
    "LINESTYLES",
    "MARGIN_LOSSES",
    "MARKERS",
    "PALETTE",
    "REGRESSION_LOSSES",
    "loss_shape",
    "new_axes",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_errors",
    "plot_loss_curves",
    "plot_loss_landscape",
    "plot_loss_shapes",
    "plot_regularization_path",
    "plot_reliability_diagram",
    "style",
    "use_course_style",
]

use_course_style()
