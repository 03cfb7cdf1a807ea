"""Exercises of chapter 6, "Regularisation": penalties, ridge, priors, scaling and the
condition number that standardising improves."""

import numpy as np

from lossedu import regularization
from lossedu.exercises._core import Exercise, Mistake


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
        "$w_j = 0$ use 0 for the slope of $|w_j|$. Return floats even when `w` holds "
        "integers. Checked to a relative tolerance of $10^{-6}$."
    ),
    function_name="penalty_grad",
    args=("w", "lam", "l1_ratio"),
    reference=_enet_reference,
    cases=(
        {"w": np.array([1.0, -2.0, 0.0]), "lam": 0.5, "l1_ratio": 1.0},
        {"w": np.array([1.0, -2.0, 0.0]), "lam": 0.5, "l1_ratio": 0.0},
        {"w": np.array([1.0, -2.0, 0.0]), "lam": 0.5, "l1_ratio": 0.5},
        {"w": np.array([1, -2, 0]), "lam": 0.3, "l1_ratio": 0.5},  # integer weights
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
            "`np.sign(w)` is 0 at 0, as asked. Weight each part's slope by its share of the "
            "penalty, $\\nu$ or $1 - \\nu$, and multiply the whole by $\\lambda$."
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
        Mistake(
            lambda w, lam, l1_ratio: lam * (l1_ratio * np.sign(w) + (1 - l1_ratio) * w),
            "The L2 part's slope looks off by a factor 2: the derivative of $w^2$ is $2w$.",
        ),
        Mistake(
            lambda w, lam, l1_ratio: lam * l1_ratio * np.sign(w) + 2 * (1 - l1_ratio) * w,
            "$\\lambda$ seems to multiply only the L1 part; it scales the whole penalty.",
        ),
        Mistake(
            lambda w, lam, l1_ratio: lam * ((1 - l1_ratio) * np.sign(w) + 2 * l1_ratio * w),
            "The two shares look swapped: `l1_ratio` weights the L1 part, `1 - l1_ratio` the "
            "L2 part.",
        ),
    ),
)


def _st_reference(v, t):
    return regularization.soft_threshold(v, t)


def _soft_threshold_truncated(v, t):
    """A planted mistake: the result gets v's dtype, so integer inputs truncate."""
    out = np.zeros_like(v)
    out[...] = np.sign(v) * np.maximum(np.abs(v) - t, 0.0)
    return out


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
        "($t \\ge 0$), as floats even when `v` holds integers. Checked to a relative "
        "tolerance of $10^{-6}$."
    ),
    function_name="soft_threshold",
    args=("v", "t"),
    reference=_st_reference,
    cases=(
        {"v": np.array([3.0, -0.5, 0.2, -2.0]), "t": 1.0},
        {"v": np.array([0.7, -0.7]), "t": 0.7},
        {"v": np.array([1.5, -4.0]), "t": 0.0},
        {"v": np.array([3, -1, 0, 2]), "t": 1.5},  # integers: the answers are not
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
            "If neither guess is consistent ($|v| \\le t$), the answer is $u = 0$. "
            "`np.sign`, `np.abs` and `np.maximum` combine the three cases in one expression, "
            "element by element."
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
        Mistake(
            lambda v, t: np.sign(v) * (np.abs(v) - t),
            "Entries smaller than $t$ seem to flip sign: clamp $|v| - t$ at 0 before "
            "restoring the sign.",
        ),
        Mistake(
            lambda v, t: v * (np.abs(v) > t),
            "This looks like hard thresholding: small entries become 0, but the others must "
            "also move $t$ towards 0.",
        ),
        Mistake(
            lambda v, t: np.clip(v, -t, t),
            "This clips the entries to $[-t, t]$; the solution shrinks them towards 0 by $t$.",
        ),
        Mistake(
            _soft_threshold_truncated,
            "Right for float inputs, wrong for integer ones: the result seems to keep the "
            "integer dtype of `v` (`np.zeros_like(v)` or an in-place update), which "
            "truncates it.",
        ),
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
        "shape (n,), $\\lambda > 0$. Checked to a relative tolerance of $10^{-6}$."
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
            "Multiply by $n/2$ and collect the terms in $w$ on one side: a linear system "
            "$M w = X^\\top y$. Solve it with `np.linalg.solve`; mind the factor $n$, which "
            "comes from the *mean* in the loss."
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
        Mistake(
            lambda X, y, lam: np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y),
            "This looks like the solution for the *sum* of squares (scikit-learn's "
            "convention): with the mean, $\\lambda$ is multiplied by $n$.",
        ),
        Mistake(
            lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0],
            "This looks like plain least squares: the penalty is missing.",
        ),
        Mistake(
            lambda X, y, lam: np.linalg.solve(
                X.T @ X + 0.5 * len(y) * lam * np.eye(X.shape[1]), X.T @ y
            ),
            "Off by a factor 2 in the penalty: this chapter's L2 penalty has no "
            "$\\tfrac12$, so its gradient is $2\\lambda w$.",
        ),
    ),
)


