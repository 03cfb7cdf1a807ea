"""Self-checked exercises: ``check``, ``hint``, ``solution`` and ``list``.

>>> from lossedu import exercises
>>> exercises.list()[:2]
['0.1', '0.2']
>>> exercises.check("0.1", None).outcome
'not attempted'

Adding a chapter's exercises: write ``chNN.py`` defining ``EXERCISES``, a list of
``Exercise`` objects, and add ``"chNN"`` to ``_CHAPTERS``.
The tests then check every new exercise automatically. Each exercise's hints and worked
solution live only here: ``python scripts/sync_exercises.py`` (or ``make notebooks``) writes
them into the chapter's folded boxes, and a test fails when the two differ.
"""

from importlib import import_module

from lossedu.exercises._core import Result, check, hint, register, solution

# The public API names it exercises.list(); the name shadows the builtin only inside this module.
from lossedu.exercises._core import list_ids as list

__all__ = ["Result", "check", "hint", "list", "solution"]

# The chapter modules whose EXERCISES are registered, in course order.
_CHAPTERS = ("ch00", "ch01", "ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "ch08", "ch09", "ch10")

for _name in _CHAPTERS:
    register(import_module(f"{__name__}.{_name}").EXERCISES)
del _name, register, import_module
