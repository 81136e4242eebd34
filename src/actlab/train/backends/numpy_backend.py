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
        try:
            chol = np.linalg.cholesky(a)
            ok = np.ones(a.shape[0], dtype=bool)
        except np.linalg.LinAlgError:
            # factor one by one only when some matrix is not positive definite
            chol = np.zeros_like(a)
            ok = np.zeros(a.shape[0], dtype=bool)
            for i in range(a.shape[0]):
                try:
                    chol[i] = np.linalg.cholesky(a[i])
                    ok[i] = True
                except np.linalg.LinAlgError:
                    chol[i] = np.eye(a.shape[-1])
        y = np.linalg.solve(chol, b[..., None])
        x = np.linalg.solve(np.swapaxes(chol, -1, -2), y)[..., 0]
        return np.where(ok[:, None], x, 0.0), ok

    def act(self, name: str, z: Array) -> tuple[Array, Array]:
        a = act.ACTIVATIONS[name]
        value = a.fn(z)
        deriv = a.grad(z)
        return value.astype(self._dt, copy=False), deriv.astype(self._dt, copy=False)