# The setting of exercise 6.4, stated in its prompt.
_SIGMA_64, _TAU_64, _N_64 = 0.5, 0.2, 100


def _lambda_from_priors():
    return regularization.map_penalty_strength(_SIGMA_64**2, _TAU_64, _N_64)


_LAMBDA_FROM_PRIORS = Exercise(
    id="6.4",
    title="The penalty strength of a Gaussian prior",
    kind="value",
    prompt=(
        "A linear model is fitted to $n = 100$ examples whose targets carry Gaussian noise of "
        "standard deviation $\\sigma = 0.5$, with the prior $w_j \\sim \\mathcal N(0, \\tau^2)$, "
        "$\\tau = 0.2$, on every weight. Which $\\lambda$ makes the minimiser of this chapter's "
        "objective $\\frac1n \\sum_i (x_i^\\top w - y_i)^2 + \\lambda \\sum_j w_j^2$ the MAP "
        "estimate? Checked to a relative tolerance of $10^{-6}$."
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
            "Multiply the whole expression by the factor that turns its first term into the "
            "mean squared error; $\\lambda$ is then the coefficient of $\\sum_j w_j^2$. Both "
            "$\\sigma$ and $\\tau$ enter squared."
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
        Mistake(
            _SIGMA_64**2 / _TAU_64**2,
            "This matches the *sum* of squared errors; the objective averages them, which "
            "brings in $n$.",
        ),
        Mistake(
            _SIGMA_64 / (_N_64 * _TAU_64),
            "This uses the standard deviations; the log-densities contain the variances "
            "$\\sigma^2$ and $\\tau^2$.",
        ),
        Mistake(
            _TAU_64**2 / (_N_64 * _SIGMA_64**2),
            "The ratio looks upside down: more noise should ask for a *stronger* penalty.",
        ),
        Mistake(
            _SIGMA_64**2 / (2 * _N_64 * _TAU_64**2),
            "Off by a factor $\\tfrac12$: the $\\tfrac12$ of the two Gaussians cancel.",
        ),
    ),
)

_X_HAND = np.array([1.0, 2.0, 3.0])
_Y_HAND = np.array([2.0, 3.0, 7.0])


_SIGMA2_HAND, _TAU2_HAND = 1.0, 0.5  # the noise and prior variances of exercise 6.5


def _map_by_hand():
    lam = regularization.map_penalty_strength(_SIGMA2_HAND, np.sqrt(_TAU2_HAND), _X_HAND.size)
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
        "is fine) and type the number. Checked to a relative tolerance of $10^{-6}$."
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
            "The derivative is linear in $w$: collect the terms in $w$ on one side. You need "
            "$\\sum_i x_i y_i$, $\\sum_i x_i^2$ and the ratio of the two variances."
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
        Mistake(
            float(np.sum(_X_HAND * _Y_HAND) / np.sum(_X_HAND**2)),
            "This looks like the least-squares weight: the prior is missing.",
        ),
        Mistake(
            float(np.sum(_X_HAND * _Y_HAND) / (np.sum(_X_HAND**2) + _TAU2_HAND / _SIGMA2_HAND)),
            "The variance ratio looks upside down: the prior adds $\\sigma^2/\\tau^2$, not "
            "$\\tau^2/\\sigma^2$.",
        ),
        Mistake(
            float(
                np.sum(_X_HAND * _Y_HAND)
                / (np.sum(_X_HAND**2) + _SIGMA2_HAND / (_X_HAND.size * _TAU2_HAND))
            ),
            "This adds $\\lambda$ where the sum of squares needs $n\\lambda$.",
        ),
        Mistake(
            float(
                np.sum(_X_HAND * _Y_HAND)
                / (np.sum(_X_HAND**2) + _X_HAND.size * _SIGMA2_HAND / _TAU2_HAND)
            ),
            "The number of points seems to be counted twice: with the *sum* of squares the "
            "prior adds $\\sigma^2/\\tau^2$ once.",
        ),
    ),
)

