"""Convert an actlab network to a PyTorch ``nn.Sequential`` and back.

Every activation maps to a torch module whose output equals actlab's to
rounding: where torch's stock module differs (softplus switches to the
identity above z = 20), a small exact module is used instead.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from .._torch import require_torch
from ..errors import ConfigError, UnsupportedError
from ..network import Network

if TYPE_CHECKING:
    import torch

__all__ = ["activation_module", "from_torch", "to_torch"]


def _torch() -> Any:
    return require_torch("converting to or from PyTorch")


@cache
def _modules() -> dict[str, Any]:
    torch = _torch()
    nn = torch.nn

    class Softplus(nn.Module):
        """log(1 + e^z) without torch's linear switch above z = 20."""

        def forward(self, z: torch.Tensor) -> torch.Tensor:
            return torch.logaddexp(z, torch.zeros_like(z))

    class Sin(nn.Module):
        """sin(z)."""

        def forward(self, z: torch.Tensor) -> torch.Tensor:
            return torch.sin(z)

    class Square(nn.Module):
        """z²."""

        def forward(self, z: torch.Tensor) -> torch.Tensor:
            return z * z

    class Step(nn.Module):
        """Heaviside step, 1 for z ≥ 0 (no useful gradient)."""

        def forward(self, z: torch.Tensor) -> torch.Tensor:
            return (z >= 0).to(z.dtype)

    return {
        "identity": nn.Identity,
        "sigmoid": nn.Sigmoid,
        "tanh": nn.Tanh,
        "relu": nn.ReLU,
        "leaky_relu": lambda: nn.LeakyReLU(0.01),
        "hard_sigmoid": nn.Hardsigmoid,
        "hard_tanh": nn.Hardtanh,
        "softplus": Softplus,
        "elu": nn.ELU,
        "gelu": nn.GELU,
        "silu": nn.SiLU,
        "sin": Sin,
        "square": Square,
        "step": Step,
    }


def activation_module(name: str) -> Any:
    """A fresh torch module computing activation ``name``."""
    return _modules()[name]()


def to_torch(network: Network, dtype: Any = None) -> Any:
    """An ``nn.Sequential`` (Linear, activation, …, Linear) with the same weights.

    Its input has shape (N, k) for a network with k inputs (the first layer is
    ``nn.Linear(k, width)``) and its output (N, 1); ``dtype`` defaults to float64.
    """
    torch = _torch()
    if network.population is not None:
        raise ConfigError("to_torch converts a single network; index the population first")
    dtype = torch.float64 if dtype is None else dtype
    layers: list[Any] = []
    names = [*network.activations, None]
    for w, b, name in zip(network.weights, network.biases, names, strict=True):
        lin = torch.nn.Linear(w.shape[1], w.shape[0], dtype=dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.as_tensor(w, dtype=dtype))
            lin.bias.copy_(torch.as_tensor(b, dtype=dtype))
        layers.append(lin)
        if name is not None:
            layers.append(activation_module(name))
    return torch.nn.Sequential(*layers)


def from_torch(model: Any) -> Network:
    """An actlab network from an ``nn.Sequential`` of Linear layers and known activations.

    The first Linear's ``in_features`` becomes the network's number of inputs.
    """
    torch = _torch()
    if not isinstance(model, torch.nn.Sequential):
        raise UnsupportedError(
            "from_torch reads a torch.nn.Sequential of Linear and activation layers"
        )
    types = {type(m()): n for n, m in _modules().items()}
    types[torch.nn.Softplus] = "softplus"  # equal to ours below torch's threshold (z = 20)
    weights, biases, acts = [], [], []
    pending_linear = False
    for i, mod in enumerate(model):
        if isinstance(mod, torch.nn.Linear):
            if pending_linear:
                acts.append("identity")  # two Linear layers in a row
            weights.append(mod.weight.detach().cpu().double().numpy().copy())
            b = mod.bias
            biases.append(
                np.zeros(mod.out_features)
                if b is None
                else b.detach().cpu().double().numpy().copy()
            )
            pending_linear = True
            continue
        name = types.get(type(mod))
        if name is None or not pending_linear:
            raise UnsupportedError(
                f"layer {i} ({type(mod).__name__}) is not supported here: use Linear layers "
                f"each followed by at most one of {', '.join(types.values())}"
            )
        if name == "leaky_relu" and mod.negative_slope != 0.01:
            raise UnsupportedError("only LeakyReLU with negative_slope=0.01 is supported")
        acts.append(name)
        pending_linear = False
    if not pending_linear:
        raise UnsupportedError("the model must end with a Linear layer (the linear output)")
    return Network(weights, biases, acts)
