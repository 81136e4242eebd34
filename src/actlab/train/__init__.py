"""Training: backprop, optimizers, and fitting of single networks and whole populations.

``fit(network, x, y)`` fits one network (best of several starts, run as one
population); ``fit_population(population, x, y)`` trains P networks as one
computation, each ending as if trained alone. Backends: numpy (default, with
fused numba kernels for one hidden layer) and torch (CPU or CUDA).
"""

from __future__ import annotations

from . import backprop, init, kernels
from ._params import Layout
from .backends import get_backend
from .fit import fit, fit_population
from .losses import Objective, mse
from .optimizers import OPTIMIZERS
from .options import FitOptions
from .result import ConvergenceWarning, FitResult, History, Progress

__all__ = [
    "OPTIMIZERS",
    "ConvergenceWarning",
    "FitOptions",
    "FitResult",
    "History",
    "Layout",
    "Objective",
    "Progress",
    "backprop",
    "fit",
    "fit_population",
    "get_backend",
    "init",
    "kernels",
    "mse",
]
