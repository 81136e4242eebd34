"""What a construction returns: the network, its knots and how good it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..network import Network
from .adaptive import dense_grid, values_at

__all__ = ["MSE_POINTS", "Construction", "measure"]

Array = np.ndarray
MSE_POINTS = 201  # as the lesson: 201 evenly spaced points over the domain


def measure(
    net: Network,
    reference: Callable[[Array], Array],
    domain: tuple[float, float],
    *,
    extra: Array | None = None,
    points: int = 0,
) -> dict[str, float]:
    """``mse`` on 201 evenly spaced points over the domain, ``max_error`` on the dense grid.

    The dense grid (8193 points unless ``points`` says otherwise) also holds every
    x in ``extra`` that lies in the domain (the knots).
    """
    x_mse = np.linspace(domain[0], domain[1], MSE_POINTS)
    x_max = dense_grid(domain, () if extra is None else list(extra), points)
    err_mse = net(x_mse) - values_at(reference, x_mse)
    err_max = net(x_max) - values_at(reference, x_max)
    return {
        "mse": float(np.mean(err_mse * err_mse)),
        "max_error": float(np.max(np.abs(err_max))),
    }


@dataclass(frozen=True)
class Construction:
    """A hand-built network with its knots (x, y), steepness and errors on the domain.

    ``mse`` is measured on 201 points over ``domain`` (the lesson's grid for its
    target), ``max_error`` on a dense grid of 8193 points plus the knots.
    ``baseline`` (tolerance mode) describes the fewest evenly spaced knots that meet
    the same tolerance: ``{"neurons", "max_error", "searched_up_to"}`` (neurons and
    max_error are None when no count up to ``searched_up_to`` does).
    """

    network: Network
    activation: str
    knots: Array
    values: Array
    domain: tuple[float, float]
    mse: float
    max_error: float
    steepness: float | None = None
    heights: str | None = None
    tolerance: float | None = None
    baseline: dict[str, Any] | None = field(default=None)

    @property
    def neurons(self) -> int:
        """Hidden neurons of the network."""
        return int(sum(self.network.widths))

    @property
    def formula(self) -> str:
        """The network as a formula, e.g. ``y = 2relu(x) − 3relu(x − 2) + relu(x − 4)``."""
        return self.network.formula()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: formula, neurons, mse, max_error, network (saved form) and the rest."""
        return {
            "formula": self.formula,
            "neurons": self.neurons,
            "mse": self.mse,
            "max_error": self.max_error,
            "network": self.network.to_dict(),
            "activation": self.activation,
            "domain": list(self.domain),
            "knots": {"x": self.knots.tolist(), "y": self.values.tolist()},
            "steepness": self.steepness,
            "heights": self.heights,
            "tolerance": self.tolerance,
            "baseline": self.baseline,
        }
