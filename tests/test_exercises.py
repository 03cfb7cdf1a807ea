"""Tests of lossedu.exercises: the checker, the help texts and the registered exercises.

Each exercise is checked with its own reference (must pass), its planted mistakes (must
fail as "incorrect" with the input shown), a stub (must read "not attempted") and a raising
function (must read "crashed"); its worked solution must pass its own check. Exercises added
in later chapters are covered automatically. At the end, some references are compared with
values from outside lossedu. That the chapters show the same hints and solutions as the
registry is tested with the notebooks (tests/test_notebooks.py).
"""

import _thread
import math
import re
import signal
import sys
import threading
import time

import numpy as np
import pytest

from lossedu import exercises, losses
from lossedu.exercises import _core, _feedback, _model, _runner
from lossedu.exercises._core import Exercise, get_exercise

IDS = exercises.list()
FUNCTION_IDS = [i for i in IDS if get_exercise(i).kind == "function"]
VALUE_IDS = [i for i in IDS if get_exercise(i).kind == "value"]


def _stub(*args, **kwargs): ...  # a learner's untouched stub: the body is only `...`


def _returns_ellipsis(*args, **kwargs):
    return ...


def _not_implemented(*args, **kwargs):
    raise NotImplementedError


def _raises(*args, **kwargs):
    raise ZeroDivisionError("boom")


def _reference_answer(exercise):
    return exercise.reference if exercise.kind == "function" else exercise.reference()


def test_public_names():
    assert sorted(exercises.__all__) == [
        "Mistake",
        "Result",
        "check",
        "hint",
        "list",
        "set_timeout",
        "solution",
    ]
    for name in exercises.__all__:
        assert hasattr(exercises, name)


def test_ids_are_in_course_order():
    key = [tuple(int(p) for p in i.split(".")) for i in IDS]
    assert key == sorted(key)
    assert len(set(IDS)) == len(IDS)
    assert IDS[:2] == ["0.1", "0.2"]


def test_course_order_is_numeric(monkeypatch):
    monkeypatch.setattr(_core, "_REGISTRY", dict.fromkeys(["10.2", "9.3", "1.10", "1.2"]))
    assert _core.list_ids() == ["1.2", "1.10", "9.3", "10.2"]


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_passes(exercise_id):
    result = exercises.check(exercise_id, _reference_answer(get_exercise(exercise_id)))
    assert result.passed is True
    assert result.outcome == "correct"
    assert "correct" in str(result)


@pytest.mark.parametrize("exercise_id", IDS)
def test_mistakes_fail_as_incorrect(exercise_id):
    exercise = get_exercise(exercise_id)
    assert len(exercise.mistakes) >= 1
    # every exercise anticipates at least one mistake by name (Mistake), not only by failing
    assert any(isinstance(m, exercises.Mistake) for m in exercise.mistakes)
    for mistake in exercise.mistakes:
        result = exercises.check(exercise_id, getattr(mistake, "answer", mistake))
        assert result.passed is False
        assert result.outcome == "incorrect", str(result)
        if exercise.kind == "function":
            text = str(result)
            assert "Input:" in text and "Expected:" in text
            for name in exercise.args:
                assert f"{name} = " in text


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_incorrect_shows_the_first_failing_input(exercise_id):
    exercise = get_exercise(exercise_id)
    cases = exercise.all_cases()
    # the fixed cases first, in the order given (the statement's example first) ...
    assert all(
        _model.same_case(a, b)
        for a, b in zip(cases[: len(exercise.cases)], exercise.cases, strict=True)
    )
    # ... and the random draws last, smallest first
    drawn = cases[len(cases) - exercise.n_random :] if exercise.generate else []
    sizes = [_model.case_size(c) for c in drawn]
    assert sizes == sorted(sizes)
    for mistake in (getattr(m, "answer", m) for m in exercise.mistakes):
        result = exercises.check(exercise_id, mistake)
        with np.errstate(all="ignore"):  # a planted mistake may take the sqrt of -1
            first_failing = next(
                case
                for case in exercise.all_cases()
                if _runner._compare(
                    exercise,
                    case,
                    _model.copy_case(case),
                    _model.call(mistake, exercise, case),
                    np.asarray(_model.call(exercise.reference, exercise, case)),
                )
            )
        assert dict(result.details)["Input"] == _feedback.fmt_case(first_failing)


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("answer", [None, ...])
def test_none_or_ellipsis_is_not_attempted(exercise_id, answer):
    result = exercises.check(exercise_id, answer)
    assert result.outcome == "not attempted"
    assert result.passed is False
    assert "not attempted" in str(result)


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
@pytest.mark.parametrize("stub", [_stub, _returns_ellipsis, _not_implemented])
def test_stub_is_not_attempted(exercise_id, stub):
    assert exercises.check(exercise_id, stub).outcome == "not attempted"


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_raising_function_is_crashed(exercise_id):
    result = exercises.check(exercise_id, _raises)
    assert result.outcome == "crashed"
    assert result.passed is False
    text = str(result)
    assert "ZeroDivisionError: boom" in text
    assert "Input:" in text
    assert "Traceback" not in text


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_wrong_kinds_of_return_value_are_incorrect(exercise_id):
    for bad in ("text", float("nan"), [[1.0, 2.0], [3.0]], np.zeros((7, 7, 7)), True):
        result = exercises.check(exercise_id, lambda *a, bad=bad, **k: bad)
        assert result.outcome == "incorrect", (bad, str(result))


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_a_function_that_modifies_its_input_is_reported(exercise_id):
    exercise = get_exercise(exercise_id)
    reference = exercise.reference

    def mutating(*args, **kwargs):
        result = reference(*args, **kwargs)
        for arg in args:
            if isinstance(arg, np.ndarray):
                arg += 1  # works on integer inputs too
        return result

    result = exercises.check(exercise_id, mutating)
    assert result.outcome == "incorrect"
    assert "in place" in str(result)


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_a_function_instead_of_a_call_is_expected(exercise_id):
    result = exercises.check(exercise_id, np.zeros(3))
    assert result.outcome == "incorrect"
    assert "expects your function itself" in str(result)


