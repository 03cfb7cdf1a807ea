"""The checker: runs a learner's answer on an exercise's inputs and words the verdict.

:func:`check_value` and :func:`check_function` return a :class:`Result` with one of four
outcomes: ``"correct"``, ``"incorrect"`` (with the first input where the answer differs),
``"not attempted"`` and ``"crashed"``. Nothing the learner's code does (raise, exit, loop
forever, return the wrong kind or an object that cannot be shown, NaN, modify its inputs,
change NumPy's error state or print options) makes them raise or hang; only Ctrl-C stops
them. The learner's code runs under a :class:`Budget` of time
(:mod:`lossedu.exercises._timelimit`); the wording of numbers and hypotheses is in
:mod:`lossedu.exercises._feedback`.
"""

from __future__ import annotations

import dis
import time
import types
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from lossedu.exercises import _feedback as fb
from lossedu.exercises._model import (
    NUMPY_ERRORS,
    Exercise,
    Mistake,
    Result,
    call,
    copy_case,
    run_reference,
)
from lossedu.exercises._timelimit import TimeLimitExceeded, TimeUp, call_with_time_limit


class Budget:
    """The time the learner's code may still take in one check, and how to spend it."""

    def __init__(self, seconds: float, exercise: Exercise):
        self.seconds = seconds
        self.exercise = exercise
        self.used = 0.0
        self.used_before = 0.0  # by the earlier steps, when the last step started
        self.warnings: list[str] = []  # the texts of the warnings the last step raised

    def run(self, step: Callable[[], Any]) -> tuple[str, Any]:
        """Run ``step()`` (which runs learner code) with the time left.

        Return ("done", its value), ("slow", None), ("error", the Exception) or ("exit",
        the BaseException). Ctrl-C, and an outer check's time limit, propagate. The
        warnings the step raised are kept (not shown) in ``self.warnings``.
        """
        self.used_before = self.used
        self.warnings = []
        start = time.monotonic()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    return "done", call_with_time_limit(step, self.seconds - self.used)
                finally:
                    self.warnings = [_warning_text(w) for w in caught[:20]]
        except TimeLimitExceeded:
            return "slow", None
        except (KeyboardInterrupt, TimeUp):
            raise
        except Exception as error:
            return "error", error
        except BaseException as error:  # sys.exit, GeneratorExit...: feedback, not an exit
            return "exit", error
        finally:
            self.used += time.monotonic() - start

    def too_slow(self, what: str) -> str:
        """The sentence for a step stopped by the limit; ``what`` names the slow part."""
        seconds = f"{self.seconds:g} s"
        if self.used_before < 0.1 * self.seconds:
            sentence = f"{what} took longer than {seconds} on this input and was stopped."
        else:
            sentence = (
                f"{what} used up the time limit of this check ({seconds} for all inputs "
                "together) on this input and was stopped."
            )
        name = self.exercise.function_name or "answer"
        return (
            f"{sentence} Look for a loop that never ends; a right answer takes well under a "
            f"second. To allow more time: exercises.check({self.exercise.id!r}, {name}, "
            "timeout=30)."
        )


def _warning_text(caught: warnings.WarningMessage) -> str:
    try:
        return str(caught.message) if type(caught.message).__module__ == "builtins" else ""
    except Exception:  # a learner's warning whose __str__ raises
        return ""


def _incorrect(exercise: Exercise, message: str, details: tuple = ()) -> Result:
    """An "incorrect" result; its message ends by pointing to the next hint."""
    message = f"{message} Need a hint? `exercises.hint({exercise.id!r})`."
    return Result(exercise.id, exercise.title, "incorrect", message, details)


def _correct(exercise: Exercise, message: str) -> Result:
    message = f"{message} Compare with the worked solution: `exercises.solution({exercise.id!r})`."
    return Result(exercise.id, exercise.title, "correct", message)


def not_attempted(exercise: Exercise) -> Result:
    if exercise.kind == "function":
        what = f"Replace the `...` in the body of `{exercise.function_name}` with your code"
    else:
        what = "Replace the `...` with your answer"
    return Result(
        exercise.id,
        exercise.title,
        "not attempted",
        f"{what}, then run the cell again. Stuck? Try exercises.hint({exercise.id!r}).",
    )


