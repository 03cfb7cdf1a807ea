"""Exercises of chapter 4, "Classification losses": stable cross-entropies, label smoothing,
proper scoring and calibration."""

import numpy as np

from lossedu import losses, metrics
from lossedu.exercises._core import Exercise, Mistake


def _binary_case(rng: np.random.Generator) -> dict:
    """Hard or soft labels and logits, sometimes huge (where a naive formula breaks)."""
    n = int(rng.integers(1, 7))
    y = rng.integers(0, 2, n).astype(float) if rng.random() < 0.7 else rng.random(n)
    scale = 1e3 if rng.random() < 0.3 else 4.0
    return {"y_true": y, "logits": rng.normal(0.0, scale, n)}


# The planted mistakes below overflow on purpose (as a learner's code would); errstate keeps
# their warnings quiet when the tests call them directly.
def _naive_bce(y_true, logits):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = 1.0 / (1.0 + np.exp(-logits))  # sigmoid first: rounds to 0 or 1 for big |z|
        return float(np.mean(-(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p))))


def _clipped_bce(y_true, logits):
    with np.errstate(over="ignore"):
        p = np.clip(1.0 / (1.0 + np.exp(-logits)), 1e-7, 1.0 - 1e-7)  # capped at 16.1
    return float(np.mean(-(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p))))


_BCE_LOGITS = Exercise(
    id="4.1",
    title="Binary cross-entropy from logits",
    kind="function",
    prompt=(
        "Write `bce_with_logits(y_true, logits)` that returns the mean binary cross-entropy "
        "$-[y \\log \\sigma(z) + (1-y) \\log(1-\\sigma(z))]$ of labels $y \\in [0, 1]$ and "
        "logits $z$, **without computing $\\sigma(z)$ first**, so that it stays exact for "
        "logits such as $\\pm 1000$. Checked to a relative tolerance of $10^{-7}$."
    ),
    function_name="bce_with_logits",
    args=("y_true", "logits"),
    reference=losses.binary_cross_entropy_with_logits,
    cases=(
        {"y_true": np.array([1.0, 0.0]), "logits": np.array([0.0, 0.0])},
        {"y_true": np.array([1.0, 0.0]), "logits": np.array([2.0, -1.0])},
        {"y_true": np.array([1.0, 0.0]), "logits": np.array([1000.0, -1000.0])},
        {"y_true": np.array([0.0, 1.0]), "logits": np.array([1000.0, -1000.0])},
        {"y_true": np.array([0.25, 0.5, 1.0]), "logits": np.array([3.0, -40.0, 0.5])},
    ),
    generate=_binary_case,
    n_random=20,
    seed=41,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        (
            "Use $\\log \\sigma(z) = -\\log(1 + e^{-z})$ and $\\log(1 - \\sigma(z)) = -\\log(1 "
            "+ e^{z})$; then the loss is $\\log(1 + e^{z}) - y z$."
        ),
        (
            "`np.logaddexp(0, z)` computes $\\log(e^0 + e^z) = \\log(1 + e^z)$ without "
            "overflow, element by element. Subtract the term in $y$, then average over the "
            "examples."
        ),
    ),
    solution=(
        "def bce_with_logits(y_true, logits):\n"
        "    # log(1 + e^z) - y z; logaddexp(0, z) never forms e^z, so it cannot overflow\n"
        "    return float(np.mean(np.logaddexp(0.0, logits) - y_true * logits))\n\n\n"
        'exercises.check("4.1", bce_with_logits)'
    ),
    explanation=(
        "Written in the logit, $\\log(1 + e^{z}) - yz$, the loss never forms a probability "
        "that rounds to exactly 0 or 1, and `np.logaddexp` factors out the larger exponent "
        "before exponentiating. At $z = 1000$ with $y = 0$ it returns 1000, the true loss, "
        "where the naive formula gives `nan` or `inf`."
    ),
    mistakes=(
        Mistake(
            _naive_bce,
            "This looks like a formula that computes $\\sigma(z)$ first: for large $|z|$ the "
            "probability rounds to exactly 0 or 1 and the log gives `inf` or `nan`. Write the "
            "loss in the logit.",
        ),
        Mistake(
            _clipped_bce,
            "This looks like probabilities clipped away from 0 and 1: finite, but a confident "
            "mistake is capped at about 16 nats instead of costing $|z|$. Avoid the "
            "probability altogether.",
        ),
        Mistake(
            lambda y_true, logits: float(np.mean(np.logaddexp(0.0, -logits) - y_true * logits)),
            "The sign of $z$ inside the log-sum term looks flipped: $-\\log(1 - \\sigma(z))$ "
            "is $\\log(1 + e^{+z})$.",
        ),
        Mistake(
            lambda y_true, logits: float(np.sum(np.logaddexp(0.0, logits) - y_true * logits)),
            "This looks like the sum over the examples; the exercise asks for the mean.",
        ),
        Mistake(
            lambda y_true, logits: float(
                np.mean(np.logaddexp(0.0, logits) - y_true * logits) / np.log(2.0)
            ),
            "Off by a factor $1/\\ln 2$: did you use $\\log_2$ (bits)? The loss is in nats, "
            "with the natural logarithm.",
        ),
    ),
)