@pytest.mark.parametrize("exercise_id", VALUE_IDS)
def test_value_exercise_rejects_wrong_kinds_without_revealing_the_answer(exercise_id):
    expected = get_exercise(exercise_id).reference()
    for bad in ("0.5", _raises, float("nan"), [1.0, 2.0, 3.0, 4.0, 5.0]):
        result = exercises.check(exercise_id, bad)
        assert result.outcome == "incorrect"
        assert repr(float(expected)) not in str(result)


@pytest.mark.parametrize("exercise_id", IDS)
def test_feedback_is_deterministic(exercise_id):
    exercise = get_exercise(exercise_id)
    answers = [
        None,
        _reference_answer(exercise),
        *(getattr(m, "answer", m) for m in exercise.mistakes),
    ]
    if exercise.kind == "function":
        answers.append(_raises)
    for answer in answers:
        first, second = exercises.check(exercise_id, answer), exercises.check(exercise_id, answer)
        assert str(first) == str(second)
        assert first._repr_html_() == second._repr_html_()
        assert first._repr_markdown_() == second._repr_markdown_()


def test_feedback_carries_no_memory_address():
    class Weird:
        pass

    result = exercises.check("0.1", lambda y_true, y_pred: Weird())
    assert result.outcome == "incorrect"
    assert "0x" not in str(result) and "0x" not in result._repr_html_()
    crashed = exercises.check("0.1", lambda y_true, y_pred: y_true + object())
    assert crashed.outcome == "crashed"
    assert not re.search(r"0x[0-9a-f]{4,}", str(crashed))


@pytest.mark.parametrize("outcome_answer", ["right", "wrong", "stub", "crash"])
def test_html_is_accessible_and_escaped(outcome_answer):
    answers = {
        "right": lambda y_true, y_pred: (y_pred - y_true) ** 2,
        "wrong": lambda y_true, y_pred: y_pred - y_true,
        "stub": _stub,
        "crash": lambda y_true, y_pred: (_ for _ in ()).throw(ValueError("<b>not html</b>")),
    }
    result = exercises.check("0.1", answers[outcome_answer])
    page = result._repr_html_()
    assert result.outcome in page  # the outcome is stated in words, not only in colour
    assert 'role="status"' in page
    assert "<b>not html</b>" not in page
    assert " id=" not in page
    assert result.outcome in result._repr_markdown_()


def test_warnings_in_learner_code_do_not_escape():
    def noisy(y_true, y_pred):
        return (y_pred - y_true) ** 2 + np.log(np.zeros(1))  # divide-by-zero warning, -inf

    with np.errstate(all="warn"):
        result = exercises.check("0.1", noisy)
    assert result.outcome == "incorrect"
    # the infinite values are named, with the operation NumPy warned about
    assert "returns inf for y_true = " in str(result)
    assert "divide by zero encountered in log" in str(result)


def test_unknown_id_lists_the_known_ids():
    with pytest.raises(KeyError, match=r"Known ids: 0\.1, 0\.2"):
        exercises.check("99.1", None)
    with pytest.raises(KeyError, match="Known ids"):
        exercises.hint("0.0")
    with pytest.raises(KeyError, match="Known ids"):
        exercises.solution("x")
    with pytest.raises(TypeError, match="must be a string"):
        exercises.check(0.1, None)


@pytest.mark.parametrize("exercise_id", IDS)
def test_hint_and_solution_return_text(exercise_id, capsys):
    exercise = get_exercise(exercise_id)
    total = len(exercise.hints)
    exercises.hint(exercise_id, 1)
    capsys.readouterr()
    # hint(id) shows the next hint, one at a time, and says what comes next
    for i, one in enumerate(exercise.hints[1:], start=2):
        text = exercises.hint(exercise_id)
        assert isinstance(text, str)
        assert text.startswith(f"**Hint {i} of {total}.** {one}")
        assert capsys.readouterr().out.strip() == text  # no IPython here: printed
    last = exercises.hint(exercise_id)  # past the last hint: the last one again
    assert f"Hint {total} of {total}" in last
    assert f"exercises.solution('{exercise_id}')" in last
    first = exercises.hint(exercise_id, 1)
    assert first.count("Hint") == 1 and exercise.hints[0] in first
    if total > 1:
        assert f"Call `exercises.hint('{exercise_id}')` again for the next one." in first
        assert f"Hint 2 of {total}" in exercises.hint(exercise_id)  # goes on from hint 1
    shown = exercises.solution(exercise_id)
    assert exercise.solution.strip() in shown and exercise.explanation in shown


