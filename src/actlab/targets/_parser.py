"""Recursive-descent parser: tokens → a tree of :mod:`._nodes`, constants folded.

Grammar (lowest precedence first)::

    program   := statement ((';' | newline) statement)*
    statement := NAME '=' compare | compare
    compare   := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)*
    sum       := product (('+' | '-') product)*
    product   := unary (('*' | '/') unary)*
    unary     := ('-' | '+') unary | power
    power     := atom (('**' | '^') unary)?          right-associative
    atom      := NUMBER | x | xN | pi | e | NAME | FUNCTION '(' args ')'
               | 'piecewise' '(' compare ':' compare (',' compare ':' compare)* [',' compare] ')'
               | '(' compare ')'

The inputs are ``x`` (one input) or ``x1 … xk`` (k inputs, k the highest number
used: ``x3`` alone means three inputs); the two styles never mix.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from ..errors import ExpressionError
from ._functions import CONSTANTS, FUNCTIONS
from ._lexer import ALLOWED, Token, tokenize
from ._nodes import Call, Compare, Node, Num, Piecewise, Power, Product, Program, Ref, Sum, Var

__all__ = ["MAX_DEPTH", "MAX_EXPONENT", "Program", "parse_program"]

MAX_DEPTH = 50
MAX_EXPONENT = 1000.0
_CMP_OPS = ("<", "<=", ">", ">=", "==", "!=")
_RESERVED = {"x", "piecewise", *CONSTANTS, *FUNCTIONS}
_INPUT = re.compile(r"x([0-9]+)", re.ASCII)  # x1, x2, …: the inputs of a k-input target
MAX_INPUTS = 4096  # as many inputs as a network may have


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        self.names: dict[str, Node] = {}
        self.first_input: Token | None = None  # the first x or xN seen: fixes the style
        self.inputs = 1

    # -------------------------------------------------------------- helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def fail(self, message: str, pos: int | None = None) -> ExpressionError:
        return ExpressionError(message, self.text, self.tok.pos if pos is None else pos)

    def is_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    def expect(self, op: str, what: str, pos: int | None = None) -> Token:
        if not self.is_op(op):
            what = f" {what}" if what else ""
            raise self.fail(f"expected '{op}'{what}, found {self.describe()}", pos)
        tok = self.tok
        self.i += 1
        return tok

    def describe(self) -> str:
        t = self.tok
        return {"end": "the end of the text", "sep": "the end of a line"}.get(t.kind, f"'{t.text}'")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(
                f"the expression nests deeper than {MAX_DEPTH} levels (parentheses, calls, "
                "signs and powers); simplify it"
            )

    def fold(self, node: Node) -> Node:
        """Replace a node whose inputs are all constants by its value."""
        if not all(isinstance(c, Num) for c in node.children()):
            return node
        with np.errstate(all="ignore"):
            value = float(np.asarray(node.eval(np.float64(0.0), {}), dtype=np.float64))
        if not np.isfinite(value):
            snippet = self.text[node.start : node.end]
            raise self.fail(f"'{snippet}' is not a finite number ({value})", node.start)
        return Num(node.start, node.end, value)

    # -------------------------------------------------------------- grammar
    def program(self) -> Program:
        bindings: list[tuple[str, Node]] = []
        result: Node | None = None
        while True:
            while self.tok.kind == "sep":
                self.i += 1
            if self.tok.kind == "end":
                break
            name, node = self.statement()
            if name is not None:
                bindings.append((name, node))
                self.names[name] = node
            result = node
            if self.tok.kind not in ("sep", "end"):
                raise self.unexpected()
        if result is None:
            raise ExpressionError(f"the expression is empty; {ALLOWED}", self.text, 0)
        if bindings and bindings[-1][1] is result:
            bindings.pop()
        numbered = self.first_input is not None and self.first_input.text != "x"
        return Program(self.text, bindings, result, self.inputs, numbered)

    def unexpected(self) -> ExpressionError:
        if self.tok.kind in ("num", "name") or self.is_op("("):
            return self.fail("missing operator: write '*' to multiply (e.g. 2*x, x*(x + 1))")
        if self.is_op("="):
            return self.fail("'=' may only follow a name at the start of a line; compare with '=='")
        return self.fail(f"unexpected {self.describe()}; {ALLOWED}")

    def statement(self) -> tuple[str | None, Node]:
        nxt = self.tokens[self.i + 1]
        if self.tok.kind == "name" and nxt.kind == "op" and nxt.text == "=":
            name = self.tok.text
            reserved = name in _RESERVED or _INPUT.fullmatch(name) is not None
            if reserved or name.startswith("_") or name in self.names:
                why = "is already defined" if name in self.names else "cannot be assigned"
                raise self.fail(f"the name '{name}' {why}")
            self.i += 2
            return name, self.compare()
        return None, self.compare()

    def chain(self, part: Callable[[], Node], *ops: str) -> tuple[list[Node], list[str]]:
        """``part (op part)*``: the parts, and the operators between them."""
        parts = [part()]
        between: list[str] = []
        while self.is_op(*ops):
            between.append(self.tok.text)
            self.i += 1
            parts.append(part())
        return parts, between

    def compare(self) -> Node:
        operands, ops = self.chain(self.sum, *_CMP_OPS)
        if not ops:
            return operands[0]
        return self.fold(Compare(operands[0].start, operands[-1].end, operands, ops))

    def sum(self) -> Node:
        terms, ops = self.chain(self.product, "+", "-")
        if not ops:
            return terms[0]
        signs = [1.0, *(1.0 if op == "+" else -1.0 for op in ops)]
        return self.fold(Sum(terms[0].start, terms[-1].end, terms, signs))

    def product(self) -> Node:
        factors, ops = self.chain(self.unary, "*", "/")
        if not ops:
            return factors[0]
        return self.fold(Product(factors[0].start, factors[-1].end, factors, ["*", *ops]))

    def unary(self) -> Node:
        if self.is_op("-", "+"):
            tok = self.tok
            self.i += 1
            self.enter()
            operand = self.unary()
            self.depth -= 1
            if tok.text == "+":
                return operand
            return self.fold(Sum(tok.pos, operand.end, [operand], [-1.0]))
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if not self.is_op("**", "^"):
            return base
        self.i += 1
        self.enter()
        exponent = self.unary()
        self.depth -= 1
        if isinstance(exponent, Num) and abs(exponent.value) > MAX_EXPONENT:
            raise self.fail(
                f"the exponent {exponent.value:g} is too large; constant exponents must lie in "
                f"[-{MAX_EXPONENT:g}, {MAX_EXPONENT:g}]",
                exponent.start,
            )
        return self.fold(Power(base.start, exponent.end, base, exponent))

    def atom(self) -> Node:
        tok = self.tok
        if tok.kind == "num":
            self.i += 1
            return Num(tok.pos, tok.pos + len(tok.text), tok.value)
        if tok.kind == "name":
            return self.name()
        if self.is_op("("):
            self.i += 1
            self.enter()
            inner = self.compare()
            self.depth -= 1
            close = self.expect(")", "to close the parenthesis opened here", tok.pos)
            inner.start, inner.end = tok.pos, close.pos + 1
            return inner
        raise self.fail(
            f"expected a number, x, a name or '(' but found {self.describe()}; {ALLOWED}"
        )

    def name(self) -> Node:
        tok = self.tok
        name = tok.text
        end = tok.pos + len(name)
        self.i += 1
        called = self.is_op("(")
        if name == "piecewise":
            if not called:
                raise self.fail("piecewise must be called: piecewise(x < 0: 0, x)", tok.pos)
            return self.piecewise(tok)
        if name in FUNCTIONS:
            if not called:
                raise self.fail(f"'{name}' is a function; call it as {name}(...)", tok.pos)
            return self.call(tok)
        numbered = _INPUT.fullmatch(name)
        known = name == "x" or numbered or name in CONSTANTS or name in self.names
        if called and known:
            raise self.fail(f"'{name}' is not a function", tok.pos)
        if called:
            raise self.fail(
                f"unknown function '{name}'; the functions are {', '.join(sorted(FUNCTIONS))}, "
                "piecewise",
                tok.pos,
            )
        if name == "x" or numbered:
            return self.variable(tok, int(numbered.group(1)) if numbered else None)
        if name in CONSTANTS:
            return Num(tok.pos, end, CONSTANTS[name])
        if name in self.names:
            return Ref(tok.pos, end, name, self.names[name])
        raise self.fail(
            f"unknown name '{name}'; use x, pi, e, a name defined on an earlier line, or one of "
            f"the functions {', '.join(sorted(FUNCTIONS))}, piecewise",
            tok.pos,
        )

    def variable(self, tok: Token, number: int | None) -> Node:
        """x, or input x{number}; the first one seen decides the style for the whole text."""
        first = self.first_input
        if first is not None and (first.text == "x") != (number is None):
            raise self.fail(
                f"'{tok.text}' mixes the single input x with numbered inputs ('{first.text}' "
                "came first): write x alone for one input, or x1, x2, … for every input",
                tok.pos,
            )
        self.first_input = first or tok
        if number is None:
            return Var(tok.pos, tok.pos + 1)
        if number < 1 or tok.text[1] == "0" or number > MAX_INPUTS:
            raise self.fail(
                f"inputs are numbered x1 to x{MAX_INPUTS} without leading zeros, got '{tok.text}'",
                tok.pos,
            )
        self.inputs = max(self.inputs, number)
        return Var(tok.pos, tok.pos + len(tok.text), number - 1)

    def arguments(self) -> list[Node]:
        self.expect("(", "")
        self.enter()
        args = [self.compare()]
        while self.is_op(","):
            self.i += 1
            args.append(self.compare())
        self.depth -= 1
        return args

    def call(self, tok: Token) -> Node:
        f = FUNCTIONS[tok.text]
        args = self.arguments()
        close = self.expect(")", f"to close the call of {tok.text}")
        n = len(args)
        if n < f.min_args or (f.max_args >= 0 and n > f.max_args):
            raise self.fail(f"{f.name} takes {f.arity()}, got {n}", tok.pos)
        return self.fold(Call(tok.pos, close.pos + 1, f, args))

    def piecewise(self, tok: Token) -> Node:
        self.expect("(", "")
        self.enter()
        conditions: list[Node] = []
        values: list[Node] = []
        default: Node | None = None
        while True:
            item = self.compare()
            if self.is_op(":"):
                if default is not None:
                    raise self.fail("the default value (no condition) must be the last piece")
                self.i += 1
                conditions.append(item)
                values.append(self.compare())
            elif default is None:
                default = item
            else:
                raise self.fail("only the last piece may lack a condition", item.start)
            if not self.is_op(","):
                break
            self.i += 1
        self.depth -= 1
        close = self.expect(")", "or ',' in piecewise(condition: value, ..., default)")
        if not conditions:
            raise self.fail("piecewise needs at least one 'condition: value' piece", tok.pos)
        return Piecewise(tok.pos, close.pos + 1, conditions, values, default)


def parse_program(text: str) -> Program:
    """Parse ``text`` or raise ExpressionError with a caret at the offending position."""
    return _Parser(text).program()