# Two centred, orthogonal columns: mean squares 1 and 0.01 (standard deviations 1 and 0.1).
_X_SCALES = np.array([[1.0, 0.1], [1.0, -0.1], [-1.0, 0.1], [-1.0, -0.1]])
_Y_SCALES = np.array([2.0, 1.0, -1.0, -2.0])


_LAM_66 = 0.01  # the strength of exercise 6.6
_MEAN_SQUARES_66 = np.mean(_X_SCALES**2, axis=0)  # 1 and 0.01
_STDS_66 = np.std(_X_SCALES, axis=0)  # 1 and 0.1 (the columns are centred)


def _small_scale_share():
    w_ols = regularization.penalised_least_squares(_X_SCALES, _Y_SCALES, 0.0, penalty="l2")
    w_l2 = regularization.penalised_least_squares(_X_SCALES, _Y_SCALES, _LAM_66, penalty="l2")
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
        "and which weight does the penalty shrink more? Checked to a relative tolerance of "
        "$10^{-6}$."
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
            "Per weight, ridge multiplies the least-squares weight by a factor that depends "
            "only on $s_j$ and $\\lambda$; feature 1's factor $1/1.01$ tells you its form. "
            "Compute $s_2$ from the second column."
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
        Mistake(
            float(_MEAN_SQUARES_66[0] / (_MEAN_SQUARES_66[0] + _LAM_66)),
            "This is feature 1's factor: the feature's scale seems to be ignored.",
        ),
        Mistake(
            float(_STDS_66[1] / (_STDS_66[1] + _LAM_66)),
            "This uses the standard deviation 0.1 where the mean square 0.01 belongs.",
        ),
        Mistake(
            float(1.0 / (1.0 + _LAM_66 * _MEAN_SQUARES_66[1])),
            "The scale enters the wrong way round: a small feature needs a large weight, "
            "which the penalty shrinks *more*.",
        ),
    ),
)


def _kappa_of_gram(X) -> float:
    """The condition number of X^T X: its largest eigenvalue over its smallest."""
    h = np.linalg.eigvalsh(X.T @ X)
    return float(h[-1] / h[0])


def _condition_numbers(X):
    X = np.asarray(X, dtype=np.float64)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    return np.array([_kappa_of_gram(X), _kappa_of_gram(Z)])


def _features_case(rng: np.random.Generator) -> dict:
    """Features of very different scales and offsets (a few share a scale)."""
    n, d = int(rng.integers(4, 30)), int(rng.integers(2, 4))
    scale = 10.0 ** rng.uniform(-1.0, 2.0, d)
    offset = rng.choice([0.0, 1.0, 5.0, 50.0], d) * scale
    return {"X": offset + scale * rng.normal(0.0, 1.0, (n, d))}


def _scaled_only(X):
    X = np.asarray(X, dtype=np.float64)
    return np.array([_kappa_of_gram(X), _kappa_of_gram(X / X.std(axis=0))])


def _centred_only(X):
    X = np.asarray(X, dtype=np.float64)
    return np.array([_kappa_of_gram(X), _kappa_of_gram(X - X.mean(axis=0))])


def _cond_of_X(X):
    X = np.asarray(X, dtype=np.float64)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    return np.array([np.linalg.cond(X), np.linalg.cond(Z)])


