"""The quiz bank (lossedu.quizzes): its data, its validation, and the three ways it displays.

The expected HTML structure is the website's DOM contract, stated in lossedu/quizzes/_display.py:
each question's root carries ``data-quiz-id``, each choice is a ``<button data-quiz-choice>``,
and the ``aria-live="polite"`` element that explains a choice is empty until one is made.
"""

from __future__ import annotations

import base64
import html
import json
import re
from html.parser import HTMLParser
from importlib import import_module

import pytest

from lossedu import quizzes
from lossedu.quizzes import Choice, Question
from lossedu.quizzes._display import LETTERS, NOTE, QuestionWidget, question_html
from lossedu.quizzes._markdown import to_html, unbalanced_math

IDS = quizzes.list()
QUESTIONS = [quizzes.get(i) for i in IDS]


def _plain(markdown: str) -> str:
    """The visible words of a Markdown text (markup and math delimiters removed)."""
    return _plain_html(to_html(markdown))


def _plain_html(markup: str) -> str:
    """The text of HTML: tags removed first, then entities decoded (a &lt; is no tag)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


# --- the bank ------------------------------------------------------------------------------


def test_the_bank_is_not_empty_and_in_course_order():
    assert len(IDS) >= 5
    chapters = [q.chapter for q in QUESTIONS]
    assert chapters == sorted(chapters)


def test_ids_are_unique_across_the_course():
    every = [q.id for n in range(12) for q in import_module(f"lossedu.quizzes.ch{n:02d}").QUESTIONS]
    assert len(every) == len(set(every))
    assert every == IDS


@pytest.mark.parametrize("n", range(12))
def test_each_chapter_module_holds_only_its_own_questions(n):
    module = import_module(f"lossedu.quizzes.ch{n:02d}")
    assert all(q.chapter == n for q in module.QUESTIONS)


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_every_question_has_a_right_and_a_wrong_choice_each_explained(question):
    marks = [c.correct for c in question.choices]
    assert any(marks) and not all(marks)
    explanations = [" ".join(c.explanation.split()) for c in question.choices]
    assert all(len(e) >= 20 for e in explanations), "an explanation is too short to teach"
    assert len(set(explanations)) == len(explanations), "two choices share one explanation"


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_markdown_and_math_are_well_formed(question):
    texts = [question.prompt] + [t for c in question.choices for t in (c.text, c.explanation)]
    for text in texts:
        assert not unbalanced_math(text), f"unbalanced $ in {text!r}"
        assert text.count("`") % 2 == 0, f"unbalanced backtick in {text!r}"
        assert text.count("**") % 2 == 0, f"unbalanced ** in {text!r}"


# --- the data model ------------------------------------------------------------------------


def _choices(*marks):
    return tuple(Choice(f"choice {i}", m, f"why choice {i}") for i, m in enumerate(marks))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"id": "3.1"}, ValueError, "id must look like 'chapter.qN'"),
        ({"id": 3}, ValueError, "id must look like"),
        ({"prompt": "  "}, ValueError, "prompt must be a non-empty string"),
        ({"choices": _choices(True)}, ValueError, "give 2 to 6 choices, got 1"),
        ({"choices": _choices(True, *[False] * 6)}, ValueError, "give 2 to 6 choices, got 7"),
        ({"choices": ("a", "b")}, TypeError, "choice 1 must be a Choice"),
        ({"choices": (Choice("a", 1, "x"), Choice("b", False, "y"))}, TypeError, "True or False"),
        ({"choices": (Choice(" ", True, "x"), Choice("b", False, "y"))}, ValueError, "text"),
        ({"choices": (Choice("a", True, ""), Choice("b", False, "y"))}, ValueError, "explanation"),
        ({"choices": _choices(True, True)}, ValueError, "one choice must be correct and one wrong"),
        ({"choices": _choices(False, False)}, ValueError, "one choice must be correct"),
        ({"choices": (Choice("a", True, "x"), Choice("a ", False, "y"))}, ValueError, "same text"),
    ],
)
def test_question_validation(kwargs, error, match):
    fields = {"id": "9.q9", "prompt": "Which?", "choices": _choices(True, False)} | kwargs
    with pytest.raises(error, match=match):
        Question(**fields)


def test_a_valid_question_keeps_its_choices_as_a_tuple():
    question = Question(id="9.q9", prompt="Which?", choices=list(_choices(True, False)))
    assert isinstance(question.choices, tuple)
    assert question.chapter == 9


def test_an_id_cannot_be_registered_twice():
    from lossedu.quizzes._core import register

    with pytest.raises(ValueError, match="registered twice"):
        register([QUESTIONS[0]])


def test_get_unknown_id_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"Unknown question id '0\.q99'.*Known ids: 0\.q1"):
        quizzes.get("0.q99")
    with pytest.raises(TypeError, match="question_id must be a string"):
        quizzes.get(1)


# --- show: bad input -----------------------------------------------------------------------


def test_show_needs_an_id():
    with pytest.raises(ValueError, match=r"at least one question id"):
        quizzes.show()


def test_show_unknown_id_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"Known ids: 0\.q1"):
        quizzes.show("0.q1", "nope")


@pytest.mark.parametrize("bad", [1, None, ["0.q1"]])
def test_show_rejects_a_non_string(bad):
    with pytest.raises(TypeError, match="question ids must be strings"):
        quizzes.show(bad)


def test_show_rejects_a_repeated_id():
    with pytest.raises(ValueError, match="same question twice"):
        quizzes.show("0.q1", "0.q1")


# --- text ----------------------------------------------------------------------------------


def test_text_lists_questions_and_choices_without_answers():
    quiz = quizzes.show(*IDS[:3])
    text = str(quiz)
    assert text == repr(quiz) == quiz._repr_mimebundle_()["text/plain"]
    for question in QUESTIONS[:3]:
        assert f"Question {question.id}." in text
        for letter, choice in zip(LETTERS, question.choices, strict=False):
            assert f"{letter}. {' '.join(choice.text.split())}" in text
            assert " ".join(choice.explanation.split())[:40] not in text
    assert "Correct." not in text and "Not quite." not in text


def test_printing_a_quiz_shows_its_text(capsys):
    print(quizzes.show("0.q1"))
    assert capsys.readouterr().out.startswith("Question 0.q1. ")


# --- HTML: the website's DOM contract ------------------------------------------------------


class _Tree(HTMLParser):
    """Records elements (tag, attributes, depth) and the visible text outside <script>."""

    VOID = frozenset({"br", "img", "input", "hr", "meta", "link"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.visible, self.scripts = [], [], []
        self._stack, self._script = [], False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), list(self._stack)))
        if tag not in self.VOID:
            self._stack.append((tag, dict(attrs)))
        self._script = tag == "script"

    def handle_endtag(self, tag):
        assert self._stack and self._stack[-1][0] == tag, f"unbalanced </{tag}>"
        self._stack.pop()
        self._script = False

    def handle_data(self, data):
        (self.scripts if self._script else self.visible).append(data)


def _parse(markup: str) -> _Tree:
    tree = _Tree()
    tree.feed(markup)
    tree.close()
    assert tree._stack == [], "unclosed elements"
    return tree


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_html_follows_the_dom_contract_and_hides_the_answers(question):
    tree = _parse(question_html(question))
    roots = [(a, s) for t, a, s in tree.elements if "data-quiz-id" in a]
    assert len(roots) == 1 and roots[0][0]["data-quiz-id"] == question.id
    buttons = [a for t, a, s in tree.elements if t == "button"]
    assert [b["data-quiz-choice"] for b in buttons] == [
        str(i) for i in range(len(question.choices))
    ]
    assert all(b["type"] == "button" for b in buttons)
    live = [(t, a) for t, a, s in tree.elements if a.get("aria-live") == "polite"]
    assert len(live) == 1
    assert "data-quiz-state" not in roots[0][0], "no verdict before a choice"
    # visible: the prompt and the choices, no explanation and no verdict
    visible = " ".join(" ".join(tree.visible).split())
    assert _plain(question.prompt) in visible
    for choice in question.choices:
        assert _plain(choice.text) in visible
        assert _plain(choice.explanation)[:40] not in visible
    assert "Correct." not in visible and "Not quite." not in visible
    # ... nor anywhere in the raw markup, which JupyterLab may show sanitised
    raw = html.unescape(question_html(question))
    for choice in question.choices:
        assert _plain(choice.explanation)[:40] not in raw


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_html_payload_decodes_to_each_choices_verdict_and_explanation(question):
    tree = _parse(question_html(question))
    (script,) = tree.scripts
    data = json.loads(base64.b64decode(json.loads(script)).decode("utf-8"))
    assert [d["correct"] for d in data] == [c.correct for c in question.choices]
    for d, choice in zip(data, question.choices, strict=True):
        feedback = _plain_html(d["feedback"])
        assert feedback.startswith("Correct." if choice.correct else "Not quite.")
        assert _plain(choice.explanation) in feedback


def test_html_of_several_questions_has_one_root_each_with_unique_ids():
    tree = _parse(quizzes.show(*IDS[:3]).html())
    roots = [a["data-quiz-id"] for t, a, s in tree.elements if "data-quiz-id" in a]
    assert roots == IDS[:3]
    element_ids = [a["id"] for t, a, s in tree.elements if "id" in a]
    assert len(element_ids) == len(set(element_ids))


def test_html_is_the_same_on_every_call():
    # stored notebook outputs are compared by strict nbval
    assert quizzes.show("0.q1").html() == quizzes.show("0.q1").html()


def test_html_carries_the_note_for_pages_without_the_site_script():
    assert html.escape(NOTE) in quizzes.show("0.q1").html()


def test_markdown_is_escaped_and_math_delimited():
    out = to_html("Is $a<b$ in `x$y` <script>? **yes** *no*\n\n- one\n- two $x$")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert r'<span class="math notranslate nohighlight">\(a&lt;b\)</span>' in out
    assert "<code>x$y</code>" in out
    assert "<strong>yes</strong> <em>no</em>" in out
    assert out.endswith(
        r'<ul><li>one</li><li>two <span class="math notranslate nohighlight">\(x\)</span></li></ul>'
    )
    assert unbalanced_math("costs $5") and not unbalanced_math("`$` and $x$")


# --- the mime bundle -----------------------------------------------------------------------


def test_outside_a_kernel_the_bundle_is_html_and_text():
    bundle = quizzes.show("0.q1")._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert set(quizzes.show("0.q1")._repr_mimebundle_(include={"text/html"})) == {"text/html"}
    assert set(quizzes.show("0.q1")._repr_mimebundle_(exclude={"text/html"})) == {"text/plain"}


# --- the live widget -----------------------------------------------------------------------


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_widget_marks_each_choice_and_shows_its_explanation(question):
    pytest.importorskip("ipywidgets")
    view = QuestionWidget(question)
    assert view.feedback.value == "", "nothing is revealed before a choice"
    assert _plain(question.prompt) in _plain_html(view.prompt.value)
    for i, choice in enumerate(question.choices):
        view.buttons[i].click()  # what a click in Jupyter does
        expected_style = "success" if choice.correct else "danger"
        assert view.buttons[i].button_style == expected_style
        assert all(b.button_style == "" for j, b in enumerate(view.buttons) if j != i)
        shown = _plain_html(view.feedback.value)
        assert shown.startswith("Correct." if choice.correct else "Not quite.")
        assert _plain(choice.explanation) in shown
        assert view.chosen == i
        assert view.buttons[i].tooltip.startswith(f"Choose {LETTERS[i]}: ")


def test_quiz_widget_holds_one_view_per_question():
    pytest.importorskip("ipywidgets")
    quiz = quizzes.show("0.q1", "0.q2")
    box = quiz.widget
    assert [qw.question.id for qw in quiz.question_widgets] == ["0.q1", "0.q2"]
    assert list(box.children) == [qw.box for qw in quiz.question_widgets]
    assert quiz.widget is box
