"""Write a network as the formula a learner would write on paper."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import activations as act

if TYPE_CHECKING:
    from .model import Network

MINUS = "\u2212"  # the typographic minus sign


def number(value: float, digits: int = 4) -> str:
    """|value| with ``digits`` significant digits and no trailing zeros (2.4, 7, 1e-05)."""
    return f"{abs(float(value)):.{digits}g}"


def latex_number(value: float, digits: int = 4) -> str:
    """|value| as LaTeX: ``2.4``, ``1.5 \\times 10^{-5}``."""
    text = number(value, digits)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else f"{mantissa} \\times {power}"


class _Writer:
    """Signs, products and calls in the pretty, the plain (parseable) or the LaTeX style."""

    def __init__(self, plain: bool, digits: int, latex: bool = False) -> None:
        self.plain = plain
        self.latex = latex
        self.digits = digits
        self.minus = "-" if plain or latex else MINUS

    def num(self, v: float) -> str:
        return latex_number(v, self.digits) if self.latex else number(v, self.digits)

    def join(self, terms: list[tuple[float, str]]) -> str:
        """Sum of sign-carrying terms: [(coef, body)], body '' for a constant."""
        out = ""
        for coef, body in terms:
            mag = abs(coef)
            if number(mag, self.digits) == "0":
                continue
            if body == "":
                text = self.num(mag)
            elif number(mag, self.digits) == "1":
                text = body
            else:
                # a name with an underscore or digits (hard_sigmoid, a1_2, x3) after a number
                # needs a dot to stay readable
                head = body.split("(")[0]
                readable = "_" in head or any(c.isdigit() for c in head)
                dot = "*" if self.plain else ("·" if readable and not self.latex else "")
                if self.latex and "times" in self.num(mag):
                    dot = "\\cdot "
                text = f"{self.num(mag)}{dot}{body}"
            neg = coef < 0
            if not out:
                out = (self.minus if neg else "") + text
            else:
                out += f" {self.minus if neg else '+'} {text}"
        return out or "0"

    def call(self, name: str, inner: str) -> str:
        a = act.ACTIVATIONS[name]
        if self.latex:
            head = LATEX_NAMES.get(name, "\\operatorname{" + name.replace("_", "\\_") + "}")
            return f"{head}\\left({inner}\\right)"
        if name == "identity":
            return f"({inner})"
        if self.plain:
            return f"{a.name}({inner})"
        return f"{a.symbol}({inner})"

    def linear(self, ws: np.ndarray, inputs: list[str], b: float) -> str:
        terms = [(float(w), v) for w, v in zip(ws, inputs, strict=True)]
        terms.append((float(b), ""))
        return self.join(terms)


LATEX_NAMES = {"identity": "", "sigmoid": "\\sigma", "tanh": "\\tanh", "sin": "\\sin"}


def input_names(k: int) -> list[str]:
    """The names of k inputs: ``x`` alone, else ``x1 … xk`` (what the expression parser reads)."""
    return ["x"] if k == 1 else [f"x{i}" for i in range(1, k + 1)]


def network_formula(net: Network, *, plain: bool, digits: int, latex: bool = False) -> str:
    """See :meth:`Network.formula`."""
    wr = _Writer(plain, digits, latex)
    inputs = input_names(net.inputs)
    if latex and net.inputs > 1:
        inputs = [f"x_{{{i}}}" for i in range(1, net.inputs + 1)]
    lines = []
    for layer, (w, b, name) in enumerate(
        zip(net.weights[:-1], net.biases[:-1], net.activations, strict=True), start=1
    ):
        bodies = [wr.call(name, wr.linear(w[i], inputs, b[i])) for i in range(w.shape[0])]
        if layer == net.depth == 1:
            inputs = bodies
            break
        names = [f"a{layer}_{i + 1}" for i in range(w.shape[0])]
        if latex:
            names = [f"a^{{({layer})}}_{{{i + 1}}}" for i in range(w.shape[0])]
        lines += [f"{n} = {body}" for n, body in zip(names, bodies, strict=True)]
        inputs = names
    w_out, b_out = net.weights[-1], net.biases[-1]
    if w_out.shape[0] > 1:  # K outputs: y1 … yK, the hidden lines written once
        outs = [f"y{k + 1} = " + wr.linear(w_out[k], inputs, b_out[k]) for k in range(len(b_out))]
    else:
        outs = ["y = " + wr.linear(w_out[0], inputs, b_out[0])]
    if latex:
        if not lines and len(outs) == 1:
            return outs[0]
        rows = [line.replace(" = ", " &= ", 1) for line in [*lines, *outs]]
        return "\\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}"
    return "\n".join([*lines, *outs])
