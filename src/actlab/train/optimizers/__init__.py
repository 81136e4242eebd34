"""Population-aware optimizers written once for every backend.

Each optimizer advances all P members of a (P, p) parameter array by one
iteration per :meth:`step` and reports, per member, the loss before the step
and whether it has converged. Members that are done are frozen by the caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..._validate import check_choice
from ...settings import OPTIMIZERS
from .first_order import SGD, Adam
from .lbfgs import LBFGS
from .lm import LevenbergMarquardt
from .optimizer import Optimizer

if TYPE_CHECKING:
    from ..options import FitOptions

__all__ = [
    "LBFGS",
    "OPTIMIZERS",
    "SGD",
    "Adam",
    "LevenbergMarquardt",
    "Optimizer",
    "from_options",
    "make",
]


DEFAULT_STEPS = {"lm": 200, "lbfgs": 1000, "adam": 2000, "sgd": 2000}
DEFAULT_LR = {"adam": 0.01, "sgd": 0.01, "lbfgs": 1.0, "lm": 1.0}


def from_options(options: FitOptions, *, tol: float = 0.0, window: int = 10) -> Optimizer:
    """The optimizer that ``options`` name, with its hyper-parameters (learning rate filled in)."""
    name = options.optimizer
    kwargs: dict[str, Any] = {"tol": tol, "window": window}
    lr = DEFAULT_LR[name] if options.learning_rate is None else options.learning_rate
    if name == "adam":
        kwargs.update(lr=lr, betas=options.betas, eps=options.eps)
    elif name == "sgd":
        kwargs.update(lr=lr, momentum=options.momentum)
    return make(name, **kwargs)


def make(name: str, **options: Any) -> Optimizer:
    """The optimizer called ``name`` with its options."""
    check_choice("optimizer", name, OPTIMIZERS)
    cls = {"lm": LevenbergMarquardt, "lbfgs": LBFGS, "adam": Adam, "sgd": SGD}[name]
    return cls(**options)
