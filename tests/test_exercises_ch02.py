"""Chapter 2's exercises and quiz questions: references, anticipated mistakes, quoted numbers.

The runs of section 4 are recomputed here as the chapter computes them (same seed, same order
of draws), so the diagnoses and numbers that exercise 2.7 and the questions quote are checked.
"""

import numpy as np
import pytest

from lossedu import datasets, losses, metrics, model_selection, models, optim, quizzes
from lossedu.exercises._core import get_exercise


def diagnose_by_hand(train, val, noise):
    """Independent reference of exercise 2.7: the rules of its prompt, written out."""
    train, val = list(train), list(val)
    best = val.index(min(val))
    if val[-1] > 1.05 * val[best] and train[-1] < train[best]:
        return 3
    k = max(1, len(train) // 10)
    if train[-1] < 0.99 * train[-1 - k]:
        return 0
    if val[-1] > 2 * noise:
        return 2
    return 1


@pytest.fixture(scope="module")
def section_4_runs():
    rng = np.random.default_rng(1)  # the chapter's SEED
    datasets.make_regression(8, coef=[0.5], intercept=1.0, noise_scale=0.5, rng=rng)  # section 1

    def truth(x):
        return np.sin(3 * x)

    x_train = rng.uniform(-1, 1, 12)
    y_train = truth(x_train) + rng.normal(0, 0.2, 12)
    x_val = rng.uniform(-1, 1, 60)
    y_val = truth(x_val) + rng.normal(0, 0.2, 60)

    def features(x, degree):
        return np.column_stack([x**k for k in range(1, degree + 1)])

    def train(degree, lr, epochs):
        model = models.LinearRegression(degree)
        return models.fit(
            model, features(x_train, degree), y_train, loss="mse", optimizer=optim.Adam(lr),
            epochs=epochs, validation=(features(x_val, degree), y_val), progress=False,
        )  # fmt: skip

    return [train(3, 0.001, 300), train(3, 0.03, 800), train(1, 0.01, 800), train(11, 0.03, 3000)]


def test_2_7_reference_matches_the_rules_written_out_and_covers_every_diagnosis():
    exercise = get_exercise("2.7")
    found = []
    for case in exercise.all_cases():
        code = exercise.reference(**case)
        assert code == diagnose_by_hand(case["train_loss"], case["val_loss"], case["noise"])
        found.append(code)
    assert set(found) == {0, 1, 2, 3}
    assert exercise.reference(**exercise.cases[0]) == 3  # the statement's example


def test_2_7_gives_the_four_diagnoses_of_section_4(section_4_runs):
    codes = [diagnose_by_hand(h.train_loss, h.val_loss, 0.04) for h in section_4_runs]
    assert codes == [0, 1, 2, 3]
    reference = get_exercise("2.7").reference
    assert [reference(h.train_loss, h.val_loss, 0.04) for h in section_4_runs] == codes


def test_2_7_overfitting_rule_is_lossedus(section_4_runs):
    for h in section_4_runs:
        last = model_selection.overfitting_epochs(h.train_loss, h.val_loss, rtol=0.05)[-1]
        assert last == (diagnose_by_hand(h.train_loss, h.val_loss, 0.04) == 3)


def test_statement_examples_are_the_first_cases():
    # values computed by hand: median of [0, 0.5, 6]; argmin of the curve at position 2;
    # std([1, 2, 3, 4], ddof=1) / 2 = 1.2910 / 2; differences [0.5, 0, 1]
    assert get_exercise("2.1").reference(**get_exercise("2.1").cases[0]) == 0.5
    assert get_exercise("2.3").reference(**get_exercise("2.3").cases[0]) == 3
    assert get_exercise("2.4").reference(get_exercise("2.4").cases[0]["losses"]) == pytest.approx(
        0.6455, abs=1e-4
    )
    mean, se = get_exercise("2.5").reference(**get_exercise("2.5").cases[0])
    assert (mean, se) == pytest.approx((0.5, 0.5 / np.sqrt(3)))


def test_quiz_2_q2_only_the_median_barely_moves():
    # the chapter's eight errors of section 1 and the slip of point 8 (section 3's table)
    rng = np.random.default_rng(1)
    X, y = datasets.make_regression(8, coef=[0.5], intercept=1.0, noise_scale=0.5, rng=rng)
    pred = 1.0 + 0.5 * X[:, 0]
    slip = y.copy()
    slip[7] += 4.0
    before = losses.mae(y, pred, reduction="none")
    after = losses.mae(slip, pred, reduction="none")
    assert (round(before.mean(), 2), round(after.mean(), 2)) == (0.20, 0.70)
    assert (round(before.max(), 2), round(after.max(), 2)) == (0.37, 4.30)
    assert round(np.median(before), 2) == round(np.median(after), 2) == 0.21
    # in general: one changed error moves the median by at most one place in the ranking
    for seed in range(20):
        errors = np.abs(np.random.default_rng(seed).normal(size=9))
        changed = errors.copy()
        changed[0] = 100.0
        ranked = np.sort(errors)
        assert ranked[3] <= np.median(changed) <= ranked[5]


def test_quiz_2_q3_duplicating_the_data():
    rng = np.random.default_rng(0)
    y, p = rng.normal(size=7), rng.normal(size=7)
    yy, pp = np.tile(y, 2), np.tile(p, 2)
    assert losses.mse(yy, pp) == pytest.approx(losses.mse(y, p))
    assert losses.mse(yy, pp, reduction="sum") == pytest.approx(
        2 * losses.mse(y, p, reduction="sum")
    )


def test_quiz_2_q7_expected_training_mse_below_the_noise():
    # sigma^2 (n - p) / n for least squares with the right family (Hastie et al. 2009),
    # checked by simulation: cubic (4 parameters) on 12 points, noise variance 0.04
    rng = np.random.default_rng(0)
    train_mse = []
    for _ in range(4000):
        x = rng.uniform(-1, 1, 12)
        y = x**3 - x + rng.normal(0, 0.2, 12)
        coef = np.polyfit(x, y, 3)
        train_mse.append(np.mean((np.polyval(coef, x) - y) ** 2))
    assert 0.04 * 8 / 12 == pytest.approx(0.0267, abs=1e-4)
    assert np.mean(train_mse) == pytest.approx(0.04 * 8 / 12, rel=0.03)


def test_quiz_2_q9_four_times_the_examples_halve_the_standard_error():
    rng = np.random.default_rng(0)
    losses_ = rng.exponential(size=40_000)
    se_100 = np.std(losses_[:100], ddof=1) / 10
    assert metrics.standard_error(losses_[:400]) == pytest.approx(se_100 / 2, rel=0.25)
    spread_100 = np.std([rng.exponential(size=100).mean() for _ in range(2000)], ddof=1)
    spread_400 = np.std([rng.exponential(size=400).mean() for _ in range(2000)], ddof=1)
    assert spread_400 / spread_100 == pytest.approx(0.5, rel=0.08)


def test_quiz_2_q10_spread_over_seeds():
    values = np.array([0.053, 0.281, 0.056, 0.053, 0.093])
    # the chapter prints the values rounded to 3 digits; its summaries agree to 0.001
    assert values.mean() == pytest.approx(0.107, abs=1e-3)
    assert np.std(values, ddof=1) == pytest.approx(0.098, abs=1e-3)
    assert metrics.standard_error(values) == pytest.approx(0.044, abs=1e-3)


def test_chapter_2_has_enough_questions():
    assert len([q for q in quizzes.list() if q.startswith("2.")]) >= 6
