"""Import PyTorch on demand, with one clear error where it is missing."""

from __future__ import annotations

from typing import Any

from .errors import UnsupportedError


def require_torch(purpose: str) -> Any:
    """The ``torch`` module, or UnsupportedError naming ``purpose`` and how to install it."""
    try:
        import torch
    except ImportError:  # pragma: no cover - depends on the environment
        raise UnsupportedError(
            f"{purpose} needs PyTorch; install it with: pip install torch==2.13.0"
        ) from None
    return torch
