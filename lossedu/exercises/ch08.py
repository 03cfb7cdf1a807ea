"""Exercises of chapter 8, "Multi-task losses"."""

from functools import partial

import numpy as np

from lossedu import multitask
from lossedu.exercises._core import Exercise, Mistake


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
        "over the n rows). With `y_true` all zeros, `y_pred` `[[1, 2], [1, 0]]` and `weights` "
        "`[1, 0.5]` it gives 2.0. Checked to a relative tolerance of $10^{-6}$."
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
            "Combine those T numbers with the T weights into one number, as in "
            "$\\sum_t \\omega_t L_t$. Averaging over all $n \\times T$ entries at once would "
            "divide by $T$ as well."
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
        Mistake(
            lambda y_true, y_pred, weights: float(np.mean(weights * (y_pred - y_true) ** 2)),
            "This is $1/T$ times the answer: it averages over all $n \\times T$ entries at "
            "once. Each task loss $L_t$ is a mean over the $n$ rows of its own column only.",
        ),
        Mistake(
            lambda y_true, y_pred, weights: float(np.sum(weights * (y_pred - y_true) ** 2)),
            "This is $n$ times the answer: it sums the squared errors over the rows. Each "
            "task loss is the *mean* over the $n$ rows.",
        ),
        Mistake(
            lambda y_true, y_pred, weights: float(np.sum(np.mean((y_pred - y_true) ** 2, axis=0))),
            "This looks like the unweighted sum of the task losses: did you forget to "
            "multiply each $L_t$ by its weight?",
        ),
    ),
)

