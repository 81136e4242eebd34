"""Array backends behind one interface: numpy (default) and torch (CPU or CUDA).

The optimizers and backprop are written once against :class:`Backend`; each
backend supplies arrays, a few linear-algebra calls and every trainable
activation with its derivative, evaluated side by side.
"""

from __future__ import annotations

from typing import Any

from ..._validate import check_choice
from .backend import Backend
from .numpy_backend import NumpyBackend

__all__ = ["BACKENDS", "Backend", "NumpyBackend", "get_backend"]

BACKENDS = ("numpy", "torch")


def get_backend(
    name: str | Backend = "numpy", *, device: str = "cpu", dtype: Any = None
) -> Backend:
    """The backend called ``name`` on ``device`` with ``dtype`` ("float64" or "float32")."""
    if isinstance(name, Backend):
        return name
    check_choice("backend", name, BACKENDS)
    dtype = "float64" if dtype is None else str(dtype).removeprefix("torch.")
    check_choice("dtype", dtype, ("float64", "float32"))
    if name == "numpy":
        if device != "cpu":
            check_choice("device", device, ("cpu",))
        return NumpyBackend(dtype)
    from .torch_backend import TorchBackend

    return TorchBackend(device=device, dtype=dtype)