def _rows_case(rng: np.random.Generator) -> dict:
    """One-hot (or soft) target rows and logits, sometimes huge."""
    n, k = int(rng.integers(1, 5)), int(rng.integers(2, 6))
    if rng.random() < 0.7:
        t = np.eye(k)[rng.integers(0, k, n)]
    else:
        t = rng.dirichlet(np.ones(k), n)
    scale = 1e3 if rng.random() < 0.3 else 4.0
    return {"y_true": t, "logits": rng.normal(0.0, scale, (n, k))}


def _naive_softmax_ce(y_true, logits):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)  # inf / inf = nan
        return float(np.mean(-(y_true * np.log(p)).sum(axis=1)))


def _no_shift_lse(y_true, logits):
    with np.errstate(over="ignore", invalid="ignore"):
        lse = np.log(np.exp(logits).sum(axis=1))  # the log-sum-exp without its shift
        return float(np.mean(lse - (y_true * logits).sum(axis=1)))


def _ce_rows(y_true, logits):
    return losses.categorical_cross_entropy_with_logits(y_true, logits)


def _ce_rows_none(y_true, logits):
    return losses.categorical_cross_entropy_with_logits(y_true, logits, reduction="none")


_SOFTMAX_CE = Exercise(
    id="4.2",
    title="Softmax cross-entropy with log-sum-exp",
    kind="function",
    prompt=(
        "Write `softmax_cross_entropy(y_true, logits)` for logits $z$ of shape (n, k) and "
        "target rows $t$ of the same shape (one-hot or soft, each row summing to 1). Return "
        "the mean over the n rows of $-\\sum_j t_j \\log \\mathrm{softmax}(z)_j$, computed "
        "with the log-sum-exp trick so that logits of $\\pm 1000$ give exact results. "
        "Checked to a relative tolerance of $10^{-7}$."
    ),
    function_name="softmax_cross_entropy",
    args=("y_true", "logits"),
    reference=_ce_rows,
    cases=(
        {"y_true": np.array([[1.0, 0.0]]), "logits": np.array([[0.0, 0.0]])},
        {"y_true": np.array([[0.0, 1.0, 0.0]]), "logits": np.array([[1.0, 2.0, 3.0]])},
        {"y_true": np.array([[1.0, 0.0, 0.0]]), "logits": np.array([[1000.0, 0.0, -1000.0]])},
        {"y_true": np.array([[0.0, 0.0, 1.0]]), "logits": np.array([[1000.0, 0.0, -1000.0]])},
        {
            "y_true": np.array([[1.0, 0.0], [0.5, 0.5]]),
            "logits": np.array([[2.0, -1.0], [0.0, 3.0]]),
        },
    ),
    generate=_rows_case,
    n_random=20,
    seed=42,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        (
            "Since the targets in a row sum to 1, the loss of a row is "
            "$\\log \\sum_j e^{z_j} - \\sum_j t_j z_j$."
        ),
        (
            "Log-sum-exp: with $m = \\max_j z_j$, $\\log \\sum_j e^{z_j} = m + \\log \\sum_j "
            "e^{z_j - m}$. Every exponent is then at most 0, so nothing overflows. Use "
            "`logits.max(axis=1, keepdims=True)` and sum over `axis=1`."
        ),
    ),
    solution=(
        "def softmax_cross_entropy(y_true, logits):\n"
        "    m = logits.max(axis=1, keepdims=True)\n"
        "    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))  # log-sum-exp per row\n"
        "    return float(np.mean(lse - (y_true * logits).sum(axis=1)))\n\n\n"
        'exercises.check("4.2", softmax_cross_entropy)'
    ),
    explanation=(
        "$-\\log \\operatorname{softmax}(z)_j = \\operatorname{logsumexp}(z) - z_j$, and "
        "the targets of a row sum to 1, so the row's loss is the log-sum-exp minus the "
        "target-weighted logit. Subtracting the row maximum leaves every exponent at most "
        "0 and the largest term exactly 1, so the sum lies between 1 and $k$: no overflow "
        "and no log of 0."
    ),
    mistakes=(
        Mistake(
            _naive_softmax_ce,
            "This looks like the naive softmax: $e^{1000}$ overflows to `inf` and "
            "`inf / inf` is `nan`. Shift each row by its maximum before exponentiating.",
        ),
        Mistake(
            _no_shift_lse,
            "This looks like the log-sum-exp without its shift: right for small logits, "
            "`inf` for large ones. Subtract the row maximum inside and add it back outside.",
        ),
        Mistake(
            lambda y_true, logits: float(np.sum(_ce_rows_none(y_true, logits))),
            "This looks like the sum over the rows; the exercise asks for the mean.",
        ),
        Mistake(
            lambda y_true, logits: float(np.mean(-(y_true * logits).sum(axis=1))),
            "This looks like $-\\sum_j t_j z_j$ alone: the log-sum-exp term, the "
            "softmax's normaliser, is missing.",
        ),
    ),
)