_GRADIENT = Exercise(
    id="8.2",
    title="The gradient of the weighted loss",
    kind="function",
    prompt=(
        "Write `weighted_loss_grad(y_true, y_pred, weights)` that returns the gradient of "
        "the loss of exercise 8.1 with respect to `y_pred`: an array of shape (n, T). With "
        "the example of 8.1 it gives `[[1, 1], [1, 0]]`. Checked to a relative tolerance of "
        "$10^{-6}$."
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
            "The derivative of $(\\hat y_{it} - y_{it})^2$ is $2(\\hat y_{it} - y_{it})$; keep "
            "the factors $\\omega_t$ and $1/n$ that multiply it. In NumPy, `weights` of shape "
            "(T,) broadcasts across the rows of an (n, T) array."
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
        Mistake(
            lambda y_true, y_pred, weights: 2 * weights * (y_pred - y_true),
            "This is $n$ times the gradient: the loss is a mean over the $n$ rows, so its "
            "gradient keeps the factor $1/n$.",
        ),
        Mistake(
            lambda y_true, y_pred, weights: weights * (y_pred - y_true) / y_true.shape[0],
            "This is half the gradient: the derivative of a square $(\\hat y - y)^2$ brings "
            "down a factor 2.",
        ),
        Mistake(
            lambda y_true, y_pred, weights: 2 * (y_pred - y_true) / y_true.shape[0],
            "This is the gradient of the unweighted sum: each column's gradient is scaled by "
            "its task's weight.",
        ),
        Mistake(
            lambda y_true, y_pred, weights: 2 * weights * (y_pred - y_true) / y_true.size,
            "This divides by $n \\times T$ instead of $n$: each task loss is a mean over the "
            "rows of its own column.",
        ),
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
        "$\\sigma_t = e^{s_t}$, where `log_sigma` holds the $s_t$. With task losses "
        "`[2, 0.5]` and `log_sigma` `[0, 0]` it gives 1.25. Checked to a relative tolerance "
        "of $10^{-6}$."
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
        (
            "Each task contributes $\\tfrac12 e^{-2 s_t} L_t + s_t$: compute these T terms with "
            "NumPy's element-wise operations and add them up (a Python float)."
        ),
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
        Mistake(
            lambda task_losses, log_sigma: float(
                np.sum(0.5 * np.exp(-2 * log_sigma) * task_losses)
            ),
            "The regulariser $\\log \\sigma_t$ is missing: without it, growing every "
            "$\\sigma_t$ would switch all tasks off.",
        ),
        Mistake(
            lambda task_losses, log_sigma: float(
                np.sum(np.exp(-2 * log_sigma) * task_losses + log_sigma)
            ),
            "The weight is $1/(2\\sigma_t^2)$: the factor $\\tfrac12$ seems to be missing.",
        ),
        Mistake(
            lambda task_losses, log_sigma: float(
                np.sum(0.5 * np.exp(-log_sigma) * task_losses + log_sigma)
            ),
            "This divides by $\\sigma_t$, not $\\sigma_t^2$: $1/\\sigma^2 = e^{-2s}$.",
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
        "with respect to $s_t$ to zero. Checked to a relative tolerance of $10^{-6}$."
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
        (
            "Solve $1 - e^{-2s} L = 0$ for $e^{2s} = \\sigma^2$. The question asks for "
            "$\\sigma$, not $\\sigma^2$ or $s$."
        ),
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
        Mistake(
            lambda task_losses: task_losses,
            "These are the optimal *variances* $\\sigma_t^2$; the question asks for "
            "$\\sigma_t$ itself.",
        ),
        Mistake(
            lambda task_losses: 0.5 * np.log(task_losses),
            "These are the optimal $s_t = \\log \\sigma_t$; return the $\\sigma_t$ themselves.",
        ),
        partial(lambda task_losses, c: np.sqrt(c * task_losses), c=2.0),
    ),
)


def _rescaled_weights(weights, scale):
    """The weights after task t's targets are multiplied by scale[t]: weights / scale**2.

    A squared error in the new units is scale[t]**2 times the one in the old units, so these
    weights leave the weighted loss of every model unchanged, and with it the optimum.
    """
    return np.asarray(weights, dtype=float) / np.asarray(scale, dtype=float) ** 2


def _units_case(rng: np.random.Generator) -> dict:
    t = int(rng.integers(1, 5))
    return {
        "weights": np.round(rng.uniform(0.1, 3.0, t), 2),
        "scale": rng.choice([0.01, 0.1, 0.5, 2.0, 10.0, 100.0, 1000.0], t),
    }


_UNITS = Exercise(
    id="8.5",
    title="Weights that follow a change of units",
    kind="function",
    prompt=(
        "Task $t$'s targets (and so its predictions) are converted to new units: multiplied "
        "by `scale[t]` (100 for metres to centimetres). Write `rescaled_weights(weights, "
        "scale)` that returns the new weights, an array of shape (T,), for which the weighted "
        "sum of the mean squared errors $\\sum_t \\omega_t L_t$ in the new units equals the old "
        "weighted sum in the old units, for every model, so that the same model stays "
        "optimal. With weights `[1, 1]` and scale `[1, 100]` it gives `[1, 0.0001]`. Checked "
        "to a relative tolerance of $10^{-6}$."
    ),
    function_name="rescaled_weights",
    args=("weights", "scale"),
    reference=_rescaled_weights,
    cases=(
        {"weights": np.array([1.0, 1.0]), "scale": np.array([1.0, 100.0])},
        {"weights": np.array([2.0, 0.5]), "scale": np.array([2.0, 0.5])},
        {"weights": np.array([1.0, 1.0, 1.0]), "scale": np.array([10.0, 1.0, 0.1])},
    ),
    generate=_units_case,
    n_random=20,
    seed=85,
    hints=(
        (
            "If every target and prediction of task $t$ is multiplied by $c$, by what factor "
            "does one squared error $(\\hat y - y)^2$ of that task change? And its mean $L_t$?"
        ),
        (
            "$L_t$ in the new units is $c_t^2$ times $L_t$ in the old ones. Choose the new "
            "$\\omega_t$ so that $\\omega_t^{\\text{new}} L_t^{\\text{new}} = \\omega_t L_t$."
        ),
    ),
    solution=(
        "def rescaled_weights(weights, scale):\n"
        "    return weights / scale**2\n\n\n"
        'exercises.check("8.5", rescaled_weights)'
    ),
    explanation=(
        "A squared error carries the square of the unit, so a task measured in centimetres "
        "has losses $100^2 = 10^4$ times larger and needs a weight $10^4$ times smaller to "
        "count the same. Dividing each weight by its scale squared keeps every term "
        "$\\omega_t L_t$, and so the optimum, unchanged: the weights, not the units, decide "
        "the trade-off. The weights $1/\\mathrm{Var}(y_t)$ of section 4 do this automatically."
    ),
    mistakes=(
        Mistake(
            lambda weights, scale: weights / scale,
            "Off by one factor of the scale: a squared error grows with the *square* of the unit.",
        ),
        Mistake(
            lambda weights, scale: weights * scale**2,
            "The weights moved the wrong way: numbers multiplied by the scale give squared "
            "errors multiplied by its square, so that task's weight must be divided by it "
            "(shrink when the scale exceeds 1) to keep its term the same.",
        ),
        Mistake(
            lambda weights, scale: np.asarray(weights, dtype=float).copy(),
            "These are the old weights: after the change of units the task's loss is no "
            "longer the same number, so the same weights no longer select the same model.",
        ),
    ),
)

EXERCISES = [_WEIGHTED, _GRADIENT, _UNCERTAINTY, _SIGMA, _UNITS]

# Every learning objective of the chapter, as written in its notebook, and the exercises and
# quiz questions that check it.
OBJECTIVES = (
    (
        "train one model with shared {term}`parameters <parameter>` on two tasks by minimising "
        "a weighted sum of their losses, and compute that loss and its gradient;",
        ("8.1", "8.2"),
    ),
    (
        "sweep the task weights, draw the trade-off front between the tasks, and explain why "
        'no single weighting is "right";',
        ("8.q1", "8.q7"),
    ),
    (
        "show how a task whose targets are 100 times larger dominates an unweighted sum;",
        ("8.5", "8.q2"),
    ),
    (
        "implement the {term}`uncertainty weighting` of Kendall, Gal & Cipolla, check that its "
        "optimum is $\\sigma_t^2 = L_t$, and compare it with hand-picked weights by paired "
        "standard errors on the same examples;",
        ("8.3", "8.4", "8.q3", "8.q4", "8.q5"),
    ),
    (
        "explain the idea of gradient-based balancing ({term}`GradNorm`) from per-task "
        "gradient norms.",
        ("8.q6",),
    ),
)
