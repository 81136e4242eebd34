"""Fused numba kernels for networks with one hidden layer (optional, with a numpy fallback).

Why numba: a small network's training step is a few hundred flops per data
point, so numpy's cost is the dozens of array calls per step and the (P, N,
width) temporaries they allocate, not the arithmetic. A compiled loop over
networks that does forward pass, backward pass and update for one network at
a time keeps its parameters in registers and the 201 data points in L1 cache,
allocates nothing, and runs the networks on every core (``prange``). When
numba is missing (or ``ACTLAB_NO_NUMBA=1``), the generic numpy code runs
instead and gives the same numbers to rounding.
"""

from __future__ import annotations

import os
from typing import Any

__all__ = ["ACT_CODES", "available", "load", "load_deep"]

# activation name → integer code understood by the kernels
ACT_CODES = {
    "identity": 0,
    "sigmoid": 1,
    "tanh": 2,
    "relu": 3,
    "leaky_relu": 4,
    "hard_sigmoid": 5,
    "hard_tanh": 6,
    "softplus": 7,
    "elu": 8,
    "gelu": 9,
    "silu": 10,
    "sin": 11,
    "square": 12,
}

_STATE: dict[str, Any] = {}


def available() -> bool:
    """Whether the fused kernels can be used (numba importable and not switched off)."""
    if os.environ.get("ACTLAB_NO_NUMBA", "") not in ("", "0"):
        return False
    if "ok" not in _STATE:
        try:
            import numba  # noqa: F401

            _STATE["ok"] = True
        except ImportError:  # pragma: no cover - depends on the environment
            _STATE["ok"] = False
    return bool(_STATE["ok"])


def load() -> Any:
    """The kernels module (compiling on first use, cached on disk afterwards)."""
    from . import _compiled

    return _compiled


def load_deep() -> Any:
    """The any-depth kernels (``_deep``: any number of layers and inputs)."""
    from . import _deep

    return _deep