def _smooth_labels(y_true, epsilon=0.1):
    """PyTorch's label smoothing (Szegedy et al. 2016): (1 - eps) t + eps / k."""
    t = np.asarray(y_true, dtype=np.float64)
    return (1.0 - epsilon) * t + epsilon / t.shape[1]


def _smooth_labels_truncated(y_true, epsilon=0.1):
    """A planted mistake: the output has y_true's dtype, so integer targets truncate."""
    out = np.zeros_like(y_true)
    out[...] = (1.0 - epsilon) * y_true + epsilon / y_true.shape[1]
    return out


def _smoothing_case(rng: np.random.Generator) -> dict:
    n, k = int(rng.integers(1, 5)), int(rng.integers(2, 7))
    t = np.eye(k)[rng.integers(0, k, n)] if rng.random() < 0.8 else rng.dirichlet(np.ones(k), n)
    return {"y_true": t, "epsilon": float(np.round(rng.uniform(0.0, 0.5), 2))}


_LABEL_SMOOTHING = Exercise(
    id="4.3",
    title="Label-smoothing targets",
    kind="function",
    prompt=(
        "Write `smooth_labels(y_true, epsilon=0.1)` that takes target rows of shape (n, k) "
        "(one-hot or soft) and returns PyTorch's smoothed targets "
        "$\\tilde t = (1 - \\varepsilon)\\, t + \\varepsilon / k$, also of shape (n, k), "
        "as floats even when `y_true` holds integers. Checked to a relative tolerance of "
        "$10^{-9}$."
    ),
    function_name="smooth_labels",
    args=("y_true",),
    reference=_smooth_labels,
    cases=(
        {"y_true": np.array([[1.0, 0.0]]), "epsilon": 0.1},
        {"y_true": np.array([[0.0, 1.0, 0.0, 0.0]]), "epsilon": 0.2},
        {"y_true": np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]), "epsilon": 0.0},
        {"y_true": np.array([[0.5, 0.5, 0.0]]), "epsilon": 0.3},
        {"y_true": np.array([[0, 1, 0], [1, 0, 0]]), "epsilon": 0.3},  # integer one-hot rows
    ),
    generate=_smoothing_case,
    n_random=20,
    seed=43,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "A share $1 - \\varepsilon$ of each target row is kept; the remaining share "
            "$\\varepsilon$ is spread evenly over **all** $k$ classes, the true one included."
        ),
        (
            "The number of classes is `y_true.shape[1]`; NumPy adds the scalar `epsilon / k` "
            "to every entry."
        ),
    ),
    solution=(
        "def smooth_labels(y_true, epsilon=0.1):\n"
        "    k = y_true.shape[1]\n"
        "    return (1 - epsilon) * y_true + epsilon / k\n\n\n"
        'exercises.check("4.3", smooth_labels)'
    ),
    explanation=(
        "Each smoothed row still sums to 1: "
        "$(1 - \\varepsilon) + k \\cdot \\varepsilon/k$. With one-hot targets the true "
        "class gets $1 - \\varepsilon + \\varepsilon/k$ and every other class "
        "$\\varepsilon/k$. This is the target that `label_smoothing=epsilon` uses in "
        "PyTorch's `cross_entropy` and in `losses.categorical_cross_entropy_with_logits` "
        "(section 9)."
    ),
    mistakes=(
        Mistake(
            lambda y_true, epsilon=0.1: y_true + epsilon / y_true.shape[1],
            "The rows now sum to $1 + \\varepsilon$: the target keeps all of its mass. Only "
            "a share $1 - \\varepsilon$ of it should stay.",
        ),
        Mistake(
            lambda y_true, epsilon=0.1: (1 - epsilon) * y_true + epsilon,
            "Every class received all of $\\varepsilon$: it should be shared among the $k$ "
            "classes.",
        ),
        Mistake(
            # spread over the k - 1 other classes only (another convention, not PyTorch's)
            lambda y_true, epsilon=0.1: (
                (1 - epsilon) * y_true + epsilon * (1 - y_true) / (y_true.shape[1] - 1)
            ),
            "This spreads $\\varepsilon$ over the $k - 1$ *other* classes only, another "
            "convention; PyTorch's gives a share to the true class too.",
        ),
        Mistake(
            _smooth_labels_truncated,
            "Right for float targets, wrong for integer ones: the result seems to keep the "
            "integer dtype of `y_true` (`np.zeros_like` or an in-place update), which "
            "truncates $\\varepsilon/k$ to 0.",
        ),
    ),
)

