"""What a network *is*: a line, a polynomial, or a finite list of linear pieces.

* :func:`collapse` dispatches on the activations and returns a :class:`Line`,
  :class:`PolynomialNet` or :class:`Pieces`, each with ``kind``, ``to_dict()``,
  ``text()`` and a call that evaluates it;
* :func:`fold_linear`, :func:`symbolic_line`, :func:`line_derivation`: identity networks;
* :func:`expand_polynomial`: identity / square networks;
* :func:`linear_pieces`: relu, leaky_relu, hard_sigmoid, hard_tanh, identity networks;
* :func:`best_line`, :func:`best_polynomial`, :func:`error_floor`: the error floor on a target;
* k inputs: :func:`fold_affine` / :func:`symbolic_affine` (an :class:`Affine` map, floor
  :func:`best_plane`), :func:`expand_polynomial_k` (a :class:`MultiPolynomial`, floor
  :func:`best_polynomial_k`), :func:`linear_regions` (2 inputs: :class:`Regions`).
"""

from __future__ import annotations

from .affine import (
    Affine,
    PlaneFloor,
    SymbolicAffine,
    affine_formula,
    best_plane,
    fold_affine,
    symbolic_affine,
)
from .analyze import COVERED_ACTIVATIONS, Collapsed, collapse, error_floor
from .boundary import DecisionBoundary, decision_boundary
from .explain import line_derivation
from .floor import LineFloor, PolynomialFloor, best_line, best_polynomial
from .linear import Line, SymbolicLine, fold_linear, line_formula, symbolic_line
from .multipoly import MultiPolynomial, best_polynomial_k, expand_polynomial_k
from .pieces import PIECEWISE_LINEAR_FORMS, Pieces, PLForm, linear_pieces
from .polynomial import PolynomialNet, expand_polynomial
from .regions import Regions, default_domain, linear_regions

__all__ = [
    "COVERED_ACTIVATIONS",
    "PIECEWISE_LINEAR_FORMS",
    "Affine",
    "Collapsed",
    "DecisionBoundary",
    "Line",
    "LineFloor",
    "MultiPolynomial",
    "PLForm",
    "Pieces",
    "PlaneFloor",
    "PolynomialFloor",
    "PolynomialNet",
    "Regions",
    "SymbolicAffine",
    "SymbolicLine",
    "affine_formula",
    "best_line",
    "best_plane",
    "best_polynomial",
    "best_polynomial_k",
    "collapse",
    "decision_boundary",
    "default_domain",
    "error_floor",
    "expand_polynomial",
    "expand_polynomial_k",
    "fold_affine",
    "fold_linear",
    "line_derivation",
    "line_formula",
    "linear_pieces",
    "linear_regions",
    "symbolic_affine",
    "symbolic_line",
]