def check_value(exercise: Exercise, answer: Any, budget: Budget) -> Result:
    raw_expected = run_reference(exercise)
    expected = np.asarray(raw_expected, dtype=np.float64)
    status, value = budget.run(lambda: _as_numbers(answer, expected.shape))
    if status == "slow":
        message = budget.too_slow("Reading your answer as a number")
        return Result(exercise.id, exercise.title, "crashed", message)
    if status != "done":
        problem = f"{fb.kind_of(answer)} that cannot be read as a number ({_name_of(value)})."
        got = None
    else:
        got, problem = value
    tolerance = fb.tolerance_phrase(exercise.rtol, exercise.atol)
    if problem is not None:
        message = f"Your answer is {problem}"
    elif not _close(got, expected, exercise):
        shown = fb.fmt_pair(raw_expected, _raw_numbers(answer, got))[1]
        message = (
            f"Your answer {shown} is not the right value yet (the check accepts answers "
            f"{tolerance})."
        )
        diagnosis = _anticipated(exercise, None, got) or fb.patterns(
            expected, got, {}, exercise.rtol, exercise.atol
        )
        message = " ".join([message, *diagnosis])
    else:
        return _correct(exercise, f"Well done: that is the value ({tolerance}).")
    return _incorrect(exercise, message)


def _raw_numbers(answer: Any, converted: np.ndarray) -> Any:
    """The learner's answer as they gave it if it is an int or int array, else the floats."""
    if isinstance(answer, (int, np.integer)) and not isinstance(answer, bool):
        return answer
    if isinstance(answer, np.ndarray) and answer.dtype.kind in "iu":
        return answer
    return converted


def check_function(exercise: Exercise, answer: Any, budget: Budget) -> Result:
    if not callable(answer):
        message = (
            f"check expects your function itself, got {fb.kind_of(answer)}. Pass the name "
            f"without calling it: exercises.check({exercise.id!r}, {exercise.function_name})."
        )
        return _incorrect(exercise, message)
    cases = exercise.all_cases()
    for number, case in enumerate(cases):
        raw_expected = run_reference(exercise, case)
        result = _check_case(exercise, answer, case, raw_expected, number == 0, budget)
        if result is not None:
            return result
    message = f"Your function matches the reference on all {len(cases)} test inputs."
    return _correct(exercise, message)


def _check_case(exercise, answer, case, raw_expected, first, budget) -> Result | None:
    """Run the answer on one input; return the feedback if it fails there, else None."""
    given = copy_case(case)
    status, got = budget.run(lambda: call(answer, exercise, given, copy=False))
    warned = budget.warnings
    shown = ("Input", fb.fmt_case(case))
    if status == "slow":
        message = budget.too_slow("Your function")
        return Result(exercise.id, exercise.title, "crashed", message, (shown,))
    if status == "exit":
        return Result(exercise.id, exercise.title, "crashed", _exit_message(got), (shown,))
    if status == "error":
        if issubclass(type(got), NotImplementedError):
            return not_attempted(exercise)
        return _crashed(exercise, got, shown, budget)
    if first and (got is Ellipsis or (got is None and _is_stub(answer))):
        return not_attempted(exercise)
    if first and got is None:
        message = (
            "Your function returned None: did you forget `return`? A function whose body "
            "ends without `return` (or whose `return` sits in a branch not taken here) "
            "gives back None; end it with `return` and the result."
        )
        details = (shown, ("Expected", fb.fmt(raw_expected)))
        return _incorrect(exercise, message, details)
    status, verdict = budget.run(
        lambda: _verdict(answer, exercise, case, given, got, raw_expected, warned)
    )
    if status == "slow":
        message = budget.too_slow(f"Reading the value your function returned ({fb.kind_of(got)})")
        return Result(exercise.id, exercise.title, "crashed", message, (shown,))
    if status != "done":
        verdict = (
            f"On this input your function returned {fb.kind_of(got)} that cannot be read as "
            f"numbers ({_name_of(verdict)}).",
            (shown, ("Expected", fb.fmt(raw_expected))),
        )
    if verdict is None:
        return None
    message, details = verdict
    return _incorrect(exercise, message, details)


