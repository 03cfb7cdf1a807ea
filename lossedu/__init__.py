"""lossedu: the small, tested NumPy package behind the course *Loss Functions, Hands-On*.

Every public module is importable from here: :mod:`~lossedu.losses` (losses and their
gradients), :mod:`~lossedu.metrics`, :mod:`~lossedu.regularization`, :mod:`~lossedu.optim`,
:mod:`~lossedu.gradcheck`, :mod:`~lossedu.landscapes`, :mod:`~lossedu.datasets`,
:mod:`~lossedu.environments`, :mod:`~lossedu.models`, :mod:`~lossedu.training`,
:mod:`~lossedu.model_selection`, :mod:`~lossedu.multitask`, :mod:`~lossedu.adaptive`,
:mod:`~lossedu.rl`, :mod:`~lossedu.plotting`, :mod:`~lossedu.widgets`,
:mod:`~lossedu.exercises` and :mod:`~lossedu.quizzes`.

>>> import lossedu
>>> lossedu.losses.mse([0.0, 1.0], [0.0, 3.0])
2.0
"""

from lossedu import (
    adaptive,
    datasets,
    environments,
    exercises,
    gradcheck,
    landscapes,
    losses,
    metrics,
    model_selection,
    models,
    multitask,
    optim,
    plotting,
    quizzes,
    regularization,
    rl,
    training,
    widgets,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "adaptive",
    "datasets",
    "environments",
    "exercises",
    "gradcheck",
    "landscapes",
    "losses",
    "metrics",
    "model_selection",
    "models",
    "multitask",
    "optim",
    "plotting",
    "quizzes",
    "regularization",
    "rl",
    "training",
    "widgets",
]
