"""Marked points: checking them, the polyline through them, refining and simplifying it.

Every construction in this package reads a polyline through sorted points
(x_0, y_0) … (x_n, y_n) and, like :func:`actlab.targets.from_points`, takes it
to be constant beyond the ends: y_0 left of x_0 and y_n right of x_n.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .._validate import check_int
from ..errors import DataError
from ..targets.marked_points import point_arrays

__all__ = ["MAX_KNOTS", "check_points", "polyline", "refine", "simplify"]

Array = np.ndarray
MAX_KNOTS = 4097  # one more than the widest network actlab builds (4096 neurons)


def check_points(
    x: Sequence[float] | Array, y: Sequence[float] | Array, *, name: str = "points"
) -> tuple[Array, Array]:
    """Return the points as float arrays with strictly increasing x, or raise DataError."""
    xs, ys = point_arrays(x, y, name)
    if xs.size < 2:
        raise DataError(f"{name}: a construction needs at least 2 points, got {xs.size}")
    if xs.size > MAX_KNOTS:
        raise DataError(f"{name}: at most {MAX_KNOTS} points are allowed, got {xs.size}")
    if not (np.isfinite(xs).all() and np.isfinite(ys).all()):
        raise DataError(f"{name} must be finite numbers (no NaN or inf)")
    if np.any(np.diff(xs) <= 0):
        i = int(np.argmax(np.diff(xs) <= 0))
        raise DataError(
            f"{name} must have strictly increasing x; point {i + 2} (x = {xs[i + 1]:g}) "
            f"does not come after point {i + 1} (x = {xs[i]:g})"
        )
    return xs, ys


def polyline(xs: Array, ys: Array) -> Callable[[Array], Array]:
    """The piecewise-linear interpolant through the points, constant beyond the ends."""
    xs, ys = np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64)

    def fn(t: Array) -> Array:
        return np.interp(np.asarray(t, dtype=np.float64), xs, ys)

    return fn


def refine(xs: Array, ys: Array, substeps: int) -> tuple[Array, Array]:
    """Split every segment into ``substeps`` equal parts; the polyline does not change."""
    s = check_int("substeps", substeps, 1, 1024)
    t = np.arange(s) / s
    fine_x = (xs[:-1, None] + np.diff(xs)[:, None] * t).reshape(-1)
    fine_y = (ys[:-1, None] + np.diff(ys)[:, None] * t).reshape(-1)
    return np.append(fine_x, xs[-1]), np.append(fine_y, ys[-1])


def simplify(xs: Array, ys: Array, *, rtol: float = 1e-12) -> tuple[Array, Array]:
    """Drop points the polyline does not need: flat ends and points on a straight line.

    The result's polyline (constant beyond its ends) equals the input's everywhere
    up to ``rtol`` times the largest |y|. At least two points are kept.
    """
    xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    tol = rtol * max(1.0, float(np.max(np.abs(ys))))
    keep = [0]
    for i in range(1, xs.size - 1):
        a = keep[-1]
        # the line from the last kept point to the next one, evaluated at x_i
        line = ys[a] + (ys[i + 1] - ys[a]) * (xs[i] - xs[a]) / (xs[i + 1] - xs[a])
        if abs(line - ys[i]) > tol:
            keep.append(i)
    keep.append(xs.size - 1)
    kx, ky = xs[keep], ys[keep]
    lo, hi = 0, kx.size - 1
    while hi - lo > 1 and abs(ky[lo + 1] - ky[lo]) <= tol:
        lo += 1
    while hi - lo > 1 and abs(ky[hi - 1] - ky[hi]) <= tol:
        hi -= 1
    return kx[lo : hi + 1], ky[lo : hi + 1]
