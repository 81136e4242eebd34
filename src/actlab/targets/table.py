"""Fixed data sets of k inputs as targets: X of shape (N, k), y of shape (N,).

A data set is known only at its points; between them the target takes the
value of the nearest point (the k-input counterpart of the piecewise-linear
line through 1-D points), so that it can still be drawn or sampled. Training
uses ``target.points`` as they are.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import DataError
from .target import Target, hull

__all__ = ["MAX_ROWS", "from_table"]

MAX_ROWS = 1_000_000
_CHUNK = 4096  # query points per distance block: bounds the (chunk, N) temporaries


def _nearest(xs: np.ndarray, ys: np.ndarray) -> Any:
    def fn(q: np.ndarray) -> np.ndarray:
        flat = q.reshape(-1, xs.shape[1])
        out = np.empty(flat.shape[0])
        sq = (xs * xs).sum(axis=1)
        for i in range(0, flat.shape[0], _CHUNK):
            block = flat[i : i + _CHUNK]
            # |q − x|² = |q|² − 2 q·x + |x|²; |q|² is the same for every x, so it is left out
            out[i : i + _CHUNK] = ys[np.argmin(sq[None, :] - 2.0 * block @ xs.T, axis=1)]
        return out.reshape(q.shape[:-1])

    return fn


def from_table(x: Any, y: Any, *, name: str = "data", formula: str | None = None) -> Target:
    """A target of k = X.shape[1] inputs holding the points (X, y); see the module docstring."""
    try:
        xa = np.array(x, dtype=np.float64)
        ya = np.array(y, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError) as e:
        raise DataError(f"the data set {name!r} must hold numbers: {e}") from None
    if xa.ndim != 2 or xa.shape[1] < 2:
        raise DataError(
            f"the inputs X of data set {name!r} must have shape (N, k) with k ≥ 2 columns "
            f"(one input is a 1-D target: use from_points), got shape {xa.shape}"
        )
    if ya.shape != (xa.shape[0],):
        raise DataError(
            f"data set {name!r}: y must have one value per row of X ({xa.shape[0]}), got {ya.size}"
        )
    if not 2 <= xa.shape[0] <= MAX_ROWS:
        raise DataError(f"data set {name!r} needs 2 to {MAX_ROWS} rows, got {xa.shape[0]}")
    if not (np.isfinite(xa).all() and np.isfinite(ya).all()):
        raise DataError(f"data set {name!r} holds NaN or infinite values")
    lo, hi = xa.min(axis=0), xa.max(axis=0)
    # a column holding one value still gets an interval: the box must have lo < hi
    box = tuple((float(a), float(b) if b > a else float(a) + 1.0) for a, b in zip(lo, hi))
    xa.setflags(write=False)
    ya.setflags(write=False)
    k = xa.shape[1]
    text = formula or f"{xa.shape[0]} points of {k} inputs (nearest point between them)"
    return Target(name, text, hull(box), _nearest(xa, ya), points=(xa, ya), inputs=k, box=box)
