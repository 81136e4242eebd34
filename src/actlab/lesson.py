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
from .score import score
from .targets.presets import LESSON_KINKS as KINKS
from .targets.presets import lesson_function as target

__all__ = ["GRID", "KINKS", "Grid", "handbuilt_network", "score", "target"]


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
