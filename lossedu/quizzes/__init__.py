"""Quizzes: short judgement questions with an explanation for every choice.

The bank is data: each chapter module ``chNN.py`` defines ``QUESTIONS``, a tuple of
:class:`Question`; this package registers them in course order.

>>> from lossedu import quizzes
>>> question = quizzes.get("0.q1")
>>> sum(choice.correct for choice in question.choices) >= 1
True
"""

from importlib import import_module

from lossedu.quizzes._core import Choice, Question, register
from lossedu.quizzes._core import get_question as get

# The public API names it quizzes.list(); the name shadows the builtin only inside this module.
from lossedu.quizzes._core import list_ids as list
from lossedu.quizzes._display import Quiz, show

__all__ = ["Choice", "Question", "Quiz", "get", "list", "show"]

# The chapter modules whose QUESTIONS are registered, in course order.
_CHAPTERS = tuple(f"ch{number:02d}" for number in range(12))

for _name in _CHAPTERS:
    register(import_module(f"{__name__}.{_name}").QUESTIONS)
del _name, register, import_module
