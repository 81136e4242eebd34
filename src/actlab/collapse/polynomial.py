"""Polynomial activations: a network of identity and square layers is a polynomial in x.

Each neuron's pre-activation is carried as a coefficient vector (increasing
powers). A linear layer mixes the vectors, z_i = Σ_j W_ij h_j + b_i; a square
layer multiplies each by itself, which doubles the degree. So k square layers
give degree ≤ 2^k ≤ 2^depth: a fixed-degree polynomial, never a universal
approximator (Leshno, Lin, Pinkus & Schocken, 1993).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.polynomial import polynomial as P

from ..errors import UnsupportedError
from ..network import Network
from ..network.formula import MINUS, number
from ._checks import require_activations, require_single

__all__ = ["POLYNOMIAL_ACTIVATIONS", "PolynomialNet", "expand_polynomial", "polynomial_formula"]

POLYNOMIAL_ACTIVATIONS = ("identity", "square")
MAX_DEGREE = 4096  # 12 square layers
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def polynomial_formula(coefficients: list[float] | np.ndarray, *, digits: int = 6) -> str:
    """``y = 0.5x² − 2x + 1`` from coefficients in increasing power order."""
    terms = []
    for power in range(len(coefficients) - 1, -1, -1):
        c = float(coefficients[power])
        mag = number(c, digits)
        if mag == "0":
            continue
        var = (
            "" if power == 0 else ("x" if power == 1 else "x" + str(power).translate(_SUPERSCRIPT))
        )
        body = mag if (var == "" or mag != "1") else ""
        text = body + var
        if not terms:
            terms.append((MINUS if c < 0 else "") + text)
        else:
            terms.append(f"{MINUS if c < 0 else '+'} {text}")
    return "y = " + (" ".join(terms) or "0")


@dataclass(frozen=True)
class PolynomialNet:
    """y = Σ_k coefficients[k]·x^k, with ``max_degree`` = 2^(number of square layers)."""

    coefficients: np.ndarray  # increasing powers, trailing exact zeros removed
    max_degree: int

    kind = "polynomial"

    @property
    def degree(self) -> int:
        """Highest power with a nonzero coefficient (0 for a constant)."""
        return max(len(self.coefficients) - 1, 0)

    def __call__(self, x: np.ndarray | float) -> np.ndarray:
        """The polynomial at ``x``."""
        return P.polyval(np.asarray(x, dtype=np.float64), self.coefficients)

    @property
    def formula(self) -> str:
        """The polynomial as text, highest power first."""
        return polynomial_formula(self.coefficients)

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "polynomial", "degree", "coefficients" (increasing powers), …}``."""
        return {
            "kind": self.kind,
            "degree": self.degree,
            "coefficients": [float(c) for c in self.coefficients],
            "max_degree": self.max_degree,
            "formula": self.formula,
        }

    def text(self) -> str:
        """Human-readable form."""
        return (
            f"a polynomial of degree {self.degree} (at most {self.max_degree} for this "
            f"network):\n{self.formula}"
        )


def _square_rows(z: np.ndarray) -> np.ndarray:
    """Each row (a polynomial) times itself, keeping every row the same length."""
    return np.stack([np.convolve(row, row) for row in z])


def expand_polynomial(net: Network) -> PolynomialNet:
    """Expand a single network of identity / square layers into its polynomial exactly."""
    require_single(net, "expand_polynomial")
    require_activations(net, "expand_polynomial", POLYNOMIAL_ACTIVATIONS)
    squares = net.activations.count("square")
    max_degree = 2**squares
    if max_degree > MAX_DEGREE:
        raise UnsupportedError(
            f"this network is a polynomial of degree up to 2^{squares}; actlab expands "
            f"degrees up to {MAX_DEGREE} (12 square layers)"
        )
    h = np.array([[0.0, 1.0]])  # the input x as one neuron: coefficients of 0 + 1·x
    with np.errstate(over="ignore", invalid="ignore"):  # checked just below
        for w, b, name in zip(net.weights, net.biases, [*net.activations, "identity"], strict=True):
            z = w @ h
            z[:, 0] += b
            h = _square_rows(z) if name == "square" else z
    if not np.all(np.isfinite(h)):
        raise UnsupportedError(
            "this network's polynomial coefficients overflow float64; "
            "use fewer square layers or smaller weights"
        )
    coefficients = np.trim_zeros(h[0], "b")
    if coefficients.size == 0:
        coefficients = np.zeros(1)
    return PolynomialNet(coefficients, max_degree)
