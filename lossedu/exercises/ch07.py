"""Exercises of chapter 7, "Validation curves and metrics beyond loss"."""

import numpy as np

from lossedu import metrics, model_selection
from lossedu.exercises._core import Exercise


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
        "Where a ratio is 0/0, use 0.0."
    ),
    function_name="prf",
    args=("matrix",),
    reference=_prf_reference,
    cases=(
        {"matrix": np.array([[50, 10], [5, 35]], dtype=float)},
        {"matrix": np.array([[990, 0], [10, 0]], dtype=float)},  # the always-negative classifier
        {"matrix": np.array([[3, 0], [0, 0]], dtype=float)},
        {"matrix": np.array([[0, 4], [0, 6]], dtype=float)},
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
        _naive_prf,  # no guard: NaN on 0/0
        lambda matrix: _prf_reference(np.asarray(matrix).T),  # rows and columns swapped
        lambda matrix: _prf_reference(matrix)[[1, 0, 2]],  # precision and recall swapped
        lambda matrix: np.append(_prf_reference(matrix)[:2], _prf_reference(matrix)[:2].mean()),
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
        "and return the threshold with the highest F1; among ties, the lowest one."
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
        lambda y_true, probs: 0.5,  # the default threshold
        _highest_best,  # the highest of tied thresholds
        lambda y_true, probs: model_selection.best_threshold(y_true, probs, metric="accuracy")[0],
    ),
)


def _curve(rng: np.random.Generator) -> dict:
    n = int(rng.integers(3, 40))
    trend = 1.0 / np.arange(1, n + 1) + 0.01 * np.arange(n) * rng.uniform(0, 1)
    v = np.round(trend + rng.normal(0, 0.05, n), 3)
    return {"val_loss": v, "patience": int(rng.integers(1, 6))}


_EARLY = Exercise(
    id="7.3",
    title="The epoch that early stopping keeps",
    kind="function",
    prompt=(
        "Write `early_stopping_epoch(val_loss, patience)`. `val_loss[k]` is the validation "
        "loss after epoch k + 1. Go through the epochs in order, keeping the best loss so "
        "far; a loss counts as an improvement only if it is strictly lower. Stop as soon "
        "as `patience` epochs in a row brought no improvement. Return the epoch (counted "
        "from 1) of the best loss seen before stopping: the weights early stopping restores."
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
        lambda val_loss, patience: int(np.argmin(val_loss)) + 1,  # looks at the whole curve
        lambda val_loss, patience: model_selection.early_stopping(val_loss, patience=patience)[1],
        lambda val_loss, patience: (
            model_selection.early_stopping(val_loss, patience=patience)[0] - 1
        ),  # counted from 0
    ),
)

EXERCISES = [_PRF, _THRESHOLD, _EARLY]
