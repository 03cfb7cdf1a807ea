"""Metrics: how good predictions are, beyond the loss a model was trained on.

One module per concept holds the code, and this package re-exports every name, so
``metrics.accuracy`` and ``from lossedu.metrics import f1`` work as well as the full path:

- :mod:`lossedu.metrics.classification`: predicted labels: accuracy, precision, recall,
  f1 and the confusion matrix;
- :mod:`lossedu.metrics.ranking`: scores at every threshold: roc_curve, roc_auc,
  precision_recall_curve and average_precision;
- :mod:`lossedu.metrics.calibration`: predicted probabilities: brier_score,
  calibration_curve and expected_calibration_error;
- :mod:`lossedu.metrics.uncertainty`: error bars: standard_error and bootstrap_interval.

Every function validates its input (an error names the argument and the fix), never modifies
it, and returns Python floats for single numbers, with scikit-learn's semantics.

Examples
--------
>>> from lossedu import metrics
>>> metrics.accuracy([0, 1, 1, 0], [0, 1, 0, 0])
0.75
>>> metrics.roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
0.75
"""

from lossedu.metrics.calibration import (
    brier_score,
    calibration_curve,
    expected_calibration_error,
)
from lossedu.metrics.classification import (
    AVERAGES,
    accuracy,
    confusion_matrix,
    f1,
    precision,
    recall,
)
from lossedu.metrics.ranking import (
    average_precision,
    precision_recall_curve,
    roc_auc,
    roc_curve,
)
from lossedu.metrics.uncertainty import (
    MAX_UNDEFINED_FRACTION,
    bootstrap_interval,
    standard_error,
)

__all__ = [
    "AVERAGES",
    "MAX_UNDEFINED_FRACTION",
    "accuracy",
    "average_precision",
    "bootstrap_interval",
    "brier_score",
    "calibration_curve",
    "confusion_matrix",
    "expected_calibration_error",
    "f1",
    "precision",
    "precision_recall_curve",
    "recall",
    "roc_auc",
    "roc_curve",
    "standard_error",
]
