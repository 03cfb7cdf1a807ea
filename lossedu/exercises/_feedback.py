"""How the checker words its feedback: numbers, inputs, and hypotheses about a wrong answer.

Everything here is pure formatting and diagnosis, used by the checker
(:mod:`lossedu.exercises._runner`) and the results (:mod:`lossedu.exercises._model`):

- :func:`fmt` and :func:`fmt_pair` print values; ``fmt_pair`` prints an expected and a got
  array with just enough digits to show where they differ, and integers stay integers;
- :func:`patterns` names recognisable relations between a wrong answer and the right one
  (off by a factor 2, ln 2, the size of an input, a sign flip, the transposed shape), worded
  as hypotheses;
- :func:`nonfinite_cause` explains a NaN or inf from the warnings NumPy raised ("overflow
  encountered in exp");
- :func:`raising_line` finds the line of the learner's code that raised.
"""

from __future__ import annotations

import builtins
import linecache
import math
import os
import re
from typing import Any

import numpy as np

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# Every print option the feedback depends on, so that the learner's settings cannot change it.
PRINT_OPTIONS = {
    "precision": 6,
    "suppress": True,
    "threshold": 60,
    "edgeitems": 3,
    "linewidth": 75,
    "floatmode": "maxprec",
    "sign": "-",
    "nanstr": "nan",
    "infstr": "inf",
    "formatter": None,
    "legacy": False,
}
_MAX_PRECISION = 17  # float64 needs at most 17 significant digits to round-trip


# ---------------------------------------------------------------- printing values


def fmt(value: Any, precision: int = 6) -> str:
    """Show a number or an array (integers as integers), or the repr of anything else."""
    if isinstance(value, (np.ndarray, int, float, np.number)) and not isinstance(value, bool):
        array = np.asarray(value)
        if array.dtype.kind in "iu":
            if array.ndim == 0:
                return repr(int(array))
        elif array.dtype.kind == "f" and array.ndim == 0:
            number = float(array)
            if precision >= _MAX_PRECISION or not math.isfinite(number):
                return repr(number)
            text = f"{number:.{precision}g}"
            return text if any(c in text for c in ".einn") else text + ".0"
        options = dict(PRINT_OPTIONS, precision=precision)
        with np.printoptions(**options), np.errstate(all="ignore"):
            return np.array2string(array, separator=", ")
    text = clean(safe_repr(value))
    return text if len(text) <= 200 else text[:197] + "..."


def fmt_pair(expected: Any, got: Any) -> tuple[str, str]:
    """Show ``expected`` and ``got`` with the fewest digits (6 or more) that tell them apart."""
    for precision in range(6, _MAX_PRECISION + 1):
        shown = fmt(expected, precision), fmt(got, precision)
        if shown[0] != shown[1]:
            return shown
    return shown


def fmt_case(case: dict) -> str:
    """One line per argument: ``name = value`` (continuation lines indented under it)."""
    lines = []
    for name, value in case.items():
        prefix = f"{name} = "
        body = fmt(value).splitlines()
        lines.append(prefix + body[0])
        lines.extend(" " * len(prefix) + line for line in body[1:])
    return "\n".join(lines)


def safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except Exception as error:  # a learner's object whose __repr__ raises
        return f"<a {type(value).__name__} whose repr() raised {type(error).__name__}>"


def kind_of(value: Any) -> str:
    """'a function', 'an int', 'a list'... (never the learner's repr)."""
    if callable(value):
        return "a function"
    name = type(value).__name__
    return f"an {name}" if name[0].lower() in "aeiou" else f"a {name}"


def clean(text: str) -> str:
    """Drop memory addresses so that the feedback is the same on every run."""
    return _ADDRESS.sub("", text)


def longest_backtick_run(text: str) -> int:
    return builtins.max((len(m) for m in re.findall(r"`+", text)), default=0)


def tolerance_phrase(rtol: float, atol: float) -> str:
    """How close an answer must be, in words: 'within a relative error of 1e-06'."""
    if rtol == 0:
        return f"within {atol:g} of the right value"
    if atol == 0:
        return f"within a relative error of {rtol:g}"
    return f"within a relative error of {rtol:g} (or {atol:g} near zero)"


