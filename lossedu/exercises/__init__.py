"""Self-checked exercises: ``check``, ``hint``, ``solution``, ``list`` and ``set_timeout``.

>>> from lossedu import exercises
>>> exercises.list()[:2]
['0.1', '0.2']
>>> exercises.check("0.1", None).outcome
'not attempted'

What ``check`` protects against, and what it does not. ``check`` runs the learner's code
in the same process as the notebook (no subprocess: functions defined in a notebook cannot
be sent to one), under a time limit (``set_timeout``, 5 s per check by default). An
exception, ``sys.exit``, an endless loop, an object that cannot be printed or a changed NumPy
setting becomes feedback; the kernel stays usable, and Ctrl-C still stops a check. It is not
a sandbox: code that calls ``os._exit``, kills its process, monkeypatches ``np.allclose`` or
the checker, or simply returns the reference from ``lossedu`` defeats it. That is fine for
self-study, where a learner can only fool themselves, but ``check`` is not for grading: a
grader must run each submission in its own process (or container) with a wall-clock limit
and compare the results outside it.

Adding a chapter's exercises: write ``chNN.py`` defining ``EXERCISES``, a list of
``Exercise`` objects, and add ``"chNN"`` to ``_CHAPTERS``.
The tests then check every new exercise automatically. Each exercise's hints and worked
solution live only here: ``python scripts/sync_exercises.py`` (or ``make notebooks``) writes
them into the chapter's folded boxes, and a test fails when the two differ. When you add
an exercise or change the checker (see CONTRIBUTING.md for the general conventions): keep
the cases small, so that a right answer takes milliseconds and the time limit only ever
catches endless loops; make the reference independent of global state (it runs under
NumPy's default error state); and add every new way a learner's code could hang or break
the checker to the hostile-answer tests in ``tests/test_exercises.py``, so that ``check``
keeps its promise of never raising or hanging because of the learner's code.
"""

from importlib import import_module

from lossedu.exercises._core import (
    Mistake,
    Result,
    check,
    hint,
    register,
    set_timeout,
    solution,
)

# The public API names it exercises.list(); the name shadows the builtin only inside this module.
from lossedu.exercises._core import list_ids as list

__all__ = ["Mistake", "Result", "check", "hint", "list", "set_timeout", "solution"]

# The chapter modules whose EXERCISES are registered, in course order.
_CHAPTERS = (
    "ch00",
    "ch01",
    "ch02",
    "ch03",
    "ch04",
    "ch05",
    "ch06",
    "ch07",
    "ch08",
    "ch09",
    "ch10",
    "ch11",
)

for _name in _CHAPTERS:
    register(import_module(f"{__name__}.{_name}").EXERCISES)
del _name, register, import_module
