"""Identity and square layers on k inputs: a polynomial in x1…xk of bounded total degree.

Each neuron's pre-activation is carried as coefficients over a list of monomials
x1^e1 ··· xk^ek (exponent rows). A linear layer mixes the rows; a square layer
multiplies each row by itself, which doubles the total degree. With s square
layers the network is a polynomial of total degree ≤ 2^s — in any number of
inputs a fixed-degree polynomial, never a universal approximator. The floor on
points is the least-squares polynomial of that total degree,
:func:`best_polynomial_k`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations_with_replacement
from math import comb
from typing import Any

import numpy as np

from ..errors import DataError, UnsupportedError
from ..network import Network
from ..network.formula import MINUS, number
from ._checks import require_activations, require_single
from .floor import PolynomialFloor
from .polynomial import POLYNOMIAL_ACTIVATIONS

__all__ = [
    "MAX_MONOMIALS",
    "MultiPolynomial",
    "best_polynomial_k",
    "expand_polynomial_k",
    "monomials",
]

MAX_MONOMIALS = 20_000  # monomials of total degree ≤ 2^s in k variables carried at once
MAX_FLOOR_MONOMIALS = 2_000  # columns of the least-squares design of the floor
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _term(powers: np.ndarray) -> str:
    return "".join(
        f"x{i + 1}" + ("" if p == 1 else str(int(p)).translate(_SUPERSCRIPT))
        for i, p in enumerate(powers)
        if p
    )


@dataclass(frozen=True)
class MultiPolynomial:
    """y = Σ_m coefficients[m]·Π_i x_i^exponents[m, i]; total degree ≤ ``max_degree``."""

    exponents: np.ndarray  # (M, k) non-negative ints, one row per monomial
    coefficients: np.ndarray  # (M,)
    max_degree: int

    kind = "polynomial"

    @property
    def inputs(self) -> int:
        """Number of inputs k."""
        return int(self.exponents.shape[1])

    @property
    def degree(self) -> int:
        """Highest total degree with a nonzero coefficient (0 for a constant)."""
        nz = self.coefficients != 0
        return int(self.exponents[nz].sum(axis=1).max()) if nz.any() else 0

    def __call__(self, x: Any) -> np.ndarray:
        """The polynomial at X of shape (N, k)."""
        xa = np.asarray(x, dtype=np.float64)
        if xa.ndim != 2 or xa.shape[1] != self.inputs:
            raise DataError(f"X must have shape (N, {self.inputs}), got {xa.shape}")
        powers = np.prod(xa[:, None, :] ** self.exponents[None, :, :], axis=2)
        return powers @ self.coefficients

    @property
    def formula(self) -> str:
        """Highest total degree first: ``y = 2x1x2 − x2² + 1``."""
        order = sorted(
            range(len(self.coefficients)),
            key=lambda m: (-int(self.exponents[m].sum()), tuple(-self.exponents[m])),
        )
        out = ""
        for m in order:
            c = float(self.coefficients[m])
            mag = number(c, 6)
            if mag == "0":
                continue
            var = _term(self.exponents[m])
            body = mag if var == "" else (var if mag == "1" else f"{mag}{var}")
            out = (
                (MINUS if c < 0 else "") + body
                if not out
                else f"{out} {MINUS if c < 0 else '+'} {body}"
            )
        return "y = " + (out or "0")

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "polynomial", "inputs", "degree", "max_degree", "terms", "formula"}``.

        ``terms`` lists ``{"powers": [e1, …, ek], "coefficient"}`` for every nonzero term.
        """
        terms = [
            {"powers": [int(p) for p in e], "coefficient": float(c)}
            for e, c in zip(self.exponents, self.coefficients, strict=True)
            if c != 0
        ]
        return {
            "kind": self.kind,
            "inputs": self.inputs,
            "degree": self.degree,
            "max_degree": self.max_degree,
            "terms": terms,
            "formula": self.formula,
        }

    def text(self) -> str:
        """Human-readable form."""
        return (
            f"a polynomial in {self.inputs} inputs of total degree {self.degree} (at most "
            f"{self.max_degree} for this network):\n{self.formula}"
        )


