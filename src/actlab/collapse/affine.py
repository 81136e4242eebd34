"""Identity networks of k inputs fold to one affine map y = a·x + b, a a vector.

With no activation every layer is affine, h ↦ W h + b, so for hidden layers
1..L and the output layer L+1

    a = W_{L+1} ··· W_2 W_1   (a row of k numbers),
    b = W_{L+1}(··· (W_2 b_1 + b_2) ···) + b_{L+1}.

For two inputs the graph is a plane, for k a hyperplane: it cannot bend. No
identity network of any size does better on points (X, y) than the
least-squares plane, :func:`best_plane`. One input keeps its own result,
:class:`~actlab.collapse.Line`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ConfigError, DataError
from ..network import Network
from ..network.formula import MINUS, number
from .linear import (
    carry_affine,
    fold_symbols,
    indexed_symbols,
    require_identity,
    symbol_values,
    symbolic_widths,
)

if TYPE_CHECKING:
    import sympy

__all__ = [
    "Affine",
    "PlaneFloor",
    "SymbolicAffine",
    "affine_formula",
    "best_plane",
    "fold_affine",
    "symbolic_affine",
]


def affine_formula(a: Any, b: float, *, digits: int = 6) -> str:
    """``y = 0.5x1 − 2x2 + 1`` (typographic minus, ``digits`` significant digits)."""
    terms = [(float(c), f"x{i + 1}") for i, c in enumerate(np.asarray(a).reshape(-1))]
    terms.append((float(b), ""))
    out = ""
    for coef, var in terms:
        mag = number(coef, digits)
        if mag == "0":
            continue
        body = mag if var == "" else (var if mag == "1" else f"{mag}{var}")
        if not out:
            out = (MINUS if coef < 0 else "") + body
        else:
            out += f" {MINUS if coef < 0 else '+'} {body}"
    return "y = " + (out or "0")


@dataclass(frozen=True)
class Affine:
    """y = a·x + b on k inputs; ``a`` has shape (k,) (or (P, k) for a population)."""

    a: np.ndarray
    b: float | np.ndarray

    kind = "affine"

    @property
    def inputs(self) -> int:
        """Number of inputs k."""
        return int(np.shape(self.a)[-1])

    def __call__(self, x: Any) -> np.ndarray:
        """a·x + b at X of shape (N, k): shape (N,), or (P, N) for a population."""
        xa = np.asarray(x, dtype=np.float64)
        if xa.ndim < 1 or xa.shape[-1] != self.inputs:
            raise DataError(f"X must have shape (N, {self.inputs}), got {xa.shape}")
        a = np.asarray(self.a)
        if a.ndim == 1:
            return xa @ a + float(self.b)
        return np.einsum("nk,pk->pn", xa, a) + np.asarray(self.b)[:, None]

    @property
    def formula(self) -> str:
        """The map as text, ``y = 0.5x1 − 2x2 + 1``."""
        if np.ndim(self.a) != 1:
            raise ConfigError("formula applies to a single map; index the population first")
        return affine_formula(self.a, float(self.b))

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "affine", "inputs", "a" (k numbers), "b", "formula"}``."""
        if np.ndim(self.a) != 1:
            return {"kind": self.kind, "inputs": self.inputs, "a": np.asarray(self.a).tolist(),
                    "b": np.asarray(self.b).tolist(), "formula": None}  # fmt: skip
        return {
            "kind": self.kind,
            "inputs": self.inputs,
            "a": [float(v) for v in self.a],
            "b": float(self.b),
            "formula": self.formula,
        }

    def text(self) -> str:
        """Human-readable form."""
        what = "a plane" if self.inputs == 2 else f"an affine map of {self.inputs} inputs"
        return f"{what} (it cannot bend): {self.formula}"


def fold_affine(net: Network) -> Affine:
    """Fold an identity network of any number of inputs into y = a·x + b exactly."""
    slope, shift = carry_affine(net, "fold_affine")
    lead = net.weights[0].shape[:-2]
    a, c = slope[..., 0, :], shift[..., 0]
    if not lead:
        return Affine(np.array(a), float(c))
    return Affine(np.array(a), np.array(c))


@dataclass(frozen=True)
class SymbolicAffine:
    """The folded map with parameter symbols: a_i (i = 1…k) and b as sympy expressions."""

    a: list[sympy.Expr]
    b: sympy.Expr
    weights: list[list[list[sympy.Symbol]]]  # per layer, [n_out][n_in]
    biases: list[list[sympy.Symbol]]  # per layer, [n_out]

    def expression(self) -> sympy.Expr:
        """a1·x1 + … + ak·xk + b with the symbols x1…xk."""
        import sympy

        xs = sympy.symbols(f"x1:{len(self.a) + 1}")
        return sum((ai * xi for ai, xi in zip(self.a, xs, strict=True)), sympy.Integer(0)) + self.b

    def values(self, net: Network) -> dict[sympy.Symbol, float]:
        """Map every symbol to its number in ``net`` (same widths and inputs)."""
        return symbol_values(self.weights, self.biases, net)


def symbolic_affine(widths: list[int] | Network, inputs: int | None = None) -> SymbolicAffine:
    """The symbolic fold of an identity network (``w{layer}_{to}_{from}``, ``b{layer}_{to}``)."""
    import sympy

    if isinstance(widths, Network):
        require_identity(widths, "fold_affine")
        inputs = widths.inputs if inputs is None else inputs
        widths = widths.widths
    k = 1 if inputs is None else int(inputs)
    weights, biases = indexed_symbols([k, *symbolic_widths(widths, per_input=True), 1])
    slope, shift = fold_symbols(weights, biases, k)
    return SymbolicAffine(
        [sympy.expand(slope[0, j]) for j in range(k)], sympy.expand(shift[0, 0]), weights, biases
    )


@dataclass(frozen=True)
class PlaneFloor:
    """The least-squares affine map y = a·x + b on some points and its mean squared error."""

    a: list[float]
    b: float
    mse: float

    def to_dict(self) -> dict[str, Any]:
        """``{"mse", "a", "b"}``."""
        return {"mse": self.mse, "a": self.a, "b": self.b}


def best_plane(x: Any, y: Any) -> PlaneFloor:
    """Least squares over (a, b): the plane (hyperplane) closest to the points, and its MSE."""
    xa = np.asarray(x, dtype=np.float64)
    ya = np.asarray(y, dtype=np.float64).reshape(-1)
    if xa.ndim == 1:
        xa = xa[:, None]
    if xa.ndim != 2 or len(xa) != len(ya):
        raise DataError(f"X must be (N, k) with one y per row, got {xa.shape} and {ya.size}")
    if not (np.all(np.isfinite(xa)) and np.all(np.isfinite(ya))):
        raise DataError("X and y must be finite numbers (no NaN or infinity)")
    if len(ya) < 2:
        raise DataError("a floor needs at least two points")
    design = np.column_stack([xa, np.ones(len(xa))])
    coef, *_ = np.linalg.lstsq(design, ya, rcond=None)
    mse = float(np.mean((design @ coef - ya) ** 2))
    return PlaneFloor([float(v) for v in coef[:-1]], float(coef[-1]), mse)
