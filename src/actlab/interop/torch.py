"""Convert an actlab network to a PyTorch ``nn.Sequential`` and back.

Every activation maps to a torch module whose output equals actlab's to
rounding: where torch's stock module differs (softplus switches to the
identity above z = 20), a small exact module is used instead.
"""

from __future__ import annotations

import math
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


def _affine_activation(mod: Any, name: str, torch: Any) -> tuple[float, float, float, float]:
    """(a, b, c, d) with ``mod(z) = c·φ(a·z + b) + d`` for the table's φ = ``name``.

    Module settings the table expresses by scaling become the scales (folded into the
    Linear layers around the activation, so the conversion stays exact); any other
    setting is refused with what would be needed.
    """
    kind = type(mod).__name__
    if isinstance(mod, torch.nn.LeakyReLU) and mod.negative_slope != 0.01:
        raise UnsupportedError(
            f"LeakyReLU(negative_slope={mod.negative_slope:g}) has no exact counterpart: "
            "actlab's leaky_relu has slope 0.01"
        )
    if isinstance(mod, torch.nn.ELU) and mod.alpha != 1.0:
        raise UnsupportedError(
            f"ELU(alpha={mod.alpha:g}) has no exact counterpart: actlab's elu has alpha 1 "
            "(alpha·(e^z − 1) below 0 cannot be rescaled into e^z − 1 without changing z > 0)"
        )
    if isinstance(mod, torch.nn.GELU) and mod.approximate != "none":
        raise UnsupportedError(
            f"GELU(approximate={mod.approximate!r}) has no exact counterpart: actlab's gelu is "
            "the exact z·Φ(z) (GELU(approximate='none'))"
        )
    if isinstance(mod, torch.nn.Hardtanh) and name == "hard_tanh":
        lo, hi = float(mod.min_val), float(mod.max_val)
        if not lo < hi:
            raise UnsupportedError(
                f"{kind}(min_val={lo:g}, max_val={hi:g}) needs min_val < max_val"
            )
        # clip(z, lo, hi) = m + h·clip((z − m)/h, −1, 1)
        m, h = (lo + hi) / 2, (hi - lo) / 2
        return 1 / h, -m / h, h, m
    if isinstance(mod, torch.nn.Softplus) and name == "softplus":
        beta, threshold = float(mod.beta), float(mod.threshold)
        if threshold < 20:
            raise UnsupportedError(
                f"Softplus(threshold={threshold:g}) switches to the identity where β·z > "
                f"{threshold:g}, off log(1 + e^z) by up to {math.log1p(math.exp(-threshold)):.2g}; "
                "only threshold ≥ 20 converts (actlab's softplus never switches)"
            )
        # log(1 + e^(βz))/β = softplus(βz)/β
        return beta, 0.0, 1 / beta, 0.0
    return 1.0, 0.0, 1.0, 0.0


def _supported(types: dict[type, str]) -> str:
    return ", ".join(dict.fromkeys(t.__name__ for t in types))


def from_torch(model: Any) -> Network:
    """An actlab network from an ``nn.Sequential`` of Linear layers and known activations.

    The first Linear's ``in_features`` becomes the network's number of inputs. Module
    settings the activation table can express are converted exactly by rescaling the
    Linear layers around them: ``Hardtanh(min_val, max_val)`` and ``Softplus(beta)``;
    others are refused (``ELU(alpha != 1)``, ``GELU(approximate='tanh')``, ``LeakyReLU``
    with a slope other than 0.01, ``Softplus(threshold < 20)``).
    """
    torch = _torch()
    if not isinstance(model, torch.nn.Sequential):
        raise UnsupportedError(
            "from_torch reads a torch.nn.Sequential of Linear and activation layers"
        )
    types = {type(m()): n for n, m in _modules().items()}
    types[torch.nn.Softplus] = "softplus"  # equal to ours below torch's threshold (z = 20)
    weights, biases, acts = [], [], []
    scales: list[tuple[float, float, float, float]] = []  # per hidden layer: a, b, c, d
    pending_linear = False
    for i, mod in enumerate(model):
        if isinstance(mod, torch.nn.Linear):
            if pending_linear:
                acts.append("identity")  # two Linear layers in a row
                scales.append((1.0, 0.0, 1.0, 0.0))
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
        if name is None and isinstance(mod, torch.nn.Hardtanh):
            name = "hard_tanh"  # ReLU6 is Hardtanh(0, 6)
        if name is None or not pending_linear:
            raise UnsupportedError(
                f"layer {i} ({type(mod).__name__}) is not supported here: use Linear layers "
                f"each followed by at most one of {_supported(types)}"
            )
        try:
            scales.append(_affine_activation(mod, name, torch))
        except UnsupportedError as e:
            raise UnsupportedError(f"layer {i}: {e}") from None
        acts.append(name)
        pending_linear = False
    if not pending_linear:
        raise UnsupportedError("the model must end with a Linear layer (the linear output)")
    # fold c·φ(a·z + b) + d into the layers: z = W h + β before, W_next (c·φ + d) after
    for layer, (a, b, c, d) in enumerate(scales):
        if (a, b, c, d) == (1.0, 0.0, 1.0, 0.0):
            continue
        weights[layer], biases[layer] = a * weights[layer], a * biases[layer] + b
        nxt = weights[layer + 1]
        biases[layer + 1] = biases[layer + 1] + d * nxt.sum(axis=1)
        weights[layer + 1] = c * nxt
    return Network(weights, biases, acts)
