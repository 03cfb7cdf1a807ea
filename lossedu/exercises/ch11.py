"""Exercises of chapter 11, "Capstone: choose and defend a loss on real data"."""

import inspect

import numpy as np

from lossedu import losses, model_selection
from lossedu.exercises._core import Exercise, Mistake

# The stated costs of the chapter's classification: a missed cancer costs 10 biopsies.
_C_FP, _C_FN = 1.0, 10.0


def _mean_cost_reference(y_true, y_pred, c_under, c_over) -> float:
    # c_under max(r, 0) + c_over max(-r, 0) = (c_under + c_over) * pinball_tau(r)
    tau = c_under / (c_under + c_over)
    return (c_under + c_over) * losses.quantile(y_true, y_pred, tau=tau)


def _cost_data(rng: np.random.Generator) -> dict:
    n = int(rng.integers(1, 30))
    y = np.round(rng.uniform(25.0, 350.0, n))
    return {
        "y_true": y,
        "y_pred": np.round(y + rng.normal(0.0, 60.0, n), 1),
        "c_under": float(rng.integers(1, 6)),
        "c_over": float(rng.integers(1, 6)),
    }


def _cost_variant(*, swapped=False, scale=1.0, symmetric=False):
    def mean_cost(y_true, y_pred, c_under, c_over):
        r = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
        if symmetric:
            return float(np.mean(np.abs(r)))
        under, over = (c_over, c_under) if swapped else (c_under, c_over)
        return float(np.mean(under * np.maximum(r, 0) + over * np.maximum(-r, 0)) * scale)

    return mean_cost


_COST = Exercise(
    id="11.1",
    title="A stated cost as a loss",
    kind="function",
    prompt=(
        "Write `mean_cost(y_true, y_pred, c_under, c_over)`: the mean cost per patient when "
        "predicting `y_pred` for targets `y_true`, where each point of under-prediction "
        "(target above the prediction) costs `c_under` and each point of over-prediction "
        "costs `c_over`. Then check, if you like, that it equals "
        "`(c_under + c_over) * losses.quantile(y_true, y_pred, tau=c_under / (c_under + "
        "c_over))`."
    ),
    function_name="mean_cost",
    args=("y_true", "y_pred", "c_under", "c_over"),
    reference=_mean_cost_reference,
    cases=(
        {
            "y_true": np.array([100.0, 200.0]),
            "y_pred": np.array([110.0, 180.0]),
            "c_under": 3.0,
            "c_over": 1.0,
        },
        {"y_true": np.array([50.0]), "y_pred": np.array([50.0]), "c_under": 3.0, "c_over": 1.0},
        {
            "y_true": np.array([10.0, 20.0, 30.0]),
            "y_pred": np.array([40.0, 40.0, 0.0]),
            "c_under": 1.0,
            "c_over": 4.0,
        },
    ),
    generate=_cost_data,
    n_random=20,
    seed=111,
    rtol=1e-6,
    atol=1e-9,
    hints=(
        (
            "Work with the residual `r = y_true - y_pred`: it is positive where the prediction "
            "is too low (an under-prediction) and negative where it is too high."
        ),
        (
            "Each patient costs `c_under * max(r, 0) + c_over * max(-r, 0)` "
            "(`np.maximum(r, 0)`); return the mean over the patients."
        ),
    ),
    solution=(
        "def mean_cost(y_true, y_pred, c_under, c_over):\n"
        "    r = np.asarray(y_true) - np.asarray(y_pred)\n"
        "    return float(np.mean(c_under * np.maximum(r, 0) + c_over * np.maximum(-r, 0)))\n\n\n"
        'exercises.check("11.1", mean_cost)'
    ),
    explanation=(
        "With $\\tau = C_{under} / (C_{under} + C_{over})$ the cost is "
        "$(C_{under} + C_{over})\\,\\rho_\\tau(r)$: a constant times the quantile loss. "
        "Minimising the cost and minimising the quantile loss at that $\\tau$ choose the "
        "same model, so the stated cost names the loss to train with and the metric to "
        "validate with."
    ),
    mistakes=(
        Mistake(
            _cost_variant(swapped=True),
            "The two costs look swapped: a target *above* the prediction is an "
            "under-prediction, and it costs `c_under`.",
        ),
        Mistake(
            _cost_variant(symmetric=True),
            "This looks like the mean absolute error: it charges both directions alike and "
            "ignores the two costs.",
        ),
        Mistake(
            lambda y_true, y_pred, c_under, c_over: losses.quantile(
                y_true, y_pred, tau=c_under / (c_under + c_over)
            ),
            "This looks like the quantile loss itself, which is the cost divided by "
            "`c_under + c_over`: it has the right minimiser but not the right units.",
        ),
        _cost_variant(scale=2.0),
    ),
)


