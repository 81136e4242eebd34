"""Training: backprop, optimizers and fitting of single networks and populations."""

from __future__ import annotations

from . import backprop
from ._params import Layout
from .backends import get_backend
from .losses import Objective, mse

__all__ = ["Layout", "Objective", "backprop", "get_backend", "mse"]
