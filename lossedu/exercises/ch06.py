"""Exercises of chapter 6, "Regularisation": penalties, ridge, priors, scaling."""

import numpy as np

from lossedu import regularization
from lossedu.exercises._core import Exercise


def _weights(rng: np.random.Generator, d: int) -> np.ndarray:
    w = rng.normal(0.0, 2.0, d)
    w[rng.random(d) < 0.2] = 0.0  # some exact zeros, where |w| has its kink
    return w


def _enet_case(rng: np.random.Generator) -> dict:
    return {
        "w": _weights(rng, int(rng.integers(1, 7))),
        "lam": float(rng.uniform(0.0, 2.0)),
        "l1_ratio": float(rng.choice([0.0, 0.3, 0.5, 1.0])),
    }


def _enet_reference(w, lam, l1_ratio):
    return regularization.elastic_net_penalty_grad(w, lam, l1_ratio=l1_ratio)


_ENET_GRAD = Exercise(
    id="6.1",
    title="The gradient of the L1 + L2 (elastic-net) penalty",
    kind="function",
    prompt=(
        "Write `penalty_grad(w, lam, l1_ratio)`, the gradient with respect to `w` of "
        "$\\Omega(w) = \\lambda \\big(\\nu \\sum_j |w_j| + (1 - \\nu) \\sum_j w_j^2\\big)$ "
        "with $\\nu$ = `l1_ratio`. `l1_ratio = 1` is the L1 penalty, `0` the L2 penalty. At "
        "$w_j = 0$ use 0 for the slope of $|w_j|$."
    ),
    function_name="penalty_grad",
    args=("w", "lam", "l1_ratio"),
    reference=_enet_reference,
    cases=(
        {"w": np.array([1.0, -2.0, 0.0]), "lam": 0.5, "l1_ratio": 1.0},
        {"w": np.array([1.0, -2.0, 0.0]), "lam": 0.5, "l1_ratio": 0.0},
        {"w": np.array([1.0, -2.0, 0.0]), "lam": 0.5, "l1_ratio": 0.5},
    ),
    generate=_enet_case,
    n_random=20,
    seed=61,
    hints=(
        (
            "Differentiate the two parts separately: the slope of $|w|$ is the sign of $w$, "
            "the slope of $w^2$ is $2w$."
        ),
        (
            "`np.sign(w)` is 0 at 0, as asked. The answer is `lam * (l1_ratio * np.sign(w) + 2 "
            "* (1 - l1_ratio) * w)`."
        ),
    ),
    solution=(
        "def penalty_grad(w, lam, l1_ratio):\n"
        "    return lam * (l1_ratio * np.sign(w) + 2 * (1 - l1_ratio) * w)\n\n\n"
        'exercises.check("6.1", penalty_grad)'
    ),
    explanation=(
        "The L1 part pulls every non-zero weight towards 0 with the same force "
        "$\\lambda\\nu$, however small the weight; the L2 part pulls with a force "
        "$2\\lambda(1-\\nu)w$ that fades as the weight shrinks. This is why L1 can reach "
        "exactly 0 and L2 only approaches it (section 1)."
    ),
    mistakes=(
        lambda w, lam, l1_ratio: lam * (l1_ratio * np.sign(w) + (1 - l1_ratio) * w),  # no 2
        lambda w, lam, l1_ratio: lam * l1_ratio * np.sign(w) + 2 * (1 - l1_ratio) * w,  # lam
        lambda w, lam, l1_ratio: lam * ((1 - l1_ratio) * np.sign(w) + 2 * l1_ratio * w),
    ),
)


def _st_reference(v, t):
    return regularization.soft_threshold(v, t)


def _st_case(rng: np.random.Generator) -> dict:
    return {"v": rng.normal(0.0, 2.0, int(rng.integers(1, 8))), "t": float(rng.uniform(0, 2))}


