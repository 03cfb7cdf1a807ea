"""The exercises and quiz questions of chapters 4 to 7, checked against independent references.

Every anticipated mistake must be a real wrong answer; the references of the exercises added
for these chapters (5.8, the length of a plateau; 6.7, condition numbers before and after
standardising) are compared with independent computations; and the general claims that the
quiz questions make are recomputed on other seeds and data than the chapters use.
"""

import importlib
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest

from lossedu import datasets, exercises, losses, metrics, models, optim, quizzes, regularization
from lossedu.exercises._core import get_exercise

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = (4, 5, 6, 7)
IDS = [i for i in exercises.list() if int(i.split(".")[0]) in CHAPTERS]
NOTEBOOKS = {
    4: "chapters/04_classification_losses.ipynb",
    5: "chapters/05_loss_and_optimisation.ipynb",
    6: "chapters/06_regularisation.ipynb",
    7: "chapters/07_validation_and_metrics.ipynb",
}


@pytest.mark.parametrize("exercise_id", IDS)
def test_numeric_prompts_state_their_tolerance(exercise_id):
    prompt = get_exercise(exercise_id).prompt
    assert "tolerance" in prompt or "checked exactly" in prompt, exercise_id


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_six_questions_with_varied_answer_positions(chapter):
    questions = importlib.import_module(f"lossedu.quizzes.ch{chapter:02d}").QUESTIONS
    assert len(questions) >= 6
    positions = {[c.correct for c in q.choices].index(True) for q in questions}
    assert len(positions) >= 3  # the right answer is not always in the same place


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_question_is_shown_exactly_once_in_its_chapter(chapter):
    cells = json.loads((ROOT / NOTEBOOKS[chapter]).read_text())["cells"]
    shown = [
        qid
        for cell in cells
        if cell["cell_type"] == "code"
        for call in re.findall(r"quizzes\.show\(([^)]*)\)", "".join(cell["source"]))
        for qid in re.findall(r'"([^"]+)"', call)
    ]
    ids = [q for q in quizzes.list() if q.startswith(f"{chapter}.")]
    assert sorted(shown) == sorted(ids)


# --- 5.8: the longest plateau ---------------------------------------------------------------


def _plateau_by_groups(curve, tol):
    """Independent of the reference: group the flat flags into runs with itertools.groupby and
    drop a run that reaches the end of the curve."""
    c = np.asarray(curve, dtype=float)
    flags = list(c[1:] > (1 - tol) * c[:-1])
    runs = [(flat, len(list(group))) for flat, group in itertools.groupby(flags)]
    if runs and runs[-1][0]:
        runs = runs[:-1]
    return max((n for flat, n in runs if flat), default=0)


def test_5_8_reference_matches_run_length_grouping():
    exercise = get_exercise("5.8")
    assert exercise.cases[0]["tol"] == 0.01
    assert exercise.reference(**exercise.cases[0]) == 3  # the statement's example
    for case in exercise.all_cases():
        assert exercise.reference(**case) == _plateau_by_groups(**case)


def _sigmoid_mse(y_true, logits, *, reduction="mean"):
    return losses.mse(y_true, losses.sigmoid(logits), reduction=reduction)


def _sigmoid_mse_grad(y_true, logits, *, reduction="mean"):
    p = losses.sigmoid(logits)
    return losses.mse_grad(y_true, p, reduction=reduction) * p * (1 - p)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_5_8_only_the_squared_error_from_a_wrong_start_has_a_long_plateau(seed):
    """The claim of 5.8's explanation and question 5.q10, on fresh draws of chapter 5's data."""
    X, y = datasets.make_blobs(200, n_classes=2, n_features=2, rng=seed)
    plateau = {}
    for start, W0 in (("zero", [[0.0], [0.0]]), ("wrong", [[-4.0], [0.0]])):
        for name, loss in (
            ("squared", (_sigmoid_mse, _sigmoid_mse_grad)),
            ("cross-entropy", "binary_cross_entropy_with_logits"),
        ):
            model = models.LogisticRegression(2).set_params(W=W0)
            hist = models.fit(
                model,
                X,
                y,
                loss=loss,
                optimizer=optim.SGD(0.5),
                epochs=300,
                progress=False,
                track_params=True,
            )
            curve = [
                losses.binary_cross_entropy_with_logits(y, X @ p["W"][:, 0] + p["b"][0])
                for p in hist.params
            ]
            plateau[name, start] = get_exercise("5.8").reference(curve, 0.01)
    assert plateau["squared", "wrong"] > 100
    assert plateau["squared", "zero"] == plateau["cross-entropy", "zero"] == 0
    assert plateau["cross-entropy", "wrong"] == 0