# ---------------------------------------------------------------- recognisable patterns

_LN2 = math.log(2.0)
_LN10 = math.log(10.0)
# (factor got/expected, hypothesis); the first that fits is named.
_FACTORS = (
    (
        -1.0,
        "Your result has the opposite sign: is a difference taken the other way round "
        "(`y_true - y_pred` for `y_pred - y_true`), or a minus sign missing?",
    ),
    (
        1 / _LN2,
        "Your result is off by a factor 1/ln 2 ≈ 1.443: did you use `np.log2` where the "
        "natural log `np.log` is asked?",
    ),
    (
        _LN2,
        "Your result is off by a factor ln 2 ≈ 0.693: did you use the natural log `np.log` "
        "where a log base 2 (bits) is asked?",
    ),
    (
        1 / _LN10,
        "Your result is off by a factor 1/ln 10 ≈ 0.434: did you use `np.log10` where the "
        "natural log is asked?",
    ),
    (
        2.0,
        "Your result is exactly twice the expected one: is a factor ½ missing (as in ½ r²), "
        "or a sum of two terms taken where their mean is asked?",
    ),
    (
        0.5,
        "Your result is exactly half the expected one: is there an extra factor ½, or a mean "
        "of two terms taken where their sum is asked?",
    ),
)


def patterns(expected: np.ndarray, got: np.ndarray, case: dict, rtol: float, atol: float):
    """Hypotheses relating a wrong ``got`` to the right ``expected`` (float arrays).

    Returns a list of sentences (empty when nothing recognisable fits). ``case`` (the
    arguments, or {} for a value exercise) supplies the factors that depend on the input:
    the size of an input array (a sum where a mean is asked) and scalar arguments such as
    Huber's ``delta``.
    """
    found: list[str] = []
    with np.errstate(all="ignore"):
        if got.shape != expected.shape:
            if got.size == expected.size and got.ndim >= 1:
                if got.ndim == 2 and got.T.shape == expected.shape and _fits(got.T, expected):
                    found.append(
                        f"Your array is the transpose of the expected one (shape {got.shape} "
                        f"for {expected.shape}): are two axes swapped (`axis=0` for `axis=1`, "
                        "`X.T @ w` for `X @ w`)?"
                    )
                elif _fits(got.reshape(expected.shape), expected):
                    found.append(
                        f"Your numbers are right but in shape {got.shape} instead of "
                        f"{expected.shape}: was the result flattened or reshaped "
                        "(`keepdims=True`, `.reshape(...)`)?"
                    )
            return found
        if not np.any(np.abs(expected) > atol) or not np.all(np.isfinite(got)):
            return found
        close = lambda factor: _fits(got, factor * expected, rtol, atol)  # noqa: E731
        # the factors that the input names first: they are the more specific hypotheses
        for name, value in case.items():
            size = int(np.size(value)) if isinstance(value, (np.ndarray, list, tuple)) else 0
            if size > 2 and close(size):
                found.append(
                    f"Your result is {size} times the expected one, and `{name}` has {size} "
                    "elements: a sum where a mean is asked?"
                )
            elif size > 2 and close(1 / size):
                found.append(
                    f"Your result is the expected one divided by {size}, the number of "
                    f"elements of `{name}`: a mean where a sum is asked?"
                )
            elif _is_scalar(value) and abs(float(value)) not in (0.0, 1.0):
                scale = float(value)
                if close(scale):
                    found.append(
                        f"Your result is `{name}` ({fmt(value)}) times the expected one: a "
                        f"factor `{name}` too many (as between Huber and smooth-L1, which "
                        "differ by the factor delta)?"
                    )
                elif close(1 / scale):
                    found.append(
                        f"Your result is the expected one divided by `{name}` ({fmt(value)}): "
                        f"a factor `{name}` missing (as between Huber and smooth-L1, which "
                        "differ by the factor delta)?"
                    )
            if found:
                return found
        for factor, sentence in _FACTORS:
            if close(factor):
                return [sentence]
    return found[:1]


