"""Nielsen's towers: a function of two inputs as a constant plus a sum of sigmoids.

Nielsen (*Neural Networks and Deep Learning*, ch. 4) builds any continuous f(x1, x2)
from towers. The box is cut into n1 × n2 cells. The first hidden layer holds one
steep sigmoid step per cell edge and input, s(x) = σ(k·(x − t)). A cell's x1
interval is the difference of two steps, a = s_i − s_{i+1} (≈ 1 inside, ≈ 0
outside), likewise b for x2; a second-layer neuron σ(K·(a + b − 1.5)) is then ≈ 1
only where both are — a tower over the cell. The output is a constant plus a sum
of sigmoids, y = c0 + Σ_cells h_cell·tower_cell.

Here the error is measured on an evaluation grid of ``points`` × ``points``
points over the box. Cell edges are put halfway between grid points and the
steepness chosen so that every step (and tower) is settled to within a leak δ at
the nearest grid point; Nielsen's "failure windows", where towers blend, lie
between grid points. Each cell's height is the midrange of f over its grid
points, the smallest largest error a constant can have there. To a tolerance ε,
the fewest cells per side n whose piecewise-constant error is within ε (less the
sigmoids' leak) are used.

With relu the steps are ramps, relu(k(x − t) + ½) − relu(k(x − t) − ½), which
are exactly 0 or 1 outside a ramp narrower than the grid spacing, and the tower
relu(a + b − 1) is exactly 1 on its cell's grid points and 0 on the others: on
the grid the relu network *is* the piecewise-constant function, exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validate import box_pairs, check_choice, check_int, check_real
from ..errors import ConfigError, UnsupportedError
from ..network import Network

__all__ = ["TOWER_ACTIVATIONS", "Towers", "towers"]

TOWER_ACTIVATIONS = ("sigmoid", "relu")
DEFAULT_POINTS = 101
MAX_CELLS = 64  # per side
LEAK_SHARE = 0.1  # share of the tolerance the sigmoids' leak may use


@dataclass(frozen=True)
class Towers:
    """A tower construction: the network and how it fits f on the evaluation grid."""

    network: Network
    activation: str
    cells: tuple[int, int]
    bounds: tuple[tuple[float, float], tuple[float, float]]
    points: int  # evaluation grid points per side
    max_error: float
    mse: float
    floor: float  # the largest error of the best piecewise-constant function on these cells
    tolerance: float | None

    @property
    def neurons(self) -> int:
        """Hidden neurons: steps (first layer) plus towers (second layer)."""
        return int(sum(self.network.widths))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (the network under ``network``)."""
        return {
            "activation": self.activation,
            "cells": list(self.cells),
            "neurons": self.neurons,
            "bounds": [list(b) for b in self.bounds],
            "points": self.points,
            "max_error": self.max_error,
            "mse": self.mse,
            "floor": self.floor,
            "tolerance": self.tolerance,
            "network": self.network.to_dict(),
        }


