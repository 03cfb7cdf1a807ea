"""Exercises of chapter 3, "Regression losses": MAE, Huber, its gradient, the MAE minimiser,
the pinball loss, the quantile of a cost, and the gradient of the Poisson NLL."""

import numpy as np

from lossedu import losses
from lossedu.exercises._core import Exercise, Mistake


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
        "Write `mae(y_true, y_pred)` that returns the mean absolute error $\\frac{1}{N}\\sum_i "
        "|\\hat y_i - y_i|$ as one number, the mean over all N elements (the arrays may be 1-D or "
        "2-D, of the same shape). For `y_true = [0, 0]` and `y_pred = [2, -2]` it gives 2.0. "
        "Checked to a relative tolerance of $10^{-6}$."
    ),
    function_name="mae",
    args=("y_true", "y_pred"),
    reference=losses.mae,
    cases=(
        {"y_true": np.array([0.0, 0.0]), "y_pred": np.array([2.0, -2.0])},
        {"y_true": np.array([1.0, 2.0, 3.0]), "y_pred": np.array([1.0, 2.0, 3.0])},
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
            "Average the absolute residuals with `np.mean` and return `float(...)` of it. Without "
            "the absolute value, positive and negative errors would cancel."
        ),
    ),
    solution=(
        "def mae(y_true, y_pred):\n    return float(np.mean(np.abs(y_pred - y_true)))\n\n\n"
        'exercises.check("3.1", mae)'
    ),
    explanation=(
        "`np.abs` turns every residual into its size and `np.mean` divides their sum by "
        'the number of elements, as `losses.mae` does with `reduction="mean"`.'
    ),
    mistakes=(
        Mistake(
            lambda y_true, y_pred: float(np.mean(y_pred - y_true)),
            "Positive and negative errors cancelled: take the absolute value of each residual "
            "before averaging.",
        ),
        Mistake(
            lambda y_true, y_pred: float(np.sum(np.abs(y_pred - y_true))),
            "$N$ times too large: this is the *sum* of the absolute errors; the mean divides by "
            "the number of elements.",
        ),
        Mistake(
            lambda y_true, y_pred: float(np.mean((y_pred - y_true) ** 2)),
            "This is the mean *squared* error; the MAE averages the sizes of the residuals.",
        ),
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
        "residuals $r = \\hat y - y$: $\\tfrac12 r^2$ where $|r| \\le \\delta$ and $\\delta(|r| - "
        "\\tfrac12\\delta)$ where $|r| > \\delta$ (PyTorch's `huber_loss`), averaged over all "
        "elements. For `y_true = [0, 0]`, `y_pred = [0.5, 3]` and `delta=1.0` it gives 1.3125. "
        "Checked to a relative tolerance of $10^{-7}$."
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
            "Compute `a = np.abs(y_pred - y_true)`, then choose between the two pieces element by "
            "element with `np.where(a <= delta, ..., ...)`."
        ),
        (
            "The quadratic piece is `0.5 * a**2`, the linear one `delta * (a - 0.5 * delta)`; "
            "both equal `0.5 * delta**2` at `a == delta`. Return the mean as a float."
        ),
    ),
    solution=(
        "def huber(y_true, y_pred, delta=1.0):\n    a = np.abs(y_pred - y_true)\n    values = "
        "np.where(a <= delta, 0.5 * a**2, delta * (a - 0.5 * delta))\n    return "
        "float(np.mean(values))\n\n\n"
        'exercises.check("3.2", huber)'
    ),
    explanation=(
        "Near the target the loss is half the squared error; beyond $\\delta$ it grows linearly "
        "with slope $\\delta$. The offset $-\\tfrac12\\delta$ makes the two pieces meet with the "
        "same value and slope, so the loss is smooth where they join (Huber 1964)."
    ),
    mistakes=(
        Mistake(
            _smooth_l1,
            "Off by a factor $\\delta$: this looks like PyTorch's smooth-L1 loss, which is Huber "
            "divided by $\\delta$. Use $\\tfrac12 r^2$ inside and $\\delta(|r| - "
            "\\tfrac12\\delta)$ outside.",
        ),
        Mistake(
            _huber_no_offset,
            "The linear piece lacks its offset: $\\delta |r|$ alone does not meet $\\tfrac12 r^2$ "
            "at $|r| = \\delta$. Subtract $\\tfrac12\\delta^2$.",
        ),
        lambda y_true, y_pred, delta=1.0: float(np.mean(0.5 * (y_pred - y_true) ** 2)),
        Mistake(
            lambda y_true, y_pred, delta=1.0: float(
                np.sum(losses.huber(y_true, y_pred, delta=delta, reduction="none"))
            ),
            "$N$ times too large: the sum of the per-element losses instead of their mean.",
        ),
    ),
)


