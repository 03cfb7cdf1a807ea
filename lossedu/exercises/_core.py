"""The exercise framework: the registry and the public functions.

:func:`check` runs the learner's answer (see :mod:`lossedu.exercises._runner`) and returns
a :class:`Result`; :func:`hint` and :func:`solution` show an exercise's help. The chapter
registries import :class:`Exercise` and :class:`Mistake` from here (they are defined in
:mod:`lossedu.exercises._model`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from lossedu.exercises import _model

# Exercise and Mistake are imported from here by the chapter registries (chNN.py).
from lossedu.exercises._model import (  # noqa: F401 (re-exported)
    KINDS,
    OUTCOMES,
    Exercise,
    Mistake,
    Result,
)
from lossedu.exercises._runner import Budget, check_function, check_value, not_attempted

_REGISTRY: dict[str, Exercise] = {}


_HINTS_SHOWN: dict[str, int] = {}  # exercise id -> the last hint shown by hint(id)


_TIMEOUT = 5.0  # seconds the learner's code may take in one check; see set_timeout


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
        return _shown(not_attempted(exercise))
    budget = Budget(limit, exercise)
    # Both are context-local in NumPy 2: what the learner's code sets is undone on exit.
    with np.errstate(), np.printoptions():
        if exercise.kind == "value":
            result = check_value(exercise, answer, budget)
        else:
            result = check_function(exercise, answer, budget)
    return _shown(result)


def _shown(result: Result) -> Result:
    """Display ``result`` now in IPython (wherever check sits in the cell); return it."""
    if _model.ipython_shell() is not None:
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
    if _model.ipython_shell() is not None:
        # Markdown for the notebook, the same text as plain text for nbval and GitHub.
        _model.display_bundle({"text/markdown": text, "text/plain": text})
    else:
        print(text)
    return _ShownText(text)