def test_hint_number_is_validated():
    with pytest.raises(ValueError, match="hints 1 to 2"):
        exercises.hint("0.1", 3)
    with pytest.raises(TypeError, match="must be an int"):
        exercises.hint("0.1", "1")


# The names a worked solution may use: those every chapter imports in its setup cell.
SOLUTION_SETUP = (
    "import numpy as np\n\nfrom lossedu import exercises, losses, metrics, model_selection\n"
)


def _run_solution(exercise):
    """Run the worked solution (the chapter's solution cell); return the learner's answer."""
    namespace: dict = {}
    exec(SOLUTION_SETUP, namespace)
    exec(exercise.solution, namespace)
    return namespace["answer"] if exercise.kind == "value" else namespace[exercise.function_name]


@pytest.mark.parametrize("exercise_id", IDS)
def test_worked_solution_passes_its_own_check(exercise_id):
    exercise = get_exercise(exercise_id)
    assert exercises.check(exercise_id, _run_solution(exercise)).passed


@pytest.mark.parametrize("exercise_id", IDS)
def test_worked_solution_ends_by_checking_itself(exercise_id):
    # The solution is the chapter's solution cell verbatim, so it shows the check passing.
    exercise = get_exercise(exercise_id)
    name = "answer" if exercise.kind == "value" else exercise.function_name
    assert exercise.solution.rstrip().endswith(f'exercises.check("{exercise_id}", {name})')


def test_ch00_references_come_from_lossedu():
    from lossedu import losses

    y_true, y_pred = np.array([1.0, 2.0, 4.0]), np.array([1.5, 2.0, 3.0])
    # Independent reference: scikit-learn's mean_squared_error on the data the prompt states.
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    assert get_exercise("0.2").reference() == pytest.approx(
        sklearn_metrics.mean_squared_error(y_true, y_pred)
    )
    assert str(y_true.tolist()) in get_exercise("0.2").prompt
    np.testing.assert_allclose(
        get_exercise("0.1").reference(y_true, y_pred), losses.mse(y_true, y_pred, reduction="none")
    )


def test_value_tolerance_accepts_four_significant_digits():
    value = get_exercise("0.2").reference()
    assert exercises.check("0.2", float(f"{value:.4g}")).passed
    assert not exercises.check("0.2", float(f"{value:.2g}")).passed


def _minimal(**changes):
    fields = dict(
        id="5.1",
        title="t",
        kind="function",
        prompt="p",
        reference=lambda y_true, y_pred: y_pred,
        hints=["h"],
        solution="s",
        explanation="e",
        mistakes=[lambda y_true, y_pred: y_true],
        args=("y_true", "y_pred"),
        function_name="f",
        cases=[{"y_true": np.zeros(1), "y_pred": np.ones(1)}],
    )
    fields.update(changes)
    return Exercise(**fields)


def test_exercise_validation_requires_mistakes_and_hints():
    assert _minimal().id == "5.1"
    with pytest.raises(ValueError, match="at least one plausible wrong answer"):
        _minimal(mistakes=[])
    with pytest.raises(ValueError, match="hints"):
        _minimal(hints=[])
    with pytest.raises(ValueError, match="hints"):
        _minimal(hints="just one string")
    with pytest.raises(ValueError, match="id must look like"):
        _minimal(id="5.0")
    with pytest.raises(ValueError, match="kind must be"):
        _minimal(kind="quiz")
    with pytest.raises(ValueError, match="solution"):
        _minimal(solution=" ")
    with pytest.raises(TypeError, match="must be functions"):
        _minimal(mistakes=[3.0])
    with pytest.raises(TypeError, match="must be values"):
        _minimal(kind="value", mistakes=[lambda: 1.0])
    with pytest.raises(ValueError, match="cases"):
        _minimal(cases=[], generate=None)
    with pytest.raises(ValueError, match="rtol"):
        _minimal(rtol=-1.0)


def test_register_refuses_duplicates(monkeypatch):
    monkeypatch.setattr(_core, "_REGISTRY", {})
    _core.register([_minimal()])
    with pytest.raises(ValueError, match="registered twice"):
        _core.register([_minimal()])


def test_in_ipython_help_is_displayed_once_as_markdown(monkeypatch, capsys):
    import IPython
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda data, raw: shown.append(data))
    text = exercises.hint("0.1", 2)
    assert shown == [{"text/markdown": text, "text/plain": text}]
    assert capsys.readouterr().out == ""
    # The returned text was shown already: as a cell's last value it displays nothing more.
    assert text._ipython_display_() is None


# Chapters 3 and 4: each reference against a value from outside lossedu (the generic checks
# above cover these exercises too).
CH03_CH04_IDS = [
    *("3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"),
    *("4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"),
]


