"""The exercise framework: exercises as data, a checker, and its feedback.

An :class:`Exercise` holds everything needed to check one answer (the reference, the
inputs, the tolerance) and to help the learner (hints, a worked solution), in the spirit of
Kaggle's *learntools*. :func:`check` runs the learner's answer and returns a
:class:`Result` with one of four outcomes: ``"correct"``, ``"incorrect"`` (with the
smallest input where the answer differs), ``"not attempted"`` and ``"crashed"``.
Nothing the learner's code does (raise, exit, loop forever, return the wrong kind or an
object that cannot be shown, NaN, modify its inputs, change NumPy's error state or print
options) makes :func:`check` raise or hang; only Ctrl-C stops it.
"""

from __future__ import annotations

import copy
import dis
import html
import math
import re
import time
import types
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lossedu.exercises import _feedback as fb
from lossedu.exercises._timelimit import TimeLimitExceeded, TimeUp, call_with_time_limit

OUTCOMES = ("correct", "incorrect", "not attempted", "crashed")
KINDS = ("function", "value")
_ID_PATTERN = re.compile(r"^(0|[1-9][0-9]*)\.([1-9][0-9]*)$")
_REGISTRY: dict[str, Exercise] = {}
_HINTS_SHOWN: dict[str, int] = {}  # exercise id -> the last hint shown by hint(id)
_TIMEOUT = 5.0  # seconds the learner's code may take in one check; see set_timeout
# NumPy's default error state: the reference always runs under it, whatever the learner set.
_NUMPY_ERRORS = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}
_N_ROUND = 3  # how many small round cases precede the random ones


@dataclass(frozen=True)
class Mistake:
    """An anticipated wrong answer and the message that names it.

    Parameters
    ----------
    answer : callable or value
        For a function exercise, the wrong function (same arguments as the learner's); for a
        value exercise, the wrong value, computed from the chapter's data (never typed in).
    message : str
        What the feedback says when the learner's answer behaves like this one, naming the
        likely cause ("looks like the mean, not the median"). Markdown; it does not give the
        answer away.
    """

    answer: Any
    message: str

    def __post_init__(self):
        if not isinstance(self.message, str) or not self.message.strip():
            raise ValueError(f"Mistake {self.answer!r}: message must be a non-empty string.")


def _answer_of(mistake: Any) -> Any:
    """The wrong answer of a mistakes entry: a Mistake's answer, or the entry itself."""
    return mistake.answer if isinstance(mistake, Mistake) else mistake


