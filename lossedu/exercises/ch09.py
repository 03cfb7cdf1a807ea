"""Exercises of chapter 9, "Adaptive losses": Barron's loss, its normaliser, focal and
self-paced weights."""

import numpy as np

from lossedu import adaptive, losses
from lossedu.exercises._core import Exercise, Mistake


def _barron_reference(x, alpha, scale):
    return losses.barron(np.zeros_like(x), x, alpha=alpha, scale=scale, reduction="none")


def _barron_no_abs(x, alpha, scale):
    with np.errstate(invalid="ignore"):  # a negative base to a fractional power is nan
        return (alpha - 2) / alpha * ((x / scale) ** 2 / (alpha - 2) + 1) ** (alpha / 2) - (
            alpha - 2
        ) / alpha


def _barron_case(rng: np.random.Generator) -> dict:
    alpha = float(rng.choice([-4.0, -2.0, -0.5, 0.5, 1.0, 1.5, 3.0, 4.0]))
    return {
        "x": rng.normal(0.0, 3.0, int(rng.integers(1, 7))),
        "alpha": alpha,
        "scale": float(rng.uniform(0.3, 3.0)),
    }


_BARRON = Exercise(
    id="9.1",
    title="Barron's loss at a given alpha",
    kind="function",
    prompt=(
        "Write `barron_rho(x, alpha, scale)` that returns Barron's loss "
        "$\\rho(x, \\alpha, c) = \\frac{|\\alpha-2|}{\\alpha}\\left[\\left("
        "\\frac{(x/c)^2}{|\\alpha-2|} + 1\\right)^{\\alpha/2} - 1\\right]$ of every residual "
        "in the array `x`, for a shape `alpha` that is neither 0 nor 2 (negative values "
        "included) and a scale `scale` > 0. With x `[0, 1, -2]`, alpha 1 and scale 1 it gives "
        "$\\sqrt{x^2 + 1} - 1$, about `[0, 0.41421, 1.23607]`. Checked to a relative tolerance "
        "of $10^{-8}$."
    ),
    function_name="barron_rho",
    args=("x", "alpha", "scale"),
    reference=_barron_reference,
    cases=(
        {"x": np.array([0.0, 1.0, -2.0]), "alpha": 1.0, "scale": 1.0},
        {"x": np.array([3.0]), "alpha": -2.0, "scale": 1.0},
        {"x": np.array([1.0, 4.0]), "alpha": 4.0, "scale": 2.0},
    ),
    generate=_barron_case,
    n_random=20,
    seed=9,
    rtol=1e-8,
    atol=1e-12,
    hints=(
        (
            "Divide first: `z = x / scale`, then `d = abs(alpha - 2)`; everything else is a "
            "function of `z**2 / d`."
        ),
        (
            "Translate the formula from the inside out: the base `z**2 / d + 1`, its power "
            "`alpha / 2`, minus 1, times the factor in front. Check your function at alpha = 1, "
            "where it should equal `np.sqrt(z**2 + 1) - 1`."
        ),
    ),
    solution=(
        "def barron_rho(x, alpha, scale):\n"
        "    z = x / scale\n"
        "    d = abs(alpha - 2)\n"
        "    return d / alpha * ((z**2 / d + 1) ** (alpha / 2) - 1)\n\n\n"
        'exercises.check("9.1", barron_rho)'
    ),
    explanation=(
        "The formula as written; the absolute value keeps the base positive for "
        "$\\alpha > 2$, and the scale enters only through $x / c$. `losses.barron` "
        "computes the same with `log1p` and `expm1`, which also handle the limits "
        "$\\alpha = 0$ and $\\alpha = 2$, where this direct form divides by 0."
    ),
    mistakes=(
        Mistake(
            _barron_no_abs,
            "Wrong (or NaN) for $\\alpha < 2$: the formula uses $|\\alpha - 2|$, which keeps "
            "the base of the power positive.",
        ),
        Mistake(
            lambda x, alpha, scale: (
                abs(alpha - 2) / alpha * ((x**2 / abs(alpha - 2) + 1) ** (alpha / 2) - 1)
            ),
            "The scale seems to be ignored: the loss is a function of $x / c$.",
        ),
        Mistake(
            lambda x, alpha, scale: (
                abs(alpha - 2) / alpha * ((x / scale) ** 2 / abs(alpha - 2) + 1) ** (alpha / 2)
            ),
            "Off by the constant $|\\alpha - 2| / \\alpha$: the loss of a zero residual must be "
            "0. Is the $-1$ inside the bracket missing?",
        ),
    ),
)