def test_chapter_3_and_4_exercises_are_registered_in_order():
    listed = exercises.list()
    assert [i for i in listed if i.split(".")[0] in ("3", "4")] == CH03_CH04_IDS


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


def test_2_4_reference_matches_scipy_sem():
    stats = pytest.importorskip("scipy.stats")
    values = np.array([0.1, 0.1, 0.1, 2.5, 0.3, 0.2])
    # Independent reference: scipy.stats.sem (sample std with ddof=1 over sqrt(n)).
    assert get_exercise("2.4").reference(values) == pytest.approx(stats.sem(values), rel=1e-12)
    # By hand for [1, 2, 3, 4]: s = sqrt(5/3), SE = s / 2 = 0.645497...
    assert get_exercise("2.4").reference([1.0, 2.0, 3.0, 4.0]) == pytest.approx(
        math.sqrt(5 / 3) / 2, rel=1e-12
    )


def test_2_5_reference_is_the_mean_and_sem_of_the_differences():
    stats = pytest.importorskip("scipy.stats")
    a, b = np.array([1.0, 2.0, 3.0]), np.array([0.5, 2.0, 2.0])
    mean, se = get_exercise("2.5").reference(a, b)
    # By hand: d = [0.5, 0, 1], mean 0.5; independent reference for the SE: scipy.stats.sem.
    assert mean == pytest.approx(0.5)
    assert se == pytest.approx(stats.sem(a - b), rel=1e-12)
    # The paired SE of correlated losses is below the unpaired one (the point of pairing).
    gen = np.random.default_rng(0)
    shared = gen.normal(0.0, 0.5, 200) ** 2
    a, b = shared + gen.normal(0.05, 0.05, 200) ** 2, shared
    _, paired = get_exercise("2.5").reference(a, b)
    assert paired < 0.5 * math.hypot(stats.sem(a), stats.sem(b))


def test_2_6_answer_is_the_stated_difference_over_its_standard_error():
    exercise = get_exercise("2.6")
    assert "same 50 examples" in exercise.prompt and "mean 0.03" in exercise.prompt
    assert "deviation 0.09" in exercise.prompt
    # Closed form: 0.03 / (0.09 / sqrt(50)) = sqrt(50) / 3 = 2.3570...
    assert exercise.reference() == pytest.approx(math.sqrt(50) / 3, rel=1e-12)
    assert not exercises.check("2.6", 0.03 / (0.09 / 50)).passed  # divided by n


def test_3_5_reference_matches_scikit_learn_mean_pinball_loss():
    sk = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(2)
    y_true, y_pred = rng.normal(size=9), rng.normal(size=9)
    for tau in (0.1, 0.5, 0.9):
        # Independent reference: scikit-learn's mean_pinball_loss with alpha = tau.
        expected = sk.mean_pinball_loss(y_true, y_pred, alpha=tau)
        assert get_exercise("3.5").reference(y_true, y_pred, tau=tau) == pytest.approx(expected)


def test_3_5_checker_rejects_planted_mistakes_and_reads_stub_as_not_attempted():
    for mistake in get_exercise("3.5").mistakes:
        assert not exercises.check("3.5", mistake).passed

    def stub(y_true, y_pred, tau=0.5): ...

    assert "not attempted" in str(exercises.check("3.5", stub)).lower()


def test_3_6_answer_minimises_the_expected_cost_of_a_simulated_bakery():
    exercise = get_exercise("3.6")
    assert "0.5 euro" in exercise.prompt and "2.0 euro" in exercise.prompt
    # Independent reference: a brute-force search of the bake quantity with the least
    # expected cost 2.0 * shortfall + 0.5 * leftover under a continuous (normal) demand.
    demand = np.random.default_rng(0).normal(100.0, 15.0, 100_000)
    bake = np.linspace(60.0, 140.0, 801)
    cost = [
        np.mean(2.0 * np.maximum(demand - q, 0) + 0.5 * np.maximum(q - demand, 0)) for q in bake
    ]
    best = bake[int(np.argmin(cost))]
    assert np.mean(demand < best) == pytest.approx(exercise.reference(), abs=0.01)
    assert exercise.reference() == pytest.approx(0.8)
    for mistake in exercise.mistakes:
        assert not exercises.check("3.6", mistake).passed


def test_3_7_reference_matches_central_differences_and_torch():
    ref = get_exercise("3.7").reference
    rng = np.random.default_rng(3)
    z = rng.normal(size=5)
    y = rng.poisson(np.exp(z)).astype(float)

    def mean_nll(v):  # the prompt's formula, written out
        return np.mean(np.exp(v) - y * v)

    # Independent reference: central differences of the formula stated in the prompt.
    h = 1e-6
    numeric = np.array([(mean_nll(z + h * e) - mean_nll(z - h * e)) / (2 * h) for e in np.eye(5)])
    np.testing.assert_allclose(ref(y, z), numeric, rtol=1e-6, atol=1e-9)
    torch = pytest.importorskip("torch")
    zt = torch.tensor(z, requires_grad=True)
    # Independent reference: PyTorch's poisson_nll_loss (log_input=True) and autograd.
    torch.nn.functional.poisson_nll_loss(zt, torch.tensor(y), log_input=True).backward()
    np.testing.assert_allclose(ref(y, z), zt.grad.numpy(), rtol=1e-10)


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


