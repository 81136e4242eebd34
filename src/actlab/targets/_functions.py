"""The whitelist of functions and constants an expression may use, as numpy callables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

import numpy as np

from ..activations import ACTIVATIONS

__all__ = ["CONSTANTS", "FUNCTIONS", "Function"]

Array = np.ndarray


@dataclass(frozen=True)
class Function:
    """A whitelisted function: how many arguments it takes and the numpy code it runs."""

    name: str
    min_args: int
    max_args: int  # -1: any number ≥ min_args
    fn: Callable[..., Array]

    def arity(self) -> str:
        """'1 argument', '3 arguments', '2 or more arguments'."""
        if self.max_args < 0:
            return f"{self.min_args} or more arguments"
        return f"{self.min_args} argument" + ("s" if self.min_args != 1 else "")


def _one(name: str, fn: Callable[[Array], Array]) -> Function:
    return Function(name, 1, 1, fn)


def _clip(v: Array, lo: Array, hi: Array) -> Array:
    return np.minimum(np.maximum(v, lo), hi)


_BASIC = [
    _one("sin", np.sin),
    _one("cos", np.cos),
    _one("tan", np.tan),
    _one("arcsin", np.arcsin),
    _one("arccos", np.arccos),
    _one("arctan", np.arctan),
    _one("sinh", np.sinh),
    _one("cosh", np.cosh),
    _one("tanh", np.tanh),
    _one("exp", np.exp),
    _one("log", np.log),
    _one("log2", np.log2),
    _one("log10", np.log10),
    _one("sqrt", np.sqrt),
    _one("abs", np.abs),
    _one("floor", np.floor),
    _one("ceil", np.ceil),
    _one("sign", np.sign),
    Function("min", 2, -1, lambda *a: reduce(np.minimum, a)),
    Function("max", 2, -1, lambda *a: reduce(np.maximum, a)),
    Function("clip", 3, 3, _clip),
]

FUNCTIONS: dict[str, Function] = {f.name: f for f in _BASIC}
# Every activation by its public name, so that Network.formula(plain=True) parses back.
for _name, _act in ACTIVATIONS.items():
    FUNCTIONS.setdefault(_name, _one(_name, _act.fn))

CONSTANTS: dict[str, float] = {"pi": float(np.pi), "e": float(np.e)}