def _cauchy_integral_to(limit: float) -> float:
    """The trapezoid rule for Z(0) on [-limit, limit], step 0.01: short by about 4 / limit."""
    grid = np.linspace(-limit, limit, int(200 * limit) + 1)
    rho = losses.barron(np.zeros_like(grid), grid, alpha=0.0, reduction="none")
    return float(np.trapezoid(np.exp(-rho), grid))


_PARTITION = Exercise(
    id="9.2",
    title="The normaliser of the Cauchy case",
    kind="value",
    prompt=(
        "At $\\alpha = 0$ Barron's loss is $\\rho(x) = \\log(1 + x^2/2)$, so "
        "$e^{-\\rho(x)} = 1 / (1 + x^2/2)$. Compute its normaliser "
        "$Z(0) = \\int_{-\\infty}^{\\infty} \\frac{dx}{1 + x^2/2}$, either by hand (substitute "
        "$x = \\sqrt{2}\\,u$) or numerically with NumPy. Checked to a relative tolerance "
        "of $10^{-3}$: the trapezoid rule on the grid of section 3 (from $-2000$ to $2000$, "
        "step 0.002) is accurate enough; a grid that stops at $\\pm 100$ is not."
    ),
    reference=lambda: float(np.exp(adaptive.barron_log_partition(0.0))),
    rtol=1e-3,
    atol=0.0,
    hints=(
        (
            "With $x = \\sqrt2\\,u$, $dx = \\sqrt2\\,du$ and the integrand becomes "
            "$1/(1 + u^2)$, whose integral over the real line is a famous constant."
        ),
        (
            "$\\int_{-\\infty}^{\\infty} du/(1 + u^2) = \\pi$: the arctangent runs from "
            "$-\\pi/2$ to $\\pi/2$."
        ),
    ),
    solution=('answer = np.pi * np.sqrt(2)\n\nexercises.check("9.2", answer)'),
    explanation=(
        "$Z(0) = \\sqrt2 \\int du/(1 + u^2) = \\pi\\sqrt2 \\approx 4.4429$, the normaliser "
        "of a Cauchy density: the $\\alpha = 0$ density is a Cauchy distribution with "
        "scale $\\sqrt2\\,c$. `adaptive.barron_log_partition(0.0)` returns its log."
    ),
    mistakes=(
        Mistake(
            float(np.pi),
            "Off by a factor $\\sqrt2$: with $x = \\sqrt2\\,u$, $dx = \\sqrt2\\,du$.",
        ),
        Mistake(
            float(np.sqrt(2 * np.pi)),
            "This is $\\sqrt{2\\pi}$, the normaliser of the Gaussian case $\\alpha = 2$; the "
            "question asks for $\\alpha = 0$.",
        ),
        Mistake(
            float(np.pi / np.sqrt(2)),
            "Off by a factor 2: the Jacobian $dx = \\sqrt2\\,du$ multiplies the integral; it "
            "does not divide it.",
        ),
        Mistake(
            float(np.log(np.pi * np.sqrt(2))),
            "This looks like $\\log Z(0)$; the question asks for $Z(0)$ itself.",
        ),
        Mistake(
            _cauchy_integral_to(100.0),
            "Slightly too small: the integrand decays like $2/x^2$, so a grid that stops at "
            "$\\pm L$ misses about $4/L$ of the integral. Widen the grid, or substitute.",
        ),
    ),
)


