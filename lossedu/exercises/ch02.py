"""Exercises of chapter 2, "Error versus loss": aggregations, squaring, best epoch, error bars."""

import numpy as np

from lossedu import losses, metrics, model_selection
from lossedu.exercises._core import Exercise, Mistake


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
        "`y_true` and `y_pred` are 1-D arrays of the same length. For `y_true = [1, 2, 3]` and "
        "`y_pred = [1, 2.5, 9]` it gives 0.5. Checked to a relative tolerance of $10^{-6}$."
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
        Mistake(
            lambda y_true, y_pred: float(np.mean(np.abs(y_pred - y_true))),
            "This looks like the *mean* of the absolute errors (the MAE); the exercise asks for "
            "their median.",
        ),
        Mistake(
            lambda y_true, y_pred: float(np.abs(np.median(y_pred - y_true))),
            "The absolute value came after the median: the median of the signed errors, made "
            "positive. Take each point's absolute error first, then aggregate.",
        ),
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
        "sum of squared errors comes from the point with error 4? (A number between 0 and 1, "
        "accepted within 0.1 % of the right one: relative tolerance $10^{-3}$.)"
    ),
    reference=lambda: float(
        losses.mse(np.zeros(4), _ERRORS, reduction="none")[3]
        / losses.mse(np.zeros(4), _ERRORS, reduction="sum")
    ),
    rtol=1e-3,
    atol=0.0,
    hints=(
        "Square each error: 0.25, 1, 0.25 and 16.",
        "A share is a part over the whole: here, which part, and which whole?",
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
        Mistake(
            float(np.abs(_ERRORS[3]) / np.sum(np.abs(_ERRORS))),
            "This is the point's share of the sum of *absolute* errors; the question asks about "
            "the squared errors.",
        ),
        Mistake(
            1 / _ERRORS.size,
            "One point in four: that would be its share if every error counted the same. "
            "Squaring gives large errors more weight.",
        ),
        float(_ERRORS[3] ** 2 / np.sum(_ERRORS) ** 2),  # squared the sum instead of summing squares
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
        "1 (the first entry is epoch 1). If several epochs tie, return the earliest. For "
        "`[3.0, 2.0, 1.5, 1.7, 2.2]` it gives 3. The answer is an integer and must match "
        "exactly."
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
        Mistake(
            lambda val_loss: int(np.argmin(val_loss)),
            "Off by one: this is the position in the array, counted from 0; epochs are counted "
            "from 1.",
        ),
        lambda val_loss: int(np.argmax(val_loss)) + 1,  # highest loss
        Mistake(
            lambda val_loss: int(len(val_loss) - np.argmin(val_loss[::-1])),
            "Among epochs that tie for the lowest loss this gives the *last* one; the exercise "
            "asks for the earliest.",
        ),
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
        "standard deviation, dividing by $n - 1$, over $\\sqrt n$. For `[1.0, 2.0, 3.0, 4.0]` it "
        "gives about 0.6455. Checked to a relative tolerance of $10^{-6}$."
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
            "NumPy's `np.std` divides by $n$ unless you pass `ddof=1`. And averaging $n$ "
            "independent values shrinks their spread by the *square root* of $n$, not by $n$."
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
        Mistake(
            lambda losses: float(np.std(losses) / np.sqrt(len(losses))),
            "A little too small: this standard deviation divides by $n$ (NumPy's default, "
            "`ddof=0`); the sample standard deviation divides by $n - 1$.",
        ),
        Mistake(
            lambda losses: float(np.std(losses, ddof=1) / len(losses)),
            "Divided by $n$ instead of $\\sqrt n$: the spread of a mean shrinks with the square "
            "root of the number of values.",
        ),
        lambda losses: float(np.var(losses, ddof=1) / np.sqrt(len(losses))),  # no sqrt of var
        Mistake(
            lambda losses: float(np.std(losses, ddof=1)),
            "This is the spread of *one* per-example loss; the standard error of their mean is "
            "smaller by a factor $\\sqrt n$.",
        ),
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
        "`mean_difference > 2 * se`.) For `loss_a = [1, 2, 3]` and `loss_b = [0.5, 2, 2]` it "
        "gives `(0.5, 0.2887...)`. Checked to a relative tolerance of $10^{-6}$."
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
            "The differences `loss_a - loss_b` are one sample of numbers: return their mean "
            "and the standard error of that mean, as in exercise 2.4. Do not combine the two "
            "models' separate standard errors."
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
        Mistake(
            lambda loss_a, loss_b: (
                float(np.mean(loss_a) - np.mean(loss_b)),
                float(np.hypot(metrics.standard_error(loss_a), metrics.standard_error(loss_b))),
            ),
            "The error bar is too wide: it combines the two models' separate standard errors "
            "as if they were measured on independent sets. The examples are shared, so work "
            "with the differences example by example.",
        ),
        # the separate standard errors added
        lambda loss_a, loss_b: (
            float(np.mean(loss_a) - np.mean(loss_b)),
            metrics.standard_error(loss_a) + metrics.standard_error(loss_b),
        ),
        Mistake(
            lambda loss_a, loss_b: _paired(loss_b, loss_a),
            "The sign of the mean difference is reversed: the exercise asks for `loss_a - loss_b`.",
        ),
        Mistake(
            lambda loss_a, loss_b: (
                float(np.mean(np.subtract(loss_a, loss_b))),
                float(np.std(np.subtract(loss_a, loss_b)) / np.sqrt(len(loss_a))),
            ),
            "The standard error is a little too small: its standard deviation divides by $n$ "
            "(`ddof=0`) instead of $n - 1$.",
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
        "data show that model B is better. Accepted within 0.1 % of the right one: relative "
        "tolerance $10^{-3}$.)"
    ),
    reference=_z_score,
    rtol=1e-3,
    atol=0.0,
    hints=(
        "First the error bar of the mean difference, from the spread of the differences and "
        "the number of examples; then compare the mean difference with it.",
        (
            "The paired standard error is the standard deviation of the differences over the "
            "square root of their number; then divide the mean difference by it."
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
        Mistake(
            float(_MEAN_DIFF / (_STD_DIFF / _N_PAIRED)),
            "Far too large: the standard error was computed by dividing by $n$ instead of "
            "$\\sqrt n$.",
        ),
        Mistake(
            float(_MEAN_DIFF / _STD_DIFF),
            "This compares the mean difference with the spread of *one* difference; its error "
            "bar is the standard error of the mean, smaller by $\\sqrt n$.",
        ),
        float(_MEAN_DIFF / (_STD_DIFF**2 / np.sqrt(_N_PAIRED))),  # variance, not std
    ),
)


# The diagnoses of exercise 2.7, as integer codes (the checker compares numbers).
_STILL_LEARNING, _CONVERGED, _UNDERFITTING, _OVERFITTING = 0, 1, 2, 3


def _diagnose(train_loss, val_loss, noise):
    """Section 4's table as rules, checked in this order (the prompt of 2.7 states them)."""
    train = np.asarray(train_loss, dtype=float)
    val = np.asarray(val_loss, dtype=float)
    if model_selection.overfitting_epochs(train, val, rtol=0.05)[-1]:
        return _OVERFITTING
    k = max(1, train.size // 10)  # the last tenth of the epochs
    if train[-1] < 0.99 * train[-1 - k]:
        return _STILL_LEARNING
    if val[-1] > 2 * noise:
        return _UNDERFITTING
    return _CONVERGED


def _diagnose_loose_underfit(train_loss, val_loss, noise):
    """Underfitting as soon as the validation loss is above the noise level."""
    code = _diagnose(train_loss, val_loss, noise)
    if code == _CONVERGED and val_loss[-1] > noise:
        return _UNDERFITTING
    return code


def _diagnose_still_learning_first(train_loss, val_loss, noise):
    """The falling training loss checked before the rising validation loss."""
    train = np.asarray(train_loss, dtype=float)
    k = max(1, train.size // 10)
    if train[-1] < 0.99 * train[-1 - k]:
        return _STILL_LEARNING
    return _diagnose(train_loss, val_loss, noise)


def _diagnose_any_rise(train_loss, val_loss, noise):
    """Overfitting for any rise of the validation loss above its best, however small."""
    val = np.asarray(val_loss, dtype=float)
    if val[-1] > val.min():
        return _OVERFITTING
    return _diagnose(train_loss, val_loss, noise)


def _training_run(rng: np.random.Generator) -> dict:
    """Synthetic loss curves of one of the four kinds, away from the rules' thresholds."""
    while True:
        n = int(rng.integers(10, 60))
        t = np.arange(1, n + 1)
        noise = float(np.round(rng.uniform(0.05, 0.5), 2))
        kind = int(rng.integers(4))
        level = noise * (rng.uniform(0.6, 0.95) if kind != _UNDERFITTING else rng.uniform(3, 6))
        tau = n * (rng.uniform(1.0, 3.0) if kind == _STILL_LEARNING else rng.uniform(0.03, 0.1))
        train = level + rng.uniform(1.0, 3.0) * np.exp(-t / tau)
        val = train * rng.uniform(1.05, 1.3)
        if kind == _OVERFITTING:
            start = int(rng.integers(n // 3, 2 * n // 3))
            val[start:] *= np.exp(rng.uniform(0.05, 0.3) * np.arange(1, n - start + 1))
            train[start:] -= np.linspace(0.0, 0.3 * level, n - start)
        val *= np.exp(rng.normal(0.0, 0.005, n))  # a little noise: a drift is not a rise
        case = {"train_loss": np.round(train, 5), "val_loss": np.round(val, 5), "noise": noise}
        k = max(1, n // 10)
        margins = (
            abs(case["train_loss"][-1] / case["train_loss"][-1 - k] - 0.99),
            abs(case["val_loss"][-1] / (2 * noise) - 1),
            abs(case["val_loss"][-1] / case["val_loss"].min() - 1.05),
        )
        if min(margins) > 0.005 and _diagnose(**case) == kind:
            return case


_OVERFIT_TRAIN = np.array([1.0, 0.5, 0.3, 0.2, 0.15, 0.12, 0.1, 0.09, 0.08, 0.07])
_OVERFIT_VAL = np.array([1.0, 0.6, 0.4, 0.35, 0.36, 0.4, 0.45, 0.5, 0.55, 0.6])
_FLAT_TRAIN = np.array([1.0, 0.3, 0.12, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])

_DIAGNOSE = Exercise(
    id="2.7",
    title="Diagnose a training run from its loss curves",
    kind="function",
    prompt=(
        "Write `diagnose(train_loss, val_loss, noise)` that reads the training and validation "
        "losses of a run (1-D arrays, one entry per epoch, at least 10 epochs) and the noise "
        "level `noise`, the lowest loss any model can reach on new data, and returns the "
        "diagnosis of section 4 as a number, by these rules in this order:\n\n"
        "1. `3` (overfitting) if at the last epoch the validation loss is more than 5 % above "
        "its lowest value and the training loss is below its value at that best epoch (the "
        "earliest, if several tie);\n"
        "2. `0` (still learning) if the training loss fell by more than 1 % over the last "
        "tenth of the epochs: `train_loss[-1] < 0.99 * train_loss[-1 - k]` with "
        "`k = max(1, len(train_loss) // 10)`;\n"
        "3. `2` (underfitting) if the last validation loss is more than twice the noise "
        "level;\n"
        "4. `1` (converged) otherwise.\n\n"
        f"For `train_loss = {_OVERFIT_TRAIN.tolist()}`, `val_loss = {_OVERFIT_VAL.tolist()}` and "
        "`noise = 0.1` it gives 3. The answer is an integer and must match exactly."
    ),
    function_name="diagnose",
    args=("train_loss", "val_loss", "noise"),
    reference=_diagnose,
    cases=(
        {"train_loss": _OVERFIT_TRAIN, "val_loss": _OVERFIT_VAL, "noise": 0.1},
        {
            "train_loss": np.array([2.0, 1.8, 1.6, 1.45, 1.3, 1.2, 1.1, 1.0, 0.92, 0.85]),
            "val_loss": np.array([2.1, 1.9, 1.7, 1.55, 1.4, 1.3, 1.2, 1.1, 1.0, 0.95]),
            "noise": 0.1,
        },
        {"train_loss": _FLAT_TRAIN, "val_loss": 1.2 * _FLAT_TRAIN, "noise": 0.1},
        {"train_loss": 4 * _FLAT_TRAIN, "val_loss": 5 * _FLAT_TRAIN, "noise": 0.1},
        {  # converged, with a drift of the validation loss inside the 5 % tolerance
            "train_loss": _FLAT_TRAIN,
            "val_loss": np.array([1.2, 0.36, 0.144, 0.12, 0.12, 0.12, 0.121, 0.122, 0.121, 0.123]),
            "noise": 0.1,
        },
    ),
    generate=_training_run,
    n_random=20,
    seed=27,
    hints=(
        (
            "Take the rules in the order given and return as soon as one applies: a run whose "
            "training loss still falls can be overfitting, and rule 1 must see it first."
        ),
        (
            "Rule 1 needs the best validation epoch: `np.argmin` gives its position (the first "
            "one among ties). Rule 2 compares the last training loss with the one `k` entries "
            "earlier."
        ),
    ),
    solution=(
        "def diagnose(train_loss, val_loss, noise):\n"
        "    train = np.asarray(train_loss, dtype=float)\n"
        "    val = np.asarray(val_loss, dtype=float)\n"
        "    best = int(np.argmin(val))  # the best validation epoch (position)\n"
        "    if val[-1] > 1.05 * val[best] and train[-1] < train[best]:\n"
        "        return 3  # overfitting\n"
        "    k = max(1, train.size // 10)\n"
        "    if train[-1] < 0.99 * train[-1 - k]:\n"
        "        return 0  # still learning\n"
        "    if val[-1] > 2 * noise:\n"
        "        return 2  # underfitting\n"
        "    return 1  # converged\n\n\n"
        'exercises.check("2.7", diagnose)'
    ),
    explanation=(
        "The rules turn section 4's table into code: overfitting is a shape (validation up "
        "while training goes down), still learning is a slope, underfitting is a level. The "
        "order matters, because an overfitting run's training loss is often still falling. "
        "On the four runs of section 4 the rules give 0, 1, 2 and 3, as the titles say. The "
        "thresholds (5 %, 1 %, twice the noise) are conventions to state, not laws: a run "
        "close to one of them deserves a look at its curves."
    ),
    mistakes=(
        Mistake(
            _diagnose_still_learning_first,
            "An overfitting run was read as still learning: its training loss is still "
            "falling, but its validation loss has risen well above its best. Check for "
            "overfitting first.",
        ),
        Mistake(
            _diagnose_loose_underfit,
            "A converged run was called underfitting: a good model's validation loss sits near "
            "the noise level, often a little above it. The rule says underfitting only above "
            "twice the noise level.",
        ),
        Mistake(
            _diagnose_any_rise,
            "A small drift of the validation loss above its best was called overfitting: the "
            "rule asks for a rise of more than 5 % while the training loss keeps falling.",
        ),
        lambda train_loss, val_loss, noise: 3 - _diagnose(train_loss, val_loss, noise),
    ),
)

EXERCISES = [_MEDIAN, _SHARE, _BEST_EPOCH, _STANDARD_ERROR, _PAIRED, _JUDGE, _DIAGNOSE]

# Each learning objective of the chapter (as in its Learning objectives cell) and the
# exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "compute the absolute and squared error of each prediction, and say what squaring "
        "emphasises;",
        ("2.2", "2.q1"),
    ),
    (
        "aggregate the same errors into a loss by the mean, sum, max or median, and predict how "
        "each reacts to one large error;",
        ("2.1", "2.q2", "2.q3"),
    ),
    (
        "draw the errors of a model as segments between targets and predictions;",
        ("2.q4",),
    ),
    (
        "read a curve of training and validation loss: still learning, converged, "
        "{term}`underfitting` or {term}`overfitting`, and find the best {term}`epoch`;",
        ("2.3", "2.7", "2.q5", "2.q6", "2.q7"),
    ),
    (
        "put an error bar on a loss or a metric (standard error, bootstrap interval, spread "
        "over seeds), and say whether a difference between two models is larger than its "
        "error bar.",
        ("2.4", "2.5", "2.6", "2.q8", "2.q9", "2.q10"),
    ),
)