def _huber_grad_mean(y_true, y_pred, delta=1.0):
    return losses.huber_grad(y_true, y_pred, delta=delta, reduction="mean")


_HUBER_GRAD = Exercise(
    id="3.3",
    title="The gradient of the Huber loss",
    kind="function",
    prompt=(
        "Write `huber_grad(y_true, y_pred, delta=1.0)` that returns the gradient of the *mean* "
        "Huber loss of exercise 3.2 with respect to `y_pred`: an array with the shape of "
        "`y_pred`. For `y_true = [0, 0]`, `y_pred = [0.5, 3]` and `delta=1.0` it gives `[0.25, "
        "0.5]`. Checked to a relative tolerance of $10^{-7}$."
    ),
    function_name="huber_grad",
    args=("y_true", "y_pred"),
    reference=_huber_grad_mean,
    cases=(
        {"y_true": np.array([0.0, 0.0]), "y_pred": np.array([0.5, 3.0]), "delta": 1.0},
        {"y_true": np.array([0.0, 0.0, 0.0]), "y_pred": np.array([-4.0, 0.1, 4.0]), "delta": 2.0},
        {"y_true": np.array([[0.0, 1.0]]), "y_pred": np.array([[10.0, -9.0]]), "delta": 0.5},
        # integers: a gradient built in np.zeros_like(y_pred) would be truncated
        {"y_true": np.array([0, 0, 0]), "y_pred": np.array([-4, 1, 4]), "delta": 2.0},
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
            "Together the two pieces say: the residual itself, but never more than $\\delta$ in "
            "size. NumPy has a function that limits values to an interval. The mean divides by "
            "the number of elements, and so does its gradient."
        ),
    ),
    solution=(
        "def huber_grad(y_true, y_pred, delta=1.0):\n    r = y_pred - y_true\n    return "
        "np.clip(r, -delta, delta) / r.size\n\n\n"
        'exercises.check("3.3", huber_grad)'
    ),
    explanation=(
        "The gradient is the residual clipped at $\\pm\\delta$: no point pulls on the fit harder "
        "than $\\delta$, however far away it lies. The mean contributes the factor $1/N$."
    ),
    mistakes=(
        Mistake(
            lambda y_true, y_pred, delta=1.0: np.clip(y_pred - y_true, -delta, delta),
            "$N$ times too large: this is the gradient of the *sum*; the mean contributes a "
            "factor $1/N$.",
        ),
        Mistake(
            lambda y_true, y_pred, delta=1.0: np.clip(y_true - y_pred, -delta, delta) / y_pred.size,
            "The sign is flipped: differentiate with respect to `y_pred`, with $r = \\hat y - y$.",
        ),
        Mistake(
            lambda y_true, y_pred, delta=1.0: (y_pred - y_true) / y_pred.size,
            "The gradient is not capped: this is the gradient of half the squared error. Beyond "
            "$\\delta$, Huber's gradient stays at $\\pm\\delta$.",
        ),
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
        "Which c gives the smallest mean absolute error? Your number is accepted within 0.01 of "
        "the right one (absolute tolerance), so a search over a grid with steps of 0.01 or finer "
        "passes."
    ),
    reference=_best_constant_for_mae,
    rtol=0.0,
    atol=0.01,
    hints=(
        (
            "Moving $c$ up by a little changes the MAE by (number of points below $c$ minus "
            "number above $c$) times that little, divided by $N$."
        ),
        (
            "So the MAE keeps decreasing while more points lie above $c$ than below it. Count, "
            "for a $c$ between two neighbouring values of `y`, the points on each side: where "
            "does the count balance?"
        ),
    ),
    solution=(
        "y = np.array([2.0, 3.0, 5.0, 6.0, 7.0, 9.0, 60.0])\nanswer = float(np.median(y))\n\n"
        'exercises.check("3.4", answer)'
    ),
    explanation=(
        "The MAE's derivative in $c$ is $(\\#\\text{below} - \\#\\text{above})/N$, zero at the "
        "median, 6. The MSE's best constant would be the mean, 13.14, dragged up by the single "
        "value 60."
    ),
    mistakes=(
        Mistake(
            float(np.mean(_VALUES)),
            "This looks like the mean of the data, the best constant under the *squared* error; "
            "the question asks for the minimiser of the absolute error.",
        ),
        float((_VALUES.min() + _VALUES.max()) / 2),  # the midrange
        Mistake(
            float(np.median(_VALUES[:-1])),
            "This is the answer without the value 60: nothing needs removing by hand, the "
            "absolute error's best constant uses all seven values and is not dragged by 60.",
        ),
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
        "Write `pinball(y_true, y_pred, tau=0.5)` that returns the mean pinball (quantile) loss: "
        "an under-prediction ($y > \\hat y$) costs $\\tau\\,(y - \\hat y)$ and an over-prediction "
        "($y < \\hat y$) costs $(1 - \\tau)(\\hat y - y)$, averaged over all elements "
        "(scikit-learn's `mean_pinball_loss` with `alpha=tau`). For `y_true = [1, 1]`, `y_pred = "
        "[0, 2]` and `tau=0.9` it gives 0.5. Checked to a relative tolerance of $10^{-7}$."
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
            "Work with `u = y_true - y_pred`: positive where the prediction is too low. Which of "
            "the two prices applies to a positive `u`?"
        ),
        (
            "For $u > 0$ the price is $\\tau u$; for $u < 0$ it is $(1 - \\tau)(-u) = (\\tau - 1) "
            "u$. Both formulas can be evaluated for every $u$: is the right one always the larger "
            "or the smaller of the two? Return the mean as a float."
        ),
    ),
    solution=(
        "def pinball(y_true, y_pred, tau=0.5):\n    u = y_true - y_pred  # > 0: "
        "under-prediction\n    return float(np.mean(np.maximum(tau * u, (tau - 1) * u)))\n\n\n"
        'exercises.check("3.5", pinball)'
    ),
    explanation=(
        "Both pieces are non-negative and meet at 0, so one `np.maximum` chooses the right price "
        "per element. With $\\tau = 0.9$ an under-prediction costs nine times as much as an "
        "over-prediction of the same size, which pushes the best prediction up to the 90th "
        "percentile (Koenker & Bassett 1978)."
    ),
    mistakes=(
        Mistake(
            _pinball_swapped,
            "The two prices are swapped: an under-prediction ($y > \\hat y$) costs $\\tau$ per "
            "unit, an over-prediction $1 - \\tau$.",
        ),
        lambda y_true, y_pred, tau=0.5: float(np.mean(np.abs(y_true - y_pred)) / 2),  # no tau
        Mistake(
            lambda y_true, y_pred, tau=0.5: float(
                np.sum(np.maximum(tau * (y_true - y_pred), (tau - 1) * (y_true - y_pred)))
            ),
            "$N$ times too large: the sum of the per-element losses instead of their mean.",
        ),
        Mistake(
            lambda y_true, y_pred, tau=0.5: float(np.mean(tau * np.abs(y_true - y_pred))),
            "Both kinds of error cost $\\tau$ here: an over-prediction costs $1 - \\tau$ per unit.",
        ),
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
        "lost margin (under-prediction). Which quantile level $\\tau$ should the forecast be "
        "trained for with the pinball loss? Your number is accepted within 0.001 of the right one "
        "(absolute tolerance)."
    ),
    reference=_tau_for_costs,
    rtol=0.0,
    atol=1e-3,
    hints=(
        (
            "Scale the pinball loss so that its two prices are the bakery's: an under-prediction "
            "costs $\\tau$ per unit, an over-prediction $1 - \\tau$."
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
        "The pinball loss times $c_\\text{under} + c_\\text{over}$ has exactly the bakery's "
        "prices when $\\tau = c_\\text{under} / (c_\\text{under} + c_\\text{over}) = 0.8$, so its "
        "minimiser, the 0.8-quantile of demand, minimises the expected cost: bake enough to serve "
        "the customers on four days out of five."
    ),
    mistakes=(
        Mistake(
            _C_OVER / (_C_UNDER + _C_OVER),
            "The prices are swapped: turning a customer away is the expensive error here, so the "
            "forecast should lean high, at a level above 0.5.",
        ),
        Mistake(
            _C_OVER / _C_UNDER,
            "This is a ratio of the two costs, not a quantile level: match the ratio of the "
            "pinball loss's prices, $\\tau / (1 - \\tau)$, to the ratio of the costs.",
        ),
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
        "`poisson_grad(y_true, log_rate)` that returns its gradient with respect to `log_rate`: "
        "an array with the shape of `log_rate`. For `y_true = [0, 3]` and `log_rate = [0, 0]` it "
        "gives `[0.5, -1.0]`. Checked to a relative tolerance of $10^{-7}$."
    ),
    function_name="poisson_grad",
    args=("y_true", "log_rate"),
    reference=_poisson_grad_mean,
    cases=(
        {"y_true": np.array([0.0, 3.0]), "log_rate": np.array([0.0, 0.0])},
        {"y_true": np.array([2.0, 5.0, 0.0]), "log_rate": np.log([2.0, 1.0, 4.0])},
        {"y_true": np.array([[1.0, 7.0]]), "log_rate": np.array([[-1.0, 2.0]])},
        # integer counts: a gradient built in np.zeros_like(y_true) would be truncated
        {"y_true": np.array([2, 5, 0]), "log_rate": np.array([0.5, 1.0, -0.5])},
    ),
    generate=_counts_and_log_rates,
    n_random=20,
    seed=7,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        "Differentiate one term $e^{z} - y z$ with respect to $z$; the other terms do not depend "
        "on this $z$.",
        "The derivative of $e^{z}$ is $e^{z}$, and that of $y z$ is $y$. The mean contributes a "
        "factor $1/N$, with $N$ the number of elements.",
    ),
    solution=(
        "def poisson_grad(y_true, log_rate):\n    return (np.exp(log_rate) - y_true) / "
        "log_rate.size\n\n\n"
        'exercises.check("3.7", poisson_grad)'
    ),
    explanation=(
        "Each term's derivative is $e^{z_i} - y_i$: zero where the predicted rate equals the "
        "count, positive where the model predicts too many. Through the log-rate the rate stays "
        "positive whatever the parameters, which a straight line fitted with the MSE cannot "
        "promise."
    ),
    mistakes=(
        Mistake(
            lambda y_true, log_rate: np.exp(log_rate) - y_true,
            "$N$ times too large: this is the gradient of the *sum*; the mean contributes a "
            "factor $1/N$.",
        ),
        Mistake(
            lambda y_true, log_rate: (y_true - np.exp(log_rate)) / log_rate.size,
            "The sign is flipped: the loss grows when the predicted rate exceeds the count.",
        ),
        Mistake(
            lambda y_true, log_rate: (1.0 - y_true / np.exp(log_rate)) / log_rate.size,
            "This is the derivative with respect to the rate $\\lambda = e^{z}$, not the log-rate "
            "$z$: the chain rule multiplies it by $e^{z}$.",
        ),
        lambda y_true, log_rate: (np.exp(log_rate) - y_true * log_rate) / log_rate.size,  # loss
    ),
)