# The setting of exercise 4.4, stated in its prompt.
_K, _EPS = 10, 0.1


def _optimal_gap_ratio() -> float:
    """The ratio of the smoothed target's true-class entry to another class's."""
    t = _smooth_labels(np.eye(_K)[:1], _EPS)[0]
    return float(t[0] / t[1])


def _optimal_gap() -> float:
    """The logit gap at which p = softmax(z) equals the smoothed target (where CE is least)."""
    t = _smooth_labels(np.eye(_K)[:1], _EPS)[0]
    return float(np.log(t[0]) - np.log(t[1]))


_OPTIMAL_GAP = Exercise(
    id="4.4",
    title="The best logit gap under label smoothing",
    kind="value",
    prompt=(
        f"A classifier has k = {_K} classes and is trained with label smoothing "
        f"$\\varepsilon = {_EPS}$. For one example of class 0 its logits are "
        "$(g, 0, 0, \\dots, 0)$. Which gap $g$ gives the smallest smoothed cross-entropy? "
        "Checked to a relative tolerance of $10^{-3}$ (a scan of $g$ in steps of 0.001 is "
        "close enough)."
    ),
    reference=_optimal_gap,
    rtol=1e-3,
    atol=0.0,
    hints=(
        (
            "Cross-entropy $H(\\tilde t, p)$ is smallest when the prediction equals the "
            "target: $p = \\tilde t$."
        ),
        (
            "The softmax of $(g, 0, \\dots, 0)$ has $p_0 / p_j = e^{g}$. Set it equal to the "
            "ratio $\\tilde t_0 / \\tilde t_j$ of the smoothed targets (section 9 gives "
            "both) and solve for $g$."
        ),
    ),
    solution=(
        "k, eps = 10, 0.1\n"
        "answer = np.log((1 - eps + eps / k) / (eps / k))\n\n"
        'exercises.check("4.4", answer)'
    ),
    explanation=(
        "Cross-entropy is the entropy of the target plus the KL divergence, which is zero "
        "only when $p = \\tilde t$. Here $\\tilde t_0 / \\tilde t_j = (1 - 0.1 + 0.01) / "
        "0.01 = 91$, so $g = \\log 91 \\approx 4.511$, the closed form of section 9: "
        "finite, whereas without smoothing the loss keeps falling as $g \\to \\infty$."
    ),
    mistakes=(
        Mistake(
            float(np.log((1 - _EPS) / _EPS)),
            "This ignores the number of classes: $\\varepsilon$ is shared among the $k$ "
            "classes, so each wrong class gets $\\varepsilon/k$.",
        ),
        Mistake(
            float(np.log((1 - _EPS) / (_EPS / _K))),
            "Close: the true class also receives its share $\\varepsilon/k$ of the smoothing.",
        ),
        Mistake(
            float(np.log((1 - _EPS) / (_EPS / (_K - 1)))),
            "This is the convention that spreads $\\varepsilon$ over the $k - 1$ other "
            "classes; the exercise uses PyTorch's, over all $k$.",
        ),
        Mistake(
            float(np.log2(_optimal_gap_ratio())),
            "Off by a factor $1/\\ln 2$: did you use $\\log_2$? The softmax uses $e^{z}$, "
            "so the gap is a natural logarithm.",
        ),
    ),
)