def _seed_reference(differences, standard_errors) -> np.ndarray:
    d = np.asarray(differences, dtype=float)
    se = np.asarray(standard_errors, dtype=float)
    return np.array([np.mean(d > 0), np.mean(d > 2 * se)])


def _seed_data(rng: np.random.Generator) -> dict:
    n = int(rng.integers(1, 25))
    se = np.round(rng.uniform(0.5, 3.0, n), 2)
    return {
        "differences": np.round(rng.normal(rng.uniform(-2.0, 5.0), 2.5, n), 2),
        "standard_errors": se,
    }


_SEEDS = Exercise(
    id="11.2",
    title="How often does the conclusion hold?",
    kind="function",
    prompt=(
        "You repeated a comparison of models A and B over several seeds of the split. For "
        "seed k, `differences[k]` is the mean cost of A minus the mean cost of B and "
        "`standard_errors[k]` the standard error of that paired difference. Write "
        "`seed_agreement(differences, standard_errors)` that returns "
        "`np.array([share_b_cheaper, share_b_cheaper_by_two_se])`: the share of seeds in "
        "which B is cheaper (difference > 0) and the share in which it is cheaper by more "
        "than two standard errors."
    ),
    function_name="seed_agreement",
    args=("differences", "standard_errors"),
    reference=_seed_reference,
    cases=(
        {
            "differences": np.array([3.0, 1.0, -0.5, 5.0]),
            "standard_errors": np.array([1.0, 1.0, 1.0, 2.0]),
        },
        {"differences": np.array([2.0]), "standard_errors": np.array([1.0])},
        {"differences": np.array([-4.0, -3.0]), "standard_errors": np.array([1.0, 1.0])},
    ),
    generate=_seed_data,
    n_random=20,
    seed=112,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "Both shares are means of booleans over the seeds: `np.mean(condition)` is the "
            "share of seeds where the condition holds."
        ),
        (
            "B is cheaper where `differences > 0`; clearly cheaper where "
            "`differences > 2 * standard_errors`. A large negative difference favours A, so "
            "it does not count for B."
        ),
    ),
    solution=(
        "def seed_agreement(differences, standard_errors):\n"
        "    d, se = np.asarray(differences), np.asarray(standard_errors)\n"
        "    return np.array([np.mean(d > 0), np.mean(d > 2 * se)])\n\n\n"
        'exercises.check("11.2", seed_agreement)'
    ),
    explanation=(
        "The first share says how stable the *direction* of the conclusion is, the second "
        "how often one split alone would have shown it clearly. The chapter reports both: a "
        "difference that is positive in most seeds but beyond two standard errors in few is "
        "within its error bar, and the text must say so."
    ),
    mistakes=(
        Mistake(
            lambda differences, standard_errors: np.array(
                [
                    np.mean(np.asarray(differences) > 0),
                    np.mean(np.abs(differences) > 2 * np.asarray(standard_errors)),
                ]
            ),
            "The second share seems to count large differences in *either* direction; a "
            "difference far below 0 says that A is cheaper, not B.",
        ),
        Mistake(
            lambda differences, standard_errors: np.array(
                [
                    np.mean(np.asarray(differences) > 0),
                    np.mean(np.asarray(differences) > np.asarray(standard_errors)),
                ]
            ),
            "The second share looks like it uses one standard error; the question asks for two.",
        ),
        Mistake(
            lambda differences, standard_errors: np.array(
                [
                    np.sum(np.asarray(differences) > 0),
                    np.sum(np.asarray(differences) > 2 * np.asarray(standard_errors)),
                ],
                dtype=float,
            ),
            "These look like counts of seeds; the question asks for shares (divide by the "
            "number of seeds).",
        ),
    ),
)