# --- 6.7: condition numbers before and after standardising --------------------------------


def test_6_7_reference_matches_numpy_cond_and_the_correlation_formula():
    exercise = get_exercise("6.7")
    for case in exercise.all_cases():
        X = np.asarray(case["X"], dtype=float)
        got = exercise.reference(X)
        Z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)  # ddof does not change kappa
        np.testing.assert_allclose(got[0], np.linalg.cond(X.T @ X), rtol=1e-6)
        np.testing.assert_allclose(got[1], np.linalg.cond(Z.T @ Z), rtol=1e-6)
        if X.shape[1] == 2:  # Z^T Z / n is the correlation matrix: eigenvalues 1 +- |r|
            r = abs(np.corrcoef(X.T)[0, 1])
            np.testing.assert_allclose(got[1], (1 + r) / (1 - r), rtol=1e-6)
    np.testing.assert_allclose(
        exercise.reference(exercise.cases[0]["X"]), [7472.0, 1.178], rtol=1e-3
    )


# --- the general claims of the quiz questions ---------------------------------------------


def test_4_q1_every_factor_of_ten_costs_log_ten_nats():
    y = np.ones(2)
    per = losses.binary_cross_entropy(y, np.array([0.1, 0.001]), reduction="none")
    np.testing.assert_allclose(per[1] - per[0], np.log(100.0), rtol=1e-12)  # 4.61, not log2


def test_4_q2_squared_error_gradient_vanishes_on_a_confident_mistake():
    p = losses.sigmoid(np.array([-10.0]))[0]
    assert abs(2 * (p - 1) * p * (1 - p)) < 1e-4 < 0.99 < abs(p - 1)


def test_4_q3_true_statements_about_float64():
    assert losses.sigmoid(np.array([40.0]))[0] == 1.0
    assert np.logaddexp(0.0, 1000.0) == 1000.0
    rng = np.random.default_rng(4)
    z = rng.normal(0, 3, (50, 5))
    shifted = np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1)
    assert np.all((shifted >= 1.0) & (shifted <= 5.0))
    np.testing.assert_allclose(losses.softmax(z - 7.0), losses.softmax(z), rtol=1e-12)


@pytest.mark.parametrize(("k", "eps"), [(10, 0.1), (10, 0.2), (5, 0.3)])
def test_4_q5_best_gap_under_label_smoothing_falls_as_eps_grows(k, eps):
    gaps = np.arange(0.0, 12.0, 0.001)
    logits = np.zeros((gaps.size, k))
    logits[:, 0] = gaps
    loss = losses.categorical_cross_entropy_with_logits(
        np.zeros(gaps.size, dtype=int), logits, label_smoothing=eps, reduction="none"
    )
    best = gaps[np.argmin(loss)]
    np.testing.assert_allclose(best, np.log((1 - eps + eps / k) / (eps / k)), atol=1e-3)


@pytest.mark.parametrize("eta", [0.1, 0.3, 0.45, 0.55, 0.9])
def test_4_q6_expected_absolute_error_is_minimised_at_an_end(eta):
    p = np.linspace(0.0, 1.0, 1001)
    expected = eta * np.abs(p - 1) + (1 - eta) * np.abs(p)
    assert p[np.argmin(expected)] == (1.0 if eta > 0.5 else 0.0)


