"""Exercises of chapter 7, "Validation curves and metrics beyond loss"."""

import numpy as np

from lossedu import losses, metrics, model_selection
from lossedu.exercises._core import Exercise, Mistake


def _labels_from_matrix(matrix) -> tuple[np.ndarray, np.ndarray]:
    """Labels with the counts [[TN, FP], [FN, TP]] of a 2 x 2 confusion matrix."""
    (tn, fp), (fn, tp) = np.asarray(matrix, dtype=int)
    y_true = np.repeat([0, 0, 1, 1], [tn, fp, fn, tp])
    y_pred = np.repeat([0, 1, 0, 1], [tn, fp, fn, tp])
    return y_true, y_pred


def _prf_reference(matrix) -> np.ndarray:
    y_true, y_pred = _labels_from_matrix(matrix)
    return np.array([f(y_true, y_pred) for f in (metrics.precision, metrics.recall, metrics.f1)])


def _matrix(rng: np.random.Generator) -> dict:
    m = rng.integers(0, 30, (2, 2)).astype(float)
    if rng.random() < 0.2:
        m[:, 1] = 0.0  # sometimes no positive predictions at all
    return {"matrix": m}


def _naive_prf(matrix):
    (_, fp), (fn, tp) = matrix
    with np.errstate(invalid="ignore", divide="ignore"):  # 0/0 gives NaN: the mistake
        p, r = tp / (tp + fp), tp / (tp + fn)
        return np.array([p, r, 2 * p * r / (p + r)])


_PRF = Exercise(
    id="7.1",
    title="Precision, recall and F1 from a confusion matrix",
    kind="function",
    prompt=(
        "Write `prf(matrix)` that takes a 2 x 2 confusion matrix `[[TN, FP], [FN, TP]]` "
        "(rows: true label 0, 1; columns: predicted label 0, 1, as `metrics.confusion_matrix`; "
        "the counts may come as floats) and returns `np.array([precision, recall, f1])`. "
        "Where a ratio is 0/0, use 0.0. Checked to a relative tolerance of $10^{-6}$."
    ),
    function_name="prf",
    args=("matrix",),
    reference=_prf_reference,
    cases=(
        {"matrix": np.array([[50, 10], [5, 35]], dtype=float)},
        {"matrix": np.array([[990, 0], [10, 0]], dtype=float)},  # the always-negative classifier
        {"matrix": np.array([[3, 0], [0, 0]], dtype=float)},
        {"matrix": np.array([[0, 4], [0, 6]], dtype=float)},
        {"matrix": np.array([[5, 1], [2, 2]])},  # integer counts
    ),
    generate=_matrix,
    n_random=20,
    seed=7,
    hints=(
        (
            "Unpack the counts: `(tn, fp), (fn, tp) = matrix`. Precision is TP / (TP + FP), "
            "the share of predicted positives that are right; recall is TP / (TP + FN), the "
            "share of true positives that were found."
        ),
        (
            "F1 is the harmonic mean 2PR / (P + R), which equals 2TP / (2TP + FP + FN). Guard "
            "every division: when the denominator is 0, the score is 0.0."
        ),
    ),
    solution=(
        "def prf(matrix):\n"
        "    (_, fp), (fn, tp) = matrix\n"
        "    precision = tp / (tp + fp) if tp + fp > 0 else 0.0\n"
        "    recall = tp / (tp + fn) if tp + fn > 0 else 0.0\n"
        "    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn > 0 else 0.0\n"
        "    return np.array([precision, recall, f1])\n\n\n"
        'exercises.check("7.1", prf)'
    ),
    explanation=(
        "Precision reads the second column (predicted positive), recall the second row "
        "(truly positive). Written as 2TP / (2TP + FP + FN), F1 needs only one guard; it "
        "is 0 when there is no true positive, as with scikit-learn's `zero_division=0`."
    ),
    mistakes=(
        Mistake(
            _naive_prf,
            "A ratio seems to be 0/0 here, which gives `nan`: guard each division and use 0.0 "
            "when its denominator is 0.",
        ),
        Mistake(
            lambda matrix: _prf_reference(np.asarray(matrix).T),
            "Rows and columns look swapped: rows are the *true* labels, columns the "
            "predicted ones, so FP is `matrix[0, 1]` and FN `matrix[1, 0]`.",
        ),
        Mistake(
            lambda matrix: _prf_reference(matrix)[[1, 0, 2]],
            "Precision and recall look swapped: precision divides by the *predicted* "
            "positives, recall by the *true* ones.",
        ),
        Mistake(
            lambda matrix: np.append(_prf_reference(matrix)[:2], _prf_reference(matrix)[:2].mean()),
            "F1 looks like the arithmetic mean of precision and recall; it is their "
            "*harmonic* mean.",
        ),
    ),
)


