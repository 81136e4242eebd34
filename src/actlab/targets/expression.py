"""Safe target expressions: text → a vectorised numpy function of x, never eval/exec.

The text is tokenized against a whitelist of characters, parsed by a
recursive-descent parser into a small tree, and evaluated node by node with
numpy on float64 arrays. Nothing in the text can name Python objects.

Syntax
------
- numbers (``2``, ``0.5``, ``1e-3``), the variable ``x``, the constants ``pi`` and ``e``;
- several inputs: ``x1 … xk`` instead of ``x`` (k is the highest number used, so
  ``x3`` alone means three inputs; ``x`` and ``x1`` never mix); such an expression
  is evaluated on X of shape (N, k) and gives (N,);
- ``+ - * /``, powers ``**`` or ``^`` (right-associative, ``-x**2`` is ``-(x**2)``);
  multiplication is always written: ``2*x``, not ``2x``;
- comparisons ``< <= > >= == !=`` give 1 where true and 0 where false, and chain
  like in mathematics: ``0 <= x < 2``;
- functions: sin cos tan arcsin arccos arctan sinh cosh tanh exp log log2 log10
  sqrt abs floor ceil sign, ``min(a, b, …)``, ``max(a, b, …)``, ``clip(v, lo, hi)``,
  and every activation by name (sigmoid relu leaky_relu hard_sigmoid hard_tanh
  softplus elu gelu silu square step identity …);
- **piecewise**: ``piecewise(cond1: value1, cond2: value2, …, default)`` takes, at
  each x, the value of the first piece whose condition holds (is non-zero); the
  last argument, without a condition, is the default and may be left out (then
  an x no piece covers is an error). The lesson's function in one line::

      piecewise(x < 0: 0, x < 2: 2*x, x < 4: -x + 6, 2)

- several lines (or ``;``-separated statements) ``name = expression`` define
  names for later lines; the last line is the result, so ``Network.formula(plain=True)``
  output (``a1_1 = relu(…)`` … ``y = …``) parses back. The typeset characters
  ``− × · ÷ ≤ ≥ ≠ π`` are read as ``- * * / <= >= != pi``.

Limits: at most 2000 characters, 50 levels of nesting, constant exponents in
[−1000, 1000]; constants must be finite. A value that is not finite (inf or
NaN) where the expression is evaluated raises :class:`ExpressionError` naming
the sub-expression and the x where it happens.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from .._validate import check_columns
from ..errors import ExpressionError
from ._lexer import MAX_LENGTH
from ._nodes import Compare, Node, Num, Piecewise, Ref, Var, truth
from ._parser import MAX_DEPTH, MAX_EXPONENT, Program, parse_program

__all__ = ["MAX_DEPTH", "MAX_EXPONENT", "MAX_LENGTH", "Expression", "box_points", "parse"]

Array = np.ndarray


class Expression:
    """A parsed expression: call it on x; it raises rather than return inf/NaN."""

    def __init__(self, program: Program) -> None:
        self.text = program.text
        self._program = program

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    @property
    def inputs(self) -> int:
        """Number of inputs k: 1 for an expression in x, the highest n of x1 … xn otherwise."""
        return self._program.inputs

    def _columns(self, x: Array) -> Array:
        """X as float64 (..., N, k) for an expression in x1 … xk, else x as given."""
        xs = np.asarray(x, dtype=np.float64)
        if not self._program.numbered:
            return xs
        k = self.inputs
        if k == 1 and (xs.ndim == 0 or xs.shape[-1] != 1):
            return xs[..., None]  # x1 alone: a vector of points, as for x
        return check_columns(xs, k, f"the expression uses {k} inputs (x1 … x{k})")

    @property
    def kinks(self) -> tuple[float, ...]:
        """Constants that x is compared with (breakpoints of piecewise definitions; 1-D only)."""
        found: set[float] = set()
        for node in self._walk():
            if isinstance(node, Compare):
                ops = node.operands
                for a, b in itertools.pairwise(ops):
                    for u, v in ((a, b), (b, a)):
                        if isinstance(u, Var) and u.index is None and isinstance(v, Num):
                            found.add(v.value)
        return tuple(sorted(found))

    def _walk(self) -> list[Node]:
        stack = [n for _, n in self._program.bindings] + [self._program.result]
        out = []
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(node.children())
        return out

    def raw(self, x: Array) -> Array:
        """Value at ``x`` (or X (N, k)) without the finiteness check (inf/NaN may appear)."""
        xs = self._columns(x)
        shape = xs.shape[:-1] if self._program.numbered else xs.shape
        y = np.asarray(self._program.evaluate(xs), dtype=np.float64)
        return np.broadcast_to(y, shape).copy() if y.shape != shape else y

    def __call__(self, x: Array) -> Array:
        """f(x) (or f(X) for X (N, k)) as float64; raises ExpressionError where not finite."""
        xs = self._columns(x)
        y = self.raw(xs)
        bad = ~np.isfinite(y)
        if bad.any():
            first = np.flatnonzero(bad.reshape(-1))[0]
            if self._program.numbered:
                raise self._explain(xs.reshape(-1, xs.shape[-1])[first])
            raise self._explain(float(xs.reshape(-1)[first]))
        return y

    def check(self, domain: Any, points: int = 1001) -> None:
        """Raise ExpressionError if the expression is not finite on a grid over ``domain``.

        ``domain`` is (a, b) for one input, and a box ((lo, hi) per input) for k > 1:
        then a grid of about ``points`` · 20 points over the box (seeded random points
        where k is too large for a grid) is checked.
        """
        if self.inputs == 1:
            grid = np.linspace(domain[0], domain[1], points)
            self(np.union1d(grid, [k for k in self.kinks if domain[0] <= k <= domain[1]]))
            return
        self(box_points(domain, 20 * points))

    def _explain(self, x0: Any) -> ExpressionError:
        """Find the innermost sub-expression that turns non-finite at ``x0`` (a point)."""
        x = np.array([x0]) if self._program.numbered else np.array([float(x0)])
        where = _where(x0, self._program.numbered)
        env: dict[str, Array] = {}
        with np.errstate(all="ignore"):
            for name, node in self._program.bindings:
                env[name] = node.eval(x, env)

            def value(n: Node) -> Array:
                return np.broadcast_to(np.asarray(n.eval(x, env), np.float64), (1,))

            node = self._program.result
            while True:
                if isinstance(node, Ref):
                    node = node.bound
                    continue
                if isinstance(node, Piecewise):
                    chosen = next(
                        (
                            v
                            for c, v in zip(node.conditions, node.values, strict=True)
                            if truth(value(c))[0]
                        ),
                        node.default,
                    )
                    if chosen is None:
                        return ExpressionError(
                            f"no piece of piecewise(...) covers {where}; add a default "
                            "value as its last argument",
                            self.text,
                            node.start,
                        )
                    kids = [chosen]
                else:
                    kids = node.children()
                nxt = next((k for k in kids if not np.isfinite(value(k)[0])), None)
                if nxt is None:
                    break
                node = nxt
            got = value(node)[0]
        snippet = self.text[node.start : node.end]
        text, pos = _line_of(self.text, node.start)
        return ExpressionError(
            f"'{snippet}' is not finite at {where} (it gives {got}); the target must be "
            "finite wherever it is evaluated",
            text,
            pos,
        )


def _where(point: Any, numbered: bool) -> str:
    """``x = 0.5`` for one input, ``x1 = 0.5, x2 = 1`` for a point of k inputs."""
    if not numbered:
        return f"x = {float(point):g}"
    return ", ".join(f"x{i} = {float(v):g}" for i, v in enumerate(np.ravel(point), start=1))


def box_points(box: Any, count: int) -> Array:
    """About ``count`` points covering a box ((lo, hi) per input): a grid, corners included.

    Where a grid of at least 3 points per side would exceed ``count`` (many inputs),
    ``count`` uniform points from a fixed seed and the box's centre are used instead.
    """
    lo, hi = np.asarray(box, dtype=np.float64).T
    k = lo.size
    count = min(count, max(64, 2_000_000 // k))  # at most ~2e6 numbers, however many inputs
    side = int(count ** (1.0 / k) + 1e-9)
    if side >= 3:
        axes = [np.linspace(a, b, side) for a, b in zip(lo, hi, strict=True)]
        return np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, k)
    rng = np.random.default_rng(0)  # fixed: the same check every time
    return np.vstack([rng.uniform(lo, hi, (count, k)), (lo + hi) / 2])


def _line_of(text: str, pos: int) -> tuple[str, int]:
    """The line of ``text`` holding ``pos`` and the offset within it (for the caret)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end], pos - start


def parse(text: str) -> Expression:
    """Parse ``text`` (see the module docstring) or raise ExpressionError with a caret."""
    try:
        return Expression(parse_program(text))
    except ExpressionError as e:
        if "\n" in e.text and e.position is not None:
            line, pos = _line_of(e.text, e.position)
            raise ExpressionError(e.message, line, pos) from None
        raise
