"""Expression tree nodes: each evaluates itself on a float array of x values.

Sums and products are n-ary so that long chains (``x + x + … + x``) stay
shallow; nesting is bounded by the parser, so evaluation never recurses deeply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._functions import Function

__all__ = [
    "Call",
    "Compare",
    "Node",
    "Num",
    "Piecewise",
    "Power",
    "Product",
    "Program",
    "Ref",
    "Sum",
    "Var",
]

Array = np.ndarray
Env = dict[str, Array]

_CMP = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
}


@dataclass(eq=False)
class Node:
    """Base node: ``start``/``end`` is its span in the source text."""

    start: int
    end: int

    def eval(self, x: Array, env: Env) -> Array:
        """Value at ``x`` (numpy errors must be silenced by the caller)."""
        raise NotImplementedError

    def children(self) -> list[Node]:
        """Direct sub-expressions."""
        return []


@dataclass(eq=False)
class Num(Node):
    """A constant."""

    value: float = 0.0

    def eval(self, x: Array, env: Env) -> Array:
        return np.float64(self.value)


@dataclass(eq=False)
class Var(Node):
    """The variable x, or input ``x{index + 1}`` of X (N, k) for several inputs."""

    index: int | None = None

    def eval(self, x: Array, env: Env) -> Array:
        return x if self.index is None else x[..., self.index]


@dataclass(eq=False)
class Ref(Node):
    """A name bound by an earlier ``name = …`` line."""

    name: str = ""
    bound: Node | None = None

    def eval(self, x: Array, env: Env) -> Array:
        return env[self.name]


@dataclass(eq=False)
class Sum(Node):
    """t0 ± t1 ± …; ``signs[i]`` is +1 or −1 (a leading unary minus is the sign of t0)."""

    terms: list[Node] = field(default_factory=list)
    signs: list[float] = field(default_factory=list)

    def eval(self, x: Array, env: Env) -> Array:
        acc = None
        for s, t in zip(self.signs, self.terms, strict=True):
            v = t.eval(x, env)
            acc = (v if s > 0 else -v) if acc is None else (acc + v if s > 0 else acc - v)
        return acc

    def children(self) -> list[Node]:
        return list(self.terms)


@dataclass(eq=False)
class Product(Node):
    """f0 (*|/) f1 (*|/) …; ``ops[0]`` is always '*'."""

    factors: list[Node] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)

    def eval(self, x: Array, env: Env) -> Array:
        acc = self.factors[0].eval(x, env)
        for op, f in zip(self.ops[1:], self.factors[1:], strict=True):
            v = f.eval(x, env)
            acc = acc * v if op == "*" else acc / v
        return acc

    def children(self) -> list[Node]:
        return list(self.factors)


@dataclass(eq=False)
class Power(Node):
    """base ** exponent."""

    base: Node | None = None
    exponent: Node | None = None

    def eval(self, x: Array, env: Env) -> Array:
        return np.power(self.base.eval(x, env), self.exponent.eval(x, env))

    def children(self) -> list[Node]:
        return [self.base, self.exponent]


@dataclass(eq=False)
class Compare(Node):
    """a < b [< c …]: 1.0 where every comparison holds, else 0.0."""

    operands: list[Node] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)

    def eval(self, x: Array, env: Env) -> Array:
        values = [o.eval(x, env) for o in self.operands]
        ok = np.bool_(True)
        for op, a, b in zip(self.ops, values, values[1:], strict=False):
            ok = np.logical_and(ok, _CMP[op](a, b))
        return np.asarray(ok, dtype=np.float64)

    def children(self) -> list[Node]:
        return list(self.operands)


@dataclass(eq=False)
class Call(Node):
    """A whitelisted function applied to its arguments."""

    function: Function | None = None
    args: list[Node] = field(default_factory=list)

    def eval(self, x: Array, env: Env) -> Array:
        return self.function.fn(*(np.asarray(a.eval(x, env), np.float64) for a in self.args))

    def children(self) -> list[Node]:
        return list(self.args)


def truth(c: Array) -> Array:
    """Where a condition holds: non-zero and not NaN."""
    return np.logical_and(c != 0, ~np.isnan(c))


@dataclass(eq=False)
class Piecewise(Node):
    """piecewise(c1: v1, c2: v2, …, default): the first piece whose condition holds."""

    conditions: list[Node] = field(default_factory=list)
    values: list[Node] = field(default_factory=list)
    default: Node | None = None

    def eval(self, x: Array, env: Env) -> Array:
        out = np.float64(np.nan) if self.default is None else self.default.eval(x, env)
        for c, v in zip(reversed(self.conditions), reversed(self.values), strict=True):
            out = np.where(truth(c.eval(x, env)), v.eval(x, env), out)
        return out

    def children(self) -> list[Node]:
        return [*self.conditions, *self.values] + ([self.default] if self.default else [])


class Program:
    """Parsed text: ``bindings`` (name = node, in order) and the ``result`` node."""

    def __init__(
        self,
        text: str,
        bindings: list[tuple[str, Node]],
        result: Node,
        inputs: int = 1,
        numbered: bool = False,
    ) -> None:
        self.text = text
        self.bindings = bindings
        self.result = result
        self.inputs = inputs  # k: 1 for x, else the highest n of the names xn used
        self.numbered = numbered  # written with x1 … xk: evaluated on X (N, k)

    def evaluate(self, x: np.ndarray) -> np.ndarray:
        """Raw value at ``x`` (may hold inf/NaN); numpy warnings silenced."""
        env: dict[str, np.ndarray] = {}
        with np.errstate(all="ignore"):
            for name, node in self.bindings:
                env[name] = node.eval(x, env)
            return self.result.eval(x, env)
