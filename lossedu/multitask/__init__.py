"""Several tasks, one model: weighted and uncertainty-weighted multi-task losses.

A multi-task model predicts T targets at once, ``y`` of shape (n, T), from shared
parameters. Its training loss combines the tasks' losses ``L_t`` into one number, a fixed
weighted sum ``sum_t w_t L_t`` or the learned weighting of Kendall, Gal & Cipolla (2018).
The package has the losses, a small model with a shared trunk (:class:`SharedLinear`), the
exact optimum of its weighted loss (which traces the trade-off front between tasks), a
training loop that learns the uncertainty weights, and per-task gradient norms, the
quantity GradNorm balances (Chen et al. 2018).

One module per concept, every name re-exported here: :mod:`lossedu.multitask.losses` (the
losses), :mod:`lossedu.multitask.model` (the shared-trunk model, its exact weighted optimum and
the trade-off front) and :mod:`lossedu.multitask.balancing` (learned uncertainty weights and
gradient norms).

Throughout, the loss of task t is its mean squared error over the n rows,
``L_t = (1/n) sum_i (y_pred[i, t] - y_true[i, t])**2``.
"""

from lossedu.multitask.balancing import (
    UncertaintyHistory,
    fit_uncertainty,
    task_gradient_norms,
    uncertainty_optimum,
)
from lossedu.multitask.losses import (
    optimal_log_sigma,
    task_mse,
    uncertainty_loss,
    uncertainty_loss_grad,
    uncertainty_weights,
    weighted_mse,
    weighted_mse_grad,
)
from lossedu.multitask.model import (
    SharedLinear,
    trade_off_front,
    weighted_optimum,
)

__all__ = [
    "SharedLinear",
    "UncertaintyHistory",
    "fit_uncertainty",
    "optimal_log_sigma",
    "task_gradient_norms",
    "task_mse",
    "trade_off_front",
    "uncertainty_loss",
    "uncertainty_loss_grad",
    "uncertainty_optimum",
    "uncertainty_weights",
    "weighted_mse",
    "weighted_mse_grad",
    "weighted_optimum",
]