def _scores(rng: np.random.Generator) -> dict:
    n = int(rng.integers(4, 40))
    y = (rng.random(n) < rng.uniform(0.1, 0.6)).astype(float)
    y[rng.integers(0, n)] = 1.0  # at least one positive
    probs = np.clip(0.35 * y + rng.random(n) * 0.65, 0.0, 1.0)
    if rng.random() < 0.5:
        probs = np.round(probs, 1)  # ties between scores
    return {"y_true": y, "probs": probs}


def _highest_best(y_true, probs):
    curve = model_selection.threshold_curve(y_true, probs)
    return float(curve["threshold"][np.flatnonzero(curve["f1"] == curve["f1"].max())[-1]])


_THRESHOLD = Exercise(
    id="7.2",
    title="The threshold that maximises F1",
    kind="function",
    prompt=(
        "Write `best_f1_threshold(y_true, probs)`: `y_true` holds 0/1 labels, `probs` the "
        "predicted probabilities of class 1. Try every distinct value `t` of `probs` as a "
        "threshold (predict 1 where `probs >= t`), compute F1 (you may use `metrics.f1`), "
        "and return the threshold with the highest F1; among ties, the lowest one. Checked "
        "to a relative tolerance of $10^{-6}$."
    ),
    function_name="best_f1_threshold",
    args=("y_true", "probs"),
    reference=lambda y_true, probs: model_selection.best_threshold(y_true, probs)[0],
    cases=(
        {"y_true": np.array([0.0, 0.0, 1.0, 1.0]), "probs": np.array([0.1, 0.6, 0.4, 0.9])},
        {
            "y_true": np.array([0.0, 1.0, 0.0, 1.0, 1.0]),
            "probs": np.array([0.2, 0.2, 0.5, 0.5, 0.9]),
        },
        {"y_true": np.array([1.0, 0.0, 0.0, 0.0]), "probs": np.array([0.3, 0.1, 0.2, 0.25])},
        {  # F1 = 2/3 at 0.3 and at 0.9: the lowest tied threshold is the answer
            "y_true": np.array([0.0, 1.0, 0.0, 0.0, 1.0]),
            "probs": np.array([0.1, 0.3, 0.5, 0.7, 0.9]),
        },
    ),
    generate=_scores,
    n_random=25,
    seed=72,
    hints=(
        (
            "`np.unique(probs)` gives the candidate thresholds in increasing order. For each "
            "`t`, the predictions are `(probs >= t).astype(int)`."
        ),
        (
            "Keep the best F1 seen so far and update only when a threshold is strictly better: "
            "going upwards, that keeps the lowest of equally good thresholds (`np.argmax` does "
            "the same, it returns the first maximum)."
        ),
    ),
    solution=(
        "def best_f1_threshold(y_true, probs):\n"
        "    thresholds = np.unique(probs)\n"
        "    scores = [metrics.f1(y_true, (probs >= t).astype(int)) for t in thresholds]\n"
        "    return float(thresholds[np.argmax(scores)])\n\n\n"
        'exercises.check("7.2", best_f1_threshold)'
    ),
    explanation=(
        "Only the distinct scores matter: between two of them, every threshold gives the "
        "same predictions. `model_selection.best_threshold` does the same search. Choose "
        "the threshold on validation data, not on the test set."
    ),
    mistakes=(
        Mistake(
            lambda y_true, probs: 0.5,
            "This is the default threshold 0.5, whatever the data: search the candidates.",
        ),
        Mistake(
            _highest_best,
            "Right except among ties: this keeps the *highest* of equally good thresholds; "
            "the exercise asks for the lowest.",
        ),
        Mistake(
            lambda y_true, probs: model_selection.best_threshold(y_true, probs, metric="accuracy")[
                0
            ],
            "This looks like the threshold that maximises *accuracy*; the exercise asks for F1.",
        ),
    ),
)


