"""Gradient-descent optimisers with PyTorch's update rules, in NumPy, and learning-rate schedules.

An optimiser is built once with its hyperparameters and then called as
``w = opt.step(w, g)``: it returns new weights and never modifies ``w`` or ``g``. Its
state (momentum buffer, moment estimates, step count) lives between calls and belongs to
one weight array; ``reset()`` forgets it. Each rule matches ``torch.optim`` with the
options named in its docstring, step for step.

The learning rate ``lr`` of every optimiser is a number or a schedule: a callable that takes
the step index t = 0, 1, 2, ... (the number of earlier steps) and returns the rate of that
step, such as :func:`step_schedule` and :func:`cosine_schedule`.

A step whose new weights would not be finite raises ValueError (lower ``lr`` or clip the
gradient) and leaves the state as it was; so does a schedule value that is not a finite
number >= 0.

One module per concept, every name re-exported here:

- :mod:`lossedu.optim.sgd`: :class:`SGD` (momentum, Nesterov, weight decay);
- :mod:`lossedu.optim.adaptive`: :class:`Adam`, :class:`AdamW`, :class:`RMSprop`,
  :class:`Adagrad`, which scale each coordinate by its gradient's running size;
- :mod:`lossedu.optim.schedules`: :func:`step_schedule`, :func:`cosine_schedule`;
- :mod:`lossedu.optim.clipping`: :func:`clip_grad_norm`, which caps a gradient's norm.

A new optimiser subclasses the shared base class :class:`Optimizer` (it writes
``_init_state`` and ``_update``) in the module of its family; a new schedule goes into
``schedules.py``.

Examples
--------
>>> from lossedu import optim
>>> opt = optim.SGD(optim.step_schedule(1.0, 2, gamma=0.5))
>>> w = 4.0
>>> for _ in range(3):
...     w = opt.step(w, 1.0)  # rates 1, 1, 0.5
>>> float(w)
1.5
"""

from lossedu.optim._core import Optimizer
from lossedu.optim.adaptive import Adagrad, Adam, AdamW, RMSprop
from lossedu.optim.clipping import clip_grad_norm
from lossedu.optim.schedules import cosine_schedule, step_schedule
from lossedu.optim.sgd import SGD

__all__ = [
    "SGD",
    "Adagrad",
    "Adam",
    "AdamW",
    "Optimizer",
    "RMSprop",
    "clip_grad_norm",
    "cosine_schedule",
    "step_schedule",
]