def _shifted_reference(y_train, fitted_train, predicted, tau) -> np.ndarray:
    shift = np.quantile(np.asarray(y_train) - np.asarray(fitted_train), tau)
    return np.asarray(predicted, dtype=float) + shift


def _shift_data(rng: np.random.Generator) -> dict:
    n = int(rng.integers(3, 50))
    fitted = rng.normal(150.0, 50.0, n)
    y = np.round(fitted + rng.gamma(2.0, 20.0, n) - 40.0, 1)
    return {
        "y_train": y,
        "fitted_train": np.round(fitted, 1),
        "predicted": np.round(rng.normal(150.0, 50.0, int(rng.integers(1, 6))), 1),
        "tau": float(rng.choice([0.1, 0.25, 0.75, 0.9])),
    }


def _shift_by(statistic):
    def shifted(y_train, fitted_train, predicted, tau):
        r = np.asarray(y_train) - np.asarray(fitted_train)
        return np.asarray(predicted, dtype=float) + statistic(r, tau)

    return shifted


_SHIFT = Exercise(
    id="11.3",
    title="Move a least-squares fit to a quantile",
    kind="function",
    prompt=(
        "A model fitted by least squares predicts the mean. Write "
        "`shifted(y_train, fitted_train, predicted, tau)` that moves its predictions to the "
        "`tau`-quantile: compute the training residuals `y_train - fitted_train`, take their "
        "`tau`-quantile with `np.quantile` (its default method), and return `predicted` plus "
        "that shift. (This is the intercept that minimises the quantile loss on the training "
        "data, with the slopes kept.)"
    ),
    function_name="shifted",
    args=("y_train", "fitted_train", "predicted", "tau"),
    reference=_shifted_reference,
    cases=(
        {
            "y_train": np.array([10.0, 12.0, 20.0, 30.0]),
            "fitted_train": np.array([11.0, 11.0, 15.0, 31.0]),
            "predicted": np.array([5.0, 50.0]),
            "tau": 0.75,
        },
        {
            "y_train": np.array([1.0, 2.0, 3.0]),
            "fitted_train": np.array([0.0, 0.0, 0.0]),
            "predicted": np.array([0.0]),
            "tau": 0.25,
        },
    ),
    generate=_shift_data,
    n_random=20,
    seed=113,
    rtol=1e-6,
    atol=1e-9,
    hints=(
        (
            "Only the intercept moves: every prediction gets the same shift, a quantile of "
            "how far the training targets lie above the fit."
        ),
        (
            "`r = y_train - fitted_train`; `shift = np.quantile(r, tau)`; return "
            "`predicted + shift`. The residuals are target minus fit, not the other way."
        ),
    ),
    solution=(
        "def shifted(y_train, fitted_train, predicted, tau):\n"
        "    residuals = np.asarray(y_train) - np.asarray(fitted_train)\n"
        "    return np.asarray(predicted) + np.quantile(residuals, tau)\n\n\n"
        'exercises.check("11.3", shifted)'
    ),
    explanation=(
        "For a constant added to every prediction, the quantile loss is minimised by the "
        "`tau`-quantile of the residuals, just as a constant prediction is best at the "
        "`tau`-quantile of the targets. The slopes stay those of least squares; the chapter "
        "compares this two-step fit with quantile regression, which fits all coefficients "
        "by the quantile loss."
    ),
    mistakes=(
        Mistake(
            _shift_by(lambda r, tau: np.quantile(r, 1 - tau)),
            "This looks like the `1 - tau` quantile: the level is flipped. A shift to the "
            "0.75-quantile leaves a quarter of the training targets above the predictions.",
        ),
        Mistake(
            _shift_by(lambda r, tau: np.quantile(-r, tau)),
            "This looks like the quantile of `fitted_train - y_train`, residuals with the "
            "wrong sign: a residual is target minus fit.",
        ),
        Mistake(
            _shift_by(lambda r, tau: np.median(r)),
            "This looks like the median of the residuals: it ignores `tau`.",
        ),
        _shift_by(lambda r, tau: 0.0),  # no shift at all: the least-squares predictions
    ),
)