def _probability_case(rng: np.random.Generator) -> dict:
    """Labels in {0, 1} and probabilities, some exactly 0, 1 or on a bin edge."""
    n = int(rng.integers(1, 9))
    p = rng.random(n)
    p[rng.random(n) < 0.2] = rng.choice([0.0, 0.5, 1.0])
    return {"y_true": rng.integers(0, 2, n).astype(float), "probs": p}


_BRIER = Exercise(
    id="4.5",
    title="The Brier score",
    kind="function",
    prompt=(
        "Write `brier(y_true, probs)` that returns the Brier score of labels $y \\in \\{0, 1\\}$ "
        "and predicted probabilities $p$ of class 1: the mean of $(p_i - y_i)^2$ over the n "
        "examples. Checked to a relative tolerance of $10^{-9}$."
    ),
    function_name="brier",
    args=("y_true", "probs"),
    reference=metrics.brier_score,
    cases=(
        {"y_true": np.array([1.0, 0.0]), "probs": np.array([0.5, 0.5])},
        {"y_true": np.array([1.0, 0.0, 1.0]), "probs": np.array([0.9, 0.2, 0.4])},
        {"y_true": np.array([0.0, 1.0]), "probs": np.array([1.0, 0.0])},
        {"y_true": np.array([1.0, 1.0, 0.0, 0.0]), "probs": np.array([1.0, 1.0, 0.0, 0.0])},
        {"y_true": np.array([1, 0, 1]), "probs": np.array([0.75, 0.25, 0.5])},  # integer labels
    ),
    generate=_probability_case,
    n_random=20,
    seed=45,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "It is the mean squared error of chapter 3, with the label as the target and the "
            "probability as the prediction."
        ),
        "Square each gap between probability and label, then average over the examples (no "
        "square root at the end).",
    ),
    solution=(
        "def brier(y_true, probs):\n"
        "    return float(np.mean((probs - y_true) ** 2))\n\n\n"
        'exercises.check("4.5", brier)'
    ),
    explanation=(
        "The Brier score is the mean squared error between the probability and the 0/1 label. "
        "Its expected value under a true probability $\\eta$ is "
        "$(p - \\eta)^2 + \\eta(1 - \\eta)$, smallest only at $p = \\eta$: it is strictly "
        "proper (section 11). It is bounded (0 to 1), so unlike the log loss one confident "
        "mistake costs at most 1."
    ),
    mistakes=(
        Mistake(
            lambda y_true, probs: float(np.mean(np.abs(probs - y_true))),
            "This looks like the mean *absolute* error, which is not a proper score; the "
            "Brier score squares each gap.",
        ),
        Mistake(
            lambda y_true, probs: float(np.sqrt(np.mean((probs - y_true) ** 2))),
            "This looks like the root of the Brier score (an RMSE); leave out the square root.",
        ),
        Mistake(
            lambda y_true, probs: float(np.sum((probs - y_true) ** 2)),
            "This looks like the sum of the squared gaps; the Brier score is their mean.",
        ),
        Mistake(
            lambda y_true, probs: float(np.mean((probs - (1.0 - y_true)) ** 2)),
            "This compares the probability with the *other* class: `probs` is the "
            "probability of class 1, to be compared with the label itself.",
        ),
    ),
)


def _ece_case(rng: np.random.Generator) -> dict:
    """Labels and probabilities with values on inner bin edges, and a number of bins."""
    n_bins = int(rng.integers(1, 11))
    n = int(rng.integers(1, 13))
    p = rng.random(n)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    on_edge = rng.random(n) < 0.3
    p[on_edge] = rng.choice(edges, int(on_edge.sum()))
    return {"y_true": rng.integers(0, 2, n).astype(float), "probs": p, "n_bins": n_bins}


def _ece_unweighted(y_true, probs, n_bins=10):
    """A planted mistake: the plain mean of the bins' gaps, not weighted by their counts."""
    prob_true, prob_pred = metrics.calibration_curve(y_true, probs, n_bins=n_bins)
    return float(np.mean(np.abs(prob_true - prob_pred)))


