"""Exercises of chapter 3, "Regression losses": MAE, Huber, its gradient, the MAE minimiser,
the pinball loss, the quantile of a cost, and the gradient of the Poisson NLL."""

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


def _with_tau(rng: np.random.Generator) -> dict:
    """Two arrays and a quantile level tau, away from 0.5 so that asymmetry shows."""
    case = _two_arrays(rng)
    case["tau"] = float(np.round(rng.choice([rng.uniform(0.05, 0.4), rng.uniform(0.6, 0.95)]), 2))
    return case


def _pinball_swapped(y_true, y_pred, tau=0.5):
    """tau charged for over-prediction instead of under-prediction."""
    r = y_true - y_pred
    return float(np.mean(np.maximum((1.0 - tau) * r, -tau * r)))


_PINBALL = Exercise(
    id="3.5",
    title="The pinball loss",
    kind="function",
    prompt=(
        "Write `pinball(y_true, y_pred, tau=0.5)` that returns the mean pinball (quantile) "
        "loss: an under-prediction ($y > \\hat y$) costs $\\tau\\,(y - \\hat y)$ and an "
        "over-prediction ($y < \\hat y$) costs $(1 - \\tau)(\\hat y - y)$, averaged over all "
        "elements (scikit-learn's `mean_pinball_loss` with `alpha=tau`)."
    ),
    function_name="pinball",
    args=("y_true", "y_pred"),
    reference=losses.quantile,
    cases=(
        {"y_true": np.array([1.0, 1.0]), "y_pred": np.array([0.0, 2.0]), "tau": 0.9},
        {"y_true": np.array([0.0, 3.0, -1.0]), "y_pred": np.array([1.0, 1.0, -1.0]), "tau": 0.2},
        {"y_true": np.array([[1.0, 2.0]]), "y_pred": np.array([[3.0, 0.0]]), "tau": 0.5},
    ),
    generate=_with_tau,
    n_random=20,
    seed=6,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        (
            "Work with `u = y_true - y_pred`: positive where the prediction is too low. Which "
            "of the two prices applies to a positive `u`?"
        ),
        (
            "`np.maximum(tau * u, (tau - 1) * u)` picks $\\tau u$ when $u > 0$ and "
            "$(1 - \\tau)(-u)$ when $u < 0$; return the mean as a float."
        ),
    ),
    solution=(
        "def pinball(y_true, y_pred, tau=0.5):\n"
        "    u = y_true - y_pred  # > 0: under-prediction\n"
        "    return float(np.mean(np.maximum(tau * u, (tau - 1) * u)))\n\n\n"
        'exercises.check("3.5", pinball)'
    ),
    explanation=(
        "Both pieces are non-negative and meet at 0, so one `np.maximum` chooses the right "
        "price per element. With $\\tau = 0.9$ an under-prediction costs nine times as much "
        "as an over-prediction of the same size, which pushes the best prediction up to the "
        "90th percentile (Koenker & Bassett 1978)."
    ),
    mistakes=(
        _pinball_swapped,
        lambda y_true, y_pred, tau=0.5: float(np.mean(np.abs(y_true - y_pred)) / 2),  # no tau
        lambda y_true, y_pred, tau=0.5: float(
            np.sum(np.maximum(tau * (y_true - y_pred), (tau - 1) * (y_true - y_pred)))
        ),  # sum, not mean
        lambda y_true, y_pred, tau=0.5: float(np.mean(tau * np.abs(y_true - y_pred))),
    ),
)

# The costs of exercise 3.6, stated in its prompt.
_C_OVER, _C_UNDER = 0.5, 2.0


def _tau_for_costs() -> float:
    """The level at which the pinball loss's two prices have the ratio of the stated costs:
    tau / (1 - tau) = c_under / c_over (the tests check it against a search of the expected
    cost)."""
    return _C_UNDER / (_C_UNDER + _C_OVER)