def _verdict(answer, exercise, case, given, got, raw_expected, warned):
    """None if the answer ``got`` is right, else the message and the details to show."""
    expected = np.asarray(raw_expected, dtype=np.float64)
    message = _compare(exercise, case, given, got, expected)
    if message is None:
        return None
    details = [("Input", fb.fmt_case(case))]
    got_array, _ = _as_numbers(got, expected.shape)
    if isinstance(got_array, np.ndarray):
        shown_expected, shown_got = fb.fmt_pair(raw_expected, _raw_numbers(got, got_array))
        details += [("Expected", shown_expected), ("Got", shown_got)]
        if _mutated(case, given):
            pass  # the in-place message says it all
        elif not np.all(np.isfinite(got_array)) and np.all(np.isfinite(expected)):
            # NaN or inf: name the operation, and any anticipated mistake it looks like
            message = _nonfinite_message(answer, exercise, case, got_array, warned)
            message = " ".join([message, *_anticipated(exercise, case, got_array)])
        else:
            message = " ".join([message, *_diagnose(exercise, case, got, got_array, expected)])
    else:
        details.append(("Expected", fb.fmt(raw_expected)))
    return message, tuple(details)


def _diagnose(exercise, case, raw_got, got, expected) -> list[str]:
    """Sentences naming the likely cause: an anticipated mistake, else a generic pattern."""
    named = _anticipated(exercise, case, got)
    if named:
        return named
    found = fb.patterns(expected, got, case, exercise.rtol, exercise.atol)
    truncated = fb.integer_truncation(raw_got, expected)
    return found + ([truncated] if truncated else [])


def _anticipated(exercise: Exercise, case: dict | None, got: np.ndarray) -> list[str]:
    """The messages of the anticipated Mistakes that ``got`` agrees with, as one sentence.

    Two mistakes can agree on one input (a step taken from w = 0 is the new w); then both
    are named, as alternatives, since the input cannot tell them apart.
    """
    messages: list[str] = []
    for mistake in exercise.mistakes:
        if not isinstance(mistake, Mistake):
            continue
        try:
            with warnings.catch_warnings(), np.errstate(**NUMPY_ERRORS):
                warnings.simplefilter("ignore")
                if case is None:
                    wrong = mistake.answer
                else:
                    wrong = call(mistake.answer, exercise, case)
                wrong = np.asarray(wrong, dtype=np.float64)
        except Exception:  # a registry mistake that cannot run on this input
            continue
        if wrong.shape == got.shape:
            with np.errstate(all="ignore"):
                same = np.allclose(
                    got, wrong, rtol=exercise.rtol, atol=exercise.atol, equal_nan=True
                )
            if same and mistake.message.strip() not in messages:
                messages.append(mistake.message.strip())
    if len(messages) > 1:
        return [" Or: ".join(messages)]
    return messages


def _nonfinite_message(answer, exercise, case, got: np.ndarray, warned: list[str]) -> str:
    """Why the answer returned nan or inf where the reference is finite, naming the operation."""
    words = fb.nonfinite_words(got)
    where = ", ".join(
        f"{name} = {fb.fmt(value)}" for name, value in case.items() if name in exercise.args
    )
    cause = fb.nonfinite_cause(warned)
    if cause is None:  # the learner silenced NumPy's warnings: run once more to hear them
        cause = fb.nonfinite_cause(_warnings_of(answer, exercise, case))
    message = f"Your function returns {words} for {where}, where the right answer is finite."
    if cause is None:
        return message + " Look for an overflow, a division by zero or a log of 0."
    return f"{message} {cause}"


def _warnings_of(answer, exercise: Exercise, case: dict) -> list[str]:
    """NumPy's warnings when ``answer`` runs on ``case`` under NumPy's default error state."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(**NUMPY_ERRORS):
        warnings.simplefilter("always")
        try:
            call(answer, exercise, case)
        except Exception:  # it raised this time (it read the error state): no more to learn
            pass
        return [_warning_text(w) for w in caught[:20]]


def _crashed(exercise, error, shown, budget) -> Result:
    """The feedback for an exception raised by the answer (its message is learner code)."""
    status, text = budget.run(lambda: f"{type(error).__name__}: {fb.clean(str(error))}")
    if status == "slow":
        what = f"Your function raised {type(error).__name__}, and showing its message"
        return Result(exercise.id, exercise.title, "crashed", budget.too_slow(what), (shown,))
    if status != "done":
        text = f"{type(error).__name__} (its message cannot be shown: {_name_of(text)})"
    message = "Your function raised an error on this input."
    details = [("Error", text.rstrip(": "))]
    try:
        line = fb.raising_line(error)
    except Exception:  # an unreadable traceback: the error alone is still useful
        line = None
    if line is not None:
        details.append(("Where", line))
    details.append(shown)
    return Result(exercise.id, exercise.title, "crashed", message, tuple(details))


def _exit_message(error: BaseException) -> str:
    kind = type(error)
    if issubclass(kind, SystemExit):
        code = getattr(error, "code", ...) if type(error) is SystemExit else ...
        shown = repr(code) if type(code) in (int, str, type(None)) else "..."
        return (
            f"Your function called sys.exit({shown}) on this input (or raised SystemExit): in "
            "a script that would end the program. Return the result instead."
        )
    return (
        f"Your function raised {kind.__name__} on this input: a BaseException, which is "
        "meant to stop a program, not to report a problem. Return the result instead, or "
        "raise an Exception such as ValueError."
    )


def _name_of(error: BaseException) -> str:
    """Name an exception raised while reading the learner's objects (never its message)."""
    return f"reading it raised {type(error).__name__}"


