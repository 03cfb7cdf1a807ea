"""The quiz bank's data model: a question, its choices and the explanation of each choice.

Questions are data, like the exercises: each chapter module ``chNN.py`` defines
``QUESTIONS``, a tuple of :class:`Question`, and the package registers them in course order.
The same data render as a live widget in Jupyter and as a kernel-free quiz on the website.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_ID_PATTERN = re.compile(r"^\d+\.q\d+$")


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick.

    Parameters
    ----------
    text : str
        The choice as shown (Markdown, math in ``$...$``).
    correct : bool
        Whether choosing it is right.
    explanation : str
        Why this choice is right or wrong, shown once it is chosen. A wrong choice's
        explanation teaches: it names the misconception behind it, not only "no".
    """

    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    """One multiple-choice question that tests judgement, not recall.

    Parameters
    ----------
    id : str
        ``"chapter.qN"``, e.g. ``"3.q2"``; unique in the course.
    prompt : str
        The question (Markdown, math in ``$...$``).
    choices : sequence of Choice
        Two to six choices; at least one is correct and at least one is not.
    """

    id: str
    prompt: str
    choices: Sequence[Choice]

    def __post_init__(self):
        where = f"Question {self.id!r}"
        if not isinstance(self.id, str) or not _ID_PATTERN.match(self.id):
            raise ValueError(f"{where}: id must look like 'chapter.qN' (e.g. '3.q2').")
        if not isinstance(self.prompt, str) or not self.prompt.strip():
            raise ValueError(f"{where}: prompt must be a non-empty string.")
        choices = tuple(self.choices)
        if not 2 <= len(choices) <= 6:
            raise ValueError(f"{where}: give 2 to 6 choices, got {len(choices)}.")
        for number, choice in enumerate(choices, start=1):
            if not isinstance(choice, Choice):
                raise TypeError(f"{where}: choice {number} must be a Choice, got {choice!r}.")
            if not isinstance(choice.correct, bool):
                raise TypeError(f"{where}: choice {number}'s correct must be True or False.")
            for name in ("text", "explanation"):
                value = getattr(choice, name)
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(f"{where}: choice {number} needs a non-empty {name}.")
        marks = [choice.correct for choice in choices]
        if not any(marks) or all(marks):
            raise ValueError(f"{where}: at least one choice must be correct and one wrong.")
        if len({choice.text.strip() for choice in choices}) != len(choices):
            raise ValueError(f"{where}: two choices have the same text.")
        object.__setattr__(self, "choices", choices)

    @property
    def chapter(self) -> int:
        """The chapter number, from the id."""
        return int(self.id.split(".")[0])


_REGISTRY: dict[str, Question] = {}


def register(questions: Sequence[Question]) -> None:
    """Add a chapter's questions to the bank; an id already taken is an error."""
    for question in questions:
        if question.id in _REGISTRY:
            raise ValueError(f"Question id {question.id!r} is registered twice.")
        _REGISTRY[question.id] = question


def list_ids() -> list[str]:
    """The question ids in course order."""
    return list(_REGISTRY)


def get_question(question_id: str) -> Question:
    """The question with this id; an unknown id raises a KeyError listing the known ones."""
    if not isinstance(question_id, str):
        raise TypeError(f"question_id must be a string such as '3.q1', got {question_id!r}.")
    try:
        return _REGISTRY[question_id]
    except KeyError:
        known = ", ".join(_REGISTRY) or "(none)"
        raise KeyError(f"Unknown question id {question_id!r}. Known ids: {known}.") from None
