"""Safe target expressions: text → a vectorised numpy function of x, never eval/exec.

The text is tokenized against a whitelist of characters, parsed by a
recursive-descent parser into a small tree, and evaluated node by node with
numpy on float64 arrays. Nothing in the text can name Python objects.

Syntax
------
- numbers (``2``, ``0.5``, ``1e-3``), the variable ``x``, the constants ``pi`` and ``e``;
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

import numpy as np

from ..errors import ExpressionError
from ._lexer import MAX_LENGTH
from ._nodes import Compare, Node, Num, Piecewise, Ref, Var, truth
from ._parser import MAX_DEPTH, MAX_EXPONENT, Program, parse_program

__all__ = ["MAX_DEPTH", "MAX_EXPONENT", "MAX_LENGTH", "Expression", "parse"]

Array = np.ndarray


class Expression:
    """A parsed expression: call it on x; it raises rather than return inf/NaN."""

    def __init__(self, program: Program) -> None:
        self.text = program.text
        self._program = program

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    @property
    def kinks(self) -> tuple[float, ...]:
        """Constants that x is compared with (breakpoints of piecewise definitions)."""
        found: set[float] = set()
        for node in self._walk():
            if isinstance(node, Compare):
                ops = node.operands
                for a, b in itertools.pairwise(ops):
                    for u, v in ((a, b), (b, a)):
                        if isinstance(u, Var) and isinstance(v, Num):
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
        """Value at ``x`` without the finiteness check (inf/NaN may appear)."""
        xs = np.asarray(x, dtype=np.float64)
        y = np.asarray(self._program.evaluate(xs), dtype=np.float64)
        return np.broadcast_to(y, xs.shape).copy() if y.shape != xs.shape else y

    def __call__(self, x: Array) -> Array:
        """f(x) as float64; raises ExpressionError where it is not finite."""
        xs = np.asarray(x, dtype=np.float64)
        y = self.raw(xs)
        bad = ~np.isfinite(y)
        if bad.any():
            raise self._explain(float(xs.reshape(-1)[np.flatnonzero(bad.reshape(-1))[0]]))
        return y

    def check(self, domain: tuple[float, float], points: int = 1001) -> None:
        """Raise ExpressionError if the expression is not finite on a grid over ``domain``."""
        grid = np.linspace(domain[0], domain[1], points)
        self(np.union1d(grid, [k for k in self.kinks if domain[0] <= k <= domain[1]]))

    def _explain(self, x0: float) -> ExpressionError:
        """Find the innermost sub-expression that turns non-finite at ``x0``."""
        x = np.array([x0])
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
                            f"no piece of piecewise(...) covers x = {x0:g}; add a default "
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
            f"'{snippet}' is not finite at x = {x0:g} (it gives {got}); the target must be "
            "finite wherever it is evaluated",
            text,
            pos,
        )


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
