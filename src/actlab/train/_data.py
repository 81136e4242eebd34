"""Checking training points and holding some out for validation."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import DataError

__all__ = ["as_data", "split"]


def as_data(
    x: Any, y: Any, *, name: str = "training", inputs: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """X and y as finite float64 arrays: X (N,) for one input, (N, k) for k inputs; y (N,).

    ``inputs`` is the network's number of inputs k; None accepts what X holds (a
    vector or one column is one input, an (N, k) matrix k inputs).
    """
    try:
        xa = np.asarray(x, dtype=np.float64)
        ya = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise DataError(f"the {name} points must be numbers") from None
    if xa.ndim == 2 and xa.shape[1] == 1:
        xa = xa[:, 0]
    if xa.ndim not in (1, 2):
        raise DataError(f"the {name} inputs X must have shape (N,) or (N, k), got shape {xa.shape}")
    cols = 1 if xa.ndim == 1 else xa.shape[1]
    if inputs is not None and cols != inputs:
        raise DataError(
            f"the {name} inputs X have {cols} column{'s' * (cols != 1)} but the network has "
            f"{inputs} input{'s' * (inputs != 1)}; pass X of shape "
            f"{'(N,)' if inputs == 1 else f'(N, {inputs})'}, got shape {xa.shape}"
        )
    n = xa.shape[0]
    if ya.ndim == 2 and ya.shape[1] == 1:
        ya = ya[:, 0]
    if ya.shape != (n,):
        raise DataError(
            f"the {name} targets must have one value per input point: X has {n} rows, y has shape "
            f"{ya.shape}"
        )
    if n < 2:
        raise DataError(f"the {name} data needs at least 2 points, got {n} (n_samples={n})")
    if not (np.all(np.isfinite(xa)) and np.all(np.isfinite(ya))):
        raise DataError(f"the {name} points contain NaN or infinite values")
    return np.ascontiguousarray(xa), np.ascontiguousarray(ya)


def split(
    x: np.ndarray, y: np.ndarray, fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Hold out ``fraction`` of the points (at least one, leaving two) chosen by ``seed``."""
    n = x.shape[0]
    n_val = min(max(1, round(fraction * n)), n - 2)
    if n_val < 1:
        raise DataError(f"a validation split needs at least 3 points, got {n}")
    perm = np.random.default_rng(seed).permutation(n)
    val, train = np.sort(perm[:n_val]), np.sort(perm[n_val:])
    return x[train], y[train], (x[val], y[val])
