"""Turn what a user typed (a preset name, ``points: …`` or an expression) into a Target."""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..errors import ConfigError, ExpressionError
from .expression import parse
from .marked_points import from_points, parse_points
from .playground import CLASSIFY, PLAYGROUND
from .presets import ALIASES, PRESETS
from .series import resolve_lags
from .target import DEFAULT_DOMAIN, Target, check_box, check_domain, hull

__all__ = ["from_expression", "resolve"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BARE_OK = {"x", "pi", "e"}
_FILE = re.compile(r"[^\s*+^()<>=,;:!?\"'`|&$]+\.csv", re.IGNORECASE)  # a path, not an expression
_INPUT = re.compile(r"x[0-9]+")


def from_expression(text: str, domain: Any = None, *, name: str | None = None) -> Target:
    """A target from an expression in x, checked finite on ``domain`` (default [−2, 6]).

    An expression in x1 … xk is a target of k inputs; ``domain`` is then one (a, b)
    for every input (default [−2, 6]) or k pairs, and the target's ``box``.
    """
    expr = parse(text)
    clean = text.strip()
    if expr.inputs > 1:
        box = check_box(DEFAULT_DOMAIN if domain is None else domain, expr.inputs)
        expr.check(box)
        return Target(
            name or clean, clean, hull(box), expr, expression=clean, inputs=expr.inputs, box=box
        )
    dom = check_domain(DEFAULT_DOMAIN if domain is None else domain)
    expr.check(dom)
    return Target(
        name or clean,
        clean,
        dom,
        expr,
        kinks=expr.kinks,
        expression=clean,
    )


def resolve(spec: str, domain: tuple[float, float] | None = None) -> Target:
    """A preset name (see ``PRESETS``), ``"points: x1,y1 x2,y2 …"``, a ``.csv`` file, or an
    expression in x.

    Also: an expression in x1 … xk (k inputs), the TensorFlow Playground data sets
    ``plane`` (also ``reg-plane``) and ``reg-gauss`` (2 inputs, seed 0, no noise), its
    classification sets ``circle``, ``xor``, ``gauss``, ``spiral`` and the four-point
    ``xor4`` (class indices in y, names in ``target.classes``) and lag problems
    ``lags:sunspots:K`` (K inputs); data sets hold (X (N, k), y (N,)) in ``points``.

    ``domain`` replaces the preset's natural domain, or the default [−2, 6] of an
    expression. Raises ExpressionError for an unknown name or a bad expression (with
    a caret), DataError for bad points and ConfigError for a bad domain.
    """
    if not isinstance(spec, str):
        raise ConfigError(
            f"the 'target' parameter must be text (a preset name or an expression), "
            f"got {type(spec).__name__} instead"
        )
    key = spec.strip()
    name = ALIASES.get(key.lower(), key.lower())
    if name in PRESETS:
        target = PRESETS[name]
        return target if domain is None else target.with_domain(domain)
    if key.lower().endswith(".csv") and _FILE.fullmatch(key):
        from .csvfile import load_csv

        target = load_csv(key)
        return target if domain is None else target.with_domain(domain)
    if name in PLAYGROUND or name in CLASSIFY:
        target = PLAYGROUND[name]() if name in PLAYGROUND else CLASSIFY[name]()
        return target if domain is None else target.with_domain(domain)
    if name.startswith("lags:"):
        target = resolve_lags(key)
        return target if domain is None else target.with_domain(domain)
    if key.lower().startswith("points:"):
        target = from_points(*parse_points(key[len("points:") :]))
        return target if domain is None else target.with_domain(domain)
    if _IDENT.fullmatch(key) and key not in _BARE_OK and not _INPUT.fullmatch(key):
        close = difflib.get_close_matches(key.lower(), list(PRESETS), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ExpressionError(
            f"unknown target {key!r}{hint}; presets: {', '.join(PRESETS)}; "
            "or write an expression in x such as 'sin(3*x) + 0.3*x**2'",
            key,
            0,
        )
    return from_expression(key, domain)
