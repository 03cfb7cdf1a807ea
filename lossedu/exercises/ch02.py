"""Exercises of chapter 2, "Error versus loss": aggregations, squaring, best epoch, error bars."""

import numpy as np

from lossedu import losses, metrics
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


def _per_example_losses(rng: np.random.Generator) -> dict:
    n = int(rng.integers(2, 40))
    return {"losses": rng.normal(0.0, 0.5, n) ** 2}  # squared errors: >= 0 and skewed


_STANDARD_ERROR = Exercise(
    id="2.4",
    title="The standard error of a mean loss",
    kind="function",
    prompt=(
        "Write `standard_error(losses)` that returns the standard error of the mean of the "
        "per-example losses `losses` (a 1-D array with at least 2 entries): the sample "
        "standard deviation, dividing by $n - 1$, over $\\sqrt n$."
    ),
    function_name="standard_error",
    args=("losses",),
    reference=metrics.standard_error,
    cases=(
        {"losses": np.array([1.0, 2.0, 3.0, 4.0])},
        {"losses": np.array([0.0, 0.5])},
        {"losses": np.array([0.1, 0.1, 0.1, 2.5, 0.3, 0.2])},
    ),
    generate=_per_example_losses,
    n_random=25,
    seed=24,
    hints=(
        "Two steps: how much the per-example losses vary around their mean, then how much "
        "that variation shrinks when $n$ of them are averaged.",
        (
            "`np.std(losses, ddof=1)` divides by $n - 1$ (NumPy's default, `ddof=0`, divides "
            "by $n$); then divide by `np.sqrt(len(losses))`, not by `len(losses)`."
        ),
    ),
    solution=(
        "def standard_error(losses):\n"
        "    losses = np.asarray(losses, dtype=float)\n"
        "    return float(np.std(losses, ddof=1) / np.sqrt(losses.size))\n\n\n"
        'exercises.check("2.4", standard_error)'
    ),
    explanation=(
        "The sample standard deviation estimates the spread of one per-example loss; the mean "
        "of $n$ independent ones spreads $\\sqrt n$ times less. Dividing by $n - 1$ instead of "
        "$n$ corrects the standard deviation for measuring the spread around the sample's own "
        "mean; it matters for small $n$. This is `lossedu.metrics.standard_error` and "
        "`scipy.stats.sem`."
    ),
    mistakes=(
        lambda losses: float(np.std(losses) / np.sqrt(len(losses))),  # ddof=0
        lambda losses: float(np.std(losses, ddof=1) / len(losses)),  # over n, not sqrt(n)
        lambda losses: float(np.var(losses, ddof=1) / np.sqrt(len(losses))),  # no sqrt of var
        lambda losses: float(np.std(losses, ddof=1)),  # the spread of one loss, not of the mean
    ),
)


def _paired(loss_a, loss_b):
    diff = np.asarray(loss_a, dtype=float) - np.asarray(loss_b, dtype=float)
    return float(np.mean(diff)), metrics.standard_error(diff)


def _two_models(rng: np.random.Generator) -> dict:
    n = int(rng.integers(2, 40))
    noise = rng.normal(0.0, 0.5, n) ** 2  # shared by both models: correlated losses
    return {"loss_a": noise + rng.normal(0.05, 0.05, n) ** 2, "loss_b": noise}


