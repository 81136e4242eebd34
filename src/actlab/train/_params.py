"""Flat parameter vectors: a network's weights and biases as one row per population member.

Order, layer by layer: ``W_l`` row-major (n_out × n_in), then ``b_l``. For one
input and one hidden layer of width w this is ``[w_1..w_w, b_1..b_w, c_1..c_w, c0]``
for y = Σ c_i·φ(w_i x + b_i) + c0, the order the fused kernels use; with k inputs
the first block is W (w × k) row by row, neuron i's k weights together.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from ..network import Network

__all__ = ["Layout"]

_CACHE: dict[tuple[int, tuple[int, ...], tuple[str, ...], int], Layout] = {}  # layouts by shape


@dataclass(frozen=True)
class Layout:
    """Where each layer's weights and biases sit in a flat parameter vector."""

    shapes: tuple[tuple[int, int], ...]  # (n_out, n_in) per layer, output layer last
    activations: tuple[str, ...]

    @classmethod
    def of(cls, network: Network) -> Layout:
        """The layout of ``network``'s shape (one shared object per shape)."""
        key = (network.inputs, tuple(network.widths), tuple(network.activations), network.outputs)
        layout = _CACHE.get(key)
        if layout is None:
            if len(_CACHE) >= 1024:
                _CACHE.clear()
            sizes = [key[0], *key[1], key[3]]
            shapes = tuple((o, i) for i, o in pairwise(sizes))
            layout = _CACHE[key] = cls(shapes, key[2])
        return layout

    @property
    def inputs(self) -> int:
        """Number of inputs k of the network."""
        return self.shapes[0][1]

    @property
    def outputs(self) -> int:
        """Number of outputs K of the network (1 unless a K-class classifier)."""
        return self.shapes[-1][0]

    @property
    def size(self) -> int:
        """Number of parameters p of one network."""
        return sum(o * i + o for o, i in self.shapes)

    @property
    def width(self) -> int:
        """Width of the last hidden layer (1 for depth 0)."""
        return self.shapes[-1][1]

    @property
    def is_shallow(self) -> bool:
        """One hidden layer (the fused kernels also need :attr:`inputs` == 1)."""
        return len(self.shapes) == 2

    def weight_mask(self) -> np.ndarray:
        """1.0 where a parameter is a weight (penalised by L2), 0.0 where it is a bias."""
        parts = []
        for o, i in self.shapes:
            parts += [np.ones(o * i), np.zeros(o)]
        return np.concatenate(parts)

    def pack(self, network: Network) -> np.ndarray:
        """Parameters as a (P, p) array (P = 1 for a single network)."""
        lead = network.population or 1
        parts = []
        for w, b in zip(network.weights, network.biases, strict=True):
            parts += [w.reshape(lead, -1), b.reshape(lead, -1)]
        return np.concatenate(parts, axis=1)

    def views(self, theta: Any) -> tuple[list[Any], list[Any]]:
        """Weights (P, n_out, n_in) and biases (P, n_out) as views into ``theta`` (P, p)."""
        ws, bs, k = [], [], 0
        lead = theta.shape[0]
        for o, i in self.shapes:
            ws.append(theta[:, k : k + o * i].reshape(lead, o, i))
            k += o * i
            bs.append(theta[:, k : k + o])
            k += o
        return ws, bs

    def unpack(self, theta: np.ndarray, *, population: bool) -> Network:
        """A network (or a population when ``population``) holding copies of ``theta``."""
        theta = np.asarray(theta, dtype=np.float64)
        ws, bs = self.views(theta)
        if not population:
            ws, bs = [w[0] for w in ws], [b[0] for b in bs]
        return Network([w.copy() for w in ws], [b.copy() for b in bs], list(self.activations))