def _rows_standardised(X):
    X = np.asarray(X, dtype=np.float64)
    Z = (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.array([_kappa_of_gram(X), _kappa_of_gram(Z)])


_CONDITIONING = Exercise(
    id="6.7",
    title="What standardising does to the condition number",
    kind="function",
    prompt=(
        "Write `condition_numbers(X)` for a design matrix `X` of shape (n, d) (no column of "
        "ones). Return `np.array([kappa_raw, kappa_std])`: the condition number "
        "$\\kappa = h_{\\max}/h_{\\min}$ of $X^\\top X$ (its largest eigenvalue over its "
        "smallest), first for `X` itself, then for `X` standardised column by column "
        "(subtract each column's mean, divide by its standard deviation). Example: for "
        "`X = [[1, 120], [2, 80], [3, 150], [4, 90]]` the answer is about "
        "`[7472.0, 1.178]`. Checked to a relative tolerance of $10^{-6}$."
    ),
    function_name="condition_numbers",
    args=("X",),
    reference=_condition_numbers,
    cases=(
        {"X": np.array([[1.0, 120.0], [2.0, 80.0], [3.0, 150.0], [4.0, 90.0]])},
        {"X": np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])},
        {"X": np.array([[1, 10], [2, 30], [3, 20], [4, 20]])},  # integers
        {"X": np.array([[100.0, 0.1], [102.0, 0.3], [101.0, 0.2], [103.0, 0.1]])},
    ),
    generate=_features_case,
    n_random=20,
    seed=67,
    rtol=1e-6,
    atol=0.0,
    hints=(
        (
            "`np.linalg.eigvalsh(X.T @ X)` returns the eigenvalues of the symmetric matrix "
            "$X^\\top X$ in increasing order."
        ),
        (
            "Standardise the *columns*: `X.mean(axis=0)` and `X.std(axis=0)` give one mean "
            "and one standard deviation per feature. Centring matters as much as scaling: a "
            "large offset alone makes $X^\\top X$ nearly singular."
        ),
    ),
    solution=(
        "def condition_numbers(X):\n"
        "    def kappa(A):\n"
        "        h = np.linalg.eigvalsh(A.T @ A)  # increasing order\n"
        "        return h[-1] / h[0]\n\n"
        "    Z = (X - X.mean(axis=0)) / X.std(axis=0)\n"
        "    return np.array([kappa(X), kappa(Z)])\n\n\n"
        'exercises.check("6.7", condition_numbers)'
    ),
    explanation=(
        "After standardising, $X^\\top X / n$ is the features' correlation matrix, so "
        "$\\kappa$ no longer depends on units or offsets, only on how correlated the "
        "features are; for two features it is $(1 + |r|)/(1 - |r|)$, 1.18 in the example "
        "($r = -0.08$). The raw $\\kappa$ of 7472 comes from the second column's scale and "
        "both columns' offsets. A small $\\kappa$ is what lets gradient descent converge in a "
        "few steps (chapter 5, section 9), and the same common scale is what lets one "
        "penalty treat every feature alike (section 10). Whether you divide by the standard "
        "deviation with `ddof=0` or `ddof=1` does not matter: $\\kappa$ ignores a common "
        "factor."
    ),
    mistakes=(
        Mistake(
            _scaled_only,
            "The columns seem to be scaled but not centred: an offset far from 0 keeps "
            "$X^\\top X$ badly conditioned.",
        ),
        Mistake(
            _centred_only,
            "The columns seem to be centred but not divided by their standard deviations.",
        ),
        Mistake(
            _cond_of_X,
            "This looks like the condition number of $X$ itself (`np.linalg.cond(X)`), the "
            "square root of that of $X^\\top X$.",
        ),
        Mistake(
            _rows_standardised,
            "The rows seem to be standardised; each *column* (feature) gets its own mean and "
            "standard deviation: use `axis=0`.",
        ),
    ),
)

EXERCISES = [
    _ENET_GRAD,
    _SOFT_THRESHOLD,
    _RIDGE,
    _LAMBDA_FROM_PRIORS,
    _MAP_BY_HAND,
    _UNSCALED,
    _CONDITIONING,
]

# Each learning objective of the chapter (the bullet's text, whitespace collapsed) and the
# exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "write the L1, L2 and elastic-net penalties and their gradients, and add them to a loss;",
        ("6.1", "6.q1"),
    ),
    (
        "explain, with contour plots and with the equivalent constraint regions (the L2 disc, "
        "the L1 diamond), how each penalty moves the minimum, and why L1 gives exact zeros "
        "({term}`sparsity`) while L2 only shrinks the weights' overall size;",
        ("6.2", "6.q1", "6.q2", "6.q6"),
    ),
    (
        "fit ridge regression in closed form and the lasso by proximal gradient descent "
        "(soft-thresholding), and match scikit-learn's `Ridge` and `Lasso` with the right "
        "scaling;",
        ("6.2", "6.3", "6.q3", "6.q4"),
    ),
    (
        "sweep the penalty strength, read the training and validation losses, and pick a "
        "strength that generalises to unseen noisy data;",
        ("6.q5",),
    ),
    (
        "read L2 and L1 as Gaussian and Laplace priors (the MAP estimate, "
        "$\\lambda = \\sigma^2/(n\\tau^2)$ for ridge), early stopping as an implicit ridge "
        "penalty, and explain why features are standardised, and the intercept left "
        "unpenalised, before penalising.",
        ("6.4", "6.5", "6.6", "6.7", "6.q7", "6.q8", "6.q9", "6.q10", "6.q11"),
    ),
)
