"""Exercises of chapter 2, "Error versus loss": aggregations, squaring, the best epoch."""

import numpy as np

from lossedu import losses
from lossedu.exercises._core import Exercise


def _two_vectors(rng: np.random.Generator) -> dict:
    n = int(rng.integers(1, 10))
    return {"y_true": rng.normal(0.0, 3.0, n), "y_pred": rng.normal(0.0, 3.0, n)}


_MEDIAN = Exercise(
    id="2.1",
    title="The median absolute error",
    kind="function",
    prompt=(
        "Write `median_absolute_error(y_true, y_pred)` that returns the median of the "
        "absolute errors $|\\hat y_i - y_i|$, one number for the whole data set. "
        "`y_true` and `y_pred` are 1-D arrays of the same length."
    ),
    function_name="median_absolute_error",
    args=("y_true", "y_pred"),
    # the per-point errors from lossedu, aggregated by the median instead of the mean
    reference=lambda y_true, y_pred: float(np.median(losses.mae(y_true, y_pred, reduction="none"))),
    cases=(
        {"y_true": np.array([1.0, 2.0, 3.0]), "y_pred": np.array([1.0, 2.5, 9.0])},
        {"y_true": np.array([0.0, 0.0, 0.0, 0.0]), "y_pred": np.array([1.0, -2.0, 3.0, -4.0])},
        {"y_true": np.array([2.0]), "y_pred": np.array([-1.0])},
    ),
    generate=_two_vectors,
    n_random=20,
    seed=21,
    hints=(
        "First the errors, one per point: `np.abs(y_pred - y_true)`.",
        (
            "Then aggregate them with `np.median` instead of `np.mean`. Take the absolute "
            "value *before* the median, not after."
        ),
    ),
    solution=(
        "def median_absolute_error(y_true, y_pred):\n"
        "    return float(np.median(np.abs(y_pred - y_true)))\n\n\n"
        'exercises.check("2.1", median_absolute_error)'
    ),
    explanation=(
        "The errors first, then the aggregation: the median is the middle error (the mean "
        "of the two middle ones for an even count), so one huge error moves it by at most "
        "one position in the ranking. It is a robust aggregation, like scikit-learn's "
        "`median_absolute_error`."
    ),
    mistakes=(
        lambda y_true, y_pred: float(np.mean(np.abs(y_pred - y_true))),  # mean, not median
        lambda y_true, y_pred: float(np.abs(np.median(y_pred - y_true))),  # abs after median
        lambda y_true, y_pred: float(np.median(y_pred - y_true)),  # signed errors
    ),
)

_ERRORS = np.array([0.5, -1.0, 0.5, 4.0])  # the data of exercise 2.2

_SHARE = Exercise(
    id="2.2",
    title="What squaring emphasises",
    kind="value",
    prompt=(
        f"A model makes the errors `{_ERRORS.tolist()}` on four points. What fraction of the "
        "sum of squared errors comes from the point with error 4? (A number between 0 and 1.)"
    ),
    reference=lambda: float(
        losses.mse(np.zeros(4), _ERRORS, reduction="none")[3]
        / losses.mse(np.zeros(4), _ERRORS, reduction="sum")
    ),
    rtol=1e-3,
    atol=0.0,
    hints=(
        "Square each error: 0.25, 1, 0.25 and 16.",
        "Divide the largest square by the sum of the four squares.",
    ),
    solution=(
        "errors = np.array([0.5, -1.0, 0.5, 4.0])\n"
        "answer = errors[3] ** 2 / np.sum(errors**2)\n"
        "share_of_absolute = abs(errors[3]) / np.sum(np.abs(errors))\n"
        'print(f"squared: {answer:.3f}, absolute: {share_of_absolute:.3f}")\n\n'
        'exercises.check("2.2", answer)'
    ),
    explanation=(
        "$16 / 17.5 \\approx 0.914$: one point in four carries over 90% of the squared "
        "loss, against $4 / 6 \\approx 0.667$ of the sum of absolute errors. Squaring "
        "makes large errors dominate."
    ),
    mistakes=(
        float(4.0 / np.sum(np.abs(_ERRORS))),  # share of the absolute errors
        0.25,  # one point in four
        float(16.0 / np.sum(_ERRORS) ** 2),  # squared the sum instead of summing squares
    ),
)


def _curve(rng: np.random.Generator) -> dict:
    n = int(rng.integers(1, 30))
    return {"val_loss": np.round(np.abs(rng.normal(1.0, 0.5, n)), 1)}  # rounding makes ties


def _best(val_loss):
    return int(np.argmin(val_loss)) + 1  # the same rule as lossedu.plotting.plot_loss_curves


_BEST_EPOCH = Exercise(
    id="2.3",
    title="The best epoch on a validation curve",
    kind="function",
    prompt=(
        "Write `best_epoch(val_loss)` that returns the epoch with the lowest validation "
        "loss. `val_loss` is a 1-D array with one loss per epoch; epochs are numbered from "
        "1 (the first entry is epoch 1). If several epochs tie, return the earliest."
    ),
    function_name="best_epoch",
    args=("val_loss",),
    reference=_best,
    cases=(
        {"val_loss": np.array([3.0, 2.0, 1.5, 1.7, 2.2])},
        {"val_loss": np.array([1.0, 1.0, 2.0])},
        {"val_loss": np.array([5.0, 4.0, 3.0])},
    ),
    generate=_curve,
    n_random=25,
    seed=23,
    hints=(
        "`np.argmin` returns the position of the smallest entry (the first one among ties).",
        "Positions start at 0 and epochs at 1: add one.",
    ),
    solution=(
        "def best_epoch(val_loss):\n"
        "    return int(np.argmin(val_loss)) + 1\n\n\n"
        'exercises.check("2.3", best_epoch)'
    ),
    explanation=(
        "`np.argmin` finds the position of the lowest validation loss; adding one turns it "
        "into an epoch number. After that epoch the validation loss goes no lower. If it then "
        "rises clearly while the training loss keeps falling, the model is overfitting; if it "
        "only drifts a little, the run has converged. Early stopping keeps the parameters of "
        "this epoch (chapter 7)."
    ),
    mistakes=(
        lambda val_loss: int(np.argmin(val_loss)),  # 0-based
        lambda val_loss: int(np.argmax(val_loss)) + 1,  # highest loss
        lambda val_loss: int(len(val_loss) - np.argmin(val_loss[::-1])),  # last of the ties
    ),
)

EXERCISES = [_MEDIAN, _SHARE, _BEST_EPOCH]