def _focal_case(rng: np.random.Generator) -> dict:
    n = int(rng.integers(1, 8))
    return {
        "y_true": rng.integers(0, 2, n).astype(float),
        "logits": rng.normal(0.0, 3.0, n),
        "gamma": float(rng.choice([0.5, 1.0, 2.0, 3.0])),
    }


_FOCAL = Exercise(
    id="9.3",
    title="The focal modulating factor",
    kind="function",
    prompt=(
        "Write `focal_weight(y_true, logits, gamma)` that returns the factor "
        "$(1 - p_t)^\\gamma$ of every example, where $p = \\sigma(z)$ is the predicted "
        "probability of class 1 and $p_t = p$ for a positive ($y = 1$), $1 - p$ for a negative. "
        "With y_true `[1, 0]`, logits `[0, 0]` and gamma 2 it gives `[0.25, 0.25]`. Checked to a "
        "relative tolerance of $10^{-7}$."
    ),
    function_name="focal_weight",
    args=("y_true", "logits", "gamma"),
    reference=lambda y_true, logits, gamma: adaptive.focal_weights(y_true, logits, gamma=gamma),
    cases=(
        {"y_true": np.array([1.0, 0.0]), "logits": np.array([0.0, 0.0]), "gamma": 2.0},
        {"y_true": np.array([1.0, 0.0, 1.0]), "logits": np.array([3.0, 3.0, -1.0]), "gamma": 2.0},
    ),
    generate=_focal_case,
    n_random=20,
    seed=3,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        ("Compute `p = 1 / (1 + np.exp(-logits))`, then `p_t = np.where(y_true == 1, p, 1 - p)`."),
        (
            "With `p_t` in hand the prompt's formula is one line. Check it: an easy example "
            "($p_t = 0.99$) should get a weight near 0 (0.0001 for gamma 2), a hard one "
            "($p_t = 0.1$) a weight near 1."
        ),
    ),
    solution=(
        "def focal_weight(y_true, logits, gamma):\n"
        "    p = 1 / (1 + np.exp(-logits))\n"
        "    p_t = np.where(y_true == 1, p, 1 - p)\n"
        "    return (1 - p_t) ** gamma\n\n\n"
        'exercises.check("9.3", focal_weight)'
    ),
    explanation=(
        "$p_t$ is the probability the model gives the true class, so $1 - p_t$ is how "
        "wrong it is; raising it to the power $\\gamma$ shrinks the weight of confident, "
        "correct predictions much more than that of wrong ones. `adaptive.focal_weights` "
        "computes the same as $\\exp(-\\gamma\\,\\operatorname{softplus}(\\pm z))$, which "
        "never rounds to 0 early."
    ),
    mistakes=(
        Mistake(
            lambda y_true, logits, gamma: (1 - 1 / (1 + np.exp(-logits))) ** gamma,
            "This uses $p$, the probability of class 1, for every example: for a negative the "
            "probability of the true class is $1 - p$.",
        ),
        Mistake(
            lambda y_true, logits, gamma: (
                np.where(y_true == 1, 1 / (1 + np.exp(-logits)), 1 / (1 + np.exp(logits))) ** gamma
            ),
            "This is $p_t^\\gamma$: it gives the *easy* examples the large weights. The factor "
            "is $(1 - p_t)^\\gamma$.",
        ),
        Mistake(
            lambda y_true, logits, gamma: (
                1 - np.where(y_true == 1, 1 / (1 + np.exp(-logits)), 1 / (1 + np.exp(logits)))
            ),
            "The exponent $\\gamma$ is missing: your weights are those of $\\gamma = 1$.",
        ),
    ),
)