def integer_truncation(raw_got: Any, expected: np.ndarray) -> str | None:
    """A hypothesis when the learner returns integers where the answer has fractions."""
    try:
        kind = np.asarray(raw_got).dtype.kind
    except Exception:
        return None
    if kind not in "iu" or np.all(expected == np.round(expected)):
        return None
    return (
        f"Your function returns integers (dtype {np.asarray(raw_got).dtype}) where the "
        "answer has fractions: an array made with `np.zeros_like` or `np.empty_like` of an "
        "integer input is integer too, and storing 0.81 in it truncates it to 0. Create it "
        "as floats (`np.zeros(len(x))`, or `dtype=float`)."
    )


def _fits(got, target, rtol=1e-6, atol=1e-9) -> bool:
    with np.errstate(all="ignore"):
        return bool(np.allclose(got, target, rtol=rtol, atol=atol))


def _is_scalar(value: Any) -> bool:
    return (
        isinstance(value, (float, np.floating))
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


# ---------------------------------------------------------------- NaN and inf

_WARNING = re.compile(r"(overflow|divide by zero|invalid value|underflow) encountered in (\w+)")
_ADVICE = {
    ("overflow", "exp"): "`np.exp` of a number above about 709 overflows to inf: subtract "
    "the maximum first (as a stable softmax or logsumexp does), or use `np.logaddexp`.",
    ("divide by zero", "log"): "`np.log(0)` is -inf: keep the argument away from 0 (clip "
    "probabilities, or work with logits and `np.logaddexp`).",
    ("divide by zero", "divide"): "a division by zero: check what the denominator can be.",
    ("invalid value", "divide"): "0/0 or inf/inf gives nan: it usually follows an overflow "
    "or a sum that is 0.",
    ("invalid value", "subtract"): "inf - inf gives nan: it usually follows an overflow "
    "(for instance in `np.exp`).",
    ("invalid value", "multiply"): "0 × inf gives nan: it usually follows an overflow.",
}


def nonfinite_cause(messages: list[str]) -> str | None:
    """Explain NaN/inf from NumPy's RuntimeWarning texts, the first cause first; or None."""
    causes = []
    for text in messages:
        match = _WARNING.search(text)
        if match and match.group(0) not in causes and match.group(1) != "underflow":
            causes.append(match.group(0))
    if not causes:
        return None
    kind, operation = _WARNING.search(causes[0]).groups()
    advice = _ADVICE.get((kind, operation), _ADVICE.get((kind, "divide"), ""))
    if kind == "overflow" and operation != "exp":
        advice = f"a {operation} overflowed to inf: rescale, or subtract the maximum first."
    return f"NumPy reported: {'; '.join(causes)}. {advice}".rstrip()


def nonfinite_words(array: np.ndarray) -> str:
    """'nan', 'inf' or 'nan and inf', for the values that are not finite."""
    has_nan = bool(np.any(np.isnan(array)))
    has_inf = bool(np.any(np.isinf(array)))
    return " and ".join(w for w, present in (("nan", has_nan), ("inf", has_inf)) if present)


# ---------------------------------------------------------------- where the code raised

_SKIP = tuple(
    os.path.dirname(os.path.abspath(module.__file__)) + os.sep
    for module in (np, __import__("lossedu"))
    if getattr(module, "__file__", None)
)


def raising_line(error: BaseException) -> str | None:
    """'in `mae`, line 2: return np.mean(...)': the learner's frame that raised, or None.

    The last frame of the traceback whose code is not NumPy's or lossedu's, with its line
    number (counted from the top of the cell in a notebook) and the line's text.
    """
    frame = None
    traceback = getattr(error, "__traceback__", None)
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if not os.path.abspath(filename).startswith(_SKIP) and not filename.startswith("<frozen"):
            frame = traceback
        traceback = traceback.tb_next
    if frame is None:
        return None
    code = frame.tb_frame.f_code
    line = linecache.getline(code.co_filename, frame.tb_lineno).strip()
    where = f"in `{code.co_name}`, line {frame.tb_lineno}"
    return f"{where}: {line}" if line else where