def _curve(rng: np.random.Generator) -> dict:
    n = int(rng.integers(3, 40))
    trend = 1.0 / np.arange(1, n + 1) + 0.01 * np.arange(n) * rng.uniform(0, 1)
    v = np.round(trend + rng.normal(0, 0.05, n), 3)
    return {"val_loss": v, "patience": int(rng.integers(1, 6))}


def _early_stopping_one_late(val_loss, patience):
    """A planted mistake: stops when the counter *exceeds* the patience."""
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_loss, start=1):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait > patience:
                break
    return best_epoch


_EARLY = Exercise(
    id="7.3",
    title="The epoch that early stopping keeps",
    kind="function",
    prompt=(
        "Write `early_stopping_epoch(val_loss, patience)`. `val_loss[k]` is the validation "
        "loss after epoch k + 1. Go through the epochs in order, keeping the best loss so "
        "far; a loss counts as an improvement only if it is strictly lower. Stop as soon "
        "as `patience` epochs in a row brought no improvement. Return the epoch (counted "
        "from 1) of the best loss seen before stopping: the weights early stopping restores. "
        "The answer is an integer, checked exactly."
    ),
    function_name="early_stopping_epoch",
    args=("val_loss", "patience"),
    reference=lambda val_loss, patience: model_selection.early_stopping(
        val_loss, patience=patience
    )[0],
    cases=(
        {"val_loss": np.array([1.0, 0.8, 0.9, 0.85, 0.7, 0.95]), "patience": 2},
        {"val_loss": np.array([1.0, 0.8, 0.9, 0.85, 0.7, 0.95]), "patience": 3},
        {"val_loss": np.array([0.5, 0.5, 0.4]), "patience": 1},
        {"val_loss": np.array([2.0, 1.0, 0.5, 0.25]), "patience": 1},
    ),
    generate=_curve,
    n_random=25,
    seed=73,
    hints=(
        (
            "Keep three variables: the best loss so far, its epoch, and a counter of epochs "
            "without improvement. Reset the counter to 0 whenever the loss improves."
        ),
        (
            "Stop (return the best epoch) when the counter reaches `patience`. If the loop "
            "ends without stopping, return the best epoch too. Epochs count from 1: "
            "`for epoch, loss in enumerate(val_loss, start=1)`."
        ),
    ),
    solution=(
        "def early_stopping_epoch(val_loss, patience):\n"
        "    best, best_epoch, wait = np.inf, 0, 0\n"
        "    for epoch, loss in enumerate(val_loss, start=1):\n"
        "        if loss < best:\n"
        "            best, best_epoch, wait = loss, epoch, 0\n"
        "        else:\n"
        "            wait += 1\n"
        "            if wait >= patience:\n"
        "                break\n"
        "    return best_epoch\n\n\n"
        'exercises.check("7.3", early_stopping_epoch)'
    ),
    explanation=(
        "Early stopping never looks ahead: it only knows the curve up to the current "
        "epoch, so a later, lower minimum is missed when the patience runs out first. "
        "`model_selection.early_stopping` returns this epoch and the epoch at which it "
        "stopped."
    ),
    mistakes=(
        Mistake(
            lambda val_loss, patience: int(np.argmin(val_loss)) + 1,
            "This looks like the minimum of the *whole* curve; early stopping cannot see the "
            "epochs after it stops.",
        ),
        Mistake(
            lambda val_loss, patience: model_selection.early_stopping(val_loss, patience=patience)[
                1
            ],
            "This looks like the epoch at which training *stops*; return the best epoch seen "
            "before it, whose weights are restored.",
        ),
        Mistake(
            lambda val_loss, patience: (
                model_selection.early_stopping(val_loss, patience=patience)[0] - 1
            ),
            "Off by one: epochs are counted from 1, not from 0.",
        ),
        Mistake(
            _early_stopping_one_late,
            "The run seems to stop one epoch late: it should stop as soon as `patience` "
            "epochs in a row brought no improvement, not after `patience + 1`.",
        ),
    ),
)

_C_FP, _C_FN = 2.0, 40.0  # exercise 7.4: a false alarm costs 2, a missed case 40

