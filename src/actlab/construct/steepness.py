"""Choosing the sigmoids' steepness: a one-dimensional search on a grid.

The error of a sigmoid construction as a function of its steepness k is smooth
but may have several dips, so the search first scans k on a log scale and then
refines around the best scan point with a bounded scalar minimiser.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import minimize_scalar

from .._validate import check_choice, check_real
from ..errors import ConfigError
from ..network import Network

__all__ = ["CRITERIA", "STEEPNESS_BOUNDS", "choose_steepness", "error_of"]

Array = np.ndarray
CRITERIA = ("mse", "max_error")
STEEPNESS_BOUNDS = (1.0, 16.0)
_SCAN = 9


def error_of(net: Network, reference: Array, x: Array, criterion: str) -> float:
    """Mean squared or largest absolute error of ``net`` against reference values on ``x``."""
    err = net(x) - reference
    return float(np.mean(err * err)) if criterion == "mse" else float(np.max(np.abs(err)))


def choose_steepness(
    build: Callable[[float], Network],
    reference: Callable[[Array], Array],
    x: Array,
    *,
    criterion: str = "mse",
    bounds: tuple[float, float] = STEEPNESS_BOUNDS,
) -> float:
    """The steepness k in ``bounds`` whose network ``build(k)`` has the least error on ``x``.

    ``criterion`` is ``"mse"`` or ``"max_error"``; ``reference(x)`` gives the values aimed at.
    """
    check_choice("criterion", criterion, CRITERIA)
    lo = check_real("bounds[0]", bounds[0], 0.0, lo_open=True)
    hi = check_real("bounds[1]", bounds[1], lo, lo_open=True)
    x = np.asarray(x, dtype=np.float64)
    target = np.asarray(reference(x), dtype=np.float64)

    def loss(log_k: float) -> float:
        try:
            return error_of(build(float(np.exp(log_k))), target, x, criterion)
        except ConfigError:  # too flat to solve for the heights
            return float("inf")

    grid = np.linspace(np.log(lo), np.log(hi), _SCAN)
    losses = np.array([loss(v) for v in grid])
    if not np.isfinite(losses).any():
        raise ConfigError(
            f"no steepness in [{lo:g}, {hi:g}] gives a usable sigmoid network for these points"
        )
    best = int(np.argmin(losses))
    left, right = grid[max(best - 1, 0)], grid[min(best + 1, _SCAN - 1)]
    res = minimize_scalar(loss, bounds=(left, right), method="bounded", options={"xatol": 1e-4})
    log_k = float(res.x) if res.fun <= losses[best] else float(grid[best])
    return float(np.exp(log_k))
