"""Pieces shared by the experiments: the lesson's data, population training, slopes."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import activations, lesson
from ..network import Network


def lesson_data() -> tuple[np.ndarray, np.ndarray]:
    """The lesson's 201 points over [−2, 6] and the target's values there."""
    x = lesson.GRID.values()
    return x, lesson.target(x)


def target_data(name: str, points: int = 201) -> tuple[np.ndarray, np.ndarray]:
    """``points`` evenly spaced points over a target's natural domain and its values."""
    if name == "seed":
        return lesson_data()
    from ..targets import resolve

    t = resolve(name)
    x = np.linspace(*t.domain, points)
    return x, np.asarray(t(x), dtype=np.float64)


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


def mse_of(net: Network, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """MSE of a network (a float) or of each member of a population (an array)."""
    return np.mean((net(x) - y) ** 2, axis=-1)


def contribution_sizes(net: Network, x: np.ndarray) -> np.ndarray:
    """|output weight| × range of each last-hidden neuron's activation over ``x``.

    Shape (width,) or (P, width): how much each neuron can move the output.
    """
    h = net.trace(x).activations[-1]  # (..., N, width)
    spread = h.max(axis=-2) - h.min(axis=-2)
    return np.abs(net.weights[-1][..., 0, :]) * spread


def trainable(name: str) -> bool:
    """Whether gradient training applies to the activation."""
    return activations.get(name).trainable
