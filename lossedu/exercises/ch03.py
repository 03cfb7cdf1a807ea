"""Exercises of chapter 3, "Regression losses": MAE, Huber, its gradient, the MAE minimiser."""

import numpy as np

from lossedu import losses
from lossedu.exercises._core import Exercise


def _two_arrays(rng: np.random.Generator) -> dict:
    """A random (y_true, y_pred) pair: 1-D of length 1-6 or 2-D up to 3 x 3."""
    shape = (int(rng.integers(1, 7)),) if rng.random() < 0.7 else tuple(rng.integers(2, 4, 2))
    return {"y_true": rng.normal(0.0, 3.0, shape), "y_pred": rng.normal(0.0, 3.0, shape)}


def _with_delta(rng: np.random.Generator) -> dict:
    """Two arrays and a threshold delta, so that both regimes of Huber occur."""
    case = _two_arrays(rng)
    case["delta"] = float(np.round(rng.uniform(0.2, 3.0), 2))
    return case


_MAE = Exercise(
    id="3.1",
    title="Mean absolute error",
    kind="function",
    prompt=(
        "Write `mae(y_true, y_pred)` that returns the mean absolute error "
        "$\\frac{1}{N}\\sum_i |\\hat y_i - y_i|$ as one number, the mean over all N "
        "elements (the arrays may be 1-D or 2-D, of the same shape)."
    ),
    function_name="mae",
    args=("y_true", "y_pred"),
    reference=losses.mae,
    cases=(
        {"y_true": np.array([1.0, 2.0, 3.0]), "y_pred": np.array([1.0, 2.0, 3.0])},
        {"y_true": np.array([0.0, 0.0]), "y_pred": np.array([2.0, -2.0])},
        {"y_true": np.array([1.0, -2.0, 0.5]), "y_pred": np.array([0.5, 1.0, 0.5])},
        {
            "y_true": np.array([[1.0, 2.0], [3.0, 4.0]]),
            "y_pred": np.array([[2.0, 2.0], [0.0, 4.5]]),
        },
    ),
    generate=_two_arrays,
    n_random=20,
    seed=3,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        "The residuals are `y_pred - y_true`; `np.abs` makes each one non-negative.",
        (
            "Average the absolute residuals with `np.mean` and return `float(...)` of it. "
            "Without the absolute value, positive and negative errors would cancel."
        ),
    ),
    solution=(
        "def mae(y_true, y_pred):\n"
        "    return float(np.mean(np.abs(y_pred - y_true)))\n\n\n"
        'exercises.check("3.1", mae)'
    ),
    explanation=(
        "`np.abs` turns every residual into its size and `np.mean` divides their sum by "
        'the number of elements, as `losses.mae` does with `reduction="mean"`.'
    ),
    mistakes=(
        lambda y_true, y_pred: float(np.mean(y_pred - y_true)),  # errors cancel
        lambda y_true, y_pred: float(np.sum(np.abs(y_pred - y_true))),  # sum, not mean
        lambda y_true, y_pred: float(np.mean((y_pred - y_true) ** 2)),  # squared error
        lambda y_true, y_pred: float(abs(np.mean(y_pred - y_true))),  # abs of the mean
    ),
)


def _smooth_l1(y_true, y_pred, delta=1.0):
    """PyTorch's smooth_l1_loss: Huber divided by delta (a different convention)."""
    a = np.abs(y_pred - y_true)
    return float(np.mean(np.where(a < delta, 0.5 * a**2 / delta, a - 0.5 * delta)))


def _huber_no_offset(y_true, y_pred, delta=1.0):
    """The linear piece without its -delta/2 offset: the pieces do not meet at delta."""
    a = np.abs(y_pred - y_true)
    return float(np.mean(np.where(a <= delta, 0.5 * a**2, delta * a)))


_HUBER = Exercise(
    id="3.2",
    title="The Huber loss",
    kind="function",
    prompt=(
        "Write `huber(y_true, y_pred, delta=1.0)` that returns the mean Huber loss of the "
        "residuals $r = \\hat y - y$: $\\tfrac12 r^2$ where $|r| \\le \\delta$ and "
        "$\\delta(|r| - \\tfrac12\\delta)$ where $|r| > \\delta$ (PyTorch's `huber_loss`), "
        "averaged over all elements."
    ),
    function_name="huber",
    args=("y_true", "y_pred"),
    reference=losses.huber,
    cases=(
        {"y_true": np.array([0.0, 0.0]), "y_pred": np.array([0.5, 3.0]), "delta": 1.0},
        {"y_true": np.array([0.0, 0.0, 0.0]), "y_pred": np.array([-4.0, 0.1, 4.0]), "delta": 2.0},
        {"y_true": np.array([1.0, 2.0]), "y_pred": np.array([1.0, 2.0]), "delta": 0.5},
        {"y_true": np.array([0.0, 1.0]), "y_pred": np.array([10.0, -9.0]), "delta": 0.5},
    ),
    generate=_with_delta,
    n_random=20,
    seed=4,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        (
            "Compute `a = np.abs(y_pred - y_true)`, then choose between the two pieces element "
            "by element with `np.where(a <= delta, ..., ...)`."
        ),
        (
            "The quadratic piece is `0.5 * a**2`, the linear one `delta * (a - 0.5 * delta)`; "
            "both equal `0.5 * delta**2` at `a == delta`. Return the mean as a float."
        ),
    ),
    solution=(
        "def huber(y_true, y_pred, delta=1.0):\n"
        "    a = np.abs(y_pred - y_true)\n"
        "    values = np.where(a <= delta, 0.5 * a**2, delta * (a - 0.5 * delta))\n"
        "    return float(np.mean(values))\n\n\n"
        'exercises.check("3.2", huber)'
    ),
    explanation=(
        "Near the target the loss is half the squared error; beyond $\\delta$ it grows "
        "linearly with slope $\\delta$. The offset $-\\tfrac12\\delta$ makes the two "
        "pieces meet with the same value and slope, so the loss is smooth where they join "
        "(Huber 1964)."
    ),
    mistakes=(
        _smooth_l1,
        _huber_no_offset,
        lambda y_true, y_pred, delta=1.0: float(np.mean(0.5 * (y_pred - y_true) ** 2)),
    ),
)