_TAU_FOR_COSTS = Exercise(
    id="3.6",
    title="Which quantile to predict",
    kind="value",
    prompt=(
        f"A bakery bakes to a forecast of tomorrow's demand. A loaf baked but not sold costs "
        f"{_C_OVER} euro (over-prediction); a customer turned away costs {_C_UNDER} euro of "
        "lost margin (under-prediction). Which quantile level $\\tau$ should the forecast "
        "be trained for with the pinball loss?"
    ),
    reference=_tau_for_costs,
    rtol=1e-6,
    atol=0.0,
    hints=(
        (
            "Scale the pinball loss so that its two prices are the bakery's: an "
            "under-prediction costs $\\tau$ per unit, an over-prediction $1 - \\tau$."
        ),
        (
            "The ratio of the prices must match: $\\tau / (1 - \\tau) = c_\\text{under} / "
            "c_\\text{over}$. Solve for $\\tau$."
        ),
    ),
    solution=(
        f"c_over, c_under = {_C_OVER}, {_C_UNDER}\n"
        "answer = c_under / (c_under + c_over)\n\n"
        'exercises.check("3.6", answer)'
    ),
    explanation=(
        "The pinball loss times $c_\\text{under} + c_\\text{over}$ has exactly the "
        "bakery's prices when $\\tau = c_\\text{under} / (c_\\text{under} + c_\\text{over}) "
        "= 0.8$, so its minimiser, the 0.8-quantile of demand, minimises the expected cost: "
        "bake enough to serve the customers on four days out of five."
    ),
    mistakes=(
        _C_OVER / (_C_UNDER + _C_OVER),  # the prices swapped: 0.2
        _C_OVER / _C_UNDER,  # a ratio of costs, not a level: 0.25
        _C_UNDER / _C_OVER,  # 4, not even in (0, 1)
        0.5,  # the median: symmetric costs
    ),
)


def _counts_and_log_rates(rng: np.random.Generator) -> dict:
    """Poisson counts and log-rates, 1-D of length 1-6 or 2-D up to 3 x 3."""
    shape = (int(rng.integers(1, 7)),) if rng.random() < 0.7 else tuple(rng.integers(2, 4, 2))
    log_rate = rng.normal(1.0, 1.0, shape)
    return {"y_true": rng.poisson(np.exp(log_rate)).astype(float), "log_rate": log_rate}


def _poisson_grad_mean(y_true, log_rate):
    return losses.poisson_nll_grad(y_true, log_rate, reduction="mean")


_POISSON_GRAD = Exercise(
    id="3.7",
    title="The gradient of the Poisson NLL",
    kind="function",
    prompt=(
        "The mean Poisson negative log-likelihood of counts $y_i$ given log-rates $z_i$ is "
        "$\\frac1N \\sum_i (e^{z_i} - y_i z_i)$ (the constant $\\log y_i!$ left out). Write "
        "`poisson_grad(y_true, log_rate)` that returns its gradient with respect to "
        "`log_rate`: an array with the shape of `log_rate`."
    ),
    function_name="poisson_grad",
    args=("y_true", "log_rate"),
    reference=_poisson_grad_mean,
    cases=(
        {"y_true": np.array([0.0, 3.0]), "log_rate": np.array([0.0, 0.0])},
        {"y_true": np.array([2.0, 5.0, 0.0]), "log_rate": np.log([2.0, 1.0, 4.0])},
        {"y_true": np.array([[1.0, 7.0]]), "log_rate": np.array([[-1.0, 2.0]])},
    ),
    generate=_counts_and_log_rates,
    n_random=20,
    seed=7,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        "Differentiate one term $e^{z} - y z$ with respect to $z$; the other terms do not "
        "depend on this $z$.",
        "The derivative is $e^{z} - y$, the predicted rate minus the count; the mean "
        "contributes $1/N$, so divide by `log_rate.size`.",
    ),
    solution=(
        "def poisson_grad(y_true, log_rate):\n"
        "    return (np.exp(log_rate) - y_true) / log_rate.size\n\n\n"
        'exercises.check("3.7", poisson_grad)'
    ),
    explanation=(
        "Each term's derivative is $e^{z_i} - y_i$: zero where the predicted rate equals the "
        "count, positive where the model predicts too many. Through the log-rate the rate "
        "stays positive whatever the parameters, which a straight line fitted with the MSE "
        "cannot promise."
    ),
    mistakes=(
        lambda y_true, log_rate: np.exp(log_rate) - y_true,  # no 1/N
        lambda y_true, log_rate: (y_true - np.exp(log_rate)) / log_rate.size,  # sign
        lambda y_true, log_rate: (1.0 - y_true / np.exp(log_rate)) / log_rate.size,  # d/d rate
        lambda y_true, log_rate: (np.exp(log_rate) - y_true * log_rate) / log_rate.size,  # loss
    ),
)

EXERCISES = [
    _MAE,
    _HUBER,
    _HUBER_GRAD,
    _MAE_CONSTANT,
    _PINBALL,
    _TAU_FOR_COSTS,
    _POISSON_GRAD,
]