@dataclass(frozen=True)
class Exercise:
    """One self-checked exercise, described as data.

    Parameters
    ----------
    id : str
        ``"chapter.number"``, e.g. ``"3.2"``.
    title : str
        A short name shown in the feedback.
    kind : {"function", "value"}
        Whether the learner writes a function or computes a value.
    prompt : str
        The task as the chapter states it (Markdown).
    reference : callable
        For a function exercise, the right function (usually from :mod:`lossedu`), called
        with the same arguments as the learner's. For a value exercise, a function of no
        arguments that computes the right value (never a hard-coded number).
    hints : sequence of str
        At least one hint, from gentle to explicit; the first does not give the answer away.
        Markdown, math in ``$...$`` (it renders on the website and in Jupyter alike).
    solution : str
        The worked solution: the chapter's solution cell, verbatim. It may use ``np`` and the
        ``lossedu`` modules that the chapter imports, and it ends with the
        ``exercises.check(...)`` call that shows it passing.
    explanation : str
        One or two sentences on why the solution works (Markdown, like the hints).

    The hints, solution and explanation are the one source of the chapter's folded boxes:
    ``scripts/sync_exercises.py`` (run by ``make notebooks``) writes them into the notebook.
    mistakes : sequence
        At least one plausible wrong answer (functions for a function exercise, values for
        a value exercise). The tests check that each one is reported as incorrect, so
        every exercise proves that its checker catches errors. An entry wrapped in
        :class:`Mistake` is anticipated: the feedback names it with its message.
    args : sequence of str
        Function exercises: the argument names, in order (e.g. ``("y_true", "y_pred")``).
        A case's entries named here are passed by position, any others by keyword.
    function_name : str
        Function exercises: the name the learner gives the function (for the feedback).
    cases : sequence of dict
        Function exercises: fixed inputs, each a dict from argument name to value.
    generate : callable, optional
        Function exercises: ``generate(rng) -> dict`` draws one random input.
    n_random : int
        How many random inputs to draw (from ``np.random.default_rng(seed)``).
    seed : int
        The seed of those draws: fixed, so the feedback is the same on every run.
    rtol, atol : float
        Tolerances of ``np.allclose``; the shapes must match exactly.
    """

    id: str
    title: str
    kind: str
    prompt: str
    reference: Callable[..., Any]
    hints: Sequence[str]
    solution: str
    explanation: str
    mistakes: Sequence[Any]
    args: Sequence[str] = ()
    function_name: str = ""
    cases: Sequence[dict] = ()
    generate: Callable[[np.random.Generator], dict] | None = None
    n_random: int = 20
    seed: int = 0
    rtol: float = 1e-6
    atol: float = 1e-9

    def __post_init__(self):
        where = f"Exercise {self.id!r}"
        if not isinstance(self.id, str) or not _ID_PATTERN.match(self.id):
            raise ValueError(
                f"{where}: id must look like 'chapter.number' (e.g. '3.2'), got {self.id!r}."
            )
        if self.kind not in KINDS:
            raise ValueError(f"{where}: kind must be 'function' or 'value', got {self.kind!r}.")
        for name in ("title", "prompt", "solution", "explanation"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{where}: {name} must be a non-empty string.")
        if not callable(self.reference):
            raise TypeError(
                f"{where}: reference must be callable (a function of no arguments for a "
                f"value exercise), got {type(self.reference).__name__}."
            )
        if isinstance(self.hints, str) or not self.hints:
            raise ValueError(f"{where}: hints must be a non-empty list of strings.")
        if not all(isinstance(h, str) and h.strip() for h in self.hints):
            raise ValueError(f"{where}: every hint must be a non-empty string.")
        object.__setattr__(self, "hints", tuple(self.hints))
        if isinstance(self.mistakes, (str, bytes)) or len(self.mistakes) == 0:
            raise ValueError(
                f"{where}: mistakes must list at least one plausible wrong answer. The tests "
                "check that the checker reports each one as incorrect."
            )
        object.__setattr__(self, "mistakes", tuple(self.mistakes))
        for name in ("rtol", "atol"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"{where}: {name} must be a number >= 0, got {value!r}.")
        if self.kind == "function":
            self._validate_function_exercise(where)
        elif any(callable(_answer_of(m)) for m in self.mistakes):
            raise TypeError(f"{where}: the mistakes of a value exercise must be values.")

    def _validate_function_exercise(self, where: str) -> None:
        if not self.function_name or not self.args:
            raise ValueError(f"{where}: a function exercise needs function_name and args.")
        object.__setattr__(self, "args", tuple(self.args))
        object.__setattr__(self, "cases", tuple(self.cases))
        if not self.cases and self.generate is None:
            raise ValueError(f"{where}: give fixed cases, a generate function, or both.")
        if self.generate is not None and not callable(self.generate):
            raise TypeError(f"{where}: generate must be callable as generate(rng) -> dict.")
        if isinstance(self.n_random, bool) or not isinstance(self.n_random, int):
            raise TypeError(f"{where}: n_random must be an int.")
        if self.n_random < 0:
            raise ValueError(f"{where}: n_random must be >= 0, got {self.n_random}.")
        if not all(callable(_answer_of(m)) for m in self.mistakes):
            raise TypeError(f"{where}: the mistakes of a function exercise must be functions.")
        for case in self.cases:
            if not isinstance(case, dict) or not set(self.args) <= set(case):
                raise ValueError(f"{where}: every case must be a dict with keys {self.args}.")

    def all_cases(self) -> list[dict]:
        """The inputs a function answer runs on, in the order they are tried.

        First the fixed ``cases`` in the order given (the statement's example first), then
        small round cases (the smallest random draws rounded to one decimal, kept when the
        reference accepts them), then the random draws, smallest first.
        """
        cases = [dict(c) for c in self.cases]
        if self.generate is None:
            return cases
        rng = np.random.default_rng(self.seed)
        drawn = sorted((self.generate(rng) for _ in range(self.n_random)), key=_case_size)
        rounded = []
        for case in drawn:
            if len(rounded) == _N_ROUND:
                break
            candidate = {k: _round(v) for k, v in case.items()}
            if all(_same(candidate[k], case[k]) for k in case) or not self._accepts(candidate):
                continue
            if not any(_same_case(candidate, c) for c in cases + rounded):
                rounded.append(candidate)
        return cases + rounded + drawn

    def _accepts(self, case: dict) -> bool:
        """True if the reference gives finite numbers on ``case`` (a valid input)."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = np.asarray(_reference(self, case), dtype=np.float64)
        except Exception:
            return False
        return bool(np.all(np.isfinite(value)))


def _round(value: Any) -> Any:
    """``value`` rounded to one decimal if it is a float or an array of floats."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return np.round(value, 1)
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        return type(value)(round(float(value), 1))
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.array_equal(a, b)
    return type(a) is type(b) and a == b


def _same_case(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)


@dataclass(frozen=True)
class Result:
    """The outcome of :func:`check`, shown as text, Markdown or HTML.

    ``passed`` is True only for ``outcome == "correct"``. ``str(result)`` is the feedback
    as plain text; in Jupyter the result renders as a coloured box that also states the
    outcome in words and symbols, so the colour is never the only cue.

    In IPython :func:`check` displays the result when it is called, wherever the call sits
    in the cell; as the cell's last value the same result then displays nothing more (in a
    later cell it displays again).
    """

    exercise_id: str
    title: str
    outcome: str
    message: str
    details: tuple[tuple[str, str], ...] = field(default=())

    @property
    def passed(self) -> bool:
        return self.outcome == "correct"

    def _heading(self) -> str:
        return f"Exercise {self.exercise_id} ({self.title}): {self.outcome}."

    def __str__(self) -> str:
        lines = [self._heading(), self.message]
        for label, text in self.details:
            lines.append(f"{label}:")
            lines.extend("    " + line for line in text.splitlines())
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        icon = _ICONS[self.outcome]
        parts = [f"**{icon} {self._heading()}** {self.message}"]
        for label, text in self.details:
            fence = "`" * max(3, fb.longest_backtick_run(text) + 1)
            parts.append(f"{label}:\n\n{fence}\n{text}\n{fence}")
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        colour, background = _COLOURS[self.outcome]
        style = (
            f"border-left: 6px solid {colour}; background: {background}; color: #1a1a1a; "
            "padding: 0.5em 0.8em; margin: 0.3em 0; font-family: sans-serif;"
        )
        slug = self.outcome.replace(" ", "-")
        body = [
            f'<div class="lossedu-result lossedu-result-{slug}" role="status" style="{style}">',
            f'<p style="margin: 0 0 0.4em 0;"><span aria-hidden="true">{_ICONS[self.outcome]}'
            f"</span> <strong>{_html_text(self._heading())}</strong> "
            f"{_html_text(self.message)}</p>",
        ]
        for label, text in self.details:
            body.append(f'<p style="margin: 0.4em 0 0.1em 0;">{html.escape(label)}:</p>')
            body.append(
                '<pre style="margin: 0; padding: 0.3em 0.5em; background: #ffffff; '
                f'color: #1a1a1a;">{html.escape(text)}</pre>'
            )
        body.append("</div>")
        return "\n".join(body)

    def _bundle(self) -> dict[str, str]:
        return {
            "text/plain": str(self),
            "text/markdown": self._repr_markdown_(),
            "text/html": self._repr_html_(),
        }

    def _ipython_display_(self) -> None:
        shell = _ipython()
        if shell is None:
            return
        count = getattr(shell, "execution_count", None)
        if self.__dict__.get("_shown_in") == count:
            return  # displayed by check() in this very cell
        object.__setattr__(self, "_shown_in", count)
        _ipython_display(self._bundle())


def _ipython():
    """The running IPython shell, or None (a script, pytest, no IPython installed)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _ipython_display(bundle: dict[str, str]) -> None:
    from IPython.display import display

    display(bundle, raw=True)


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def _html_text(text: str) -> str:
    """Escape ``text`` for HTML, drawing its `code` spans as <code> instead of backticks."""
    return _CODE_SPAN.sub(r"<code>\1</code>", html.escape(text))


# Okabe & Ito (2008) colour-blind-safe hues for the border; the text stays near-black.
_COLOURS = {
    "correct": ("#009E73", "#eef8f4"),
    "incorrect": ("#D55E00", "#fdf1e9"),
    "not attempted": ("#6b6b6b", "#f4f4f4"),
    "crashed": ("#CC79A7", "#faf0f5"),
}
_ICONS = {"correct": "✓", "incorrect": "✗", "not attempted": "○", "crashed": "⚠"}


def register(exercises: Sequence[Exercise]) -> None:
    """Add a chapter's exercises to the registry (ids must be new)."""
    for exercise in exercises:
        if not isinstance(exercise, Exercise):
            raise TypeError(f"register takes Exercise objects, got {type(exercise).__name__}.")
        if exercise.id in _REGISTRY:
            raise ValueError(f"Exercise id {exercise.id!r} is registered twice.")
        _REGISTRY[exercise.id] = exercise


def list_ids() -> list[str]:
    """Return the ids of all exercises in course order ("9.3" before "10.2")."""
    return sorted(_REGISTRY, key=lambda i: tuple(int(p) for p in i.split(".")))


def get_exercise(exercise_id: str) -> Exercise:
    """Return the registered :class:`Exercise`; KeyError listing the known ids if unknown."""
    if not isinstance(exercise_id, str):
        raise TypeError(
            f"exercise_id must be a string such as '0.1', got {type(exercise_id).__name__} "
            f"{exercise_id!r}. Known ids: {', '.join(list_ids())}."
        )
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        raise KeyError(
            f"Unknown exercise id {exercise_id!r}. Known ids: {', '.join(list_ids())}."
        ) from None


def check(exercise_id: str, answer: Any, *, timeout: float | None = None) -> Result:
    """Check an answer to an exercise and return the feedback as a :class:`Result`.

    Parameters
    ----------
    exercise_id : str
        The exercise, e.g. ``"0.1"`` (see :func:`list`).
    answer : callable or value
        The learner's function (function exercises) or value (value exercises). ``None``
        or ``...`` means "not attempted", and so does a function whose body is only ``...``
        or ``pass``.
    timeout : float, optional
        Seconds the learner's code may take in this check, all inputs together (a right
        answer needs a few milliseconds); ``math.inf`` for no limit. Default: the value of
        :func:`set_timeout`, 5 s unless changed.

    Returns
    -------
    Result
        ``.passed`` is True for a correct answer; ``str(result)`` is the feedback.

    Notes
    -----
    A function answer runs on the exercise's fixed inputs (the statement's example first),
    then small round inputs, then seeded random ones, each time on fresh copies, so a
    function that modifies its inputs cannot corrupt later checks; the feedback shows the
    first input where it fails. A wrong answer that behaves like one of the exercise's
    anticipated mistakes (:class:`Mistake`) is named with its message; otherwise a
    recognisable relation to the right answer (off by a factor 2, ln 2 or the size of an
    input, a flipped sign, transposed axes) is named as a hypothesis.
    Exceptions raised by the answer are reported, never propagated, and so are
    ``sys.exit``, ``SystemExit``, ``GeneratorExit`` and other ``BaseException`` types: the
    process never ends because of the learner's code. Ctrl-C (``KeyboardInterrupt``, the
    kernel's interrupt button) is the exception: it still stops the check, so a learner can
    always stop it. Warnings the answer triggers are not shown (the notebook output stays
    clean); they name the operation when the answer returns NaN or inf.

    Code that runs longer than ``timeout`` is stopped and reported as "took longer than N s
    on this input", with that input. In the main thread on Linux and macOS (a script,
    pytest, a Jupyter kernel) an alarm signal stops Python loops and ``time.sleep``; one
    long call into C (a single huge NumPy operation) ends before it can be stopped. In
    another thread or on Windows only Python loops are stopped. Code that catches every
    exception inside its loop (``except BaseException:``) cannot be stopped but by Ctrl-C.

    NumPy's error state and print options are restored when the check ends; the reference
    always runs under NumPy's default error state, and the feedback is formatted with fixed
    print options, whatever the learner's code set.
    """
    exercise = get_exercise(exercise_id)
    limit = _TIMEOUT if timeout is None else _validate_timeout(timeout, "timeout")
    if answer is None or answer is Ellipsis:
        return _shown(_not_attempted(exercise))
    budget = _Budget(limit, exercise)
    # Both are context-local in NumPy 2: what the learner's code sets is undone on exit.
    with np.errstate(), np.printoptions():
        if exercise.kind == "value":
            result = _check_value(exercise, answer, budget)
        else:
            result = _check_function(exercise, answer, budget)
    return _shown(result)


def _shown(result: Result) -> Result:
    """Display ``result`` now in IPython (wherever check sits in the cell); return it."""
    if _ipython() is not None:
        result._ipython_display_()
    return result


def set_timeout(seconds: float) -> float:
    """Set the default time limit of :func:`check`, in seconds; return the previous one.

    ``math.inf`` turns the limit off (then an endless loop hangs the check until Ctrl-C).

    >>> from lossedu import exercises
    >>> previous = exercises.set_timeout(10)
    >>> exercises.set_timeout(previous)
    10.0
    """
    global _TIMEOUT
    previous, _TIMEOUT = _TIMEOUT, _validate_timeout(seconds, "seconds")
    return previous


def _validate_timeout(value: Any, name: str) -> float:
    expected = f"{name} must be a number of seconds > 0 (math.inf for no limit)"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{expected}, got {type(value).__name__} {value!r}.")
    if math.isnan(value) or value <= 0:
        raise ValueError(f"{expected}, got {value!r}.")
    return float(value)


def hint(exercise_id: str, n: int | None = None) -> str:
    """Show one hint of an exercise and return its text.

    ``hint(id)`` shows the next hint (the first, then the second on the next call...) and
    says how many remain; ``hint(id, n)`` shows hint ``n`` (counted from 1), and the next
    ``hint(id)`` goes on from there. No hint gives the answer away; :func:`solution` does.
    """
    exercise = get_exercise(exercise_id)
    total = len(exercise.hints)
    if n is None:
        n = min(_HINTS_SHOWN.get(exercise.id, 0) + 1, total)
    else:
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int from 1 to {total} or None, got {n!r}.")
        if not 1 <= n <= total:
            raise ValueError(f"Exercise {exercise_id} has hints 1 to {total}; got n={n}.")
    _HINTS_SHOWN[exercise.id] = n
    if n < total:
        after = f"Call `exercises.hint({exercise.id!r})` again for the next one."
    else:
        after = (
            f"That was the last hint; `exercises.solution({exercise.id!r})` shows a worked "
            "solution."
        )
    text = f"**Hint {n} of {total}.** {exercise.hints[n - 1]}\n\n{after}"
    return _show(text)


def solution(exercise_id: str) -> str:
    """Show the worked solution of an exercise and return its text."""
    exercise = get_exercise(exercise_id)
    code = exercise.solution.strip("\n")
    text = f"**Solution to exercise {exercise.id}.**\n\n```python\n{code}\n```\n\n"
    text += exercise.explanation.strip()
    return _show(text)


class _ShownText(str):
    """The returned help text; it was displayed already, so Jupyter shows it only once."""

    def _ipython_display_(self):
        return None


def _show(text: str) -> str:
    if _ipython() is not None:
        # Markdown for the notebook, the same text as plain text for nbval and GitHub.
        _ipython_display({"text/markdown": text, "text/plain": text})
    else:
        print(text)
    return _ShownText(text)


# ---------------------------------------------------------------- the checking logic


class _Budget:
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


def _not_attempted(exercise: Exercise) -> Result:
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


def _check_value(exercise: Exercise, answer: Any, budget: _Budget) -> Result:
    raw_expected = _reference(exercise)
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


def _check_function(exercise: Exercise, answer: Any, budget: _Budget) -> Result:
    if not callable(answer):
        message = (
            f"check expects your function itself, got {fb.kind_of(answer)}. Pass the name "
            f"without calling it: exercises.check({exercise.id!r}, {exercise.function_name})."
        )
        return _incorrect(exercise, message)
    cases = exercise.all_cases()
    for number, case in enumerate(cases):
        raw_expected = _reference(exercise, case)
        result = _check_case(exercise, answer, case, raw_expected, number == 0, budget)
        if result is not None:
            return result
    message = f"Your function matches the reference on all {len(cases)} test inputs."
    return _correct(exercise, message)


def _check_case(exercise, answer, case, raw_expected, first, budget) -> Result | None:
    """Run the answer on one input; return the feedback if it fails there, else None."""
    given = _copy_case(case)
    status, got = budget.run(lambda: _call(answer, exercise, given, copy=False))
    warned = budget.warnings
    shown = ("Input", fb.fmt_case(case))
    if status == "slow":
        message = budget.too_slow("Your function")
        return Result(exercise.id, exercise.title, "crashed", message, (shown,))
    if status == "exit":
        return Result(exercise.id, exercise.title, "crashed", _exit_message(got), (shown,))
    if status == "error":
        if issubclass(type(got), NotImplementedError):
            return _not_attempted(exercise)
        return _crashed(exercise, got, shown, budget)
    if first and (got is Ellipsis or (got is None and _is_stub(answer))):
        return _not_attempted(exercise)
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
        if not _mutated(case, given):
            message = " ".join([message, *_diagnose(exercise, case, got, got_array, expected)])
            if not np.all(np.isfinite(got_array)) and np.all(np.isfinite(expected)):
                message = _nonfinite_message(answer, exercise, case, got_array, warned)
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
    """The message of the first anticipated Mistake that ``got`` agrees with, as a list."""
    for mistake in exercise.mistakes:
        if not isinstance(mistake, Mistake):
            continue
        try:
            with warnings.catch_warnings(), np.errstate(**_NUMPY_ERRORS):
                warnings.simplefilter("ignore")
                if case is None:
                    wrong = mistake.answer
                else:
                    wrong = _call(mistake.answer, exercise, case)
                wrong = np.asarray(wrong, dtype=np.float64)
        except Exception:  # a registry mistake that cannot run on this input
            continue
        if wrong.shape == got.shape:
            with np.errstate(all="ignore"):
                same = np.allclose(
                    got, wrong, rtol=exercise.rtol, atol=exercise.atol, equal_nan=True
                )
            if same:
                return [mistake.message.strip()]
    return []


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
    with warnings.catch_warnings(record=True) as caught, np.errstate(**_NUMPY_ERRORS):
        warnings.simplefilter("always")
        try:
            _call(answer, exercise, case)
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


def _reference(exercise: Exercise, case: dict | None = None):
    """The reference's answer, under NumPy's default error state (not the learner's)."""
    with np.errstate(**_NUMPY_ERRORS):
        if case is None:
            return exercise.reference()
        return _call(exercise.reference, exercise, case)


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


def _call(function, exercise: Exercise, case: dict, *, copy: bool = True):
    positional = [case[name] for name in exercise.args]
    keywords = {k: v for k, v in case.items() if k not in exercise.args}
    if copy:
        return function(*_copy_case(positional), **_copy_case(keywords))
    return function(*positional, **keywords)


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


def _copy_case(case):
    if isinstance(case, dict):
        return {k: copy.deepcopy(v) for k, v in case.items()}
    return [copy.deepcopy(v) for v in case]


def _case_size(case: dict) -> int:
    return sum(int(np.size(v)) for v in case.values() if isinstance(v, (np.ndarray, list, tuple)))


# Kept under their old names for code that imported them from here.
_fmt = fb.fmt
_fmt_case = fb.fmt_case
