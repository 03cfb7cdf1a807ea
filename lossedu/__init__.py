"""lossedu: the small, tested NumPy package behind the course *Loss Functions, Hands-On*.

Modules: :mod:`~lossedu.losses` (losses and their gradients), :mod:`~lossedu.metrics`,
:mod:`~lossedu.regularization`, :mod:`~lossedu.optim`, :mod:`~lossedu.gradcheck`,
:mod:`~lossedu.datasets`, :mod:`~lossedu.models`, :mod:`~lossedu.plotting`,
:mod:`~lossedu.widgets` and :mod:`~lossedu.exercises`.

>>> import lossedu
>>> lossedu.losses.mse([0.0, 1.0], [0.0, 3.0])
2.0
"""

from lossedu import (
    datasets,
    exercises,
    gradcheck,
    losses,
    metrics,
    models,
    optim,
    plotting,
    regularization,
    widgets,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "datasets",
    "exercises",
    "gradcheck",
    "losses",
    "metrics",
    "models",
    "optim",
    "plotting",
    "regularization",
    "widgets",
]
