"""``collapse(net)``: say exactly what a network is — a line, a polynomial or linear pieces.

Dispatch on the hidden layers' activations:

* all identity (or no hidden layer) → a **line** y = a·x + b;
* identity and square, at least one square → a **polynomial** of degree ≤ 2^depth;
* relu, leaky_relu, hard_sigmoid, hard_tanh, identity (mixed per layer) → exact
  linear **pieces**.

Any other activation (sigmoid, tanh, …) makes a curve that none of these describe
exactly, and raises :class:`~actlab.errors.UnsupportedError`.

A network of k > 1 inputs is an **affine** map y = a·x + b (identity), a
**polynomial** in x1…xk (identity and square, :class:`MultiPolynomial`) or, for
two inputs, a set of linear **regions** (piecewise-linear activations); regions
are cut for two inputs only.
"""

from __future__ import annotations

from typing import Any

from ..errors import UnsupportedError
from ..network import Network
from .affine import Affine, PlaneFloor, best_plane, fold_affine
from .floor import LineFloor, PolynomialFloor, best_line, best_polynomial
from .linear import Line, fold_linear
from .multipoly import MultiPolynomial, best_polynomial_k, expand_polynomial_k
from .pieces import PIECEWISE_LINEAR_FORMS, Pieces, linear_pieces
from .polynomial import POLYNOMIAL_ACTIVATIONS, PolynomialNet, expand_polynomial
from .regions import Regions, linear_regions

__all__ = ["COVERED_ACTIVATIONS", "Collapsed", "collapse", "error_floor"]

Collapsed = Line | PolynomialNet | Pieces | Affine | MultiPolynomial | Regions
COVERED_ACTIVATIONS = tuple(dict.fromkeys([*POLYNOMIAL_ACTIVATIONS, *PIECEWISE_LINEAR_FORMS]))


def collapse(net: Network) -> Collapsed:
    """The network as a line, a polynomial or a list of linear pieces (single network).

    With k > 1 inputs: an affine map, a polynomial in x1…xk, or (two inputs) linear regions.
    """
    if net.population is not None:
        raise UnsupportedError(
            f"collapse applies to a single network; this is a population of {net.population}: "
            "index one member first"
        )
    used = set(net.activations)
    one = net.inputs == 1
    if used <= {"identity"}:
        return fold_linear(net) if one else fold_affine(net)
    if used <= set(POLYNOMIAL_ACTIVATIONS):
        return expand_polynomial(net) if one else expand_polynomial_k(net)
    if used <= set(PIECEWISE_LINEAR_FORMS):
        if net.inputs <= 2:
            return linear_pieces(net) if one else linear_regions(net)
        raise UnsupportedError(
            f"linear regions are cut for networks of 2 inputs only; this one has {net.inputs} "
            f"inputs and {', '.join(sorted(used))} layers (a piecewise-linear map of "
            f"{net.inputs} inputs has polytopes, not polygons, for regions)"
        )
    other = [a for a in dict.fromkeys(net.activations) if a not in COVERED_ACTIVATIONS]
    mixed = "" if other else " (square mixed with piecewise-linear layers)"
    uses = f"{', '.join(other or sorted(used))}{mixed}"
    if one:
        raise UnsupportedError(
            f"collapse covers networks whose hidden layers use only identity (a line), "
            f"identity and square (a polynomial), or {', '.join(PIECEWISE_LINEAR_FORMS)} "
            f"(linear pieces); this network uses {uses}"
        )
    raise UnsupportedError(
        f"collapse covers networks of {net.inputs} inputs whose hidden layers use only "
        f"identity (an affine map), identity and square (a polynomial), or "
        f"{', '.join(PIECEWISE_LINEAR_FORMS)} (linear regions, 2 inputs); this network uses "
        f"{uses}"
    )


def error_floor(
    result: Collapsed, x: Any, y: Any
) -> LineFloor | PolynomialFloor | PlaneFloor | None:
    """The smallest MSE on (x, y) that any network of this kind can reach, or None for pieces.

    A line's floor is the least-squares line; a polynomial's is the least-squares
    polynomial of degree ``max_degree``; with k inputs the least-squares plane
    (hyperplane) and the least-squares polynomial of total degree ``max_degree``.
    Piecewise-linear networks have no such floor: with enough pieces (regions)
    they fit any continuous target.
    """
    if isinstance(result, Affine):
        return best_plane(x, y)
    if isinstance(result, MultiPolynomial):
        return best_polynomial_k(x, y, result.max_degree)
    if isinstance(result, Line):
        return best_line(x, y)
    if isinstance(result, PolynomialNet):
        return best_polynomial(x, y, result.max_degree)
    return None