def _ece_upper_edge(y_true, probs, n_bins=10):
    """A planted mistake: an inner edge goes to the bin above (np.digitize's default)."""
    ids = np.clip(np.digitize(probs, np.linspace(0.0, 1.0, n_bins + 1)) - 1, 0, n_bins - 1)
    gaps = [abs(np.sum(y_true[ids == b] - probs[ids == b])) for b in range(n_bins)]
    return float(np.sum(gaps) / len(y_true))


_ECE = Exercise(
    id="4.6",
    title="Expected calibration error",
    kind="function",
    prompt=(
        "Write `ece(y_true, probs, n_bins=10)` for labels in {0, 1} and probabilities of "
        "class 1. Cut [0, 1] into `n_bins` equal bins $[0, \\frac1m], (\\frac1m, \\frac2m], "
        "\\ldots$ (a probability on an inner edge belongs to the bin **below** it, as in "
        "scikit-learn). For each non-empty bin $B$ take the gap between its fraction of "
        "positives and its mean probability, and return the average of these gaps weighted "
        "by $|B| / n$. Checked to a relative tolerance of $10^{-9}$."
    ),
    function_name="ece",
    args=("y_true", "probs"),
    reference=metrics.expected_calibration_error,
    cases=(
        {
            "y_true": np.array([0.0, 0.0, 1.0, 1.0]),
            "probs": np.array([0.1, 0.2, 0.7, 0.9]),
            "n_bins": 2,
        },
        {"y_true": np.array([0.0, 1.0, 1.0]), "probs": np.array([0.5, 0.5, 0.9]), "n_bins": 2},
        {"y_true": np.array([1.0, 0.0, 1.0, 0.0]), "probs": np.full(4, 0.5), "n_bins": 10},
        {"y_true": np.array([1.0, 0.0, 0.0]), "probs": np.array([0.0, 1.0, 0.3]), "n_bins": 5},
    ),
    generate=_ece_case,
    n_random=20,
    seed=46,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "Give each probability a bin number first; then, bin by bin, compare the mean of "
            "the labels with the mean of the probabilities, and weight by the bin's share of "
            "the examples."
        ),
        (
            "`np.searchsorted(np.linspace(0, 1, n_bins + 1)[1:-1], probs)` gives bin numbers "
            "0 .. n_bins - 1 with an inner edge counted in the bin below. A bin's weighted gap "
            "$\\frac{|B|}{n} |\\bar y_B - \\bar p_B|$ equals "
            "$\\frac1n |\\sum_{i \\in B} (y_i - p_i)|$."
        ),
    ),
    solution=(
        "def ece(y_true, probs, n_bins=10):\n"
        "    inner_edges = np.linspace(0.0, 1.0, n_bins + 1)[1:-1]\n"
        "    bins = np.searchsorted(inner_edges, probs)  # an edge goes to the bin below\n"
        "    total = sum(abs(np.sum(y_true[bins == b] - probs[bins == b])) "
        "for b in range(n_bins))\n"
        "    return float(total / len(y_true))\n\n\n"
        'exercises.check("4.6", ece)'
    ),
    explanation=(
        "Each bin contributes $\\frac{|B|}{n} |\\bar y_B - \\bar p_B| = \\frac1n |\\sum_{i \\in "
        "B} (y_i - p_i)|$, so empty bins contribute nothing by themselves. Two conventions "
        "matter: the weighting (an unweighted mean over bins lets a bin of one example count "
        "as much as a bin of a thousand) and the edges (`np.digitize` puts a probability of "
        "0.5 in the upper bin, scikit-learn in the lower one). The ECE also depends on "
        "`n_bins`, so always report it with the number of bins."
    ),
    mistakes=(
        Mistake(
            _ece_unweighted,
            "This looks like the plain mean of the bins' gaps: each bin should count in "
            "proportion to the number of examples in it, $|B|/n$.",
        ),
        Mistake(
            _ece_upper_edge,
            "Right except on the bin edges: a probability on an inner edge seems to go to the "
            "bin above (`np.digitize`'s default); it belongs to the bin below.",
        ),
        Mistake(
            # the gap inside each example, not each bin: the mean absolute error
            lambda y_true, probs, n_bins=10: float(np.mean(np.abs(y_true - probs))),
            "This looks like the gap of each *example*, $|y_i - p_i|$, averaged: calibration "
            "compares averages over a bin, where errors of opposite sign cancel.",
        ),
        Mistake(
            # one bin for everything: only the gap between the base rate and the mean probability
            lambda y_true, probs, n_bins=10: float(abs(np.mean(y_true) - np.mean(probs))),
            "This looks like a single bin for all examples; use `n_bins` bins.",
        ),
    ),
)