def _is_stub(function: Any) -> bool:
    """True if the body of ``function`` does nothing: only ``...``, ``pass`` or a docstring."""
    if type(function) is types.MethodType:
        function = function.__func__
    if type(function) is not types.FunctionType:
        return False
    ops = [
        (op.opname, op.argval)
        for op in dis.get_instructions(function.__code__)
        if op.opname not in {"RESUME", "NOP", "CACHE", "COPY_FREE_VARS", "MAKE_CELL"}
    ]
    # Python 3.11 returns None with LOAD_CONST + RETURN_VALUE, 3.12 and 3.13 with RETURN_CONST.
    return ops in ([("LOAD_CONST", None), ("RETURN_VALUE", None)], [("RETURN_CONST", None)])


def _compare(exercise, case, given, got, expected) -> str | None:
    """Return what is wrong with one answer (None if it is right)."""
    failing = "On this input your function"
    if got is None or got is Ellipsis:
        return f"{failing} returned {got!r}. Is a `return` missing in one branch?"
    changed = _mutated(case, given)
    if changed:
        names = " and ".join(f"`{name}`" for name in changed)
        example = changed[0]
        noun = "its inputs" if len(changed) > 1 else "its input"
        return (
            f"{failing} changed {noun} {names} in place (with `{example} -= ...`, "
            f"`{example}[i] = ...`, `{example}.sort()` or similar). Work on a copy "
            f"(`{example} = {example}.copy()`) or compute a new array."
        )
    got, problem = _as_numbers(got, expected.shape)
    if problem is not None:
        return f"{failing} returned {problem}"
    if not _close(got, expected, exercise):
        return "Your function gives a different result from the reference on this input."
    return None


def _as_numbers(value: Any, shape: tuple) -> tuple[Any, str | None]:
    """Return (array, None), or (value, a phrase saying why it is not numbers of ``shape``)."""
    if callable(value) or isinstance(value, (str, bytes, dict, set)):
        return value, f"{fb.kind_of(value)}, not a number or an array of numbers."
    try:
        array = np.asarray(value)
    except Exception:  # a ragged list, or an object that refuses conversion
        return value, f"{fb.kind_of(value)} that cannot be read as an array of numbers."
    if array.dtype == bool or array.dtype.kind not in "iuf":
        if array.ndim == 0:
            return value, f"{fb.kind_of(value)} ({fb.fmt(value)}), not a real number."
        return value, f"an array of {array.dtype} values, not of real numbers."
    array = array.astype(np.float64)
    want = "a single number" if shape == () else f"an array of shape {shape}"
    if array.shape != shape:
        have = "a single number" if array.shape == () else f"an array of shape {array.shape}"
        return array, f"{have}, expected {want}."
    if not np.all(np.isfinite(array)):
        what = "NaN or infinity" if shape == () else "an array with NaN or infinite values"
        return array, f"{what} (look for a division by zero or a log of 0)."
    return array, None


def _close(got: np.ndarray, expected: np.ndarray, exercise: Exercise) -> bool:
    # An overflowing difference is simply "not close", whatever error state the learner set.
    with np.errstate(all="ignore"):
        return bool(np.allclose(got, expected, rtol=exercise.rtol, atol=exercise.atol))


def _mutated(original: dict, given: dict) -> list[str]:
    """The names of the arguments whose values the answer changed, in argument order."""
    changed = []
    for name, value in original.items():
        if isinstance(value, np.ndarray):
            if not np.array_equal(value, given[name], equal_nan=value.dtype.kind in "fc"):
                changed.append(name)
        elif isinstance(value, list) and _safe_differs(value, given[name]):
            changed.append(name)
    return changed


def _safe_differs(a: Any, b: Any) -> bool:
    try:
        return bool(a != b)
    except Exception:
        return False
