"""How questions are shown: a live widget in Jupyter, precomputed HTML on the website, text.

:func:`show` returns one :class:`Quiz` object whose rich display carries three versions of the
same questions, and each front end picks the one it can use:

- ``application/vnd.jupyter.widget-view+json`` (only while a kernel runs): an ipywidgets quiz,
  a button per choice; choosing marks it right or wrong and shows that choice's explanation;
- ``text/html``: the kernel-free quiz of the website, made live there by the site's
  ``quiz.js``. Which choices are right and every explanation travel base64-encoded in a JSON
  script that only that file reads, so a stored output opened in JupyterLab (which sanitises
  HTML and runs no script) or on any page without the script gives nothing away;
- ``text/plain``: the questions and their choices, without answers.

The website's DOM contract: each question's root carries ``data-quiz-id``, each choice is a
``<button data-quiz-choice>``; after a choice the root carries ``data-quiz-state="correct"``
or ``"incorrect"`` and its ``aria-live="polite"`` element explains the chosen choice.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Sequence

from lossedu.quizzes._core import Choice, Question, get_question
from lossedu.quizzes._markdown import inline_html, to_html

LETTERS = "ABCDEF"
NOTE = "Run this cell in Jupyter, or read this page on the course website, to check an answer."


def verdict(correct: bool) -> str:
    """The first words of the feedback."""
    return "Correct." if correct else "Not quite."


def feedback_html(question: Question, index: int) -> str:
    """The explanation of choice ``index`` as HTML, headed by the verdict."""
    choice = question.choices[index]
    head = f"<strong>{verdict(choice.correct)}</strong> You chose {LETTERS[index]}."
    return f'<p class="lossedu-quiz-verdict">{head}</p>{to_html(choice.explanation)}'


def choice_html(choice: Choice) -> str:
    """A choice's text as phrasing content (a button holds no paragraphs)."""
    return inline_html(" ".join(choice.text.split()))


def _plain(markdown: str) -> str:
    """A choice as plain text, for a button's tooltip (read out as its description)."""
    return " ".join(markdown.replace("`", "").replace("$", "").replace("**", "").split())


def _payload(question: Question) -> str:
    data = [
        {"correct": c.correct, "feedback": feedback_html(question, i)}
        for i, c in enumerate(question.choices)
    ]
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(raw.encode("utf-8")).decode("ascii")


def question_html(question: Question) -> str:
    """One question as the website's kernel-free quiz (see the module's DOM contract)."""
    uid = "lossedu-quiz-" + question.id.replace(".", "-")
    qid = html.escape(question.id)
    buttons = "".join(
        f'<li><button type="button" class="lossedu-quiz-choice" data-quiz-choice="{i}" '
        f'aria-pressed="false"><span class="lossedu-quiz-letter">{LETTERS[i]}</span> '
        f'<span class="lossedu-quiz-text">{choice_html(c)}</span></button></li>'
        for i, c in enumerate(question.choices)
    )
    return (
        f'<div class="lossedu-quiz" id="{uid}" data-quiz-id="{qid}" role="group" '
        f'aria-labelledby="{uid}-prompt">'
        f'<div class="lossedu-quiz-prompt" id="{uid}-prompt">'
        f'<p class="lossedu-quiz-label">Question {qid}</p>{to_html(question.prompt)}</div>'
        f'<ul class="lossedu-quiz-choices">{buttons}</ul>'
        f'<div class="lossedu-quiz-feedback" aria-live="polite"></div>'
        f'<p class="lossedu-quiz-note">{html.escape(NOTE)}</p>'
        f'<script type="application/json" class="lossedu-quiz-data">"{_payload(question)}"'
        f"</script></div>"
    )


def question_text(question: Question) -> str:
    """One question and its choices as text, without answers."""
    lines = [f"Question {question.id}. {' '.join(question.prompt.split())}"]
    lines += [f"  {LETTERS[i]}. {' '.join(c.text.split())}" for i, c in enumerate(question.choices)]
    return "\n".join(lines)


