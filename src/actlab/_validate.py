"""Parameter checks shared by every entry point, with scikit-learn style messages."""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, DataError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "box_pairs",
    "check_choice",
    "check_columns",
    "check_int",
    "check_plane_box",
    "check_real",
    "check_seed",
]

Box2 = tuple[tuple[float, float], tuple[float, float]]


def _fmt(value: Any) -> str:
    return repr(value)


def check_int(name: str, value: Any, lo: int | None = None, hi: int | None = None) -> int:
    """Return ``value`` as an int in [lo, hi] or raise naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ConfigError(f"the {name!r} parameter must be an integer, got {_fmt(value)} instead")
    v = int(value)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        lo_s = "-inf" if lo is None else str(lo)
        hi_s = "inf" if hi is None else str(hi)
        raise ConfigError(
            f"the {name!r} parameter must be an integer in [{lo_s}, {hi_s}], got {v} instead"
        )
    return v


def check_real(
    name: str,
    value: Any,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
) -> float:
    """Return ``value`` as a finite float in the given interval or raise naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ConfigError(f"the {name!r} parameter must be a number, got {_fmt(value)} instead")
    v = float(value)
    bad = not math.isfinite(v)
    if lo is not None and (v < lo or (lo_open and v == lo)):
        bad = True
    if hi is not None and (v > hi or (hi_open and v == hi)):
        bad = True
    if bad:
        left = "(" if lo_open or lo is None else "["
        right = ")" if hi_open or hi is None else "]"
        lo_s = "-inf" if lo is None else f"{lo:g}"
        hi_s = "inf" if hi is None else f"{hi:g}"
        raise ConfigError(
            f"the {name!r} parameter must be a finite number in {left}{lo_s}, {hi_s}{right}, "
            f"got {v!r} instead"
        )
    return v


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices`` or raise listing them."""
    allowed = list(choices)
    if not isinstance(value, str) or value not in allowed:
        raise ConfigError(
            f"the {name!r} parameter must be one of {', '.join(allowed)}; got {_fmt(value)} instead"
        )
    return value


def check_seed(value: Any, name: str = "seed") -> int:
    """A seed is a non-negative integer below 2**63."""
    return check_int(name, value, 0, 2**63 - 1)


def box_pairs(name: str, value: Any) -> Box2:
    """``value`` as two (lo, hi) float pairs, one per input, or raise naming the parameter."""
    try:
        (a1, b1), (a2, b2) = ((float(lo), float(hi)) for lo, hi in value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"the {name!r} parameter must be [[lo, hi], [lo, hi]], got {value!r} instead"
        ) from None
    return (a1, b1), (a2, b2)


def check_plane_box(name: str, value: Any) -> Box2:
    """A box over two inputs, :func:`box_pairs` of finite intervals with lo < hi, or raise."""
    box = box_pairs(name, value)
    (a1, b1), (a2, b2) = box
    if not (all(math.isfinite(v) for v in (a1, b1, a2, b2)) and a1 < b1 and a2 < b2):
        raise ConfigError(
            f"the {name!r} parameter must be finite intervals with lo < hi, got {value!r} instead"
        )
    return box


def check_columns(xa: np.ndarray, k: int, owner: str) -> np.ndarray:
    """``xa`` if it is X (..., N, k), else raise DataError; ``owner`` tells whose k inputs."""
    if xa.ndim == 0 or xa.shape[-1] != k:
        cols = 1 if xa.ndim < 2 else xa.shape[-1]
        raise DataError(
            f"X has {cols} column{'s' * (cols != 1)} but {owner}; "
            f"pass X of shape (N, {k}), got shape {xa.shape}"
        )
    return xa
