"""Chapter 3's exercises and quiz questions: references, anticipated mistakes, quoted numbers.

References are compared with SciPy and closed forms; the numbers the questions and exercise
3.8 quote are recomputed with lossedu (section 5's data are drawn as the chapter draws them).
"""

import numpy as np
import pytest

from lossedu import datasets, exercises, losses, models, quizzes
from lossedu.exercises._core import get_exercise

stats = pytest.importorskip("scipy.stats")


def test_statement_examples_are_the_first_cases():
    # values computed by hand from the formulas of the prompts
    expected = {
        "3.1": 2.0,  # (2 + 2) / 2
        "3.2": 1.3125,  # (0.5 * 0.5**2 + 1 * (3 - 0.5)) / 2
        "3.3": [0.25, 0.5],  # clip([0.5, 3], -1, 1) / 2
        "3.5": 0.5,  # (0.9 * 1 + 0.1 * 1) / 2
        "3.7": [0.5, -1.0],  # (exp(0) - [0, 3]) / 2
        "3.8": 1.345 * 1.4826,  # median 1, median absolute deviation 1
    }
    for exercise_id, value in expected.items():
        exercise = get_exercise(exercise_id)
        case = dict(exercise.cases[0])
        args = [case.pop(name) for name in exercise.args]
        np.testing.assert_allclose(exercise.reference(*args, **case), value, rtol=1e-12)


def test_3_8_reference_matches_scipy_median_abs_deviation():
    exercise = get_exercise("3.8")
    for case in exercise.all_cases():
        r = np.asarray(case["residuals"], dtype=float)
        expected = 1.345 * stats.median_abs_deviation(r, scale="normal")
        assert exercise.reference(r) == pytest.approx(expected, rel=1e-4)


def test_3_8_constants_are_the_textbook_ones():
    # 1.4826 = 1 / Phi^{-1}(3/4): the MAD of Gaussian noise times it estimates sigma
    assert 1 / stats.norm.ppf(0.75) == pytest.approx(1.4826, abs=1e-4)
    # asymptotic efficiency of Huber's location estimate at the Gaussian with k = 1.345:
    # P(|Z| < k)^2 / E[clip(Z, -k, k)^2]
    k = 1.345
    inside = 2 * stats.norm.cdf(k) - 1
    second_moment = inside - 2 * k * stats.norm.pdf(k) + k**2 * (1 - inside)
    assert inside**2 / second_moment == pytest.approx(0.95, abs=5e-4)


def _section_5_data(outliers=0.1):
    """The chapter's draws up to section 5 (SEED 3), then its data set with or without outliers."""
    rng = np.random.default_rng(3)
    rng.normal(size=6), rng.normal(size=6)  # section 1: the gradient check
    datasets.make_regression(40, coef=[1.5], intercept=0.5, noise_scale=0.5, rng=rng)
    rng.normal(0.0, 0.3, 200), rng.normal(0.0, 0.5, 200)  # section 2: candidate lines
    rng.normal(10.0, 2.0, 9)  # section 3: nine measurements
    spec = dict(n=60, coef=[1.5], intercept=0.5, noise_scale=0.5, outlier_scale=15.0)
    return datasets.make_regression(outliers=outliers, rng=int(rng.integers(1_000_000)), **spec)


def test_3_8_explanation_numbers_on_section_5():
    dirty = _section_5_data()
    assert dirty.is_outlier.sum() == 6
    b, w = models.fit_line(dirty.X[:, 0], dirty.y, loss="mse")
    assert (round(w, 3), round(b, 3)) == (1.803, 2.144)  # the chapter's MSE fit
    r = dirty.y - (w * dirty.X[:, 0] + b)
    delta = get_exercise("3.8").reference(r)
    assert delta == pytest.approx(1.01, abs=0.01)
    assert delta / 1.345 == pytest.approx(0.75, abs=0.01)
    assert 1.345 * np.std(r) == pytest.approx(6.9, abs=0.05)
    assert np.std(r) / 0.5 == pytest.approx(10, abs=0.5)