class QuestionWidget:
    """The live view of one question: ``box`` (what is displayed), ``buttons``, ``feedback``.

    :meth:`choose` does what a click on a choice's button does.
    """

    def __init__(self, question: Question):
        import ipywidgets as w

        self.question = question
        self.prompt = w.HTMLMath(
            f'<p style="font-weight:bold;margin:0">Question {html.escape(question.id)}</p>'
            + to_html(question.prompt)
        )
        self.buttons, rows = [], []
        for i, choice in enumerate(question.choices):
            button = w.Button(
                description=LETTERS[i],
                tooltip=f"Choose {LETTERS[i]}: {_plain(choice.text)}",
                layout=w.Layout(width="3.5em", flex="0 0 auto"),
            )
            button.on_click(lambda _button, i=i: self.choose(i))
            self.buttons.append(button)
            text = w.HTMLMath(choice_html(choice), layout=w.Layout(flex="1 1 auto"))
            rows.append(w.HBox([button, text], layout=w.Layout(align_items="center")))
        self.feedback = w.HTMLMath("")
        self.chosen: int | None = None
        self.box = w.VBox(
            [self.prompt, *rows, self.feedback],
            layout=w.Layout(border="1px solid #8a8a8a", padding="0.5em", margin="0.5em 0"),
        )

    def choose(self, index: int) -> None:
        """Pick choice ``index``: mark it right or wrong and show its explanation."""
        correct = self.question.choices[index].correct
        for i, button in enumerate(self.buttons):
            if i == index:
                button.button_style = "success" if correct else "danger"
                button.icon = "check" if correct else "times"
            else:
                button.button_style, button.icon = "", ""
        self.chosen = index
        self.feedback.value = feedback_html(self.question, index)


class Quiz:
    """Questions to display; what :func:`show` returns.

    Attributes: ``questions``; ``widget`` (the live ipywidgets view, built on first use) and
    ``question_widgets`` (one :class:`QuestionWidget` per question); methods :meth:`html` and
    :meth:`text`.
    """

    def __init__(self, questions: Sequence[Question]):
        self.questions = tuple(questions)
        self._widget = None
        self.question_widgets: list[QuestionWidget] = []

    def text(self) -> str:
        """The questions and their choices, without answers."""
        return "\n\n".join(question_text(q) for q in self.questions)

    def html(self) -> str:
        """The kernel-free quiz of the website (answers encoded, read by ``quiz.js``)."""
        return "".join(question_html(q) for q in self.questions)

    def __repr__(self) -> str:
        return self.text()

    @property
    def widget(self):
        """The live ipywidgets view (ipywidgets is imported here, on first use)."""
        if self._widget is None:
            import ipywidgets as w

            self.question_widgets = [QuestionWidget(q) for q in self.questions]
            self._widget = w.VBox([qw.box for qw in self.question_widgets])
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": self.text(), "text/html": self.html()}
        if _kernel_running():
            try:
                view = self.widget._repr_mimebundle_()
            except ImportError:  # no ipywidgets: the HTML and text are all we can show
                view = {}
            key = "application/vnd.jupyter.widget-view+json"
            if key in view:
                bundle[key] = view[key]
        if include is not None:
            bundle = {k: v for k, v in bundle.items() if k in include}
        if exclude is not None:
            bundle = {k: v for k, v in bundle.items() if k not in exclude}
        return bundle


def _kernel_running() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def show(*question_ids: str) -> Quiz:
    """The questions with these ids, as one object that Jupyter and the website display.

    In Jupyter with a running kernel it displays as a live quiz; on the website as the
    kernel-free quiz; as text (``print``, a console) it lists the questions and their choices
    without answers. Nothing is displayed by the call itself: end a cell with it.

    >>> print(show("0.q1"))  # doctest: +ELLIPSIS
    Question 0.q1. You run a chapter's cells out of order...
      A. ...
    """
    if not question_ids:
        raise ValueError("show needs at least one question id, such as show('3.q1').")
    for question_id in question_ids:
        if not isinstance(question_id, str):
            raise TypeError(
                f"question ids must be strings such as '3.q1', got {question_id!r} "
                f"({type(question_id).__name__}). Pass each id separately: show('3.q1', '3.q2')."
            )
    if len(set(question_ids)) != len(question_ids):
        raise ValueError(f"show got the same question twice: {question_ids}; pass each id once.")
    return Quiz([get_question(question_id) for question_id in question_ids])
