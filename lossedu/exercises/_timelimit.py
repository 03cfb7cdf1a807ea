"""A time limit for the learner's code, so that an endless loop ends in feedback.

:func:`call_with_time_limit` runs a function of no arguments in the current thread and stops
it with :class:`TimeLimitExceeded` once it has run for the given number of seconds.

How it stops the code, and the limits of each way:

- In the main thread on Linux and macOS (a script, pytest, a Jupyter kernel: ipykernel runs
  every cell in its main thread), an alarm signal (``signal.setitimer``) makes Python raise
  inside the running code, between two bytecodes. It stops pure-Python loops and
  ``time.sleep``. A single long call into C (one huge NumPy operation) cannot be interrupted:
  it is stopped when it returns to Python. The alarm repeats every 50 ms until the limit is
  lifted, so code that catches the exception once (``except BaseException:``) is stopped the
  next time; code that catches it in every round of a loop is not, and only Ctrl-C or the
  kernel's interrupt button ends it (unless that is caught too).
- Elsewhere (another thread, Windows, or an alarm handler installed from C that could not
  be put back), a trace function (``sys.settrace``) checks the clock at every bytecode of
  Python. It stops Python loops only (not ``time.sleep``, not a C call), makes pure-Python
  loops in the learner's code about 50 times slower while it runs (measured; a right answer
  on the small inputs of an exercise still takes milliseconds, and NumPy calls run at full
  speed), and is switched off for good once the code catches the exception. A debugger's
  trace function is set back afterwards.

The exception raised inside the learner's code is :class:`TimeUp`, a ``BaseException`` so
that ``except Exception:`` in the learner's code does not swallow it; the caller only ever
sees :class:`TimeLimitExceeded`.

No thread is started: when the call returns, nothing is left running, and the previous alarm
handler, alarm timer and trace function are restored.
"""

from __future__ import annotations

import math
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

_REPEAT = 0.05  # seconds between two alarms once the limit is reached


class TimeLimitExceeded(Exception):
    """The function ran longer than its limit and was stopped."""


class TimeUp(BaseException):
    """Raised inside the learner's code; a BaseException, so ``except Exception`` misses it."""

    def __init__(self, token: object):
        super().__init__()
        self.token = token


class _State(threading.local):
    token: object | None = None  # the limit now running in this thread, if any


_STATE = _State()


def call_with_time_limit(function: Callable[[], Any], seconds: float) -> Any:
    """Return ``function()``; raise TimeLimitExceeded if it runs longer than ``seconds``.

    ``seconds`` may be ``math.inf`` (no limit). A call made while a limit already runs in
    this thread (the learner's code calling the checker) runs under the outer limit only.
    """
    if math.isinf(seconds) or _STATE.token is not None:
        return function()
    if seconds <= 0:
        raise TimeLimitExceeded(seconds)
    if _alarm_available():
        return _with_alarm(function, seconds)
    return _with_trace(function, seconds)


def _alarm_available() -> bool:
    """Signals reach Python in the main thread only, and not on Windows (no setitimer)."""
    if not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    # None: a handler installed from C, which could not be put back afterwards.
    return signal.getsignal(signal.SIGALRM) is not None


def _on_alarm(signum, frame):
    token = _STATE.token
    if token is not None:  # after the limit is lifted, a late alarm does nothing
        raise TimeUp(token)


def _with_alarm(function: Callable[[], Any], seconds: float) -> Any:
    token = object()
    previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
    previous_timer = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    try:
        try:
            _STATE.token = token
            signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
            return function()
        finally:
            # First statement: no alarm can raise between entering `finally` and this store
            # (plain loads and stores do not run signal handlers), and none raises after it.
            _STATE.token = None
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
            _restore_timer(previous_timer, time.monotonic() - started)
    except TimeUp as stop:
        if stop.token is not token:
            raise
        raise TimeLimitExceeded(seconds) from None


def _restore_timer(previous: tuple[float, float], elapsed: float) -> None:
    """Re-arm an alarm that someone else had set (pytest-timeout, say), minus our time."""
    delay, interval = previous
    if delay > 0:
        signal.setitimer(signal.ITIMER_REAL, max(delay - elapsed, 1e-6), interval)


def _with_trace(function: Callable[[], Any], seconds: float) -> Any:
    token = object()
    deadline = time.monotonic() + seconds

    def tracer(frame, event, arg):
        if event == "call":
            # Opcode events: a loop on one line (`while True: pass`) has no new line to report.
            frame.f_trace_opcodes = True
        elif _STATE.token is token and time.monotonic() > deadline:
            raise TimeUp(token)
        return tracer

    previous = sys.gettrace()
    _STATE.token = token
    sys.settrace(tracer)
    try:
        try:
            return function()
        finally:
            _STATE.token = None
            sys.settrace(previous)
    except TimeUp as stop:
        if stop.token is not token:
            raise
        raise TimeLimitExceeded(seconds) from None
