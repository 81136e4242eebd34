"""Checking the options that fit and fit_population share, and holding out validation points."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import check_real
from ..activations import get as get_activation
from ..errors import ConfigError
from ..network import Network
from ._data import as_data, split
from .optimizers import DEFAULT_LR, DEFAULT_STEPS
from .options import FitOptions

__all__ = [
    "LM_MAX_PARAMETERS",
    "check_network",
    "hint_for",
    "method_for",
    "options",
    "validation_split",
]

LM_MAX_PARAMETERS = 1000  # above this, "lm" runs L-BFGS (see method_for)


def hint_for(optimizer: str, lr: float) -> str:
    if optimizer in ("adam", "sgd"):
        return f"lower the learning rate (lr={lr:g}), or use optimizer='lm'"
    return "check that the data and starting weights are of reasonable size (|x|, |y| ≲ 1e6)"


def check_network(network: Any, population: bool) -> Network:
    if not isinstance(network, Network):
        raise ConfigError(f"the 'network' parameter must be an actlab Network, got {network!r}")
    if population and network.population is None:
        raise ConfigError("fit_population needs a population (Network.init(..., population=P))")
    if not population and network.population is not None:
        raise ConfigError("fit trains a single network; use fit_population for a population")
    for name in network.activations:
        activation = get_activation(name)
        if activation.derivative is None:
            activation.grad(np.zeros(1))  # raises for the step function, naming it
    return network


def method_for(optimizer: str, parameters: int) -> str:
    """The method that runs: ``lm`` beyond :data:`LM_MAX_PARAMETERS` parameters runs ``lbfgs``.

    Why: a Levenberg–Marquardt step forms JᵀJ (N·p² work, p² memory per network) and
    factors it (p³/3); past about a thousand parameters that costs more than the many
    cheap L-BFGS steps (N·p each) that reach the same minimum on these smooth losses.
    """
    return "lbfgs" if optimizer == "lm" and parameters > LM_MAX_PARAMETERS else optimizer


def options(n: int, fo: FitOptions, callback: Any, parameters: int = 0) -> dict[str, Any]:
    """The engines' view of checked options: per-optimizer defaults filled in, ``lr`` named,
    and the method that runs for networks of ``parameters`` parameters (see :func:`method_for`)."""
    name = method_for(fo.optimizer, parameters)
    if name != fo.optimizer:
        fo = fo.replace(optimizer=name)
    o: dict[str, Any] = fo.to_dict()
    o["betas"] = fo.betas
    o["steps"] = DEFAULT_STEPS[name] if fo.steps is None else fo.steps
    o["lr"] = DEFAULT_LR[name] if fo.learning_rate is None else fo.learning_rate
    if fo.batch_size is not None and name not in ("adam", "sgd") and fo.batch_size < n:
        raise ConfigError(
            f"mini-batches need optimizer 'adam' or 'sgd'; {name!r} uses every point each step"
        )
    o["patience"] = fo.patience if fo.early_stopping else None
    if callback is not None and not callable(callback):
        raise ConfigError(f"the 'callback' parameter must be callable, got {callback!r}")
    o["callback"] = callback
    o["options"] = fo
    return o


def validation_split(
    x: np.ndarray, y: np.ndarray, validation: Any, early_stopping: bool, seed: int
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    if validation is None and early_stopping:
        validation = 0.1
    if validation is None:
        return x, y, None
    if isinstance(validation, tuple):
        xv, yv = as_data(*validation, name="validation")
        return x, y, (xv, yv)
    frac = check_real("validation", validation, 0.0, 0.5, lo_open=True)
    return split(x, y, frac, seed)
