"""Identity networks fold to one line y = a·x + b, numerically and symbolically.

With no activation every layer is affine, h ↦ W h + b, and a composition of
affine maps is affine: for hidden layers 1..L and output layer L+1,

    a = W_{L+1} ··· W_2 W_1,    b = W_{L+1}(··· (W_2 b_1 + b_2) ···) + b_{L+1}.

The symbolic form uses the lesson's names for one hidden layer (first-layer
weights w1..wn and biases b1..bn, output weights w(n+1)..w(2n) and bias b(n+1);
for 1-3-1 this is w1..w6, b1..b4) and layer-indexed names otherwise
(``w2_3_1``: layer 2, into neuron 3, from neuron 1; ``b2_3``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ConfigError, UnsupportedError
from ..network import Network
from ..network.formula import MINUS, number
from ._checks import layers_outside

if TYPE_CHECKING:
    import sympy

__all__ = ["Line", "SymbolicLine", "fold_linear", "line_formula", "symbolic_line"]

MAX_SYMBOLIC_PATHS = 4096  # input-to-output paths (per input), i.e. terms of a (of each a_i)


def line_formula(a: float, b: float, *, digits: int = 6) -> str:
    """``y = 0.34236x + 1.06155`` (typographic minus, ``digits`` significant digits)."""
    slope = number(a, digits)
    head = "0" if slope == "0" else ("x" if slope == "1" else f"{slope}x")
    if head != "0" and a < 0:
        head = MINUS + head
    const = number(b, digits)
    if const == "0":
        return f"y = {head}"
    if head == "0":
        return f"y = {MINUS if b < 0 else ''}{const}"
    return f"y = {head} {MINUS if b < 0 else '+'} {const}"


@dataclass(frozen=True)
class Line:
    """y = a·x + b; ``a`` and ``b`` are floats, or arrays of shape (P,) for a population."""

    a: float | np.ndarray
    b: float | np.ndarray

    kind = "line"

    def __call__(self, x: np.ndarray | float) -> np.ndarray:
        """a·x + b at ``x``: shape (N,), or (P, N) for a population."""
        x = np.asarray(x, dtype=np.float64)
        return np.asarray(self.a)[..., None] * x + np.asarray(self.b)[..., None]

    @property
    def formula(self) -> str:
        """The line as text, ``y = 0.34236x + 1.06155``."""
        if np.ndim(self.a):
            raise ConfigError("formula applies to a single line; index the population first")
        return line_formula(float(self.a), float(self.b))

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "line", "a", "b", "formula"}`` (lists and no formula for a population)."""
        if np.ndim(self.a):
            return {"kind": self.kind, "a": np.asarray(self.a).tolist(),
                    "b": np.asarray(self.b).tolist(), "formula": None}  # fmt: skip
        return {"kind": self.kind, "a": float(self.a), "b": float(self.b), "formula": self.formula}

    def text(self) -> str:
        """Human-readable form."""
        return f"a line: {self.formula}"


def require_identity(net: Network, who: str) -> None:
    """Raise unless every hidden layer of ``net`` is the identity (``who`` names the caller)."""
    where = layers_outside(net, ("identity",))
    if where:
        raise UnsupportedError(
            f"{who} needs a network whose hidden layers all use identity; got {where}"
        )


def carry_affine(net: Network, who: str) -> tuple[np.ndarray, np.ndarray]:
    """The identity network ``net`` as x ↦ A x + c: (A (..., 1, k), c (..., 1)), exactly.

    The map is carried through the layers: A ← W A, c ← W c + b. ``who`` names the
    caller in the error for a network with another activation.
    """
    require_identity(net, who)
    k = net.inputs
    lead = net.weights[0].shape[:-2]
    slope = np.broadcast_to(np.eye(k), (*lead, k, k))
    shift = np.zeros((*lead, k))
    for w, b in zip(net.weights, net.biases, strict=True):
        slope = w @ slope
        shift = (w @ shift[..., None])[..., 0] + b
    return slope, shift


def fold_linear(net: Network) -> Line:
    """Fold an identity network (single or population) into y = a·x + b exactly."""
    slope, shift = carry_affine(net, "fold_linear")
    lead = net.weights[0].shape[:-2]
    a, c = slope[..., 0, 0], shift[..., 0]
    if not lead:
        return Line(float(a), float(c))
    return Line(a, c)