_SOFT_THRESHOLD = Exercise(
    id="6.2",
    title="Soft-thresholding: the 1-D lasso problem",
    kind="function",
    prompt=(
        "For each entry $v$ of the array `v`, the problem "
        "$\\min_u \\tfrac12 (u - v)^2 + t\\,|u|$ has one solution. Write "
        "`soft_threshold(v, t)` that returns these solutions, an array of the shape of `v` "
        "($t \\ge 0$)."
    ),
    function_name="soft_threshold",
    args=("v", "t"),
    reference=_st_reference,
    cases=(
        {"v": np.array([3.0, -0.5, 0.2, -2.0]), "t": 1.0},
        {"v": np.array([0.7, -0.7]), "t": 0.7},
        {"v": np.array([1.5, -4.0]), "t": 0.0},
    ),
    generate=_st_case,
    n_random=20,
    seed=62,
    hints=(
        (
            "Guess that $u > 0$: setting the derivative $u - v + t$ to zero gives $u = v - t$, "
            "which is positive only if $v > t$. Do the same for $u < 0$."
        ),
        (
            "If neither guess is consistent ($|v| \\le t$), the answer is $u = 0$. Together: "
            "`np.sign(v) * np.maximum(np.abs(v) - t, 0)`."
        ),
    ),
    solution=(
        "def soft_threshold(v, t):\n"
        "    return np.sign(v) * np.maximum(np.abs(v) - t, 0.0)\n\n\n"
        'exercises.check("6.2", soft_threshold)'
    ),
    explanation=(
        "Entries with $|v| \\le t$ become exactly 0 and the others move $t$ towards 0. A "
        "proximal-gradient step for the lasso (section 3) is a gradient step on the smooth "
        "loss followed by this map, which is where the lasso's exact zeros come from. "
        "`regularization.soft_threshold` computes it."
    ),
    mistakes=(
        lambda v, t: np.sign(v) * (np.abs(v) - t),  # no clamp at 0: small entries flip sign
        lambda v, t: v * (np.abs(v) > t),  # hard thresholding: no shrinkage
        lambda v, t: np.clip(v, -t, t),  # clipped instead of shrunk
    ),
)


def _ridge_reference(X, y, lam):
    # Independent of the normal equations: least squares on X stacked over sqrt(n lam) I,
    # whose squared residual is ||Xw - y||^2 + n lam ||w||^2, n times the objective.
    n, d = X.shape
    A = np.vstack([X, np.sqrt(n * lam) * np.eye(d)])
    b = np.concatenate([y, np.zeros(d)])
    return np.linalg.lstsq(A, b, rcond=None)[0]


def _ridge_case(rng: np.random.Generator) -> dict:
    n, d = int(rng.integers(3, 12)), int(rng.integers(1, 4))
    X = rng.normal(0.0, 1.0, (n, d))
    return {
        "X": X,
        "y": X @ rng.normal(0, 2, d) + rng.normal(0, 0.5, n),
        "lam": 10 ** rng.uniform(-3, 1),
    }


_RIDGE = Exercise(
    id="6.3",
    title="Ridge regression in closed form",
    kind="function",
    prompt=(
        "Write `ridge_weights(X, y, lam)` that returns the weights $w$ (no intercept) minimising "
        "$\\frac1n \\sum_i (x_i^\\top w - y_i)^2 + \\lambda \\sum_j w_j^2$, the mean squared "
        "error plus `lossedu.regularization.l2_penalty(w, lam)`. `X` has shape (n, d), `y` "
        "shape (n,), $\\lambda > 0$."
    ),
    function_name="ridge_weights",
    args=("X", "y", "lam"),
    reference=_ridge_reference,
    cases=(
        {"X": np.array([[1.0], [2.0]]), "y": np.array([1.0, 2.0]), "lam": 0.5},
        {
            "X": np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
            "y": np.array([1.0, 2.0, 2.0]),
            "lam": 0.1,
        },
    ),
    generate=_ridge_case,
    n_random=20,
    seed=63,
    rtol=1e-6,
    atol=1e-9,
    hints=(
        "Set the gradient to zero: $\\frac2n X^\\top (Xw - y) + 2\\lambda w = 0$.",
        (
            "Multiply by $n/2$: $(X^\\top X + n\\lambda I)\\, w = X^\\top y$. Solve it with "
            "`np.linalg.solve`; mind the factor $n$, which comes from the *mean* in the loss."
        ),
    ),
    solution=(
        "def ridge_weights(X, y, lam):\n"
        "    n, d = X.shape\n"
        "    return np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T @ y)\n\n\n"
        'exercises.check("6.3", ridge_weights)'
    ),
    explanation=(
        "Adding $n\\lambda$ to the diagonal of $X^\\top X$ makes the system solvable even "
        "when the features are collinear, and shrinks every weight towards 0. "
        "scikit-learn's `Ridge(alpha)` minimises the *sum* of squares plus "
        "$\\alpha\\lVert w\\rVert^2$, so it gives the same weights with "
        "$\\alpha = n\\lambda$ (section 3; Hoerl & Kennard 1970)."
    ),
    mistakes=(
        lambda X, y, lam: np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y),  # no n
        lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0],  # no penalty
        lambda X, y, lam: np.linalg.solve(  # the 1/2 convention: n lam / 2
            X.T @ X + 0.5 * len(y) * lam * np.eye(X.shape[1]), X.T @ y
        ),
    ),
)