# The checker under hostile answers: it never hangs, never raises because of the learner's
# code and leaves the process as it found it. These are the beginner bugs (an endless loop, a
# forgotten `return`) and the hostile cases of a careless or mischievous learner.

_SQUARED_ERROR = get_exercise("0.1").reference  # exercise 0.1: one squared error per point


def _endless(y_true, y_pred):
    while True:
        pass


class _LoopingArray:
    def __array__(self, dtype=None, copy=None):
        while True:
            pass


class _LoopingMessage(Exception):
    def __str__(self):
        while True:
            pass


def _returns_looping_array(y_true, y_pred):
    return _LoopingArray()


def _raises_looping_message(y_true, y_pred):
    raise _LoopingMessage()


def _right_but_sleepy(y_true, y_pred):
    time.sleep(3.0)  # right, but 3 s per input: 72 s for the 24 inputs of exercise 0.1
    return _SQUARED_ERROR(y_true, y_pred)


def _timer_state():
    return signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)


@pytest.mark.parametrize(
    "answer", [_endless, _returns_looping_array, _raises_looping_message, _right_but_sleepy]
)
def test_code_that_never_ends_is_stopped_within_the_time_limit(answer):
    before = _timer_state()
    start = time.monotonic()
    result = exercises.check("0.1", answer, timeout=1.0)
    elapsed = time.monotonic() - start
    assert elapsed < 2.5, elapsed  # the limit plus the reference's few milliseconds, on a load
    assert result.outcome == "crashed", str(result)
    text = str(result)
    assert "took longer than 1 s on this input" in text
    assert "Input:" in text and "y_true = " in text
    assert _timer_state() == before  # the alarm is off and its previous handler is back


def test_the_process_stays_usable_after_a_timed_out_check():
    threads = threading.active_count()
    assert exercises.check("0.1", _endless, timeout=0.5).outcome == "crashed"
    assert threading.active_count() == threads  # no thread left behind
    cpu = time.process_time()
    time.sleep(0.3)
    assert time.process_time() - cpu < 0.1  # nothing keeps burning the CPU
    start = time.monotonic()
    assert exercises.check("0.1", _SQUARED_ERROR).passed  # the next check runs normally
    assert time.monotonic() - start < 1.0


# `while True: pass` on one line (as a learner may type it; ruff format would split it).
exec("def _endless_on_one_line(y_true, y_pred):\n    while True: pass\n")


@pytest.mark.parametrize("answer", [_endless, _endless_on_one_line])  # noqa: F821 (exec)
def test_time_limit_works_outside_the_main_thread(answer):
    # There the alarm signal is not available; a trace function enforces the limit instead.
    results = []
    worker = threading.Thread(
        target=lambda: results.append(exercises.check("0.1", answer, timeout=0.5)), daemon=True
    )
    start = time.monotonic()
    worker.start()
    worker.join(timeout=10.0)
    assert not worker.is_alive()
    assert time.monotonic() - start < 3.0
    assert results[0].outcome == "crashed"
    assert "took longer than 0.5 s" in str(results[0])
    assert exercises.check("0.1", _SQUARED_ERROR).passed


def test_code_that_catches_the_stop_once_is_stopped_again():
    def catches_once(y_true, y_pred):
        try:
            while True:
                pass
        except BaseException:  # the stop signal, caught: the alarm repeats every 50 ms
            while True:
                pass

    start = time.monotonic()
    result = exercises.check("0.1", catches_once, timeout=0.5)
    assert time.monotonic() - start < 2.0
    assert "took longer than 0.5 s on this input" in str(result)


def test_an_alarm_set_by_someone_else_is_restored():
    # pytest-timeout and other tools may have their own alarm running; check must give it back.
    fired = []

    def outer(signum, frame):
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        assert exercises.check("0.1", _endless, timeout=0.3).outcome == "crashed"
        assert signal.getsignal(signal.SIGALRM) is outer  # the outer handler is back
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 95.0 < remaining < 100.0
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("exercise_id", VALUE_IDS[:1])
def test_hostile_values_are_reported_for_value_exercises(exercise_id):
    result = exercises.check(exercise_id, _LoopingArray(), timeout=0.5)
    assert result.outcome == "crashed"
    assert "took longer than 0.5 s" in str(result)
    result = exercises.check(exercise_id, _BadClass())
    assert result.outcome == "incorrect"
    assert "_BadClass" in str(result)
    assert exercises.check(exercise_id, _BadRepr()).outcome == "incorrect"


def test_time_limit_counts_the_whole_check():
    def slow_right(y_true, y_pred):
        time.sleep(0.15)
        return _SQUARED_ERROR(y_true, y_pred)

    # Each input takes 0.15 s, well under the limit, but the 24 inputs together take 3.6 s.
    start = time.monotonic()
    result = exercises.check("0.1", slow_right, timeout=1.0)
    assert time.monotonic() - start < 2.5
    assert result.outcome == "crashed"
    assert "all inputs together" in str(result)


