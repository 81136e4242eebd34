"""Stable codes for the server's messages, so that the page can show them in any language.

Every error body and every message the page shows carries ``code`` and ``params``
next to the English ``message``; the page looks up ``err.<code>`` (errors) or
``msg.<code>`` (notes) in its strings and fills in the parameters, and falls back
to the English message only for a code it does not know.

The library raises plain :class:`~actlab.errors.ActlabError` messages. The ones the
lab shows most (expression errors, bad points) are recognised here by their
wording (:func:`code_of`); anything else gets a generic code of its kind, which the
page words in its own language without the details.
"""

from __future__ import annotations

import re
from typing import Any

from .. import settings
from ..errors import ActlabError, DataError, DivergenceError, ExpressionError

__all__ = ["PATTERNS", "code_of", "setting_code"]

_Q = r"'(?P<{}>[^']*)'"

#: (code, pattern of the English message); named groups become the parameters.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(pattern))
    for code, pattern in (
        ("expression.empty", r"^the expression is empty"),
        ("expression.missing_operator", r"^missing operator"),
        ("expression.character", r"^the character " + _Q.format("char") + " is not allowed"),
        ("expression.expected", r"^expected " + _Q.format("op") + r".*?, found (?P<found>.+)$"),
        ("expression.operand", r"^expected a number, x, a name or '\(' but found (?P<found>.+?);"),
        ("expression.unexpected", r"^unexpected (?P<found>.+?);"),
        ("expression.unknown_function", r"^unknown function " + _Q.format("name")),
        ("expression.unknown_name", r"^unknown name " + _Q.format("name")),
        ("expression.unknown_target", r"^unknown target '(?P<name>[^']*)'"),
        ("expression.not_function", r"^" + _Q.format("name") + r" is not a function"),
        ("expression.call", r"^" + _Q.format("name") + r" is a function; call it"),
        ("expression.arity", r"^(?P<name>\w+) takes (?P<need>.+), got (?P<got>\d+)$"),
        (
            "expression.not_finite",
            r"^" + _Q.format("part") + r" is not finite at x = (?P<x>\S+) ",
        ),
        ("expression.not_covered", r"^no piece of piecewise\(\.\.\.\) covers x = (?P<x>\S+);"),
        ("expression.too_deep", r"^the expression nests deeper than (?P<n>\d+)"),
        ("expression.too_long", r"^the expression is longer than"),
        ("train.untrainable", r"^the '(?P<activation>\w+)' activation has no useful derivative"),
        ("points.too_few", r"^at least (?P<need>\d+) points are needed, got (?P<got>\d+)"),
        ("points.duplicate", r"^(?P<n>\d+) x value\(s\) appear more than once"),
        ("csv.row", r"^row (?P<row>\d+) "),
        ("csv.empty", r"^the CSV text holds no rows"),
        ("points.too_many", r"^at most (?P<max>\d+) points are allowed"),
        (
            "setting.invalid",
            r"^the '(?P<name>\w+)' parameter must be a finite number in "
            r"(?P<allowed>[\[(][^\])]*[\])]), got (?P<got>\S+) instead",
        ),
    )
)

_GENERIC = {ExpressionError: "expression.invalid", DataError: "data.invalid"}


def code_of(error: ActlabError | str, kind: str = "error") -> tuple[str, dict[str, Any]]:
    """``(code, params)`` of a library error (or its message); ``kind.invalid`` if unknown."""
    if isinstance(error, DivergenceError):
        return "train.diverged", {}
    message = error.message if isinstance(error, ExpressionError) else str(error)
    for code, pattern in PATTERNS:
        m = pattern.search(message)
        if m:
            return code, {k: v for k, v in m.groupdict().items() if v is not None}
    if isinstance(error, ActlabError):
        for cls, code in _GENERIC.items():
            if isinstance(error, cls):
                return code, {}
    return f"{kind}.invalid", {}


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def allowed(s: settings.Setting) -> str:
    """What a setting accepts, in symbols: ``[0, 10]``, ``(0, 1)``, ``a|b|c``."""
    if s.kind in ("int", "float", "pair") and s.lo is not None and s.hi is not None:
        return f"{'(' if s.lo_open else '['}{_num(s.lo)}, {_num(s.hi)}{')' if s.hi_open else ']'}"
    if s.choices:
        return "|".join(s.choices)
    if s.kind == "bool":
        return "true|false"
    return f"1–{s.max_length}"


def setting_code(name: str, got: Any) -> tuple[str, dict[str, Any]]:
    """The code of a rejected setting value: unknown name, or a value outside what it allows."""
    shown = got if isinstance(got, str) else repr(got)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    if name not in settings.names():
        return "setting.unknown", {"name": name}
    return "setting.invalid", {"name": name, "allowed": allowed(settings.get(name)), "got": shown}
