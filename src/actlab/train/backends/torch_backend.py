"""The torch backend: the same algorithms on torch tensors, on the CPU or a CUDA device.

Each activation and its derivative is written with torch functions that
mirror the activation table formula for formula, so that in float64 on the CPU
the torch backend reproduces the numpy backend's numbers to rounding.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from ..._torch import require_torch
from ...activations import LEAKY_SLOPE
from ...errors import ConfigError, UnsupportedError
from .backend import Array, Backend

__all__ = ["TorchBackend"]


def _torch() -> Any:
    return require_torch("the torch backend")


@cache
def _table() -> dict[str, Callable[[Any], tuple[Any, Any]]]:
    torch = _torch()
    inv_sqrt2 = 1.0 / math.sqrt(2.0)
    inv_sqrt_2pi = 1.0 / math.sqrt(2.0 * math.pi)

    def sigmoid(z: Any) -> tuple[Any, Any]:
        s = torch.sigmoid(z)
        return s, s * (1.0 - s)

    def tanh(z: Any) -> tuple[Any, Any]:
        t = torch.tanh(z)
        return t, 1.0 - t * t

    def softplus(z: Any) -> tuple[Any, Any]:
        return torch.logaddexp(z, torch.zeros_like(z)), torch.sigmoid(z)

    def elu(z: Any) -> tuple[Any, Any]:
        neg = torch.clamp(z, max=0.0)
        return torch.where(z > 0, z, torch.expm1(neg)), torch.where(z > 0, 1.0, torch.exp(neg))

    def gelu(z: Any) -> tuple[Any, Any]:
        phi = 0.5 * (1.0 + torch.erf(z * inv_sqrt2))
        return z * phi, phi + z * inv_sqrt_2pi * torch.exp(-0.5 * z * z)

    def silu(z: Any) -> tuple[Any, Any]:
        s = torch.sigmoid(z)
        return z * s, s * (1.0 + z * (1.0 - s))

    def inside(z: Any, lo: float, hi: float, slope: float) -> Any:
        # full_like keeps z's dtype: a Python scalar in torch.where would be float32
        return torch.where((z > lo) & (z < hi), torch.full_like(z, slope), torch.zeros_like(z))

    return {
        "identity": lambda z: (z, torch.ones_like(z)),
        "sigmoid": sigmoid,
        "tanh": tanh,
        "relu": lambda z: (torch.clamp(z, min=0.0), (z > 0).to(z.dtype)),
        "leaky_relu": lambda z: (
            torch.where(z > 0, z, LEAKY_SLOPE * z),
            torch.where(z > 0, torch.ones_like(z), torch.full_like(z, LEAKY_SLOPE)),
        ),
        "hard_sigmoid": lambda z: (
            torch.clamp(z / 6.0 + 0.5, 0.0, 1.0),
            inside(z, -3.0, 3.0, 1.0 / 6.0),
        ),
        "hard_tanh": lambda z: (torch.clamp(z, -1.0, 1.0), inside(z, -1.0, 1.0, 1.0)),
        "softplus": softplus,
        "elu": elu,
        "gelu": gelu,
        "silu": silu,
        "sin": lambda z: (torch.sin(z), torch.cos(z)),
        "square": lambda z: (z * z, 2.0 * z),
    }


class TorchBackend(Backend):
    """torch tensors on ``device`` ("cpu", "cuda", "cuda:1", …) in float64 or float32."""

    name = "torch"

    def __init__(self, device: str = "cpu", dtype: str = "float64") -> None:
        torch = _torch()
        self.torch = torch
        try:
            self._device = torch.device(device)
        except (RuntimeError, TypeError):
            raise ConfigError(
                f"the 'device' parameter must be 'cpu' or 'cuda' (or 'cuda:N'), got {device!r} "
                "instead"
            ) from None
        if self._device.type == "cuda" and not torch.cuda.is_available():
            raise UnsupportedError("device 'cuda' was asked for but no CUDA device is available")
        if self._device.type not in ("cpu", "cuda"):
            raise ConfigError(f"the 'device' parameter must be 'cpu' or 'cuda', got {device!r}")
        self.device = str(self._device)
        self.dtype = dtype
        self._dt = getattr(torch, dtype)

    def asarray(self, a: Any) -> Array:
        if isinstance(a, self.torch.Tensor):
            return a.to(device=self._device, dtype=self._dt)
        return self.torch.as_tensor(np.asarray(a), dtype=self._dt, device=self._device)

    def to_numpy(self, a: Array) -> np.ndarray:
        if isinstance(a, self.torch.Tensor):
            return a.detach().to("cpu", self.torch.float64).numpy().copy()
        return np.array(a, dtype=np.float64)

    def zeros(self, shape: tuple[int, ...]) -> Array:
        return self.torch.zeros(shape, dtype=self._dt, device=self._device)

    def copy(self, a: Array) -> Array:
        return a.clone()

    def index(self, a: Array, idx: np.ndarray) -> Array:
        return a[self.torch.as_tensor(idx, device=self._device)]

    def sqrt(self, a: Array) -> Array:
        return self.torch.sqrt(a)

    def abs(self, a: Array) -> Array:
        return self.torch.abs(a)

    def where(self, cond: Array, a: Array, b: Array) -> Array:
        return self.torch.where(cond, a, b)

    def maximum(self, a: Array, b: Array | float) -> Array:
        if isinstance(b, self.torch.Tensor):
            return self.torch.maximum(a, b)
        return self.torch.clamp(a, min=b)

    def sum(self, a: Array, axis: int) -> Array:
        return a.sum(dim=axis)

    def amax(self, a: Array, axis: int) -> Array:
        return a.amax(dim=axis)

    def finite_rows(self, a: Array) -> Array:
        return self.torch.isfinite(a).reshape(a.shape[0], -1).all(dim=1)

    def solve_spd(self, a: Array, b: Array) -> tuple[Array, Array]:
        torch = self.torch
        chol, info = torch.linalg.cholesky_ex(a)
        ok = info == 0
        eye = torch.eye(a.shape[-1], dtype=a.dtype, device=a.device)
        chol = torch.where(ok[:, None, None], chol, eye)
        x = torch.cholesky_solve(b[..., None], chol)[..., 0]
        return torch.where(ok[:, None], x, torch.zeros_like(x)), ok

    def act(self, name: str, z: Array) -> tuple[Array, Array]:
        return _table()[name](z)