def test_time_limit_default_is_configurable_and_validated():
    previous = exercises.set_timeout(0.5)
    try:
        assert previous == 5.0
        start = time.monotonic()
        assert exercises.check("0.1", _endless).outcome == "crashed"
        assert time.monotonic() - start < 2.0
    finally:
        assert exercises.set_timeout(previous) == 0.5
    assert exercises.check("0.1", _SQUARED_ERROR, timeout=math.inf).passed
    for bad in (0, -1.0, math.nan):
        with pytest.raises(ValueError, match="timeout"):
            exercises.check("0.1", _SQUARED_ERROR, timeout=bad)
        with pytest.raises(ValueError, match="seconds"):
            exercises.set_timeout(bad)
    for bad in ("1", True):
        with pytest.raises(TypeError, match="timeout"):
            exercises.check("0.1", _SQUARED_ERROR, timeout=bad)


def test_kernel_stays_usable_after_an_endless_loop():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    cells = [
        "from lossedu import exercises\n\n\ndef endless(y_true, y_pred):\n    while True:\n"
        "        pass\n\n\nprint(exercises.check('0.1', endless, timeout=1).outcome)",
        "import threading\n\nprint(threading.active_count() == THREADS)",
        "print(exercises.check('0.1', lambda y_true, y_pred: (y_pred - y_true) ** 2).outcome)",
    ]
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import threading\n\nTHREADS = threading.active_count()")
    ]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    # check displays its feedback where it is called; the printed outcome is the stream output
    printed = [
        next(o["text"] for o in cell.outputs if o["output_type"] == "stream")
        for cell in notebook.cells[1:]
    ]
    assert printed == ["crashed\n", "True\n", "correct\n"]


class _Custom(BaseException):
    pass


def _exits(y_true, y_pred):
    sys.exit(0)


def _raise_system_exit(y_true, y_pred):
    raise SystemExit


def _raise_generator_exit(y_true, y_pred):
    raise GeneratorExit


def _raise_custom(y_true, y_pred):
    raise _Custom("stop")


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        (_exits, "called sys.exit(0)"),
        (_raise_system_exit, "called sys.exit(None)"),
        (_raise_generator_exit, "GeneratorExit"),
        (_raise_custom, "_Custom"),
    ],
)
def test_base_exceptions_are_feedback_and_never_end_the_process(answer, shown):
    result = exercises.check("0.1", answer)
    assert result.outcome == "crashed"
    assert shown in str(result) and "Input:" in str(result)


def test_ctrl_c_still_interrupts_a_check():
    def interrupted(y_true, y_pred):
        raise KeyboardInterrupt

    before, errors = _timer_state(), np.geterr()
    with pytest.raises(KeyboardInterrupt):
        exercises.check("0.1", interrupted)
    # A real Ctrl-C while the learner's loop runs (the kernel's "interrupt" sends the same).
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        exercises.check("0.1", _endless, timeout=30.0)
    timer.join()
    assert time.monotonic() - start < 5.0
    assert _timer_state() == before and np.geterr() == errors


class _BadRepr:
    def __repr__(self):
        raise RuntimeError("no repr")


class _BadClass:
    @property
    def __class__(self):
        raise RuntimeError("no class")


class _BadMessage(Exception):
    def __str__(self):
        raise RuntimeError("no message")


@pytest.mark.parametrize("hostile", [_BadRepr, _BadClass])
def test_hostile_return_values_are_reported(hostile):
    result = exercises.check("0.1", lambda y_true, y_pred: hostile())
    assert result.outcome == "incorrect"
    assert hostile.__name__ in str(result)
    assert "no repr" not in result._repr_html_()


def test_an_exception_whose_message_raises_is_reported():
    def raises_bad_message(y_true, y_pred):
        raise _BadMessage()

    result = exercises.check("0.1", raises_bad_message)
    assert result.outcome == "crashed"
    assert "_BadMessage" in str(result) and "Input:" in str(result)


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_learner_numpy_error_state_does_not_reach_the_reference(exercise_id):
    reference = get_exercise(exercise_id).reference

    def sets_raise(*args, **kwargs):
        np.seterr(all="raise")  # a learner's global change, made inside the answer
        with np.errstate(all="ignore"):
            return reference(*args, **kwargs)

    before = np.geterr()
    assert exercises.check(exercise_id, sets_raise).passed
    assert np.geterr() == before  # restored after the check
    with np.errstate(all="raise"):  # set by the learner before the check
        assert exercises.check(exercise_id, sets_raise).passed


def test_learner_print_options_do_not_change_the_feedback():
    mistake = _model.answer_of(get_exercise("0.1").mistakes[0])
    plain = str(exercises.check("0.1", mistake))

    def fails(x):
        raise RuntimeError("formatter")

    def changes_print_options(y_true, y_pred):
        np.set_printoptions(precision=1, threshold=2, formatter={"all": fails})
        return mistake(y_true, y_pred)

    before = np.get_printoptions()
    with np.printoptions(precision=0, linewidth=10, formatter={"float": fails}, sign="+"):
        assert str(exercises.check("0.1", mistake)) == plain
        assert str(exercises.check("0.1", changes_print_options)) == plain
    assert np.get_printoptions() == before


