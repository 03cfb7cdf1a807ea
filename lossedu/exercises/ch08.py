"""Exercises of chapter 8, "Multi-task losses"."""

from functools import partial

import numpy as np

from lossedu import multitask
from lossedu.exercises._core import Exercise


def _tasks(rng: np.random.Generator) -> dict:
    n, t = int(rng.integers(1, 7)), int(rng.integers(1, 4))
    return {
        "y_true": rng.normal(0.0, 2.0, (n, t)),
        "y_pred": rng.normal(0.0, 2.0, (n, t)),
        "weights": rng.uniform(0.0, 3.0, t),
    }


_FIXED = (
    {
        "y_true": np.array([[0.0, 0.0], [0.0, 0.0]]),
        "y_pred": np.array([[1.0, 2.0], [1.0, 0.0]]),
        "weights": np.array([1.0, 0.5]),
    },
    {
        "y_true": np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]]),
        "y_pred": np.array([[1.5, 12.0], [2.0, 17.0], [2.0, 30.0]]),
        "weights": np.array([1.0, 0.01]),
    },
)

_WEIGHTED = Exercise(
    id="8.1",
    title="A weighted multi-task loss",
    kind="function",
    prompt=(
        "Write `weighted_loss(y_true, y_pred, weights)`. `y_true` and `y_pred` have shape "
        "(n, T), one column per task; `weights` has shape (T,). Return the float "
        "$\\sum_t \\omega_t L_t$, where $L_t$ is the mean squared error of column t (the mean "
        "over the n rows)."
    ),
    function_name="weighted_loss",
    args=("y_true", "y_pred", "weights"),
    reference=lambda y_true, y_pred, weights: multitask.weighted_mse(
        y_true, y_pred, weights=weights
    ),
    cases=_FIXED,
    generate=_tasks,
    n_random=20,
    seed=81,
    hints=(
        "`np.mean((y_pred - y_true) ** 2, axis=0)` gives the T task losses, one per column.",
        (
            "Multiply them by the weights and add up: `weights @ task_losses`. Averaging over "
            "all $n \\times T$ entries at once would divide by $T$ as well."
        ),
    ),
    solution=(
        "def weighted_loss(y_true, y_pred, weights):\n"
        "    task_losses = np.mean((y_pred - y_true) ** 2, axis=0)\n"
        "    return float(weights @ task_losses)\n\n\n"
        'exercises.check("8.1", weighted_loss)'
    ),
    explanation=(
        "Each task's mean squared error is a column mean, and the weighted sum of those T "
        "numbers is the training loss: `multitask.weighted_mse`."
    ),
    mistakes=(
        lambda y_true, y_pred, weights: float(np.mean(weights * (y_pred - y_true) ** 2)),
        lambda y_true, y_pred, weights: float(np.sum(weights * (y_pred - y_true) ** 2)),
        lambda y_true, y_pred, weights: float(np.sum(np.mean((y_pred - y_true) ** 2, axis=0))),
    ),
)

_GRADIENT = Exercise(
    id="8.2",
    title="The gradient of the weighted loss",
    kind="function",
    prompt=(
        "Write `weighted_loss_grad(y_true, y_pred, weights)` that returns the gradient of "
        "the loss of exercise 8.1 with respect to `y_pred`: an array of shape (n, T)."
    ),
    function_name="weighted_loss_grad",
    args=("y_true", "y_pred", "weights"),
    reference=lambda y_true, y_pred, weights: multitask.weighted_mse_grad(
        y_true, y_pred, weights=weights
    ),
    cases=_FIXED,
    generate=_tasks,
    n_random=20,
    seed=82,
    hints=(
        (
            "Only one term of $\\sum_t \\frac{\\omega_t}{n} \\sum_i (\\hat y_{it} - y_{it})^2$ "
            "contains $\\hat y_{it}$. Differentiate that term."
        ),
        (
            "The result is $\\frac{2 \\omega_t}{n} (\\hat y_{it} - y_{it})$. In NumPy, "
            "`weights` of shape (T,) broadcasts across the rows of an (n, T) array."
        ),
    ),
    solution=(
        "def weighted_loss_grad(y_true, y_pred, weights):\n"
        "    n = y_true.shape[0]\n"
        "    return 2 * weights * (y_pred - y_true) / n\n\n\n"
        'exercises.check("8.2", weighted_loss_grad)'
    ),
    explanation=(
        "A task's weight multiplies its whole gradient, so it sets how hard that task "
        "pulls on the shared parameters: the lever of every weighting scheme in this "
        "chapter. It is `multitask.weighted_mse_grad`."
    ),
    mistakes=(
        lambda y_true, y_pred, weights: 2 * weights * (y_pred - y_true),  # forgot 1/n
        lambda y_true, y_pred, weights: weights * (y_pred - y_true) / y_true.shape[0],  # no 2
        lambda y_true, y_pred, weights: 2 * (y_pred - y_true) / y_true.shape[0],  # no weights
        lambda y_true, y_pred, weights: 2 * weights * (y_pred - y_true) / y_true.size,
    ),
)