_COST = Exercise(
    id="7.4",
    title="The threshold for stated costs",
    kind="value",
    prompt=(
        "A screening test flags a patient for a follow-up examination. A false alarm (a "
        "healthy patient examined) costs 2 units, a missed case costs 40. The model's "
        "probabilities are calibrated. Above which probability should a patient be flagged "
        "to minimise the expected cost? Compute it in code, or by hand and type the number. "
        "Checked to a relative tolerance of $10^{-3}$."
    ),
    reference=lambda: model_selection.cost_threshold(_C_FP, _C_FN),
    rtol=1e-3,
    atol=0.0,
    hints=(
        (
            "For one patient with probability $p$ of being ill, write the expected cost of "
            "flagging (a false alarm happens with probability $1 - p$) and of not flagging "
            "(a miss happens with probability $p$)."
        ),
        (
            "Flag when $(1 - p)\\,C_{FP} < p\\,C_{FN}$. The threshold is the $p$ where the two "
            "sides are equal; solve that linear equation for $p$."
        ),
    ),
    solution=(
        "c_fp, c_fn = 2.0, 40.0\n"
        "answer = c_fp / (c_fp + c_fn)  # model_selection.cost_threshold(c_fp, c_fn)\n\n"
        'exercises.check("7.4", answer)'
    ),
    explanation=(
        "Flagging costs $(1 - p) \\cdot 2$ on average, not flagging $p \\cdot 40$; they are "
        "equal at $p = 2/42 = 0.0476$. A miss is 20 times as costly as a false alarm, so a "
        "patient is flagged from a probability of under 5 %. The rule needs calibrated "
        "probabilities: for other scores, search the threshold on validation data."
    ),
    mistakes=(
        Mistake(
            _C_FN / (_C_FP + _C_FN),
            "The two costs look swapped: a costly miss should *lower* the threshold.",
        ),
        Mistake(
            _C_FP / _C_FN,
            "This is the ratio of the two costs; solve the break-even equation for $p$.",
        ),
        Mistake(0.5, "This is the default threshold, which ignores the costs."),
    ),
)


def _auc_reference(y_true, scores):
    return metrics.roc_auc(y_true, scores)


def _ranked(rng: np.random.Generator) -> dict:
    n = int(rng.integers(4, 40))
    y = (rng.random(n) < rng.uniform(0.2, 0.7)).astype(float)
    y[0], y[1] = 0.0, 1.0  # both classes occur
    scores = 0.8 * y + rng.normal(0.0, 1.0, n)
    if rng.random() < 0.6:
        scores = np.round(scores, 0)  # many ties between the classes
    return {"y_true": y, "scores": scores}


def _auc_ties_as(value: float):
    def auc(y_true, scores):
        pos, neg = scores[y_true == 1], scores[y_true == 0]
        diff = pos[:, None] - neg[None, :]
        return float(np.mean((diff > 0) + value * (diff == 0)))

    return auc


