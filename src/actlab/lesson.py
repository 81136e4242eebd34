"""The source lesson's example as data: its target, its hand-built network, its grid.

Target (continuous, piecewise linear, kinks at 0, 2 and 4)::

    f(x) = 0        x < 0
           2x       0 ≤ x < 2
           −x + 6   2 ≤ x < 4
           2        x ≥ 4

Hand-built network: z1 = 2.4x − 2.4, z2 = −2.4x + 7.4, y = 4σ(z1) + 2σ(z2) − 2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network

__all__ = ["GRID", "Grid", "handbuilt_network", "score", "target"]

KINKS = (0.0, 2.0, 4.0)


def target(x: np.ndarray | float) -> np.ndarray:
    """The lesson's target f(x)."""
    x = np.asarray(x, dtype=np.float64)
    return np.select([x < 0, x < 2, x < 4], [0.0 * x, 2.0 * x, 6.0 - x], default=2.0)


def handbuilt_network() -> Network:
    """The lesson's two-sigmoid network y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2."""
    return Network.shallow(
        w=[2.4, -2.4], b=[-2.4, 7.4], c=[4.0, 2.0], c0=-2.0, activation="sigmoid"
    )


@dataclass(frozen=True)
class Grid:
    """``points`` evenly spaced values from ``start`` to ``stop`` (both included)."""

    start: float
    stop: float
    points: int

    def values(self) -> np.ndarray:
        """The grid as an array."""
        return np.linspace(self.start, self.stop, self.points)

    def to_dict(self) -> dict[str, float | int]:
        """``{"start", "stop", "points"}``."""
        return {"start": self.start, "stop": self.stop, "points": self.points}


GRID = Grid(-2.0, 6.0, 201)


def score(y_pred: np.ndarray, y_true: np.ndarray) -> dict[str, float]:
    """Mean squared error and largest absolute error between two arrays."""
    err = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return {"mse": float(np.mean(err**2)), "max_error": float(np.max(np.abs(err)))}
