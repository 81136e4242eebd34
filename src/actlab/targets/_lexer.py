"""Tokenizer of target expressions: a whitelist of characters, each token with its offset."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import ExpressionError

__all__ = ["ALLOWED", "MAX_LENGTH", "Token", "tokenize"]

MAX_LENGTH = 2000
ALLOWED = (
    "allowed: numbers, the variable x, the constants pi and e, + - * / ** ^, "
    "comparisons < <= > >= == !=, parentheses, whitelisted functions f(...), "
    "piecewise(condition: value, ..., default) and 'name = ...' lines"
)

_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_OPS = ("**", "<=", ">=", "==", "!=", "+", "-", "*", "/", "^", "<", ">", "(", ")", ",", ":", "=")
# Typeset characters people paste from formulas, read as their ASCII meaning.
_UNICODE = {"−": "-", "×": "*", "·": "*", "÷": "/", "≤": "<=", "≥": ">=", "≠": "!="}
_HINTS = {
    ".": "attribute access with '.' is not allowed ('.' may only appear inside a number)",
    "'": "strings are not allowed",
    '"': "strings are not allowed",
    "[": "brackets are not allowed (use parentheses)",
    "]": "brackets are not allowed (use parentheses)",
    "{": "braces are not allowed (use parentheses)",
    "}": "braces are not allowed (use parentheses)",
}


@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is 'num', 'name', 'op', 'sep' (newline or ';') or 'end'."""

    kind: str
    text: str
    pos: int
    value: float = 0.0


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens or raise ExpressionError at the first character not allowed."""
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"the expression is {len(text)} characters long; at most {MAX_LENGTH} are allowed"
        )
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\n;":
            tokens.append(Token("sep", c, i))
            i += 1
        elif c.isspace():
            i += 1
        elif m := _NUMBER.match(text, i):
            value = float(m.group())
            if not math.isfinite(value):
                raise ExpressionError("number too large", text, i)
            tokens.append(Token("num", m.group(), i, value))
            i = m.end()
        elif m := _NAME.match(text, i):
            tokens.append(Token("name", m.group(), i))
            i = m.end()
        elif c == "π":
            tokens.append(Token("name", "pi", i))
            i += 1
        elif c in _UNICODE:
            tokens.append(Token("op", _UNICODE[c], i))
            i += 1
        else:
            op = next((o for o in _OPS if text.startswith(o, i)), None)
            if op is None:
                hint = _HINTS.get(c, f"the character {c!r} is not allowed")
                raise ExpressionError(f"{hint}; {ALLOWED}", text, i)
            if op == ":" and text.startswith(":=", i):
                raise ExpressionError(f"':=' is not allowed; {ALLOWED}", text, i)
            tokens.append(Token("op", op, i))
            i += len(op)
    tokens.append(Token("end", "", n))
    return tokens