_AUC = Exercise(
    id="7.5",
    title="ROC AUC by counting pairs",
    kind="function",
    prompt=(
        "Write `auc_by_pairs(y_true, scores)`: `y_true` holds 0/1 labels (both occur), "
        "`scores` real numbers, larger meaning more likely positive. Return the share of "
        "(positive, negative) pairs in which the positive has the higher score, counting a "
        "tie as half a pair. This is the area under the ROC curve; check it against "
        "`metrics.roc_auc` if you like, but count the pairs yourself. Checked to a relative "
        "tolerance of $10^{-6}$."
    ),
    function_name="auc_by_pairs",
    args=("y_true", "scores"),
    reference=_auc_reference,
    cases=(
        {"y_true": np.array([0.0, 0.0, 1.0, 1.0]), "scores": np.array([0.1, 0.4, 0.35, 0.8])},
        {"y_true": np.array([0.0, 1.0]), "scores": np.array([0.5, 0.5])},
        {
            "y_true": np.array([1.0, 0.0, 1.0, 0.0, 0.0]),
            "scores": np.array([2.0, 2.0, 1.0, 0.0, 1.0]),
        },
        {"y_true": np.array([1.0, 1.0, 0.0]), "scores": np.array([-1.0, -2.0, 3.0])},
        {"y_true": np.array([0, 1, 1, 0]), "scores": np.array([1, 3, 2, 2])},  # integers
    ),
    generate=_ranked,
    n_random=25,
    seed=75,
    hints=(
        (
            "Split the scores by class: `pos = scores[y_true == 1]`, `neg = scores[y_true == 0]`. "
            "Every positive is compared with every negative."
        ),
        (
            "Broadcasting compares every positive with every negative at once: "
            "`pos[:, None] - neg[None, :]` has one entry per pair. Count the pairs the "
            "positive wins and the ties (each worth one half), then turn the count into a "
            "share of all pairs."
        ),
    ),
    solution=(
        "def auc_by_pairs(y_true, scores):\n"
        "    pos, neg = scores[y_true == 1], scores[y_true == 0]\n"
        "    diff = pos[:, None] - neg[None, :]\n"
        "    return float(np.mean((diff > 0) + 0.5 * (diff == 0)))\n\n\n"
        'exercises.check("7.5", auc_by_pairs)'
    ),
    explanation=(
        "The ROC AUC is the probability that a random positive outscores a random negative "
        "(the Mann-Whitney statistic). A tie is a coin flip, so it counts 1/2: then scores "
        "that ignore the label score 0.5, and reversing the scores gives 1 - AUC. It equals "
        "`metrics.roc_auc`, the trapezoidal area under `metrics.roc_curve`."
    ),
    mistakes=(
        Mistake(
            _auc_ties_as(0.0),
            "Ties between a positive and a negative seem to count as 0; a tie is a coin "
            "flip and counts as half a pair.",
        ),
        Mistake(
            _auc_ties_as(1.0),
            "Ties between a positive and a negative seem to count as 1; a tie counts as "
            "half a pair.",
        ),
        Mistake(
            lambda y_true, scores: _auc_reference(y_true, -scores),
            "This looks like $1 - \\mathrm{AUC}$: the pairs where the *negative* scores "
            "higher were counted.",
        ),
    ),
)


def _cv_reference(x, y, degree, k, seed):
    fold_losses = []
    for train, val in model_selection.k_fold(len(x), k, rng=seed):
        fit = np.polynomial.Polynomial.fit(x[train], y[train], degree)
        fold_losses.append(losses.mse(y[val], fit(x[val])))
    return np.array([np.mean(fold_losses), metrics.standard_error(fold_losses)])


def _cv_data(rng: np.random.Generator) -> dict:
    n = int(rng.integers(12, 40))
    x = rng.uniform(-3, 3, n)
    y = np.sin(x) + 0.3 * x + rng.normal(0, 0.4, n)
    k = int(rng.integers(3, 6))
    return {
        "x": x,
        "y": y,
        "degree": int(rng.integers(0, 4)),
        "k": k,
        "seed": int(rng.integers(0, 100)),
    }


def _cv_variant(*, se_scale=None, on_train=False, pooled=False):
    def cv(x, y, degree, k, seed):
        fold_losses, sq = [], []
        for train, val in model_selection.k_fold(len(x), k, rng=seed):
            fit = np.polynomial.Polynomial.fit(x[train], y[train], degree)
            idx = train if on_train else val
            fold_losses.append(losses.mse(y[idx], fit(x[idx])))
            sq.append((y[idx] - fit(x[idx])) ** 2)
        mean = np.mean(np.concatenate(sq)) if pooled else np.mean(fold_losses)
        se = metrics.standard_error(fold_losses)
        if se_scale == "std":
            se = np.std(fold_losses, ddof=1)
        elif se_scale == "ddof0":
            se = np.std(fold_losses) / np.sqrt(k)
        return np.array([mean, se])

    return cv


