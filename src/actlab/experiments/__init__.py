"""Each claim of the lesson as a reproducible experiment with a verdict computed from data.

``run("redundant-neuron", size="small", seed=0)`` returns a :class:`Result`:
a table, a :class:`Verdict` (``holds`` True / False / None and a sentence in
English and Chinese) and the inputs of its figure. Sweeps over grids of
settings live in :mod:`actlab.experiments.sweep`.
"""

from __future__ import annotations

from typing import Any

from . import (  # registers each experiment
    depth,
    features,
    handbuilt,
    lecture_lags,
    linear_collapse,
    marked_points,
    redundant,
    spiral_depth,
    tanh_equivalence,
    width_sweep,
    xor,
)
from .registry import EXPERIMENTS, SIZES, Result, Verdict, get_experiment
from .training import best_of, train_population

__all__ = [
    "EXPERIMENTS",
    "SIZES",
    "Result",
    "Verdict",
    "best_of",
    "get_experiment",
    "run",
    "train_population",
]

_ = (
    depth,
    handbuilt,
    lecture_lags,
    linear_collapse,
    marked_points,
    redundant,
    tanh_equivalence,
    width_sweep,
)
_ = (features, spiral_depth, xor)  # classification


def run(name: str, *, size: str = "full", seed: int = 0, **kwargs: Any) -> Result:
    """Run the experiment registered as ``name``."""
    return get_experiment(name)(size=size, seed=seed, **kwargs)
