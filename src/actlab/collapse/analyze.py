"""``collapse(net)``: say exactly what a network is — a line, a polynomial or linear pieces.

Dispatch on the hidden layers' activations:

* all identity (or no hidden layer) → a **line** y = a·x + b;
* identity and square, at least one square → a **polynomial** of degree ≤ 2^depth;
* relu, leaky_relu, hard_sigmoid, hard_tanh, identity (mixed per layer) → exact
  linear **pieces**.

Any other activation (sigmoid, tanh, …) makes a curve that none of these describe
exactly, and raises :class:`~actlab.errors.UnsupportedError`.
"""

from __future__ import annotations

from typing import Any

from ..errors import UnsupportedError
from ..network import Network
from .floor import LineFloor, PolynomialFloor, best_line, best_polynomial
from .linear import Line, fold_linear
from .pieces import PIECEWISE_LINEAR_FORMS, Pieces, linear_pieces
from .polynomial import POLYNOMIAL_ACTIVATIONS, PolynomialNet, expand_polynomial

__all__ = ["COVERED_ACTIVATIONS", "Collapsed", "collapse", "error_floor"]

Collapsed = Line | PolynomialNet | Pieces
COVERED_ACTIVATIONS = tuple(dict.fromkeys([*POLYNOMIAL_ACTIVATIONS, *PIECEWISE_LINEAR_FORMS]))


def collapse(net: Network) -> Collapsed:
    """The network as a line, a polynomial or a list of linear pieces (single network)."""
    if net.population is not None:
        raise UnsupportedError(
            f"collapse applies to a single network; this is a population of {net.population}: "
            "index one member first"
        )
    used = set(net.activations)
    if used <= {"identity"}:
        return fold_linear(net)
    if used <= set(POLYNOMIAL_ACTIVATIONS):
        return expand_polynomial(net)
    if used <= set(PIECEWISE_LINEAR_FORMS):
        return linear_pieces(net)
    other = [a for a in dict.fromkeys(net.activations) if a not in COVERED_ACTIVATIONS]
    mixed = "" if other else " (square mixed with piecewise-linear layers)"
    raise UnsupportedError(
        f"collapse covers networks whose hidden layers use only identity (a line), "
        f"identity and square (a polynomial), or {', '.join(PIECEWISE_LINEAR_FORMS)} "
        f"(linear pieces); this network uses {', '.join(other or sorted(used))}{mixed}"
    )


def error_floor(result: Collapsed, x: Any, y: Any) -> LineFloor | PolynomialFloor | None:
    """The smallest MSE on (x, y) that any network of this kind can reach, or None for pieces.

    A line's floor is the least-squares line; a polynomial's is the least-squares
    polynomial of degree ``max_degree``. Piecewise-linear networks have no such
    floor: with enough pieces they fit any continuous target.
    """
    if isinstance(result, Line):
        return best_line(x, y)
    if isinstance(result, PolynomialNet):
        return best_polynomial(x, y, result.max_degree)
    return None