_CV = Exercise(
    id="7.6",
    title="The k-fold estimate and its standard error",
    kind="function",
    prompt=(
        "Write `cv_estimate(x, y, degree, k, seed)`: `x` and `y` are 1-D arrays. Split them "
        "with `model_selection.k_fold(len(x), k, rng=seed)`, which returns k pairs "
        "`(train, validation)` of index arrays. For each fold, fit "
        "`np.polynomial.Polynomial.fit(x[train], y[train], degree)` and compute the mean "
        "squared error on the validation indices. Return `np.array([mean, se])`: the "
        "mean of the k fold losses and its standard error (sample standard deviation, "
        "`ddof=1`, over $\\sqrt k$). Checked to a relative tolerance of $10^{-6}$."
    ),
    function_name="cv_estimate",
    args=("x", "y", "degree", "k", "seed"),
    reference=_cv_reference,
    cases=(
        {
            "x": np.linspace(-3, 3, 10),
            "y": np.sin(np.linspace(-3, 3, 10)),
            "degree": 1,
            "k": 3,  # fold sizes 4, 3, 3
            "seed": 0,
        },
    ),
    generate=_cv_data,
    n_random=20,
    seed=76,
    hints=(
        (
            "Loop over the folds: each one gives one validation loss, from a model that never "
            "saw those validation points. Collect the k losses in a list."
        ),
        (
            "The mean is `np.mean(fold_losses)`; the standard error is "
            "`np.std(fold_losses, ddof=1) / np.sqrt(len(fold_losses))`, which "
            "`metrics.standard_error` computes."
        ),
    ),
    solution=(
        "def cv_estimate(x, y, degree, k, seed):\n"
        "    fold_losses = []\n"
        "    for train, val in model_selection.k_fold(len(x), k, rng=seed):\n"
        "        fit = np.polynomial.Polynomial.fit(x[train], y[train], degree)\n"
        "        fold_losses.append(losses.mse(y[val], fit(x[val])))\n"
        "    return np.array([np.mean(fold_losses), metrics.standard_error(fold_losses)])\n\n\n"
        'exercises.check("7.6", cv_estimate)'
    ),
    explanation=(
        "Every point is scored once, by a model fitted without it. The standard error "
        "treats the k fold losses as independent, which they are not quite (the training "
        "parts overlap), so it is a rough guide to how far the mean could move, not an exact "
        "error bar."
    ),
    mistakes=(
        Mistake(
            _cv_variant(se_scale="std"),
            "The second number looks like the standard deviation of the fold losses; the "
            "standard error of their mean divides it by $\\sqrt k$.",
        ),
        Mistake(
            _cv_variant(se_scale="ddof0"),
            "The standard deviation seems to use `ddof=0`; the sample standard deviation "
            "uses `ddof=1`.",
        ),
        Mistake(
            _cv_variant(on_train=True),
            "The losses look like *training* losses: score each fold's model on its "
            "validation indices.",
        ),
        Mistake(
            _cv_variant(pooled=True),
            "The mean looks pooled over all points; the exercise averages the k fold "
            "losses, which differ when the folds have different sizes.",
        ),
    ),
)

EXERCISES = [_PRF, _THRESHOLD, _EARLY, _COST, _AUC, _CV]

# Each learning objective of the chapter (the bullet's text, whitespace collapsed) and the
# exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "split data into training, validation and {term}`test sets <test set>`, and say what "
        "each one is for;",
        ("7.q1",),
    ),
    (
        "read training and validation {term}`loss curves <loss curve>`, over epochs and over "
        "model complexity, and diagnose {term}`underfitting` and {term}`overfitting` from "
        "them;",
        ("7.q2", "7.q3"),
    ),
    (
        "stop training early at the epoch of lowest validation loss, with a patience rule;",
        ("7.3", "7.q4"),
    ),
    (
        "compute {term}`accuracy`, {term}`precision`, {term}`recall` and {term}`F1` from a "
        "{term}`confusion matrix`, and choose a {term}`decision threshold` on validation data;",
        ("7.1", "7.2", "7.q5"),
    ),
    (
        "explain why a classifier with 99 % accuracy can be useless on {term}`imbalanced data "
        "<class imbalance>`, and judge a cross-entropy against the base rate's with a skill "
        "score and its bootstrap interval;",
        ("7.q6", "7.q7"),
    ),
    (
        "draw ROC and precision-recall curves, compute ROC AUC and average precision with "
        "bootstrap intervals, and explain why only the precision-recall curve moves with the "
        "share of positives;",
        ("7.5", "7.q8"),
    ),
    (
        "derive the threshold $C_{FP} / (C_{FP} + C_{FN})$ that minimises the expected cost of "
        "calibrated probabilities, and say why it fails for uncalibrated ones;",
        ("7.4", "7.q9"),
    ),
    (
        "choose a model on a small data set by k-fold cross-validation, with the standard "
        "error across folds, and measure how much a single split can mislead.",
        ("7.6", "7.q10"),
    ),
)
