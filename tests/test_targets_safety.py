"""Untrusted expression text: fuzzed strings and classic injections either parse or raise.

Every case runs in a worker thread with a one-second guard, and an audit hook
records any compile/exec/import/open/process event raised from that thread:
parsing and evaluating user text must never reach Python's own evaluator.
"""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actlab.errors import ExpressionError
from actlab.targets import Target, parse, resolve

GUARD_S = 1.0
_WATCHED = ("compile", "exec", "import", "open", "os.", "subprocess.", "ctypes.", "builtins.")
_events: dict[int, list[str]] = {}


def _audit(event: str, args: tuple) -> None:
    seen = _events.get(threading.get_ident())
    if seen is not None and event.startswith(_WATCHED):
        seen.append(event)


sys.addaudithook(_audit)


def guarded(fn, *args):
    """Run ``fn(*args)`` in a thread; fail if it runs past the guard or triggers an audit event."""
    box: dict = {}

    def work() -> None:
        _events[threading.get_ident()] = box.setdefault("events", [])
        try:
            box["value"] = fn(*args)
        except BaseException as e:  # re-raised in the test thread
            box["error"] = e
        finally:
            _events.pop(threading.get_ident(), None)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(GUARD_S)
    assert not worker.is_alive(), f"still running after {GUARD_S} s: {args!r}"
    assert box.get("events") == [], f"audit events {box.get('events')} for {args!r}"
    if "error" in box:
        raise box["error"]
    return box["value"]


def outcome(text: str) -> str:
    """'ok' if ``text`` is a finite function of x on [-2, 6], else 'error' (ExpressionError)."""
    error = None
    try:
        target = resolve(text)
        assert isinstance(target, Target)
        grid = np.linspace(-3.0, 7.0, 64)
        # a target of k inputs (x1 … xk) is evaluated on the same values in every column
        y = target(grid if target.inputs == 1 else np.repeat(grid[:, None], target.inputs, 1))
    except ExpressionError as e:
        error = e
    if error is not None:
        # a message, and a caret position inside the text when there is one
        assert error.message
        assert error.position is None or 0 <= error.position <= len(error.text)
        return "error"
    assert y.dtype == np.float64 and y.shape == (64,) and np.isfinite(y).all()
    return "ok"


_WORDS = [
    *["x", "1", "2.5", "1e-3", ".5", "pi", "e", "0", "10", "1e308", "1e999"],
    *["+", "-", "*", "/", "**", "^", "(", ")", ",", ":", "<", "<=", ">", "==", "!=", "=", ";"],
    *["sin(", "exp(", "log(", "sqrt(", "relu(", "sigmoid(", "max(", "clip(", "step(", "gelu("],
    *["piecewise(", "a", "a = ", "y = ", "\n", " ", "−", "π", "×", "≤"],
    *["__import__", "'os'", '"', ".", "__class__", "[", "]", "{", "}", "lambda", ":=", "@"],
    *["!", "&", "|", "~", "%", "`", "\\", "#", "$", "?", "os", "open(", "eval(", "exec("],
    *["getattr(", "9**9**9", "b'x'", "f'{x}'", "é", "\x00", "0x1F", "1_0", "...", "for", "in"],
    *["if", "else", "x.real", "()", "*args", "**kw", "import", "True", "None", "σ", "２"],
]
_tokens = st.lists(st.sampled_from(_WORDS), max_size=30).map("".join)
_strings = st.one_of(_tokens, _tokens, st.text(max_size=40))


@settings(
    max_examples=10_000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_strings)
def test_safety_generated_strings_parse_or_raise(text):
    assert guarded(outcome, text) in ("ok", "error")


INJECTIONS = [
    "__import__('os').system('echo pwned')",
    "__import__",
    "x.__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "open('f')",
    "open",
    "lambda: 1",
    "(lambda x: x)(1)",
    "[i for i in x]",
    "{i: i for i in x}",
    "(i for i in range(10**9))",
    "f'{x}'",
    "f\"{__import__('os')}\"",
    "(y:=1)",
    "9**9**9",
    "2**2**2**2**2**2",
    "10**10**10 + x",
    "(" * 1000 + "x" + ")" * 1000,
    "-" * 1000 + "x",
    "sin(" * 500 + "x" + ")" * 500,
    "x" + "+x" * 5000,
    "exec('1')",
    "eval('1')",
    "getattr(x, 'real')",
    "globals()",
    "'abc'",
    "b'abc'",
    "x.real",
    "x[0]",
    "x['a']",
    "max(x, key=abs)",
    "sin(x=1)",
    "import os",
    "x if x > 0 else 0",
    "x and 1",
    "not x",
    "x; import os",
    "x\nimport os",
    "__builtins__",
    "x = 1",
    "a = __import__",
    "sin = 3\nsin",
    "\\x41",
    "x # comment",
    "1e999",
    "1" * 1900,
]


@pytest.mark.parametrize("text", INJECTIONS, ids=[repr(t[:30]) for t in INJECTIONS])
def test_safety_injection_attempt_raises_expression_error(text):
    with pytest.raises(ExpressionError):
        guarded(parse, text)
    with pytest.raises(ExpressionError):
        guarded(resolve, text)


def test_safety_guard_detects_a_hang():
    # the guard itself can fail: a function that outlives it is reported
    ev = threading.Event()
    with pytest.raises(AssertionError, match="still running"):
        guarded(ev.wait, 5.0)
    ev.set()


def test_safety_guard_detects_code_execution():
    with pytest.raises(AssertionError, match="audit events"):
        guarded(compile, "1", "<s>", "eval")