@pytest.mark.parametrize("n_bins", [1, 5, 10, 15])
def test_4_q7_the_base_rate_for_everyone_has_zero_ece(n_bins):
    y = np.random.default_rng(n_bins).permutation(np.repeat([1.0, 0.0], [40, 160]))  # 20 %
    assert metrics.expected_calibration_error(y, np.full(200, 0.2), n_bins=n_bins) < 1e-12
    np.testing.assert_allclose(losses.binary_cross_entropy(y, np.full(200, 0.2)), 0.5004, atol=1e-4)


def test_5_q4_the_largest_stable_rate_is_not_the_fastest():
    curv = np.array([0.2, 4.0])
    rng = np.random.default_rng(5)
    for w0 in rng.normal(0, 3, (10, 2)):
        final = {}
        for lr in (0.02, 0.4, 0.49, 0.51):
            w = w0.copy()
            for _ in range(300):
                w = optim.SGD(lr).step(w, curv * w)
            final[lr] = float(np.sum(0.5 * curv * w**2))
        assert final[0.4] < final[0.49] < final[0.02] < final[0.51]


@pytest.mark.parametrize("seed", range(5))
def test_6_q2_the_ridge_path_never_lengthens_the_weight_vector(seed):
    rng = np.random.default_rng(seed)
    cov = np.array([[1.0, 0.8, 0.3], [0.8, 1.0, 0.5], [0.3, 0.5, 1.0]])
    X = rng.multivariate_normal(np.zeros(3), cov, 40)
    y = X @ rng.normal(0, 1, 3) + rng.normal(0, 0.5, 40)
    norms = [
        np.linalg.norm(regularization.penalised_least_squares(X, y, lam, penalty="l2"))
        for lam in np.geomspace(1e-4, 10, 200)
    ]
    assert np.all(np.diff(norms) <= 1e-12)


def test_6_q4_scikit_learn_ridge_needs_alpha_n_lambda():
    sklearn = pytest.importorskip("sklearn.linear_model")
    rng = np.random.default_rng(64)
    X = rng.normal(0, 1, (50, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(0, 0.3, 50)
    ours = regularization.penalised_least_squares(X, y, 0.1, penalty="l2")
    theirs = sklearn.Ridge(alpha=50 * 0.1, fit_intercept=False).fit(X, y).coef_
    np.testing.assert_allclose(ours, theirs, rtol=1e-8)


@pytest.mark.parametrize("seed", range(5))
def test_6_q11_a_penalised_intercept_follows_a_shift_only_in_part(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (30, 3))
    A = np.column_stack([X, np.ones(30)])  # the intercept penalised like any weight
    y = X @ rng.normal(0, 1, 3) + rng.normal(0, 0.5, 30)
    lam = 10 ** rng.uniform(-2, 0)

    def predictions(target):
        return A @ regularization.penalised_least_squares(A, target, lam, penalty="l2")

    rise = np.mean(predictions(y + 10.0) - predictions(y))
    assert 0.0 < rise < 10.0


@pytest.mark.parametrize("seed", range(5))
def test_7_q5_lowering_the_threshold_never_lowers_recall(seed):
    rng = np.random.default_rng(seed)
    y = (rng.random(300) < 0.2).astype(float)
    probs = np.clip(0.3 * y + rng.random(300) * 0.7, 0.0, 1.0)
    recalls = [metrics.recall(y, (probs >= t).astype(float)) for t in np.linspace(1, 0, 101)]
    assert np.all(np.diff(recalls) >= 0)


def test_7_q7_skill_score_against_the_base_rate():
    base = losses.binary_cross_entropy(np.repeat([1.0, 0.0], [10, 90]), np.full(100, 0.1))
    np.testing.assert_allclose(base, 0.325, atol=1e-3)
    np.testing.assert_allclose(1 - 0.40 / base, -0.23, atol=5e-3)