def test_a_forgotten_return_is_not_reported_as_not_attempted():
    def forgot_return(y_true, y_pred):
        errors = (y_pred - y_true) ** 2  # noqa: F841 (the bug under test)

    result = exercises.check("0.1", forgot_return)
    assert result.outcome == "incorrect"
    assert "returned None: did you forget `return`?" in str(result)


def _documented_stub(y_true, y_pred):
    """A stub with a docstring and `pass` is still not attempted."""
    pass


def test_a_stub_with_a_docstring_or_pass_is_not_attempted():
    assert exercises.check("0.1", _documented_stub).outcome == "not attempted"


def test_documentation_says_check_is_not_a_sandbox():
    text = " ".join(exercises.__doc__.split())
    assert "in the same process" in text and "os._exit" in text
    assert "not for grading" in text


def test_html_feedback_draws_code_spans_instead_of_literal_backticks():
    def stub(y_true, y_pred): ...  # your code here

    page = exercises.check("0.1", stub)._repr_html_()
    # the message names the placeholder `...` and the call exercises.hint('0.1') as code
    assert "`" not in page
    assert "<code>" in page
    # the markdown and plain-text forms keep the backticks, where they render or read as code
    assert "`" in exercises.check("0.1", stub)._repr_markdown_()


def test_html_feedback_escapes_learner_text_inside_code_spans():
    from lossedu.exercises._model import html_text

    assert (
        html_text("got `<b>` & `x < 1`") == "got <code>&lt;b&gt;</code> &amp; <code>x &lt; 1</code>"
    )


def test_4_5_and_4_6_references_match_scikit_learn():
    sk_metrics = pytest.importorskip("sklearn.metrics")
    sk_calibration = pytest.importorskip("sklearn.calibration")
    rng = np.random.default_rng(5)
    y, p = rng.integers(0, 2, 50), rng.random(50)
    # Independent reference: scikit-learn's brier_score_loss.
    assert get_exercise("4.5").reference(y, p) == pytest.approx(sk_metrics.brier_score_loss(y, p))
    # Independent reference: the count-weighted gaps of scikit-learn's calibration_curve.
    prob_true, prob_pred = sk_calibration.calibration_curve(y, p, n_bins=5)
    counts = np.bincount(np.searchsorted(np.linspace(0, 1, 6)[1:-1], p), minlength=5)
    expected = np.sum(counts[counts > 0] * np.abs(prob_true - prob_pred)) / 50
    assert get_exercise("4.6").reference(y, p, n_bins=5) == pytest.approx(expected)


def test_4_6_planted_mistakes_fail_on_the_stated_cases():
    # Closed form for case 1: bins [0, .5] and (.5, 1] hold (0.1, 0.2) and (0.7, 0.9),
    # ECE = (2 * 0.15 + 2 * 0.2) / 4 = 0.175.
    y, p = np.array([0.0, 0.0, 1.0, 1.0]), np.array([0.1, 0.2, 0.7, 0.9])
    assert get_exercise("4.6").reference(y, p, n_bins=2) == pytest.approx(0.175)
    for mistake in get_exercise("4.6").mistakes:
        assert not exercises.check("4.6", mistake).passed


def test_4_7_answer_follows_from_the_numbers_in_the_prompt():
    prompt = get_exercise("4.7").prompt
    # The accuracy intervals overlap; the ECE intervals do not (0.081 > 0.031).
    assert "0.846 to 0.876" in prompt and "0.837 to 0.868" in prompt
    assert "(0.081 to 0.108)" in prompt and "(0.012 to 0.031)" in prompt
    assert exercises.check("4.7", 2).passed
    assert not exercises.check("4.7", 1).passed


def test_ch07_new_references_match_independent_ones():
    # 7.4: the closed form c_fp / (c_fp + c_fn) with c_fp = 2, c_fn = 40
    assert get_exercise("7.4").reference() == pytest.approx(2.0 / 42.0)
    # 7.5: scikit-learn's roc_auc_score, ties included
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    auc = get_exercise("7.5")
    for case in auc.cases:
        expect = sklearn_metrics.roc_auc_score(case["y_true"], case["scores"])
        assert auc.reference(case["y_true"], case["scores"]) == pytest.approx(expect)
    # 7.6: scipy.stats.sem of the fold losses, with folds written out by hand
    stats = pytest.importorskip("scipy.stats")
    x = np.linspace(-3, 3, 10)
    y = np.sin(x)
    folds = get_exercise("7.6").reference(x, y, 1, 3, 0)
    fold_losses = []
    for _, val in ch07_folds(10, 3, 0):
        train = np.setdiff1d(np.arange(10), val)
        coef = np.polyfit(x[train], y[train], 1)
        fold_losses.append(np.mean((y[val] - np.polyval(coef, x[val])) ** 2))
    assert folds == pytest.approx([np.mean(fold_losses), stats.sem(fold_losses)])


