"""The exercises' data model: an exercise, an anticipated mistake, a check's result.

An :class:`Exercise` holds everything needed to check one answer (the reference, the
inputs, the tolerance) and to help the learner (hints, a worked solution), in the spirit of
Kaggle's *learntools*; a :class:`Mistake` names an anticipated wrong answer; a
:class:`Result` is the outcome of one check, shown as text, Markdown or HTML (and displayed
in IPython). The checking itself is in :mod:`lossedu.exercises._runner`, the registry and
the public functions in :mod:`lossedu.exercises._core`.
"""

from __future__ import annotations

import copy
import html
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lossedu.exercises import _feedback as fb

OUTCOMES = ("correct", "incorrect", "not attempted", "crashed")


KINDS = ("function", "value")


_ID_PATTERN = re.compile(r"^(0|[1-9][0-9]*)\.([1-9][0-9]*)$")


# NumPy's default error state: the reference always runs under it, whatever the learner set.
NUMPY_ERRORS = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


N_ROUND = 3  # how many small round cases precede the random ones


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


def answer_of(mistake: Any) -> Any:
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
        elif any(callable(answer_of(m)) for m in self.mistakes):
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
        if not all(callable(answer_of(m)) for m in self.mistakes):
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
        drawn = sorted((self.generate(rng) for _ in range(self.n_random)), key=case_size)
        rounded = []
        for case in drawn:
            if len(rounded) == N_ROUND:
                break
            candidate = {k: round_case_value(v) for k, v in case.items()}
            if all(same(candidate[k], case[k]) for k in case) or not self._accepts(candidate):
                continue
            if not any(same_case(candidate, c) for c in cases + rounded):
                rounded.append(candidate)
        return cases + rounded + drawn

    def _accepts(self, case: dict) -> bool:
        """True if the reference gives finite numbers on ``case`` (a valid input)."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = np.asarray(run_reference(self, case), dtype=np.float64)
        except Exception:
            return False
        return bool(np.all(np.isfinite(value)))


def round_case_value(value: Any) -> Any:
    """``value`` rounded to one decimal if it is a float or an array of floats."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return np.round(value, 1)
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        return type(value)(round(float(value), 1))
    return value


def same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.array_equal(a, b)
    return type(a) is type(b) and a == b


def same_case(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)


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
            f"</span> <strong>{html_text(self._heading())}</strong> "
            f"{html_text(self.message)}</p>",
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
        shell = ipython_shell()
        if shell is None:
            return
        count = getattr(shell, "execution_count", None)
        if self.__dict__.get("_shown_in") == count:
            return  # displayed by check() in this very cell
        object.__setattr__(self, "_shown_in", count)
        display_bundle(self._bundle())


def ipython_shell():
    """The running IPython shell, or None (a script, pytest, no IPython installed)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def display_bundle(bundle: dict[str, str]) -> None:
    from IPython.display import display

    display(bundle, raw=True)


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def html_text(text: str) -> str:
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


def run_reference(exercise: Exercise, case: dict | None = None):
    """The reference's answer, under NumPy's default error state (not the learner's)."""
    with np.errstate(**NUMPY_ERRORS):
        if case is None:
            return exercise.reference()
        return call(exercise.reference, exercise, case)


def call(function, exercise: Exercise, case: dict, *, copy: bool = True):
    positional = [case[name] for name in exercise.args]
    keywords = {k: v for k, v in case.items() if k not in exercise.args}
    if copy:
        return function(*copy_case(positional), **copy_case(keywords))
    return function(*positional, **keywords)


def copy_case(case):
    if isinstance(case, dict):
        return {k: copy.deepcopy(v) for k, v in case.items()}
    return [copy.deepcopy(v) for v in case]


def case_size(case: dict) -> int:
    return sum(int(np.size(v)) for v in case.values() if isinstance(v, (np.ndarray, list, tuple)))