_PAIRED = Exercise(
    id="2.5",
    title="A paired comparison of two models",
    kind="function",
    prompt=(
        "Two models were evaluated on the same examples: `loss_a[i]` and `loss_b[i]` are their "
        "per-example losses on example `i` (1-D arrays of the same length, at least 2). Write "
        "`paired_difference(loss_a, loss_b)` that returns the pair `(mean_difference, se)`: "
        "the mean of `loss_a - loss_b` and its standard error, computed from the differences "
        "example by example. (Model B is shown to be better when "
        "`mean_difference > 2 * se`.)"
    ),
    function_name="paired_difference",
    args=("loss_a", "loss_b"),
    reference=_paired,
    cases=(
        {"loss_a": np.array([1.0, 2.0, 3.0]), "loss_b": np.array([0.5, 2.0, 2.0])},
        {"loss_a": np.array([0.3, 0.1, 0.9, 0.4]), "loss_b": np.array([0.2, 0.2, 0.6, 0.4])},
    ),
    generate=_two_models,
    n_random=25,
    seed=25,
    hints=(
        "The examples are shared, so work with one number per example: how much worse model A "
        "did than model B on it.",
        (
            "`diff = loss_a - loss_b`; return `diff.mean()` and "
            "`np.std(diff, ddof=1) / np.sqrt(len(diff))`. Do not combine the two models' "
            "separate standard errors."
        ),
    ),
    solution=(
        "def paired_difference(loss_a, loss_b):\n"
        "    diff = np.asarray(loss_a, dtype=float) - np.asarray(loss_b, dtype=float)\n"
        "    return float(diff.mean()), float(np.std(diff, ddof=1) / np.sqrt(diff.size))\n\n\n"
        'exercises.check("2.5", paired_difference)'
    ),
    explanation=(
        "On shared examples the two models' losses are correlated (a noisy example is hard "
        "for both), and that shared part cancels in the differences. Their standard error is "
        "then smaller than $\\sqrt{\\mathrm{SE}_A^2 + \\mathrm{SE}_B^2}$, the error bar of a "
        "difference between independent sets. If the mean difference is within about two "
        "standard errors of zero, the data cannot tell the two models apart."
    ),
    mistakes=(
        # unpaired: the two separate standard errors combined as if independent
        lambda loss_a, loss_b: (
            float(np.mean(loss_a) - np.mean(loss_b)),
            float(np.hypot(metrics.standard_error(loss_a), metrics.standard_error(loss_b))),
        ),
        # the separate standard errors added
        lambda loss_a, loss_b: (
            float(np.mean(loss_a) - np.mean(loss_b)),
            metrics.standard_error(loss_a) + metrics.standard_error(loss_b),
        ),
        # b - a: the sign of the difference reversed
        lambda loss_a, loss_b: _paired(loss_b, loss_a),
        # ddof=0
        lambda loss_a, loss_b: (
            float(np.mean(np.subtract(loss_a, loss_b))),
            float(np.std(np.subtract(loss_a, loss_b)) / np.sqrt(len(loss_a))),
        ),
    ),
)

# the data of exercise 2.6: paired differences of two models on the same examples
_N_PAIRED, _MEAN_DIFF, _STD_DIFF = 50, 0.030, 0.090


def _z_score() -> float:
    # the paired standard error from the stated summary, as metrics.standard_error computes it
    # from the differences themselves: their sample standard deviation over sqrt(n)
    return _MEAN_DIFF / (_STD_DIFF / np.sqrt(_N_PAIRED))


_JUDGE = Exercise(
    id="2.6",
    title="Is the difference larger than its error bar?",
    kind="value",
    prompt=(
        f"Two models were evaluated on the same {_N_PAIRED} examples. The differences of their "
        f"per-example losses, $d_i = \\ell^A_i - \\ell^B_i$, have mean {_MEAN_DIFF} and sample "
        f"standard deviation {_STD_DIFF} (dividing by $n - 1$). How many paired standard "
        "errors is the mean difference away from zero? (One number; if it is above 2, the "
        "data show that model B is better.)"
    ),
    reference=_z_score,
    rtol=1e-3,
    atol=0.0,
    hints=(
        "First the error bar of the mean difference, from the spread of the differences and "
        "the number of examples; then compare the mean difference with it.",
        (
            f"$\\mathrm{{SE}} = {_STD_DIFF} / \\sqrt{{{_N_PAIRED}}}$; the answer is "
            f"{_MEAN_DIFF} / SE."
        ),
    ),
    solution=(
        "se = 0.090 / np.sqrt(50)  # the paired standard error\n"
        "answer = 0.030 / se\n"
        'print(f"SE {se:.4f}; difference = {answer:.2f} SE; shown at 2 SE: {answer > 2}")\n\n'
        'exercises.check("2.6", answer)'
    ),
    explanation=(
        "The standard error is $0.090 / \\sqrt{50} \\approx 0.0127$, and the mean difference "
        "is $0.030 / 0.0127 \\approx 2.36$ standard errors from zero: larger than two, so these "
        "50 examples show that model B has the lower loss. With 20 examples and the same "
        "spread it would be 1.49 standard errors: the data could not tell the models apart."
    ),
    mistakes=(
        float(_MEAN_DIFF / (_STD_DIFF / _N_PAIRED)),  # divided by n instead of sqrt(n)
        float(_MEAN_DIFF / _STD_DIFF),  # compared with the spread of one difference
        float(_MEAN_DIFF / (_STD_DIFF**2 / np.sqrt(_N_PAIRED))),  # variance, not std
    ),
)

EXERCISES = [_MEDIAN, _SHARE, _BEST_EPOCH, _STANDARD_ERROR, _PAIRED, _JUDGE]
