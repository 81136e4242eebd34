"""Checking the options that fit and fit_population share, and holding out validation points."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import check_choice, check_int, check_real, check_seed
from ..activations import get as get_activation
from ..errors import ConfigError
from ..network import Network
from ._data import as_data, split
from .optimizers import DEFAULT_LR, DEFAULT_STEPS, OPTIMIZERS

__all__ = ["check_network", "hint_for", "options", "validation_split"]


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


def options(n: int, **o: Any) -> dict[str, Any]:
    """Check and complete the keyword options shared by fit and fit_population."""
    name = check_choice("optimizer", o["optimizer"], OPTIMIZERS)
    o["steps"] = check_int("steps", DEFAULT_STEPS[name] if o["steps"] is None else o["steps"], 1,
                           10_000_000)  # fmt: skip
    o["lr"] = check_real("lr", DEFAULT_LR[name] if o["lr"] is None else o["lr"], 0, lo_open=True)
    o["l2"] = check_real("l2", o["l2"], 0.0)
    o["tol"] = check_real("tol", o["tol"], 0.0)
    o["momentum"] = check_real("momentum", o["momentum"], 0.0, 1.0, hi_open=True)
    o["eps"] = check_real("eps", o["eps"], 0.0, lo_open=True)
    b1, b2 = o["betas"]
    o["betas"] = (check_real("betas[0]", b1, 0.0, 1.0, hi_open=True),
                  check_real("betas[1]", b2, 0.0, 1.0, hi_open=True))  # fmt: skip
    o["seed"] = check_seed(o["seed"])
    if o["batch_size"] is not None:
        o["batch_size"] = check_int("batch_size", o["batch_size"], 1)
        if name not in ("adam", "sgd") and o["batch_size"] < n:
            raise ConfigError(
                f"mini-batches need optimizer 'adam' or 'sgd'; {name!r} uses every point each step"
            )
    if o["patience"] is not None:
        o["patience"] = check_int("patience", o["patience"], 1)
    if o["callback"] is not None and not callable(o["callback"]):
        raise ConfigError(f"the 'callback' parameter must be callable, got {o['callback']!r}")
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
