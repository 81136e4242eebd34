"""Exact activation swaps: a sigmoid network as an identical tanh network, and back.

Each swap rests on an identity φ(z) = α + β·ψ(γz):

* σ(z)  = 1/2 + 1/2·tanh(z/2)             (sigmoid → tanh)
* tanh(z) = −1 + 2·σ(2z)                  (tanh → sigmoid)
* hard_sigmoid(z) = 1/2 + 1/2·hard_tanh(z/3), and back: hard_tanh(z) = −1 + 2·hard_sigmoid(3z)

Swapping layer l scales its weights and bias by γ, so it computes ψ(γz) instead of
φ(z); its output is then α + β·(new output), and the *next* layer absorbs that
affine change: W ↦ β·W (column-wise) and b ↦ b + α·W·1. This works at any depth,
for any mix of layers, and for populations.
"""

from __future__ import annotations

import numpy as np

from .. import activations as act
from ..errors import UnsupportedError
from ..network import Network

__all__ = ["IDENTITIES", "convert", "sigmoid_to_tanh", "tanh_to_sigmoid"]

Array = np.ndarray

# (from, to): (α, β, γ) with from(z) = α + β·to(γz)
IDENTITIES: dict[tuple[str, str], tuple[float, float, float]] = {
    ("sigmoid", "tanh"): (0.5, 0.5, 0.5),
    ("tanh", "sigmoid"): (-1.0, 2.0, 2.0),
    ("hard_sigmoid", "hard_tanh"): (0.5, 0.5, 1.0 / 3.0),
    ("hard_tanh", "hard_sigmoid"): (-1.0, 2.0, 3.0),
}


def convert(net: Network, source: str, target: str) -> Network:
    """The same function with every ``source`` hidden layer rewritten to use ``target``."""
    pair = (act.get(source).name, act.get(target).name)
    if pair not in IDENTITIES:
        known = ", ".join(f"{a} → {b}" for a, b in IDENTITIES)
        raise UnsupportedError(f"no exact swap {pair[0]} → {pair[1]}; actlab knows {known}")
    alpha, beta, gamma = IDENTITIES[pair]
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    names = list(net.activations)
    for layer, name in enumerate(net.activations):
        if name != pair[0]:
            continue
        weights[layer] *= gamma
        biases[layer] *= gamma
        names[layer] = pair[1]
        # the next layer reads α + β·h instead of h
        nxt = weights[layer + 1]
        biases[layer + 1] = biases[layer + 1] + alpha * nxt.sum(axis=-1)
        weights[layer + 1] = beta * nxt
    return Network(weights, biases, names)


def sigmoid_to_tanh(net: Network) -> Network:
    """Every sigmoid layer as a tanh layer, by σ(z) = (1 + tanh(z/2))/2; same outputs."""
    return convert(net, "sigmoid", "tanh")


def tanh_to_sigmoid(net: Network) -> Network:
    """Every tanh layer as a sigmoid layer, by tanh(z) = 2σ(2z) − 1; same outputs."""
    return convert(net, "tanh", "sigmoid")
