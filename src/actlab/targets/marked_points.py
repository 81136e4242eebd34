"""Targets from marked points: parsing ``"0,0 2,4 4,2"`` and piecewise-linear interpolation."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from .._validate import check_choice
from ..errors import DataError
from .target import MAX_ABS_DOMAIN, Target

__all__ = [
    "DUPLICATES",
    "MAX_POINTS",
    "from_points",
    "merge_duplicates",
    "parse_points",
    "point_arrays",
]

DUPLICATES = ("error", "mean", "first")
MAX_POINTS = 1_000_000
_PAIR = re.compile(r"\(?([^,()]+),([^,()]+)\)?")


def parse_points(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Read ``"x1,y1 x2,y2 …"`` (pairs separated by spaces or ';', optional parentheses)."""
    if not isinstance(text, str) or not text.strip():
        raise DataError('points must be text like "0,0 2,4 4,2", got nothing')
    xs: list[float] = []
    ys: list[float] = []
    tidy = re.sub(r"\s*\)", ")", re.sub(r"\(\s*", "(", re.sub(r"\s*,\s*", ",", text.strip())))
    pieces = [p for p in re.split(r"[;\s]+", tidy) if p]
    for k, piece in enumerate(pieces, start=1):
        m = _PAIR.fullmatch(piece)
        vals = [_number(v) for v in m.groups()] if m else [None]
        if None in vals:
            raise DataError(
                f"point {k} ({piece!r}) must be two finite numbers written 'x,y'; "
                'points look like "0,0 2,4 4,2"'
            )
        xs.append(vals[0])
        ys.append(vals[1])
    return np.array(xs), np.array(ys)


def _number(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def merge_duplicates(
    x: np.ndarray, y: np.ndarray, duplicates: str = "error", labels: Sequence[str] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sort by x and resolve repeated x: raise ('error'), average ('mean') or keep the first."""
    check_choice("duplicates", duplicates, DUPLICATES)
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    uniq, start, counts = np.unique(xs, return_index=True, return_counts=True)
    if len(uniq) == len(xs):
        return xs, ys
    if duplicates == "error":
        labels = [f"point {i + 1}" for i in range(len(x))] if labels is None else list(labels)
        lines = []
        for u, s, c in zip(uniq, start, counts, strict=True):
            if c > 1:
                lines.append(f"x = {u:g} at " + ", ".join(labels[i] for i in order[s : s + c]))
        shown = "\n  ".join(lines[:20]) + (
            f"\n  … and {len(lines) - 20} more" if len(lines) > 20 else ""
        )
        raise DataError(
            f"{len(lines)} x value(s) appear more than once:\n  {shown}\n"
            "pass duplicates='mean' to average their y or duplicates='first' to keep the first"
        )
    if duplicates == "first":
        return uniq, ys[start]
    return uniq, np.add.reduceat(ys, start) / counts


def point_arrays(
    x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray, name: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """x and y as flat float arrays of one length, or raise DataError naming ``name`` if given."""
    try:
        xa = np.asarray(x, dtype=np.float64).reshape(-1)
        ya = np.asarray(y, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError) as e:
        raise DataError(f"{'points' if name is None else name} must be numbers: {e}") from None
    if xa.shape != ya.shape:
        where = "" if name is None else f"{name}: "
        raise DataError(f"{where}x and y must have the same length, got {xa.size} and {ya.size}")
    return xa, ya


def from_points(
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    *,
    duplicates: str = "error",
    name: str = "points",
    labels: Sequence[str] | None = None,
) -> Target:
    """A target through the points: piecewise linear between them, constant beyond the ends.

    Its domain is the points' x range; its kinks are the interior x values.
    """
    xa, ya = point_arrays(x, y)
    if not (np.isfinite(xa).all() and np.isfinite(ya).all()):
        raise DataError("points must be finite numbers (no NaN or inf)")
    if len(xa) > MAX_POINTS:
        raise DataError(f"at most {MAX_POINTS} points are allowed, got {len(xa)}")
    if len(xa) and np.max(np.abs(xa)) > MAX_ABS_DOMAIN:  # the domain would overflow
        far = float(xa[np.argmax(np.abs(xa))])
        raise DataError(
            f"points need |x| ≤ {MAX_ABS_DOMAIN:g} (the widest domain), got x = {far:g}"
        )
    xs, ys = merge_duplicates(xa, ya, duplicates, labels)
    if len(xs) < 2:
        raise DataError(f"a target needs at least 2 points with different x, got {len(xs)}")
    xs.setflags(write=False)
    ys.setflags(write=False)
    shown = " ".join(f"{a:g},{b:g}" for a, b in zip(xs[:6], ys[:6], strict=True))
    formula = f"piecewise linear through {len(xs)} points: {shown}" + (" …" if len(xs) > 6 else "")

    def fn(t: np.ndarray) -> np.ndarray:
        return np.interp(t, xs, ys)

    return Target(
        name,
        formula,
        (float(xs[0]), float(xs[-1])),
        fn,
        kinks=tuple(float(v) for v in xs[1:-1]),
        points=(xs, ys),
    )