def _trusted_model() -> int:
    """Model 2: its reliability gap and its log loss are smaller than model 1's, by more
    than their intervals (the numbers of the prompt)."""
    return 2


_WHICH_MODEL = Exercise(
    id="4.7",
    title="Whose probabilities to trust?",
    kind="value",
    prompt=(
        "Two classifiers are evaluated on the same 2000 validation examples. Model 1: "
        "accuracy 0.861 (95 % bootstrap interval 0.846 to 0.876), log loss 0.52, ECE 0.094 "
        "(0.081 to 0.108); its reliability diagram lies below the diagonal above 0.5. "
        "Model 2: accuracy 0.853 (0.837 to 0.868), log loss 0.35, ECE 0.018 (0.012 to 0.031). "
        "You will turn the probabilities into decisions with a cost-based threshold, which "
        "assumes that a predicted 0.8 means 80 %. Whose probabilities do you trust: answer "
        "`1` or `2` (checked exactly)."
    ),
    reference=_trusted_model,
    rtol=0.0,
    atol=0.0,
    hints=(
        (
            "Is the difference in accuracy larger than its error bar? And which numbers "
            "speak about what the probabilities *mean*, rather than about the decisions at "
            "0.5?"
        ),
        (
            "The ECE intervals do not overlap, and the log loss (a proper score) agrees. A "
            "reliability curve below the diagonal at high probabilities means over-confidence."
        ),
    ),
    solution='answer = 2\n\nexercises.check("4.7", answer)',
    explanation=(
        "The accuracies differ by 0.008, well inside their intervals: on decisions at 0.5 the "
        "two models are indistinguishable. What the threshold needs is that probabilities "
        "mean what they say. Model 1 is over-confident (its curve is below the diagonal where "
        "it is sure), with an ECE whose interval lies entirely above model 2's, and its log "
        "loss, a strictly proper score, is worse too. Model 2's probabilities are the ones "
        "to use; model 1's could be recalibrated (Platt scaling, section 14) on held-out "
        "data before use."
    ),
    mistakes=(
        Mistake(
            1,
            "Model 1 has the higher accuracy, but by less than the intervals' width; the "
            "question is about what the probabilities mean. Look at the ECE intervals and "
            "the log loss.",
        ),
    ),
)

EXERCISES = [
    _BCE_LOGITS,
    _SOFTMAX_CE,
    _LABEL_SMOOTHING,
    _OPTIMAL_GAP,
    _BRIER,
    _ECE,
    _WHICH_MODEL,
]

# Each learning objective of the chapter (the bullet's text, whitespace collapsed) and the
# exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "compute binary cross-entropy (two classes) and categorical cross-entropy with "
        "{term}`softmax` (several classes), and read them as {term}`negative log-likelihoods "
        "<negative log-likelihood>` and as a gap between distributions;",
        ("4.1", "4.2", "4.q1"),
    ),
    (
        "explain why cross-entropy reacts so strongly near predicted probabilities of 0 and 1, "
        "and why its gradient with respect to the {term}`logits <logit>` is simply $p - y$;",
        ("4.q1", "4.q2"),
    ),
    (
        "compute these losses from logits with the {term}`log-sum-exp` trick, and recognise "
        "the failures of the naive formulas;",
        ("4.1", "4.2", "4.q3"),
    ),
    (
        "compare cross-entropy, hinge and zero-one losses as functions of the "
        "{term}`margin`, and say what label smoothing changes;",
        ("4.3", "4.4", "4.q4", "4.q5"),
    ),
    (
        "show that log loss and the Brier score are strictly proper scoring rules, and judge "
        "whether a model's probabilities are calibrated with a reliability diagram and the "
        "expected calibration error (with its interval);",
        ("4.5", "4.6", "4.7", "4.q6", "4.q7"),
    ),
    (
        "recognise over-confidence during training, and why hinge scores and label-smoothed "
        "models need their probabilities checked (and Platt scaling to fix the former).",
        ("4.7", "4.q8", "4.q9"),
    ),
)
