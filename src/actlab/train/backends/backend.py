"""The interface every array backend implements.

The optimizers and backprop only use arithmetic operators, indexing, ``@``
and the methods below, so one implementation serves numpy and torch alike.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

__all__ = ["Backend"]

Array = Any


class Backend(ABC):
    """Arrays, reductions, linear algebra and activations for one library, device and dtype."""

    name: str
    device: str
    dtype: str

    # ------------------------------------------------------------ arrays
    @abstractmethod
    def asarray(self, a: Any) -> Array:
        """``a`` as this backend's array in its dtype, on its device."""

    @abstractmethod
    def to_numpy(self, a: Array) -> np.ndarray:
        """A float64 numpy copy of ``a``."""

    @abstractmethod
    def zeros(self, shape: tuple[int, ...]) -> Array:
        """An array of zeros."""

    @abstractmethod
    def copy(self, a: Array) -> Array:
        """An independent copy of ``a``."""

    @abstractmethod
    def index(self, a: Array, idx: np.ndarray) -> Array:
        """``a[idx]``: rows of the first (points) axis for an integer numpy index."""

    # -------------------------------------------------------- elementwise
    @abstractmethod
    def sqrt(self, a: Array) -> Array:
        """√a."""

    @abstractmethod
    def abs(self, a: Array) -> Array:
        """|a|."""

    @abstractmethod
    def where(self, cond: Array, a: Array, b: Array) -> Array:
        """``a`` where ``cond`` else ``b`` (broadcasting)."""

    @abstractmethod
    def maximum(self, a: Array, b: Array | float) -> Array:
        """Elementwise max(a, b)."""

    # --------------------------------------------------------- reductions
    @abstractmethod
    def sum(self, a: Array, axis: int) -> Array:
        """Sum over one axis."""

    @abstractmethod
    def amax(self, a: Array, axis: int) -> Array:
        """Maximum over one axis."""

    @abstractmethod
    def finite_rows(self, a: Array) -> Array:
        """Whether each row (leading index) holds only finite values: shape (P,), bool."""

    # ------------------------------------------------------ linear algebra
    @abstractmethod
    def solve_spd(self, a: Array, b: Array) -> tuple[Array, Array]:
        """Batched solve of symmetric positive definite (P, p, p) · x = (P, p).

        Returns ``(x, ok)``; where the factorisation fails ``ok`` is False and
        that row of ``x`` is zero.
        """

    # -------------------------------------------------------- activations
    @abstractmethod
    def act(self, name: str, z: Array) -> tuple[Array, Array]:
        """Activation ``name`` at ``z`` and its derivative: (φ(z), φ'(z))."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(device={self.device!r}, dtype={self.dtype!r})"