def _huber_grad_mean(y_true, y_pred, delta=1.0):
    return losses.huber_grad(y_true, y_pred, delta=delta, reduction="mean")


_HUBER_GRAD = Exercise(
    id="3.3",
    title="The gradient of the Huber loss",
    kind="function",
    prompt=(
        "Write `huber_grad(y_true, y_pred, delta=1.0)` that returns the gradient of the "
        "*mean* Huber loss of exercise 3.2 with respect to `y_pred`: an array with the "
        "shape of `y_pred`."
    ),
    function_name="huber_grad",
    args=("y_true", "y_pred"),
    reference=_huber_grad_mean,
    cases=(
        {"y_true": np.array([0.0, 0.0]), "y_pred": np.array([0.5, 3.0]), "delta": 1.0},
        {"y_true": np.array([0.0, 0.0, 0.0]), "y_pred": np.array([-4.0, 0.1, 4.0]), "delta": 2.0},
        {"y_true": np.array([[0.0, 1.0]]), "y_pred": np.array([[10.0, -9.0]]), "delta": 0.5},
    ),
    generate=_with_delta,
    n_random=20,
    seed=5,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        (
            "Differentiate each piece: the derivative of $\\tfrac12 r^2$ is $r$, that of "
            "$\\delta(|r| - \\tfrac12\\delta)$ is $\\delta\\,\\operatorname{sign}(r)$."
        ),
        (
            "Together: the residual clipped to $[-\\delta, \\delta]$, "
            "`np.clip(r, -delta, delta)`. The mean divides by the number of elements, so "
            "divide the gradient by `r.size` too."
        ),
    ),
    solution=(
        "def huber_grad(y_true, y_pred, delta=1.0):\n"
        "    r = y_pred - y_true\n"
        "    return np.clip(r, -delta, delta) / r.size\n\n\n"
        'exercises.check("3.3", huber_grad)'
    ),
    explanation=(
        "The gradient is the residual clipped at $\\pm\\delta$: no point pulls on the fit "
        "harder than $\\delta$, however far away it lies. The mean contributes the factor "
        "$1/N$."
    ),
    mistakes=(
        lambda y_true, y_pred, delta=1.0: np.clip(y_pred - y_true, -delta, delta),  # no 1/N
        lambda y_true, y_pred, delta=1.0: np.clip(y_true - y_pred, -delta, delta) / y_pred.size,
        lambda y_true, y_pred, delta=1.0: (y_pred - y_true) / y_pred.size,  # not clipped
    ),
)

# The data of exercise 3.4, stated in its prompt: one value far from the others.
_VALUES = np.array([2.0, 3.0, 5.0, 6.0, 7.0, 9.0, 60.0])


def _best_constant_for_mae() -> float:
    """The constant c with the smallest MAE, searched among the data (where it lies)."""
    costs = [losses.mae(_VALUES, np.full_like(_VALUES, c)) for c in _VALUES]
    return float(_VALUES[int(np.argmin(costs))])


_MAE_CONSTANT = Exercise(
    id="3.4",
    title="The best constant prediction under MAE",
    kind="value",
    prompt=(
        f"A model predicts the same number c for every target in `y = {_VALUES.tolist()}`. "
        "Which c gives the smallest mean absolute error?"
    ),
    reference=_best_constant_for_mae,
    rtol=1e-6,
    atol=0.0,
    hints=(
        (
            "Moving $c$ up by a little changes the MAE by (number of points below $c$ minus "
            "number above $c$) times that little, divided by $N$."
        ),
        ("The MAE stops decreasing where as many points lie below $c$ as above it: at the median."),
    ),
    solution=(
        "y = np.array([2.0, 3.0, 5.0, 6.0, 7.0, 9.0, 60.0])\n"
        "answer = float(np.median(y))\n\n"
        'exercises.check("3.4", answer)'
    ),
    explanation=(
        "The MAE's derivative in $c$ is $(\\#\\text{below} - \\#\\text{above})/N$, zero at "
        "the median, 6. The MSE's best constant would be the mean, 13.14, dragged up by "
        "the single value 60."
    ),
    mistakes=(
        float(np.mean(_VALUES)),  # the MSE minimiser
        float((_VALUES.min() + _VALUES.max()) / 2),  # the midrange
        float(np.median(_VALUES[:-1])),  # outlier dropped by hand
    ),
)

EXERCISES = [_MAE, _HUBER, _HUBER_GRAD, _MAE_CONSTANT]
