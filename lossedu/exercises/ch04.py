"""Exercises of chapter 4, "Classification losses": stable cross-entropies, label smoothing."""

import numpy as np

from lossedu import losses
from lossedu.exercises._core import Exercise


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
        "logits such as $\\pm 1000$."
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
            "overflow, so the loss is `np.mean(np.logaddexp(0, logits) - y_true * logits)`."
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
        _naive_bce,  # nan/inf at |z| = 1000
        _clipped_bce,  # finite but wrong for confident mistakes
        lambda y_true, logits: float(np.mean(np.logaddexp(0.0, -logits) - y_true * logits)),
        lambda y_true, logits: float(np.sum(np.logaddexp(0.0, logits) - y_true * logits)),
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
        "with the log-sum-exp trick so that logits of $\\pm 1000$ give exact results."
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
        _naive_softmax_ce,  # nan at logits of 1000
        _no_shift_lse,  # inf at logits of 1000
        lambda y_true, logits: float(np.sum(_ce_rows_none(y_true, logits))),  # sum over rows
        lambda y_true, logits: float(np.mean(-(y_true * logits).sum(axis=1))),  # no log-sum-exp
    ),
)


def _smooth_labels(y_true, epsilon=0.1):
    """PyTorch's label smoothing (Szegedy et al. 2016): (1 - eps) t + eps / k."""
    t = np.asarray(y_true, dtype=np.float64)
    return (1.0 - epsilon) * t + epsilon / t.shape[1]


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
        "$\\tilde t = (1 - \\varepsilon)\\, t + \\varepsilon / k$, also of shape (n, k)."
    ),
    function_name="smooth_labels",
    args=("y_true",),
    reference=_smooth_labels,
    cases=(
        {"y_true": np.array([[1.0, 0.0]]), "epsilon": 0.1},
        {"y_true": np.array([[0.0, 1.0, 0.0, 0.0]]), "epsilon": 0.2},
        {"y_true": np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]), "epsilon": 0.0},
        {"y_true": np.array([[0.5, 0.5, 0.0]]), "epsilon": 0.3},
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
        lambda y_true, epsilon=0.1: y_true + epsilon / y_true.shape[1],  # kept all of t
        lambda y_true, epsilon=0.1: (1 - epsilon) * y_true + epsilon,  # forgot / k
        # spread over the k - 1 other classes only (another convention, not PyTorch's)
        lambda y_true, epsilon=0.1: (
            (1 - epsilon) * y_true + epsilon * (1 - y_true) / (y_true.shape[1] - 1)
        ),
    ),
)

# The setting of exercise 4.4, stated in its prompt.
_K, _EPS = 10, 0.1


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
        "$(g, 0, 0, \\dots, 0)$. Which gap $g$ gives the smallest smoothed cross-entropy?"
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
            "The softmax of $(g, 0, \\dots, 0)$ has $p_0 / p_j = e^{g}$. Set it equal to "
            "$\\tilde t_0 / \\tilde t_j = (1 - \\varepsilon + \\varepsilon/k) / "
            "(\\varepsilon/k)$ and take the log."
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
        float(np.log((1 - _EPS) / _EPS)),  # ignored k
        float(np.log((1 - _EPS) / (_EPS / _K))),  # forgot the eps/k on the true class
        float(np.log((1 - _EPS) / (_EPS / (_K - 1)))),  # the k - 1 convention
    ),
)

EXERCISES = [_BCE_LOGITS, _SOFTMAX_CE, _LABEL_SMOOTHING, _OPTIMAL_GAP]