@dataclass(frozen=True)
class SymbolicLine:
    """The folded line with parameter symbols: y = a·x + b, a and b sympy expressions."""

    a: sympy.Expr
    b: sympy.Expr
    weights: list[list[list[sympy.Symbol]]]  # per layer, [n_out][n_in]
    biases: list[list[sympy.Symbol]]  # per layer, [n_out]

    def expression(self) -> sympy.Expr:
        """a·x + b with the symbol x."""
        import sympy

        return self.a * sympy.Symbol("x") + self.b

    def values(self, net: Network) -> dict[sympy.Symbol, float]:
        """Map every symbol to its number in ``net`` (same widths)."""
        return symbol_values(self.weights, self.biases, net)


def symbolic_widths(widths: list[int], *, per_input: bool = False) -> list[int]:
    """The hidden widths as ints, or raise if the fold has more than MAX_SYMBOLIC_PATHS terms.

    Each input has one term per input-to-output path; ``per_input`` says so in the error.
    """
    widths = [int(w) for w in widths]
    paths = int(np.prod(widths)) if widths else 1
    if paths > MAX_SYMBOLIC_PATHS:
        count, unit = (f"{paths} per input", "") if per_input else (str(paths), " paths")
        raise UnsupportedError(
            f"the symbolic fold has one term per input-to-output path ({count} here); "
            f"it is written out for at most {MAX_SYMBOLIC_PATHS}{unit}"
        )
    return widths


def symbol_values(weights: list, biases: list, net: Network) -> dict[sympy.Symbol, float]:
    """Map the parameter symbols ``weights``, ``biases`` (per layer) to their numbers in ``net``."""
    out: dict[Any, float] = {}
    for sw, sb, w, b in zip(weights, biases, net.weights, net.biases, strict=True):
        for i, row in enumerate(sw):
            out[sb[i]] = float(b[i])
            for j, s in enumerate(row):
                out[s] = float(w[i, j])
    return out


def indexed_symbols(sizes: list[int]) -> tuple[list, list]:
    """Parameter symbols per layer of these sizes: ``w{layer}_{to}_{from}``, ``b{layer}_{to}``."""
    import sympy

    weights, biases = [], []
    for layer, (n_in, n_out) in enumerate(itertools.pairwise(sizes), start=1):
        weights.append(
            [[sympy.Symbol(f"w{layer}_{i + 1}_{j + 1}") for j in range(n_in)] for i in range(n_out)]
        )
        biases.append([sympy.Symbol(f"b{layer}_{i + 1}") for i in range(n_out)])
    return weights, biases


def fold_symbols(weights: list, biases: list, k: int) -> tuple[sympy.Matrix, sympy.Matrix]:
    """The symbolic layers carried as x ↦ A x + c from ``k`` inputs: (A (1, k), c (1, 1))."""
    import sympy

    slope, shift = sympy.eye(k), sympy.zeros(k, 1)
    for w, b in zip(weights, biases, strict=True):
        wm = sympy.Matrix(w)
        slope, shift = wm * slope, wm * shift + sympy.Matrix(b)
    return slope, shift


def _symbols(widths: list[int]) -> tuple[list, list]:
    """Parameter symbols per layer: lesson names up to one hidden layer, indexed names beyond."""
    import sympy

    sizes = [1, *widths, 1]
    if len(widths) <= 1:  # lesson style: w1, w2, … and b1, b2, … counted through the layers
        weights, biases = [], []
        n_w = n_b = 0
        for n_in, n_out in itertools.pairwise(sizes):
            # the first layer has one weight per neuron, the output one weight per input
            layer = [[sympy.Symbol(f"w{n_w + i * n_in + j + 1}") for j in range(n_in)]
                     for i in range(n_out)]  # fmt: skip
            weights.append(layer)
            biases.append([sympy.Symbol(f"b{n_b + i + 1}") for i in range(n_out)])
            n_w += n_in * n_out
            n_b += n_out
        return weights, biases
    return indexed_symbols(sizes)


def symbolic_line(widths: list[int] | Network) -> SymbolicLine:
    """The symbolic fold of an identity network with these hidden widths (or this network's).

    For 1-3-1: a = w1·w4 + w2·w5 + w3·w6 and b = b1·w4 + b2·w5 + b3·w6 + b4.
    """
    import sympy

    if isinstance(widths, Network):
        require_identity(widths, "fold_linear")
        widths = widths.widths
    widths = symbolic_widths(widths)
    weights, biases = _symbols(widths)
    slope, shift = fold_symbols(weights, biases, 1)
    return SymbolicLine(sympy.expand(slope[0, 0]), sympy.expand(shift[0, 0]), weights, biases)
