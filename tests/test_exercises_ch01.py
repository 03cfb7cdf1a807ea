"""Chapter 1's exercises and quiz questions: references, anticipated mistakes, quoted numbers.

Every number a question or an exercise quotes is recomputed here with lossedu, and the
references are compared with independent implementations (loops, closed forms).
"""

import numpy as np
import pytest

from lossedu import exercises, models, optim, quizzes
from lossedu.exercises._core import Mistake, get_exercise

X4 = np.array([0.0, 1.0, 2.0, 3.0])
Y4 = np.array([1.0, 3.0, 4.0, 6.0])


def descent(lr, steps, y=Y4):
    """The MSE before and after each gradient-descent step from w = b = 0 on the four points."""
    model = models.LinearRegression(1)
    first = models.train_step(model, X4[:, None], y, loss="mse", optimizer=optim.SGD(lr))
    model = models.LinearRegression(1)
    history = models.fit(
        model, X4[:, None], y, loss="mse", optimizer=optim.SGD(lr), epochs=steps, progress=False
    )
    return np.array([first["loss"], *history.train_loss]), first


def steps_by_loop(curve, loss_min, tol):
    """Independent reference of exercise 1.4: walk back from the end while inside the band."""
    if abs(curve[-1] - loss_min) > tol:
        return -1
    t = len(curve) - 1
    while t > 0 and abs(curve[t - 1] - loss_min) <= tol:
        t -= 1
    return t


def test_1_4_reference_matches_a_loop_on_every_case():
    exercise = get_exercise("1.4")
    for case in exercise.all_cases():
        assert exercise.reference(**case) == steps_by_loop(
            list(case["curve"]), case["loss_min"], case["tol"]
        )


def test_1_4_statement_numbers_come_from_the_chapters_curves():
    # the prompt's example and the explanation's counts, on the curves of section 5
    counts = {lr: steps_by_loop(descent(lr, 25)[0], 0.05, 0.005) for lr in (0.02, 0.1, 0.2, 0.25)}
    assert counts == {0.02: -1, 0.1: 15, 0.2: 12, 0.25: -1}
    assert steps_by_loop(descent(0.02, 100)[0], 0.05, 0.005) == 75
    assert "it should give 15" in get_exercise("1.4").prompt


def test_1_4_first_case_is_the_statements_example():
    case = get_exercise("1.4").cases[0]
    np.testing.assert_allclose(case["curve"], descent(0.1, 25)[0])
    assert (case["loss_min"], case["tol"]) == (0.05, 0.005)


def test_1_4_a_dip_into_the_band_is_not_settling():
    # a curve that enters the band at step 1 and leaves it at step 2 settles at step 3
    assert exercises.check("1.4", lambda curve, loss_min, tol: 3).outcome == "incorrect"
    assert steps_by_loop([4.0, 1.0, 3.0, 1.5, 1.2], 1.0, 0.5) == 3


def test_1_3_anticipated_values_are_the_chapters_numbers():
    values = [m.answer for m in get_exercise("1.3").mistakes if isinstance(m, Mistake)]
    assert values[0] == pytest.approx(15.5)  # the loss before the step, printed in section 4
    # after the chapter's step with lr 0.1 the line is 1.45 x + 0.7 (section 4)
    assert values[1] == pytest.approx(np.mean((1.45 * X4 + 0.7 - Y4) ** 2))


def test_1_1_and_1_2_accept_integer_inputs():
    for exercise_id in ("1.1", "1.2"):
        assert any(c["x"].dtype.kind == "i" for c in get_exercise(exercise_id).cases)


def test_quiz_1_q6_doubling_the_targets():
    _, first = descent(0.1, 1)
    _, first2 = descent(0.1, 1, y=2 * Y4)
    g = np.array([first["grads"]["W"][0, 0], first["grads"]["b"][0]])
    g2 = np.array([first2["grads"]["W"][0, 0], first2["grads"]["b"][0]])
    np.testing.assert_allclose(g, [-14.5, -7.0])
    np.testing.assert_allclose(g2, [-29.0, -14.0])
    assert (first["loss"], first2["loss"]) == pytest.approx((15.5, 62.0))


def test_quiz_1_q7_the_three_runs():
    too_large, _ = descent(0.25, 25)
    too_small, _ = descent(0.02, 25)
    right, _ = descent(0.1, 25)
    assert np.all(np.diff(too_large) > 0) and too_large[-1] > 1000
    assert np.all(np.diff(too_small) < 0) and round(too_small[-1], 2) == 0.07
    assert round(right[2], 2) == 0.08 and round(right[-1], 3) == 0.051


def test_quiz_1_q8_just_below_the_limit_is_slow_and_above_it_diverges():
    hessian = 2 * np.array([[np.mean(X4**2), np.mean(X4)], [np.mean(X4), 1.0]])
    h_max = np.linalg.eigvalsh(hessian).max()
    assert round(2 / h_max, 3) == 0.238
    assert abs(1 - 0.23 * h_max) == pytest.approx(0.93, abs=0.005)
    slow, _ = descent(0.23, 25)
    assert np.round(slow[:4], 1).tolist() == [15.5, 13.5, 11.8, 10.2]
    assert round(slow[-1], 2) == 0.54
    fast, _ = descent(0.3, 25)
    assert np.all(np.diff(fast) > 0)


def test_chapter_1_has_enough_questions_each_shown_once():
    ids = [q for q in quizzes.list() if q.startswith("1.")]
    assert len(ids) >= 6


def test_1_4_no_case_sits_on_the_band_edge_up_to_rounding():
    # so that `curve <= loss_min + tol` and `abs(curve - loss_min) <= tol` agree everywhere
    for case in get_exercise("1.4").all_cases():
        curve = np.asarray(case["curve"], dtype=float)
        by_distance = np.abs(curve - case["loss_min"]) <= case["tol"]
        by_bound = curve <= case["loss_min"] + case["tol"]
        np.testing.assert_array_equal(by_distance, by_bound)
        gap = np.abs(np.abs(curve - case["loss_min"]) - case["tol"])
        assert np.all((gap == 0) | (gap > 1e-6))
