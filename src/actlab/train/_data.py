"""Checking training points and holding some out for validation."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import DataError

__all__ = ["as_data", "split"]


def as_data(x: Any, y: Any, *, name: str = "training") -> tuple[np.ndarray, np.ndarray]:
    """x and y as equal-length finite float64 vectors (x may come as (N, 1))."""
    try:
        xa = np.asarray(x, dtype=np.float64)
        ya = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise DataError(f"the {name} points must be numbers") from None
    if xa.ndim == 2 and xa.shape[1] == 1:
        xa = xa[:, 0]
    if xa.ndim != 1:
        raise DataError(
            f"the {name} inputs must be a vector or one column (N, 1); got shape {xa.shape}: "
            "actlab networks have one input"
        )
    if ya.ndim == 2 and ya.shape[1] == 1:
        ya = ya[:, 0]
    if ya.shape != xa.shape:
        raise DataError(
            f"the {name} targets must have one value per input: x has {xa.size}, y has shape "
            f"{ya.shape}"
        )
    if xa.size < 2:
        raise DataError(
            f"the {name} data needs at least 2 points, got {xa.size} (n_samples={xa.size})"
        )
    if not (np.all(np.isfinite(xa)) and np.all(np.isfinite(ya))):
        raise DataError(f"the {name} points contain NaN or infinite values")
    return np.ascontiguousarray(xa), np.ascontiguousarray(ya)


def split(
    x: np.ndarray, y: np.ndarray, fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Hold out ``fraction`` of the points (at least one, leaving two) chosen by ``seed``."""
    n = x.size
    n_val = min(max(1, round(fraction * n)), n - 2)
    if n_val < 1:
        raise DataError(f"a validation split needs at least 3 points, got {n}")
    perm = np.random.default_rng(seed).permutation(n)
    val, train = np.sort(perm[:n_val]), np.sort(perm[n_val:])
    return x[train], y[train], (x[val], y[val])