def _losses(rng: np.random.Generator) -> dict:
    t = int(rng.integers(1, 5))
    return {"task_losses": rng.uniform(0.01, 10.0, t), "log_sigma": rng.normal(0.0, 1.0, t)}


_UNCERTAINTY = Exercise(
    id="8.3",
    title="Kendall's uncertainty-weighted loss",
    kind="function",
    prompt=(
        "Write `uncertainty_loss(task_losses, log_sigma)` for arrays of shape (T,): return "
        "$\\sum_t \\frac{1}{2\\sigma_t^2} L_t + \\log \\sigma_t$ with "
        "$\\sigma_t = e^{s_t}$, where `log_sigma` holds the $s_t$."
    ),
    function_name="uncertainty_loss",
    args=("task_losses", "log_sigma"),
    reference=multitask.uncertainty_loss,
    cases=(
        {"task_losses": np.array([2.0, 0.5]), "log_sigma": np.array([0.0, 0.0])},
        {"task_losses": np.array([4.0]), "log_sigma": np.array([np.log(2.0)])},
        {"task_losses": np.array([1.0, 100.0]), "log_sigma": np.array([-1.0, 2.0])},
    ),
    generate=_losses,
    n_random=20,
    seed=83,
    hints=(
        (
            "$\\frac{1}{2\\sigma^2} = \\frac12 e^{-2s}$ and $\\log \\sigma = s$: there is no "
            "need to compute $\\sigma$ at all."
        ),
        ("Return `np.sum(0.5 * np.exp(-2 * log_sigma) * task_losses + log_sigma)` as a float."),
    ),
    solution=(
        "def uncertainty_loss(task_losses, log_sigma):\n"
        "    return float(np.sum(0.5 * np.exp(-2 * log_sigma) * task_losses + log_sigma))\n\n\n"
        'exercises.check("8.3", uncertainty_loss)'
    ),
    explanation=(
        "Working with $s = \\log \\sigma$ keeps $\\sigma$ positive for any real $s$ and "
        "turns the regulariser $\\log \\sigma$ into $s$ itself. It is "
        "`multitask.uncertainty_loss`."
    ),
    mistakes=(
        lambda task_losses, log_sigma: float(np.sum(0.5 * np.exp(-2 * log_sigma) * task_losses)),
        lambda task_losses, log_sigma: float(
            np.sum(np.exp(-2 * log_sigma) * task_losses + log_sigma)
        ),
        lambda task_losses, log_sigma: float(
            np.sum(0.5 * np.exp(-log_sigma) * task_losses + log_sigma)
        ),
    ),
)

_SIGMA = Exercise(
    id="8.4",
    title="The optimal sigma",
    kind="function",
    prompt=(
        "For fixed task losses, which $\\sigma_t$ minimise the loss of exercise 8.3? Write "
        "`optimal_sigma(task_losses)` that returns them (the $\\sigma_t$ themselves, not "
        "their logarithms), an array of shape (T,). Derive it by setting the derivative "
        "with respect to $s_t$ to zero."
    ),
    function_name="optimal_sigma",
    args=("task_losses",),
    reference=lambda task_losses: np.exp(multitask.optimal_log_sigma(task_losses)),
    cases=(
        {"task_losses": np.array([4.0, 0.25])},
        {"task_losses": np.array([1.0])},
        {"task_losses": np.array([2.0, 50.0, 0.01])},
    ),
    generate=lambda rng: {"task_losses": rng.uniform(0.01, 20.0, int(rng.integers(1, 5)))},
    n_random=20,
    seed=84,
    hints=(
        ("The derivative of $\\tfrac12 e^{-2s} L + s$ with respect to $s$ is $1 - e^{-2s} L$."),
        "It is zero where $e^{2s} = L$, that is $\\sigma^2 = L$.",
    ),
    solution=(
        "def optimal_sigma(task_losses):\n"
        "    return np.sqrt(task_losses)\n\n\n"
        'exercises.check("8.4", optimal_sigma)'
    ),
    explanation=(
        "At the optimum $\\sigma_t^2 = L_t$, so $\\sigma_t = \\sqrt{L_t}$: the learned "
        "variance is the task's own mean squared error, and its weight "
        "$1/(2\\sigma_t^2) = 1/(2L_t)$ makes every weighted term equal to 1/2. The second "
        "derivative $2 e^{-2s} L > 0$ confirms a minimum."
    ),
    mistakes=(
        lambda task_losses: task_losses,  # sigma^2, not sigma
        lambda task_losses: 0.5 * np.log(task_losses),  # log sigma
        partial(lambda task_losses, c: np.sqrt(c * task_losses), c=2.0),
    ),
)

EXERCISES = [_WEIGHTED, _GRADIENT, _UNCERTAINTY, _SIGMA]
