"""What a network *is*: a line, a polynomial, or a finite list of linear pieces.

* :func:`collapse` dispatches on the activations and returns a :class:`Line`,
  :class:`PolynomialNet` or :class:`Pieces`, each with ``kind``, ``to_dict()``,
  ``text()`` and a call that evaluates it;
* :func:`fold_linear`, :func:`symbolic_line`, :func:`line_derivation`: identity networks;
* :func:`expand_polynomial`: identity / square networks;
* :func:`linear_pieces`: relu, leaky_relu, hard_sigmoid, hard_tanh, identity networks;
* :func:`best_line`, :func:`best_polynomial`, :func:`error_floor`: the error floor on a target.
"""

from __future__ import annotations

from .analyze import COVERED_ACTIVATIONS, Collapsed, collapse, error_floor
from .explain import line_derivation
from .floor import LineFloor, PolynomialFloor, best_line, best_polynomial
from .linear import Line, SymbolicLine, fold_linear, line_formula, symbolic_line
from .pieces import PIECEWISE_LINEAR_FORMS, Pieces, PLForm, linear_pieces
from .polynomial import PolynomialNet, expand_polynomial

__all__ = [
    "COVERED_ACTIVATIONS",
    "PIECEWISE_LINEAR_FORMS",
    "Collapsed",
    "Line",
    "LineFloor",
    "PLForm",
    "Pieces",
    "PolynomialFloor",
    "PolynomialNet",
    "SymbolicLine",
    "best_line",
    "best_polynomial",
    "collapse",
    "error_floor",
    "expand_polynomial",
    "fold_linear",
    "line_derivation",
    "line_formula",
    "linear_pieces",
    "symbolic_line",
]