def _lambda_from_priors():
    return regularization.map_penalty_strength(0.5**2, 0.2, 100)


_LAMBDA_FROM_PRIORS = Exercise(
    id="6.4",
    title="The penalty strength of a Gaussian prior",
    kind="value",
    prompt=(
        "A linear model is fitted to $n = 100$ examples whose targets carry Gaussian noise of "
        "standard deviation $\\sigma = 0.5$, with the prior $w_j \\sim \\mathcal N(0, \\tau^2)$, "
        "$\\tau = 0.2$, on every weight. Which $\\lambda$ makes the minimiser of this chapter's "
        "objective $\\frac1n \\sum_i (x_i^\\top w - y_i)^2 + \\lambda \\sum_j w_j^2$ the MAP "
        "estimate?"
    ),
    reference=_lambda_from_priors,
    rtol=1e-6,
    atol=0.0,
    hints=(
        (
            "Write the negative log posterior: $\\frac{1}{2\\sigma^2}\\sum_i r_i^2 + "
            "\\frac{1}{2\\tau^2}\\sum_j w_j^2$ plus constants. Which factor turns its first "
            "term into the *mean* squared error?"
        ),
        (
            "Multiply by $2\\sigma^2 / n$: the penalty becomes "
            "$\\frac{\\sigma^2}{n\\tau^2}\\sum_j w_j^2$. Both $\\sigma$ and $\\tau$ enter "
            "squared."
        ),
    ),
    solution=(
        "sigma, tau, n = 0.5, 0.2, 100\n"
        "answer = sigma**2 / (n * tau**2)\n\n"
        'exercises.check("6.4", answer)'
    ),
    explanation=(
        "$\\lambda = \\sigma^2 / (n\\tau^2) = 0.25 / (100 \\cdot 0.04) = 0.0625$. More noise "
        "or a tighter prior asks for a stronger penalty; more data for a weaker one, because "
        "the likelihood's share of the posterior grows with $n$ while the prior's does not "
        "(section 8). `regularization.map_penalty_strength` computes it."
    ),
    mistakes=(
        0.5**2 / 0.2**2,  # n forgotten: the sum, not the mean, of squared errors
        0.5 / (100 * 0.2),  # standard deviations instead of variances
        0.2**2 / (100 * 0.5**2),  # the ratio upside down
        0.5**2 / (2 * 100 * 0.2**2),  # a stray factor 1/2
    ),
)

_X_HAND = np.array([1.0, 2.0, 3.0])
_Y_HAND = np.array([2.0, 3.0, 7.0])


def _map_by_hand():
    lam = regularization.map_penalty_strength(1.0, np.sqrt(0.5), _X_HAND.size)
    X = _X_HAND.reshape(-1, 1)
    return float(regularization.penalised_least_squares(X, _Y_HAND, lam, penalty="l2")[0])


