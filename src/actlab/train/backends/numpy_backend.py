"""The numpy backend (default): float64 or float32 arrays on the CPU."""

from __future__ import annotations

from typing import Any

import numpy as np

from ... import activations as act
from .backend import Array, Backend

__all__ = ["NumpyBackend"]


class NumpyBackend(Backend):
    """numpy arrays; activations and derivatives straight from the activation table."""

    name = "numpy"
    device = "cpu"

    def __init__(self, dtype: str = "float64") -> None:
        self.dtype = dtype
        self._dt = np.dtype(dtype)

    def asarray(self, a: Any) -> Array:
        return np.array(a, dtype=self._dt)

    def to_numpy(self, a: Array) -> np.ndarray:
        return np.array(a, dtype=np.float64)

    def zeros(self, shape: tuple[int, ...]) -> Array:
        return np.zeros(shape, dtype=self._dt)

    def copy(self, a: Array) -> Array:
        return a.copy()

    def index(self, a: Array, idx: np.ndarray) -> Array:
        return a[idx]

    def sqrt(self, a: Array) -> Array:
        return np.sqrt(a)

    def abs(self, a: Array) -> Array:
        return np.abs(a)

    def where(self, cond: Array, a: Array, b: Array) -> Array:
        return np.where(cond, a, b)

    def maximum(self, a: Array, b: Array | float) -> Array:
        return np.maximum(a, b)

    def sum(self, a: Array, axis: int) -> Array:
        return a.sum(axis=axis)

    def amax(self, a: Array, axis: int) -> Array:
        return a.max(axis=axis)

    def finite_rows(self, a: Array) -> Array:
        return np.isfinite(a).reshape(a.shape[0], -1).all(axis=1)

    def solve_spd(self, a: Array, b: Array) -> tuple[Array, Array]:
        """Batched SPD solve by Cholesky and triangular solves (see :mod:`._spd`)."""
        from ._spd import spd_solve

        return spd_solve(a, b)

    def act(self, name: str, z: Array) -> tuple[Array, Array]:
        a = act.ACTIVATIONS[name]
        value = a.fn(z)
        deriv = a.grad(z)
        return value.astype(self._dt, copy=False), deriv.astype(self._dt, copy=False)