def _spl_case(rng: np.random.Generator) -> dict:
    return {
        "loss_values": rng.exponential(1.0, int(rng.integers(1, 9))),
        "lam": float(rng.uniform(0.1, 2.0)),
    }


_SELF_PACED = Exercise(
    id="9.4",
    title="Self-paced weights",
    kind="function",
    prompt=(
        "Write `self_paced_weights(loss_values, lam)` that returns the weight of every example "
        "in self-paced learning: 1.0 if its loss is below the threshold `lam` (strictly), "
        "else 0.0, as a float array with the shape of `loss_values`. With losses "
        "`[0.1, 0.5, 2.0]` and lam 0.5 it gives `[1.0, 0.0, 0.0]`."
    ),
    function_name="self_paced_weights",
    args=("loss_values", "lam"),
    reference=lambda loss_values, lam: adaptive.self_paced_weights(loss_values, lam=lam),
    cases=(
        {"loss_values": np.array([0.1, 0.5, 2.0]), "lam": 0.5},
        {"loss_values": np.array([3.0, 0.2]), "lam": 1.0},
    ),
    generate=_spl_case,
    n_random=20,
    seed=4,
    hints=(
        "The comparison `loss_values < lam` gives an array of True and False.",
        (
            "The weights must be the floats 1.0 and 0.0, not True and False: convert the "
            "comparison's result. Easy examples (small loss) get 1."
        ),
    ),
    solution=(
        "def self_paced_weights(loss_values, lam):\n"
        "    return (loss_values < lam).astype(float)\n\n\n"
        'exercises.check("9.4", self_paced_weights)'
    ),
    explanation=(
        "For fixed losses, the weights $v_i \\in \\{0, 1\\}$ that minimise "
        "$\\sum_i v_i \\ell_i - \\ell_{\\max} \\sum_i v_i$ pick exactly the examples with "
        "$\\ell_i < \\ell_{\\max}$ (the threshold `lam`): each term "
        "$v_i(\\ell_i - \\ell_{\\max})$ is negative only for them (Kumar, Packer & Koller 2010)."
    ),
    mistakes=(
        Mistake(
            lambda loss_values, lam: (loss_values > lam).astype(float),
            "The weights are reversed: self-paced learning admits the *easy* examples, those "
            "with a small loss, first.",
        ),
        Mistake(
            lambda loss_values, lam: (loss_values <= lam).astype(float),
            "A loss equal to the threshold is admitted here; the rule is *strictly* below.",
        ),
        Mistake(
            lambda loss_values, lam: np.minimum(1.0, lam / loss_values),
            "These are soft weights between 0 and 1; self-paced weights are exactly 0 or 1.",
        ),
    ),
)

EXERCISES = [_BARRON, _PARTITION, _FOCAL, _SELF_PACED]

# Every learning objective of the chapter, as written in its notebook, and the exercises and
# quiz questions that check it.
OBJECTIVES = (
    (
        "compute Barron's general loss for any shape $\\alpha$, recognise the classic "
        "{term}`robust losses <robust loss>` it contains, and read its gradient as an influence "
        "function;",
        ("9.1", "9.q1", "9.q2"),
    ),
    (
        "explain why learning $\\alpha$ and the scale needs the normalising term of a "
        "likelihood, compute that term by numerical integration, and fit a model with a "
        "learned shape;",
        ("9.2", "9.q3", "9.q4"),
    ),
    (
        "use the focal loss as an adaptive re-weighting of easy and hard examples, and measure "
        "its effect on {term}`imbalanced data <class imbalance>`, with error bars over examples "
        "and over data sets;",
        ("9.3", "9.q5", "9.q6"),
    ),
    (
        "run a self-paced schedule that lets hard examples in as a threshold grows;",
        ("9.4", "9.q7"),
    ),
    (
        "weigh what adaptive losses cost: extra parameters, computation and tuning.",
        ("9.q8",),
    ),
)