def monomials(k: int, degree: int) -> np.ndarray:
    """Exponent rows of every monomial of total degree ≤ ``degree`` in k variables."""
    rows = [np.zeros(k, dtype=np.int64)]
    for d in range(1, degree + 1):
        for combo in combinations_with_replacement(range(k), d):
            rows.append(np.bincount(combo, minlength=k).astype(np.int64))
    return np.array(rows)


def _square(exps: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row of z (a polynomial over ``exps``) times itself, over the product monomials."""
    m = len(exps)
    i, j = np.triu_indices(m)
    prod = exps[i] + exps[j]
    new, where = np.unique(prod, axis=0, return_inverse=True)
    where = where.reshape(-1)
    if len(new) > MAX_MONOMIALS:
        raise UnsupportedError(
            f"this network's polynomial has more than {MAX_MONOMIALS} monomials; "
            "use fewer inputs or square layers"
        )
    weight = np.where(i == j, 1.0, 2.0)
    out = np.zeros((z.shape[0], len(new)))
    for r in range(z.shape[0]):
        np.add.at(out[r], where, weight * z[r, i] * z[r, j])
    return new, out


def expand_polynomial_k(net: Network) -> MultiPolynomial:
    """Expand a single identity/square network of any number of inputs into its polynomial."""
    require_single(net, "expand_polynomial_k")
    require_activations(net, "expand_polynomial_k", POLYNOMIAL_ACTIVATIONS)
    k = net.inputs
    squares = net.activations.count("square")
    if comb(k + 2**squares, k) > MAX_MONOMIALS:
        raise UnsupportedError(
            f"a polynomial of total degree 2^{squares} in {k} inputs has more than "
            f"{MAX_MONOMIALS} monomials; actlab expands smaller ones"
        )
    exps = monomials(k, 1)  # 1, x1, …, xk
    h = np.eye(k + 1)[1:]  # input i is the monomial x_i
    with np.errstate(over="ignore", invalid="ignore"):  # checked just below
        for w, b, name in zip(net.weights, net.biases, [*net.activations, "identity"], strict=True):
            z = w @ h
            z[:, 0] += b  # the constant monomial is row 0 of every exponent list
            if name == "square":
                exps, h = _square(exps, z)
            else:
                h = z
    if not np.all(np.isfinite(h)):
        raise UnsupportedError(
            "this network's polynomial coefficients overflow float64; "
            "use fewer square layers or smaller weights"
        )
    return MultiPolynomial(exps, h[0], 2**squares)


def best_polynomial_k(x: Any, y: Any, degree: int) -> PolynomialFloor:
    """Least-squares polynomial of total degree ≤ ``degree`` in the columns of X, and its MSE.

    The columns are scaled to [−1, 1] first (the space of polynomials is the same),
    so only the MSE is reported; ``coefficients`` is None.
    """
    xa = np.asarray(x, dtype=np.float64)
    ya = np.asarray(y, dtype=np.float64).reshape(-1)
    if xa.ndim != 2 or len(xa) != len(ya):
        raise DataError(f"X must be (N, k) with one y per row, got {xa.shape} and {ya.size}")
    if not (np.all(np.isfinite(xa)) and np.all(np.isfinite(ya))):
        raise DataError("X and y must be finite numbers (no NaN or infinity)")
    k = xa.shape[1]
    if comb(k + degree, k) > MAX_FLOOR_MONOMIALS:
        raise UnsupportedError(
            f"the least-squares polynomial of total degree {degree} in {k} inputs has more "
            f"than {MAX_FLOOR_MONOMIALS} coefficients; actlab fits smaller ones"
        )
    lo, hi = xa.min(axis=0), xa.max(axis=0)
    t = (2 * xa - (lo + hi)) / np.where(hi > lo, hi - lo, 1.0)
    exps = monomials(k, degree)
    design = np.prod(t[:, None, :] ** exps[None, :, :], axis=2)
    coef, *_ = np.linalg.lstsq(design, ya, rcond=None)
    mse = float(np.mean((design @ coef - ya) ** 2))
    return PolynomialFloor(degree, None, mse)