_MAP_BY_HAND = Exercise(
    id="6.5",
    title="The MAP estimate of a one-weight model by hand",
    kind="value",
    prompt=(
        "The model $\\hat y = w x$ (one weight, no intercept) sees the points "
        "$x = (1, 2, 3)$, $y = (2, 3, 7)$. The noise is Gaussian with variance "
        "$\\sigma^2 = 1$ and the prior on $w$ is $\\mathcal N(0, \\tau^2)$ with "
        "$\\tau^2 = 0.5$. What is the MAP estimate of $w$? Work it out by hand (a calculator "
        "is fine) and type the number."
    ),
    reference=_map_by_hand,
    rtol=1e-6,
    atol=0.0,
    hints=(
        (
            "The negative log posterior is $\\frac{1}{2\\sigma^2}\\sum_i (w x_i - y_i)^2 + "
            "\\frac{w^2}{2\\tau^2}$ plus constants. Set its derivative in $w$ to zero."
        ),
        (
            "The derivative is zero at $w = \\sum_i x_i y_i / (\\sum_i x_i^2 + "
            "\\sigma^2/\\tau^2)$; here $\\sum x_i y_i = 29$ and $\\sum x_i^2 = 14$."
        ),
    ),
    solution=(
        "x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 3.0, 7.0])\n"
        "sigma2, tau2 = 1.0, 0.5\n"
        "answer = np.sum(x * y) / (np.sum(x**2) + sigma2 / tau2)\n\n"
        'exercises.check("6.5", answer)'
    ),
    explanation=(
        "$w_{\\text{MAP}} = 29 / (14 + 2) = 1.8125$, against the least-squares $29/14 "
        "\\approx 2.071$: the prior adds $\\sigma^2/\\tau^2 = 2$ to the denominator, which is "
        "ridge with $n\\lambda = \\sigma^2/\\tau^2$, so $\\lambda = 2/3$ in this chapter's "
        "mean-squared-error convention (section 8)."
    ),
    mistakes=(
        29.0 / 14.0,  # least squares: the prior forgotten
        29.0 / 14.5,  # tau^2 / sigma^2 instead of sigma^2 / tau^2
        29.0 / (14.0 + 2.0 / 3.0),  # lambda added where n * lambda belongs
        29.0 / (14.0 + 6.0),  # n * sigma^2 / tau^2: the n counted twice
    ),
)

# Two centred, orthogonal columns: mean squares 1 and 0.01 (standard deviations 1 and 0.1).
_X_SCALES = np.array([[1.0, 0.1], [1.0, -0.1], [-1.0, 0.1], [-1.0, -0.1]])
_Y_SCALES = np.array([2.0, 1.0, -1.0, -2.0])


def _small_scale_share():
    w_ols = regularization.penalised_least_squares(_X_SCALES, _Y_SCALES, 0.0, penalty="l2")
    w_l2 = regularization.penalised_least_squares(_X_SCALES, _Y_SCALES, 0.01, penalty="l2")
    return float(w_l2[1] / w_ols[1])


_UNSCALED = Exercise(
    id="6.6",
    title="Which weight does the penalty shrink more on unscaled features?",
    kind="value",
    prompt=(
        "Two centred features are uncorrelated: feature 1 has standard deviation 1, feature 2 "
        "standard deviation 0.1 (the same kind of quantity in a ten times larger unit, say): "
        "`X = [[1, 0.1], [1, -0.1], [-1, 0.1], [-1, -0.1]]`, `y = [2, 1, -1, -2]`. Ridge "
        "with $\\lambda = 0.01$ (this chapter's convention) multiplies each least-squares "
        "weight by a factor; feature 1's is $1/1.01 \\approx 0.99$. What is feature 2's factor, "
        "and which weight does the penalty shrink more?"
    ),
    reference=_small_scale_share,
    rtol=1e-6,
    atol=0.0,
    hints=(
        (
            "With orthogonal columns the problem splits into one problem per weight. Write "
            "the objective for one weight $w_j$ with $s_j = \\frac1n\\sum_i x_{ij}^2$."
        ),
        (
            "Per weight, ridge gives $w_j = \\frac{s_j}{s_j + \\lambda} w_j^{\\text{LS}}$; "
            "here $s_1 = 1$ and $s_2 = 0.01$."
        ),
    ),
    solution=(
        "X = np.array([[1, 0.1], [1, -0.1], [-1, 0.1], [-1, -0.1]])\n"
        "s = np.mean(X**2, axis=0)  # mean squares of the centred columns: 1 and 0.01\n"
        "lam = 0.01\n"
        "answer = s[1] / (s[1] + lam)\n\n"
        'exercises.check("6.6", answer)'
    ),
    explanation=(
        "Feature 2 keeps $0.01/(0.01 + 0.01) = 0.5$ of its weight, feature 1 keeps 0.99: the "
        "penalty halves the small-scale feature's weight and hardly touches the other, "
        "although both features carry the same kind of information. A small-scale feature "
        "needs a large weight, and the penalty charges the weight, not the feature's effect. "
        "Standardise first (section 10)."
    ),
    mistakes=(
        1.0 / 1.01,  # the scale ignored: every weight shrunk by 1 / (1 + lambda)
        0.1 / 0.11,  # standard deviations instead of mean squares
        1.0 / (1.0 + 0.01 * 0.01),  # the scale the wrong way round: lambda times s_2
    ),
)

EXERCISES = [_ENET_GRAD, _SOFT_THRESHOLD, _RIDGE, _LAMBDA_FROM_PRIORS, _MAP_BY_HAND, _UNSCALED]
