"""The fold of an identity network written out step by step, with its numbers plugged in.

For the lesson's 1-3-1 network::

    y = (w1·w4 + w2·w5 + w3·w6)·x + (b1·w4 + b2·w5 + b3·w6 + b4)
    a = (0.5)(2) + (−1)(0.25) + … = 0.75
    b = …
    y = 0.75x + 0.5

Networks with many input-to-output paths get the matrix form instead of one
product per path.
"""

from __future__ import annotations

from typing import Any

from ..network import Network
from ..network.formula import MINUS
from .linear import fold_linear, line_formula, symbolic_line

__all__ = ["MAX_TERMS", "line_derivation"]

MAX_TERMS = 16  # products written out per coefficient


def _name(expr: Any) -> str:
    return str(expr).replace("*", "·")


def _value(v: float) -> str:
    return f"{v:.4g}".replace("-", MINUS)


def _plugged(expr: Any, values: dict[Any, float]) -> str:
    """``(0.5)(2) + (−1)(0.25) + 0.1``: each product with its numbers."""
    terms = []
    for term in expr.as_ordered_terms():
        factors = term.as_ordered_factors()
        terms.append("".join(f"({_value(values[f])})" for f in factors))
    return " + ".join(terms)


def line_derivation(net: Network) -> str:
    """How an identity network becomes y = a·x + b, with its numbers, as lines of text."""
    line = fold_linear(net)
    paths = 1
    for w in net.widths:
        paths *= w
    if paths + 1 > MAX_TERMS:
        layers = [f"W{i}" for i in range(net.depth + 1, 0, -1)]
        return "\n".join(
            [
                "each layer is affine, h ↦ W·h + b, and affine maps compose to one:",
                f"a = {'·'.join(layers)} = {_value(float(line.a))}",
                f"b = {'·'.join(layers[:-1]) or '1'}·b1 + … + b{net.depth + 1} = "
                f"{_value(float(line.b))}",
                line.formula,
            ]
        )
    sym = symbolic_line(net)
    values = sym.values(net)
    return "\n".join(
        [
            f"y = ({_name(sym.a)})·x + ({_name(sym.b)})",
            f"a = {_plugged(sym.a, values)} = {_value(float(line.a))}",
            f"b = {_plugged(sym.b, values)} = {_value(float(line.b))}",
            line_formula(float(line.a), float(line.b)),
        ]
    )