# Exercise 3.8: Huber's threshold from the data. 1.4826 = 1 / Phi^{-1}(3/4) makes the median
# absolute deviation estimate the standard deviation of Gaussian noise (Hampel 1974); with
# delta = 1.345 sigma, Huber's estimator keeps 95 % of the efficiency of the mean on Gaussian
# noise (Huber & Ronchetti 2009). The tests recompute both constants with SciPy.
_MAD_TO_SIGMA, _HUBER_K = 1.4826, 1.345


def _huber_delta(residuals):
    r = np.asarray(residuals, dtype=float)
    return float(_HUBER_K * _MAD_TO_SIGMA * np.median(np.abs(r - np.median(r))))


def _residuals(rng: np.random.Generator) -> dict:
    """Gaussian residuals with a few gross errors, as after a first fit of dirty data."""
    n = int(rng.integers(5, 40))
    r = rng.normal(rng.uniform(-1.0, 1.0), rng.uniform(0.2, 3.0), n)
    k = int(rng.integers(0, max(1, n // 5)))
    r[:k] += rng.uniform(10.0, 30.0, k) * rng.choice([-1.0, 1.0], k)
    return {"residuals": rng.permutation(r)}


_EXAMPLE_RESIDUALS = np.array([-1.0, 0.0, 1.0, 2.0, 30.0])

_HUBER_DELTA = Exercise(
    id="3.8",
    title="Huber's threshold from the data",
    kind="function",
    prompt=(
        "Huber's $\\delta$ must be chosen in the units of the residuals: a small multiple of the "
        "noise's standard deviation $\\sigma$. A common choice is $\\delta = 1.345\\,s$, where "
        "$s$ estimates $\\sigma$ without being inflated by the outliers: the median absolute "
        "deviation from the median, scaled by 1.4826 so that it estimates $\\sigma$ for Gaussian "
        "noise, $s = 1.4826 \\cdot \\operatorname{median}_i |r_i - \\operatorname{median}(r)|$. "
        "Write `huber_delta(residuals)` that returns this $\\delta$ for a 1-D array of residuals "
        "(of a first fit, say). For "
        f"`{_EXAMPLE_RESIDUALS.tolist()}` it gives about "
        f"{_huber_delta(_EXAMPLE_RESIDUALS):.4f}. Checked to a relative tolerance of $10^{{-5}}$, "
        'so SciPy\'s `median_abs_deviation(r, scale="normal")`, which uses the exact constant '
        "1.482602..., passes too."
    ),
    function_name="huber_delta",
    args=("residuals",),
    reference=_huber_delta,
    cases=(
        {"residuals": _EXAMPLE_RESIDUALS},
        {"residuals": np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])},
        {"residuals": np.array([-3.0, -1.0, 0.0, 1.0, 3.0, 1e6])},
        {"residuals": np.array([-1, 0, 1, 2, 30])},  # integers
    ),
    generate=_residuals,
    n_random=20,
    seed=8,
    rtol=1e-5,
    atol=1e-9,
    hints=(
        (
            "Two medians: first the centre of the residuals, then the typical distance of a "
            "residual from that centre. One huge residual moves neither by much."
        ),
        (
            "`np.median` computes both. Multiply the second by 1.4826 to get $s$, then by 1.345 "
            "to get $\\delta$. Do not use `np.std`: why not?"
        ),
    ),
    solution=(
        "def huber_delta(residuals):\n    r = np.asarray(residuals, dtype=float)\n    s = 1.4826 "
        "* np.median(np.abs(r - np.median(r)))  # a robust estimate of sigma\n    return "
        "float(1.345 * s)\n\n\n"
        'exercises.check("3.8", huber_delta)'
    ),
    explanation=(
        "The median absolute deviation ignores the largest residuals, so the outliers cannot "
        "inflate $\\delta$. On the residuals of section 5's MSE fit to the data with outliers it "
        "gives $\\delta \\approx 1.01$ ($s \\approx 0.75$, against a true noise level of 0.5), "
        "while 1.345 times their standard deviation gives 6.9: the six outliers inflate the "
        "standard deviation to ten times the noise level, and such a $\\delta$ would treat "
        "residuals of fourteen noise standard deviations as ordinary. With $\\delta = "
        "1.345\\,\\sigma$ the Huber fit keeps, asymptotically, 95 % of the least-squares fit's "
        "efficiency when the noise is Gaussian, and bounds the pull of the outliers when it is "
        "not."
    ),
    mistakes=(
        Mistake(
            lambda residuals: float(_HUBER_K * np.std(residuals)),
            "This scale comes from the standard deviation, which the outliers inflate: one gross "
            "error makes $\\delta$ huge. Use the median absolute deviation.",
        ),
        Mistake(
            lambda residuals: float(
                _HUBER_K * np.median(np.abs(np.subtract(residuals, np.median(residuals))))
            ),
            "Off by a factor 1.4826: the raw median absolute deviation is smaller than $\\sigma$; "
            "scale it so that it estimates $\\sigma$.",
        ),
        Mistake(
            lambda residuals: float(_HUBER_K * _MAD_TO_SIGMA * np.median(np.abs(residuals))),
            "The deviations are measured from 0 instead of from the median of the residuals.",
        ),
        lambda residuals: _huber_delta(residuals) / _HUBER_K,  # s, not delta
        lambda residuals: float(  # the mean absolute deviation
            _HUBER_K * _MAD_TO_SIGMA * np.mean(np.abs(np.subtract(residuals, np.median(residuals))))
        ),
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
    _HUBER_DELTA,
]

# Each learning objective of the chapter (as in its Learning objectives cell) and the
# exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "write the MSE, MAE, Huber and log-cosh losses and their {term}`gradients <gradient>`, "
        "and say how each one treats small and large residuals;",
        ("3.1", "3.2", "3.3", "3.q1"),
    ),
    (
        "explain the MSE as {term}`maximum likelihood` under Gaussian noise and the MAE as "
        "maximum likelihood under Laplace noise, and why their best constant predictions are the "
        "mean and the median;",
        ("3.4", "3.q2", "3.q3"),
    ),
    (
        "fit the same data with each loss, with and without outliers, and read the difference in "
        "the fitted coefficients;",
        ("3.q4", "3.q5"),
    ),
    (
        "write the quantile (pinball) loss, choose its level $\\tau$ from the costs of over- and "
        "under-prediction, fit quantile lines for a prediction interval and measure its coverage "
        "on new data, with its error bar;",
        ("3.5", "3.6", "3.q6", "3.q7"),
    ),
    (
        "fit a model that predicts a mean and a variance with the Gaussian negative "
        "log-likelihood, and explain how the learned variance down-weights noisy regions;",
        ("3.q8",),
    ),
    (
        "fit counts with the Poisson negative log-likelihood of a log-rate model, and say why the "
        "MSE on counts is the wrong tool;",
        ("3.7", "3.q9"),
    ),
    (
        "choose a regression loss from what you know about the noise and the outliers in your "
        "data.",
        ("3.8", "3.q10", "3.q11", "3.q12"),
    ),
)
