"""Exact piecewise-linear constructions: the polyline through the points as a network.

With slopes s_i = (y_{i+1} − y_i)/(x_{i+1} − x_i) (and s_{−1} = s_n = 0 outside):

* relu:  y = y_0 + Σ_{i=0}^{n} (s_i − s_{i−1})·relu(x − x_i)
  — one ReLU per point, each bending the line by the change of slope there;
  the first starts the first slope, the last cancels the last slope, so the
  network is constant beyond the ends, as the points' polyline is. With
  ``extend="linear"`` the end segments' lines continue instead:
  y = y_0 + s_0·relu(x − x_0) − s_0·relu(−(x − x_0)) + Σ_{interior} (s_i − s_{i−1})·relu(x − x_i).
* hard_sigmoid: y = y_0 + Σ_i (y_{i+1} − y_i)·h(6(x − m_i)/(x_{i+1} − x_i)), one ramp per
  segment, where h(z) = clip(z/6 + 1/2, 0, 1) climbs from 0 at z = −3 to 1 at z = 3 and
  m_i is the segment's midpoint: the ramp rises exactly across its segment.

Neurons whose output weight is zero (a straight run of points, a flat segment)
are left out: they change nothing.
"""

from __future__ import annotations

import numpy as np

from .._validate import check_choice
from ..network import Network
from .polyline import check_points

__all__ = ["EXTENSIONS", "hard_sigmoid_network", "relu_network", "shallow_pruned"]

Array = np.ndarray
EXTENSIONS = ("constant", "linear")
_ZERO = 1e-13  # relative size below which an output weight counts as zero


def shallow_pruned(w: Array, b: Array, c: Array, c0: float, activation: str) -> Network:
    """``Network.shallow`` without the neurons whose output weight is (relatively) zero.

    One neuron with weight 0 is kept when all are zero, so the network stays 1-1-1.
    """
    w, b, c = (np.asarray(v, dtype=np.float64) for v in (w, b, c))
    scale = float(np.max(np.abs(c), initial=0.0))
    keep = np.abs(c) > _ZERO * scale
    if not keep.any():
        keep[0] = True
        c = np.zeros_like(c)
    return Network.shallow(w[keep], b[keep], c[keep], c0, activation)


def relu_network(x: Array, y: Array, *, extend: str = "constant") -> Network:
    """The polyline through the points as y = c + Σ c_i·relu(±(x − x_i)); see the module doc."""
    xs, ys = check_points(x, y)
    check_choice("extend", extend, EXTENSIONS)
    slopes = np.diff(ys) / np.diff(xs)
    bends = np.diff(slopes, prepend=0.0, append=0.0)  # s_i − s_{i−1} at every point
    w, b, c = np.ones(xs.size), -xs, bends
    if extend == "linear":
        # drop the last point's bend (keep slope s_{n−1} to the right) and replace
        # the first one by ±relu: s_0·relu(x − x_0) − s_0·relu(−(x − x_0)) = s_0·(x − x_0)
        w, b, c = w[:-1], b[:-1], c[:-1]
        w, b, c = np.append(w, -1.0), np.append(b, xs[0]), np.append(c, -slopes[0])
    return shallow_pruned(w, b, c, float(ys[0]), "relu")


def hard_sigmoid_network(x: Array, y: Array) -> Network:
    """The polyline through the points as a constant plus one hard-sigmoid ramp per segment."""
    xs, ys = check_points(x, y)
    width = np.diff(xs)
    mid = (xs[:-1] + xs[1:]) / 2.0
    w = 6.0 / width
    return shallow_pruned(w, -w * mid, np.diff(ys), float(ys[0]), "hard_sigmoid")