def _grid(bounds, points: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    (a1, b1), (a2, b2) = bounds
    g1, g2 = np.linspace(a1, b1, points), np.linspace(a2, b2, points)
    m1, m2 = np.meshgrid(g1, g2, indexing="ij")
    return g1, g2, np.column_stack([m1.ravel(), m2.ravel()])


def _edges(g: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n cells over the grid g: cell of each grid point, and edges halfway between points."""
    cell = np.minimum((np.arange(g.size) * n) // g.size, n - 1)
    step = g[1] - g[0]
    inner = [g[np.flatnonzero(cell == c)[0]] - step / 2 for c in range(1, n)]
    return cell, np.array([g[0] - step / 2, *inner, g[-1] + step / 2])


def _heights(values: np.ndarray, c1: np.ndarray, c2: np.ndarray, n1: int, n2: int):
    """Midrange of f per cell, and the largest error of that piecewise-constant function."""
    v = values.reshape(c1.size, c2.size)
    key = c1[:, None] * n2 + c2[None, :]
    hi = np.full(n1 * n2, -np.inf)
    lo = np.full(n1 * n2, np.inf)
    np.maximum.at(hi, key.ravel(), v.ravel())
    np.minimum.at(lo, key.ravel(), v.ravel())
    return ((hi + lo) / 2).reshape(n1, n2), float(np.max(hi - lo) / 2)


def _network(edges1, edges2, heights, activation: str, spacing, leak: float) -> Network:
    n1, n2 = heights.shape
    e1, e2 = len(edges1), len(edges2)
    w1 = np.zeros((e1 + e2, 2))
    w1[:e1, 0] = 1.0
    w1[e1:, 1] = 1.0
    t = np.concatenate([edges1, edges2])
    gap = np.concatenate([np.full(e1, spacing[0]), np.full(e2, spacing[1])]) / 2
    w2 = np.zeros((n1 * n2, e1 + e2))
    rows = np.arange(n1 * n2).reshape(n1, n2)
    for i in range(n1):
        for j in range(n2):
            r = rows[i, j]
            w2[r, i], w2[r, i + 1] = 1.0, -1.0
            w2[r, e1 + j], w2[r, e1 + j + 1] = 1.0, -1.0
    if activation == "relu":
        # each step is two relus, relu(k(x−t)+½) − relu(k(x−t)−½), the ramp inside the gap
        k = 1.0 / gap
        first = np.concatenate([w1 * k[:, None], w1 * k[:, None]])
        bias = np.concatenate([-k * t + 0.5, -k * t - 0.5])
        second = np.concatenate([w2, -w2], axis=1)
        return Network(
            [first, second, heights.reshape(1, -1)],
            [bias, np.full(n1 * n2, -1.0), np.zeros(1)],
            ["relu", "relu"],
        )
    # σ(k·gap) ≥ 1 − δ at the nearest grid point, and σ(−K/2) ≤ δ for the towers
    k = np.log(1 / leak) / gap
    big = 2 * np.log(1 / leak) + 2  # a + b − 1.5 is ≈ +0.5 inside, ≤ −0.5 outside
    return Network(
        [w1 * k[:, None], big * w2, heights.reshape(1, -1)],
        [-k * t, np.full(n1 * n2, -1.5 * big), np.zeros(1)],
        ["sigmoid", "sigmoid"],
    )


def towers(
    target: Callable[[np.ndarray], np.ndarray],
    bounds: Any = None,
    *,
    tolerance: float | None = None,
    cells: int | tuple[int, int] | None = None,
    activation: str = "sigmoid",
    points: int = DEFAULT_POINTS,
) -> Towers:
    """Nielsen's towers for f(x1, x2) on ``bounds``: ``cells`` per side, or the fewest that
    reach ``tolerance`` (largest error on the ``points`` × ``points`` grid).

    ``target`` takes X of shape (N, 2); a :class:`~actlab.targets.Target` of two inputs
    gives its own box when ``bounds`` is None.
    """
    check_choice("activation", activation, TOWER_ACTIVATIONS)
    points = check_int("points", points, 3, 2001)
    if bounds is None:
        bounds = getattr(target, "bounds", None)
    box = box_pairs("bounds", bounds)
    (a1, b1), (a2, b2) = box
    if not (a1 < b1 and a2 < b2):
        raise ConfigError(f"the 'bounds' parameter needs lo < hi, got {bounds!r} instead")
    if (tolerance is None) == (cells is None):
        raise ConfigError("give either cells or tolerance")
    g1, g2, x = _grid(box, points)
    values = np.asarray(target(x), dtype=np.float64).reshape(-1)
    spacing = (g1[1] - g1[0], g2[1] - g2[0])
    scale = float(np.max(np.abs(values))) or 1.0
    if cells is not None:
        n1, n2 = (cells, cells) if isinstance(cells, int) else cells
        n1 = check_int("cells", n1, 1, min(MAX_CELLS, points))
        n2 = check_int("cells", n2, 1, min(MAX_CELLS, points))
        eps = None
        leak = 1e-9
    else:
        eps = check_real("tolerance", tolerance, 0.0, lo_open=True)
        budget = eps * (1 - LEAK_SHARE)
        for n in range(1, min(MAX_CELLS, points) + 1):
            c1, _ = _edges(g1, n)
            c2, _ = _edges(g2, n)
            if _heights(values, c1, c2, n, n)[1] <= budget:
                break
        else:
            raise UnsupportedError(
                f"no tower construction with up to {MAX_CELLS} cells per side reaches "
                f"{eps:g} on this grid"
            )
        n1 = n2 = n
        # the leak of every tower together stays within the rest of the tolerance
        leak = min(1e-3, LEAK_SHARE * eps / (4 * scale * (n * n + 2)))
    c1, edges1 = _edges(g1, n1)
    c2, edges2 = _edges(g2, n2)
    heights, floor = _heights(values, c1, c2, n1, n2)
    net = _network(edges1, edges2, heights, activation, spacing, leak)
    err = net(x) - values
    return Towers(
        network=net,
        activation=activation,
        cells=(n1, n2),
        bounds=box,
        points=points,
        max_error=float(np.max(np.abs(err))),
        mse=float(np.mean(err**2)),
        floor=floor,
        tolerance=eps,
    )