def ch07_folds(n, k, seed):
    """The folds of model_selection.k_fold: a seeded permutation cut into k blocks."""
    order = np.random.default_rng(seed).permutation(n)
    sizes = [n // k + (i < n % k) for i in range(k)]
    cuts = np.cumsum([0, *sizes])
    return [(None, order[cuts[i] : cuts[i + 1]]) for i in range(k)]


def test_ch05_schedule_condition_and_adamw_values():
    # closed forms, written here independently of the registry's references
    ex = {e.id: e for e in exercises.ch05.EXERCISES}
    cosine = 0.001 + 0.5 * 0.099 * (1 + math.sqrt(0.5))  # cos(pi/4) = sqrt(1/2)
    assert ex["5.5"].reference() == pytest.approx(cosine, rel=1e-12)
    assert ex["5.6"].reference() == pytest.approx(1 / 3, rel=1e-12)  # eigenvalues 2, 4
    assert ex["5.7"].reference() == pytest.approx(1.9, rel=1e-7)  # 2 - 0.1 sign(4), up to eps


def test_ch11_references_match_closed_forms_and_scikit_learn():
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    y = np.array([100.0, 200.0, 50.0, 80.0])
    pred = np.array([110.0, 180.0, 50.0, 95.0])
    # 11.1, closed form: 3 per point too low, 1 per point too high
    r = y - pred
    expect = np.mean(3.0 * np.maximum(r, 0) + 1.0 * np.maximum(-r, 0))
    assert get_exercise("11.1").reference(y, pred, 3.0, 1.0) == pytest.approx(expect)
    # ... which is (c_under + c_over) times scikit-learn's mean_pinball_loss at tau = 0.75
    pinball = sklearn_metrics.mean_pinball_loss(y, pred, alpha=0.75)
    assert get_exercise("11.1").reference(y, pred, 3.0, 1.0) == pytest.approx(4 * pinball)
    # 11.2, by hand: shares of 4 seeds
    d, se = np.array([3.0, 1.0, -0.5, 5.0]), np.array([1.0, 1.0, 1.0, 2.0])
    assert get_exercise("11.2").reference(d, se).tolist() == [0.75, 0.5]
    # 11.4, closed form: C_FN / (C_FP + C_FN) with C_FP = 1, C_FN = 10
    assert get_exercise("11.4").reference() == pytest.approx(10 / 11)


def test_ch11_3_shift_minimises_the_quantile_loss_over_constant_shifts(rng):
    # independent check: a brute-force scan of shifts finds no lower pinball loss on the
    # training data than the reference's shift
    y_train = rng.gamma(2.0, 30.0, 41)
    fitted = y_train + rng.normal(0.0, 20.0, 41)
    for tau in (0.1, 0.5, 0.75):
        shift = get_exercise("11.3").reference(y_train, fitted, np.array([0.0]), tau)[0]
        best = losses.quantile(y_train, fitted + shift, tau=tau)
        scan = [losses.quantile(y_train, fitted + s, tau=tau) for s in np.linspace(-80, 80, 1601)]
        assert best <= min(scan) + 1e-9


def test_ch11_4_weights_move_the_cost_threshold_to_one_half():
    # For a constant model and base rate pi, the weighted cross-entropy (focal, gamma 0) is
    # minimised at p_w = a pi / (a pi + (1 - a)(1 - pi)) (closed form); with a = 10/11,
    # p_w >= 0.5 exactly where pi >= C_FP / (C_FP + C_FN) = 1/11.
    a = get_exercise("11.4").reference()
    logits = np.linspace(-8, 8, 16001)
    for pi in (0.05, 1 / 11 - 0.01, 1 / 11 + 0.01, 0.3):
        y = np.array([1.0, 0.0])
        weights = np.array([pi, 1 - pi])
        values = [
            float(weights @ losses.focal(y, np.full(2, z), gamma=0.0, alpha=a, reduction="none"))
            for z in logits[::50]
        ]
        p_w = float(losses.sigmoid(logits[::50][int(np.argmin(values))]))
        closed = a * pi / (a * pi + (1 - a) * (1 - pi))
        assert p_w == pytest.approx(closed, abs=0.02)
        assert (closed >= 0.5) == (pi >= 1 / 11)


def test_ch11_objectives_are_the_chapters_and_map_to_registered_ids():
    import json
    from pathlib import Path

    from lossedu import quizzes
    from lossedu.exercises import ch11

    notebook = Path(__file__).resolve().parents[1] / "chapters" / "11_capstone_choose_a_loss.ipynb"
    cells = json.loads(notebook.read_text())["cells"]
    text = next("".join(c["source"]) for c in cells if c.get("id") == "cap-objectives")
    bullets = [" ".join(b.split()) for b in re.findall(r"(?ms)^- (.*?)(?=^- |^\n|\Z)", text)]
    assert [objective for objective, _ in ch11.OBJECTIVES] == bullets
    known = set(exercises.list()) | set(quizzes.list())
    for _, ids in ch11.OBJECTIVES:
        assert ids and set(ids) <= known, ids
