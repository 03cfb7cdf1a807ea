"""Exercises of chapters 3 and 4: references against independent values, solutions pass.

The generic checks (reference passes, planted mistakes fail, stubs read "not attempted")
run over every exercise in tests/test_exercises.py; here each reference is compared with a
value from outside lossedu, and each worked solution is run through its own checker.
"""

import math

import numpy as np
import pytest

from lossedu import exercises, losses
from lossedu.exercises._core import get_exercise

IDS = ["3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4"]


def test_the_exercises_are_registered_in_order():
    listed = exercises.list()
    assert [i for i in listed if i.split(".")[0] in ("3", "4")] == IDS


@pytest.mark.parametrize("exercise_id", IDS)
def test_worked_solution_passes_its_own_check(exercise_id):
    exercise = get_exercise(exercise_id)
    namespace: dict = {}
    exec(exercise.solution, namespace)
    answer = namespace["answer"] if exercise.kind == "value" else namespace[exercise.function_name]
    assert exercises.check(exercise_id, answer).passed


def test_3_1_reference_matches_scikit_learn():
    sk = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.normal(size=7), rng.normal(size=7)
    # Independent reference: scikit-learn's mean_absolute_error.
    expected = sk.mean_absolute_error(y_true, y_pred)
    assert get_exercise("3.1").reference(y_true, y_pred) == pytest.approx(expected)


def test_3_2_and_3_3_references_match_closed_forms():
    y_true, y_pred = np.zeros(3), np.array([-4.0, 0.1, 4.0])
    # By hand with delta = 2: 2 * (4 - 1) = 6, 0.5 * 0.01 = 0.005, 6; mean = 12.005 / 3.
    assert get_exercise("3.2").reference(y_true, y_pred, delta=2.0) == pytest.approx(12.005 / 3)
    # Gradient of the mean: clip(r, -2, 2) / 3 = (-2, 0.1, 2) / 3.
    grad = get_exercise("3.3").reference(y_true, y_pred, delta=2.0)
    np.testing.assert_allclose(grad, np.array([-2.0, 0.1, 2.0]) / 3)


def test_3_2_reference_matches_torch_huber_loss():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    y_true, y_pred = rng.normal(0, 3, 9), rng.normal(0, 3, 9)
    # Independent reference: torch.nn.functional.huber_loss, the convention the prompt states.
    expected = torch.nn.functional.huber_loss(
        torch.tensor(y_pred), torch.tensor(y_true), delta=1.5
    ).item()
    assert get_exercise("3.2").reference(y_true, y_pred, delta=1.5) == pytest.approx(expected)


def test_3_4_answer_is_the_median_of_the_stated_data():
    exercise = get_exercise("3.4")
    values = np.array([2.0, 3.0, 5.0, 6.0, 7.0, 9.0, 60.0])
    assert str(values.tolist()) in exercise.prompt
    # Closed form: the minimiser of the sum of absolute deviations is the median.
    assert exercise.reference() == np.median(values) == 6.0
    assert not exercises.check("3.4", float(np.mean(values))).passed


def test_4_1_reference_is_exact_for_huge_logits():
    ref = get_exercise("4.1").reference
    # Closed form: for y = 0, z = 1000 the loss is log(1 + e^1000) = 1000 + log1p(e^-1000).
    assert ref(np.array([0.0]), np.array([1000.0])) == pytest.approx(1000.0)
    # y = 1, z = 2: log(1 + e^-2).
    assert ref(np.array([1.0]), np.array([2.0])) == pytest.approx(math.log1p(math.exp(-2.0)))


def test_4_1_naive_sigmoid_formula_is_reported_incorrect():
    def naive(y_true, logits):
        p = 1.0 / (1.0 + np.exp(-logits))
        return float(np.mean(-(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p))))

    result = exercises.check("4.1", naive)
    assert result.outcome == "incorrect"
    assert "1000" in str(result)


def test_4_2_reference_matches_torch_cross_entropy_with_soft_targets():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(2)
    t, z = rng.dirichlet(np.ones(4), 5), rng.normal(0, 3, (5, 4))
    # Independent reference: torch cross_entropy accepts probability targets.
    expected = torch.nn.functional.cross_entropy(torch.tensor(z), torch.tensor(t)).item()
    assert get_exercise("4.2").reference(t, z) == pytest.approx(expected)


def test_4_2_reference_closed_form_for_two_equal_logits():
    # Two classes, equal logits: softmax is (1/2, 1/2), the loss log 2.
    ref = get_exercise("4.2").reference
    assert ref(np.array([[1.0, 0.0]]), np.array([[0.0, 0.0]])) == pytest.approx(math.log(2))


def test_4_3_smoothed_targets_reproduce_lossedu_label_smoothing():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 5, 6)
    z = rng.normal(0, 2, (6, 5))
    smoothed = get_exercise("4.3").reference(np.eye(5)[y], epsilon=0.2)
    np.testing.assert_allclose(smoothed.sum(axis=1), 1.0)
    # The cross-entropy against the smoothed rows must equal the library's (and PyTorch's)
    # label_smoothing option, which is computed another way (log-softmax averages).
    expected = losses.categorical_cross_entropy_with_logits(y, z, label_smoothing=0.2)
    assert losses.categorical_cross_entropy_with_logits(smoothed, z) == pytest.approx(expected)


def test_4_4_gap_zeroes_the_smoothed_gradient():
    gap = get_exercise("4.4").reference()
    # Closed form: log((1 - 0.1 + 0.01) / 0.01) = log 91.
    assert gap == pytest.approx(math.log(91.0))
    logits = np.zeros((1, 10))
    logits[0, 0] = gap
    grad = losses.categorical_cross_entropy_with_logits_grad([0], logits, label_smoothing=0.1)
    np.testing.assert_allclose(grad, 0.0, atol=1e-12)