def test_3_4_a_grid_answer_passes_and_the_mean_does_not():
    y = np.array([2.0, 3.0, 5.0, 6.0, 7.0, 9.0, 60.0])
    for grid in (np.linspace(0, 60, 1000), np.arange(0.0, 61.0, 0.01)):
        best = grid[np.argmin([losses.mae(y, np.full_like(y, c)) for c in grid])]
        assert exercises.check("3.4", float(best)).passed
    assert not exercises.check("3.4", float(np.mean(y))).passed


def test_3_3_and_3_7_have_integer_cases():
    assert any(c["y_pred"].dtype.kind == "i" for c in get_exercise("3.3").cases)
    assert any(c["y_true"].dtype.kind == "i" for c in get_exercise("3.7").cases)


def test_quiz_3_q1_log_cosh_gradient_is_bounded():
    r = np.array([1.0, 10.0, 100.0, 1e4])
    g = losses.log_cosh_grad(np.zeros_like(r), r, reduction="none")
    assert np.all(np.abs(g) <= 1.0)
    np.testing.assert_allclose(g, np.tanh(r))


def test_quiz_3_q2_replacing_the_largest_value_leaves_the_median():
    for seed in range(20):
        values = np.random.default_rng(seed).normal(10.0, 2.0, 9)
        corrupted = values.copy()
        corrupted[np.argmax(corrupted)] = 100.0
        assert np.median(corrupted) == np.median(values)
        assert np.mean(corrupted) - np.mean(values) > 8.0  # about (100 - max) / 9


def test_quiz_3_q4_intercept_moves_by_share_times_mean_shift_when_balanced():
    rng = np.random.default_rng(0)
    half = rng.uniform(0, 3, 30)
    x = np.concatenate([half, -half])  # inputs symmetric about their mean, 0
    y = 0.5 + 1.5 * x + rng.normal(0, 0.5, 60)
    shift = np.zeros(60)
    shift[[0, 1, 2, 30, 31, 32]] = 16.4  # outliers in pairs at +x and -x: sum(shift * x) = 0
    b0 = np.polyfit(x, y, 1)[1]
    b1 = np.polyfit(x, y + shift, 1)[1]
    assert b1 - b0 == pytest.approx(0.1 * 16.4, rel=1e-9)
    # and on the chapter's data it is about 1.6 (section 5 measured 1.61 by gradient descent)
    dirty, clean = _section_5_data(), _section_5_data(outliers=0)
    moved = models.fit_line(dirty.X[:, 0], dirty.y)[0] - models.fit_line(clean.X[:, 0], clean.y)[0]
    mean_shift = (dirty.y - clean.y)[dirty.is_outlier].mean()
    assert round(mean_shift, 1) == 16.4
    assert moved == pytest.approx(1.6, abs=0.05)


def test_quiz_3_q6_pinball_minimiser_is_the_quantile():
    for seed in range(5):
        values = np.sort(np.random.default_rng(seed).exponential(2.0, 201))
        costs = [losses.quantile(values, np.full_like(values, c), tau=0.9) for c in values]
        best = values[int(np.argmin(costs))]
        assert best == np.quantile(values, 0.9, method="inverted_cdf")


def test_quiz_3_q11_tau_0_8_minimises_the_expected_cost():
    demand = np.random.default_rng(0).gamma(5.0, 20.0, 200_000)
    stock = np.linspace(np.quantile(demand, 0.5), np.quantile(demand, 0.95), 400)
    cost = [np.mean(4 * np.maximum(demand - s, 0) + np.maximum(s - demand, 0)) for s in stock]
    best = stock[int(np.argmin(cost))]
    assert np.mean(demand < best) == pytest.approx(0.8, abs=0.005)


def test_quiz_3_q12_log_cosh_is_linear_beyond_a_few_units():
    r = np.array([10.0, 200.0])
    gap = losses.log_cosh(np.zeros(2), r, reduction="none") - (r - np.log(2))
    assert np.all(np.abs(gap) < 1e-8)


def test_chapter_3_has_enough_questions():
    assert len([q for q in quizzes.list() if q.startswith("3.")]) >= 6


def test_3_8_scipys_scale_passes_within_the_stated_tolerance():
    def huber_delta(residuals):
        return 1.345 * stats.median_abs_deviation(residuals, scale="normal")

    assert exercises.check("3.8", huber_delta).passed
