"""Shared by the classification experiments: train seeded populations, count successes."""

from __future__ import annotations

import warnings

import numpy as np

from ..network import Network
from ..train import ConvergenceWarning, fit_population
from ..train.classification import quality

__all__ = ["population_accuracy"]


def population_accuracy(
    width: int | list[int],
    depth: int,
    activation: str,
    seeds: list[int],
    x: np.ndarray,
    y: np.ndarray,
    *,
    steps: int = 100,
) -> np.ndarray:
    """Training accuracy of each seed's network (log loss, Levenberg–Marquardt, one start
    per seed, all seeds trained as one population)."""
    pop = Network.init(width, depth, activation, inputs=x.shape[1], seed=seeds)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        res = fit_population(pop, x, y, loss="log_loss", optimizer="lm", steps=steps)
    return np.asarray(quality(res.network(x), y, "log_loss")[2])
