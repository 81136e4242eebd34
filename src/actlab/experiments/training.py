"""Training as the experiments (and the report) run it: populations, and the best of restarts."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import activations
from ..network import Network

__all__ = ["best_of", "train_population", "trainable"]


def train_population(
    width: int | Sequence[int],
    depth: int,
    activation: str,
    seeds: Sequence[int],
    x: np.ndarray,
    y: np.ndarray,
    *,
    optimizer: str = "lm",
    steps: int | None = None,
    start: Network | None = None,
) -> Network:
    """Train one network per seed (as one population) and return the fitted population.

    Runs that reach the step cap are kept as they are (an experiment measures
    where training ends), so the cap's warning is not raised here.
    """
    from ..train import ConvergenceWarning, fit_population

    net = start if start is not None else Network.init(width, depth, activation, seed=list(seeds))
    kwargs: dict[str, Any] = {"optimizer": optimizer}
    if steps is not None:
        kwargs["steps"] = steps
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return fit_population(net, x, y, **kwargs).network


def best_of(
    width: int | Sequence[int],
    depth: int,
    activation: str,
    x: np.ndarray,
    y: np.ndarray,
    *,
    seed: int,
    restarts: int = 8,
    optimizer: str = "lm",
) -> tuple[Network, float]:
    """The best of ``restarts`` trainings (actlab's default fit) and its MSE.

    The first start is ``Network.init(..., seed=seed)``; the others are
    data-driven for one hidden layer and seeded random draws otherwise.
    """
    from ..train import ConvergenceWarning, fit

    net = Network.init(width, depth, activation, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        res = fit(net, x, y, optimizer=optimizer, restarts=restarts, seed=seed)
    return res.network, float(res.mse)


def trainable(name: str) -> bool:
    """Whether gradient training applies to the activation."""
    return activations.get(name).trainable