def _alpha() -> float:
    """The positive-class weight alpha of the focal loss with gamma = 0 for the costs."""
    # the benign class's weight is the cost-based threshold C_FP / (C_FP + C_FN)
    return 1.0 - model_selection.cost_threshold(_C_FP, _C_FN)


_ALPHA = Exercise(
    id="11.4",
    title="Cost weights in the cross-entropy",
    kind="value",
    prompt=(
        "`losses.focal(y_true, logits, gamma=0.0, alpha=a)` is the cross-entropy with each "
        "malignant example (label 1) weighted by `a` and each benign one by `1 - a`. A missed "
        "cancer costs 10, a biopsy of a benign lump 1. Which `a` makes the weights "
        "proportional to these costs, so that the threshold 0.5 on the trained model's "
        "probabilities plays the role of the cost-based threshold? Compute it in code."
    ),
    reference=_alpha,
    rtol=1e-6,
    atol=0.0,
    hints=(
        (
            "A label-1 example that is missed costs $C_{FN}$; a label-0 example that is "
            "flagged costs $C_{FP}$. Weight each class's cross-entropy by the cost of getting "
            "it wrong."
        ),
        ("You need $a : (1 - a) = C_{FN} : C_{FP}$, so $a = C_{FN} / (C_{FP} + C_{FN})$."),
    ),
    solution=(
        'c_fp, c_fn = 1.0, 10.0\nanswer = c_fn / (c_fp + c_fn)\n\nexercises.check("11.4", answer)'
    ),
    explanation=(
        "Weighting the positives by $C_{FN}$ and the negatives by $C_{FP}$ multiplies the "
        "odds the model learns by $C_{FN}/C_{FP}$, so $p_w \\ge 0.5$ exactly where the "
        "unweighted $p \\ge C_{FP}/(C_{FP} + C_{FN})$ (Elkan 2001), if the model is right. "
        "The price: $p_w$ is no longer a calibrated probability."
    ),
    mistakes=(
        Mistake(
            model_selection.cost_threshold(_C_FP, _C_FN),
            "This is the cost-based threshold $C_{FP}/(C_{FP} + C_{FN})$, the weight of the "
            "benign class; `alpha` weights the malignant examples, whose errors cost more.",
        ),
        Mistake(
            _C_FN / _C_FP,
            "This is the ratio of the costs; `alpha` must lie in (0, 1): the positives' share "
            "of the total weight.",
        ),
        Mistake(
            inspect.signature(losses.focal).parameters["alpha"].default,
            "0.25 is the focal loss's default `alpha` from object detection "
            "(Lin et al. 2017); it down-weights the positives and ignores these costs.",
        ),
    ),
)

EXERCISES = [_COST, _SEEDS, _SHIFT, _ALPHA]

# The chapter's learning objectives (the bullets of its Learning objectives cell, whitespace
# collapsed), each with the exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "turn a stated cost into a loss and a metric: unequal prices of under- and "
        "over-prediction into the {term}`quantile loss`, prices of missed and false alarms "
        "into a {term}`cost-based threshold` or class weights;",
        ("11.1", "11.4", "11.q1", "11.q3"),
    ),
    (
        "tell whether a loss matters through the statistic it targets (mean, median, "
        "quantile) or through its robustness, and test that against a two-step baseline;",
        ("11.3", "11.q1"),
    ),
    (
        "compare losses by k-fold cross-validation on the same examples, with the standard "
        "error of a {term}`paired comparison`, and say when a difference is within its "
        "error bar;",
        ("11.2", "11.q2"),
    ),
    (
        "choose a loss, a threshold and a metric for an imbalanced classification problem, "
        "and report its calibration ({term}`Brier score`, {term}`expected calibration "
        "error`, {term}`reliability diagram`) and its ROC and precision-recall curves with "
        "bootstrap intervals;",
        ("11.4", "11.q3", "11.q4"),
    ),
    (
        "check a conclusion over many seeds of the split and write a decision that cites its "
        "evidence.",
        ("11.2", "11.q5"),
    ),
)
