"""Starting points for restarts: data-driven placements and seeded random draws.

A hidden neuron of a one-hidden-layer network is a transition (a sigmoid's
rise, a ReLU's kink) at centre u = −b/w with steepness |w|. Placing the
centres where the data changes — at quantiles of the target's total variation
∫|dy|, the sign of w following the local slope — and the steepness so that
each transition spans about its share of the input range starts a fit near the
good basins; the output layer is then solved exactly by linear least squares,
since given the hidden layer the output is linear in (c, c0). The first
data-driven start is deterministic; the rest jitter centres and steepness
from the seed. With k > 1 inputs a neuron is a ridge across one direction:
:func:`ridge_starts` draws seeded random directions through data points.
Deeper networks get seeded random draws (``Network.init``) with the output
layer solved the same way.
"""

from __future__ import annotations

import numpy as np

from .. import activations as act
from ..network import Network
from . import kernels
from ._params import Layout

__all__ = ["data_starts", "ridge_starts", "solve_output", "starts"]

# pre-activation span over which each activation does its bending
_LOG_HALF, _LOG_TWO = float(np.log(0.5)), float(np.log(2.0))  # steepness jitter range
_BEND = {"sigmoid": 8.0, "tanh": 4.0, "hard_sigmoid": 6.0, "hard_tanh": 2.0, "softplus": 4.0}


def solve_output(layout: Layout, theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``theta`` with each member's output layer set to its least-squares optimum.

    ``y`` is (N,) for one output or (N, K) for K outputs.
    """
    theta = np.array(theta, dtype=np.float64)
    ws, bs = layout.views(theta)
    h = (x[:, None] if x.ndim == 1 else x)[None]  # (1, N, k)
    for w, b, name in zip(ws[:-1], bs[:-1], layout.activations, strict=True):
        # one input: the first layer's product x·w needs no matmul
        z = h * np.swapaxes(w, -1, -2) if h.shape[-1] == 1 else h @ np.swapaxes(w, -1, -2)
        h = act.ACTIVATIONS[name].fn(z + b[:, None, :])
    n = x.shape[0]
    design = np.empty((theta.shape[0], n, h.shape[-1] + 1))  # (P, N, width + 1)
    design[..., :-1] = h
    design[..., -1] = 1.0
    gram = np.swapaxes(design, -1, -2) @ design
    ridge = 1e-10 * np.trace(gram, axis1=-2, axis2=-1)[:, None, None] + 1e-12
    cols = y[None, :, None] if y.ndim == 1 else y[None]  # (1, N, K)
    rhs = np.swapaxes(design, -1, -2) @ cols
    sol = np.linalg.solve(gram + ridge * np.eye(gram.shape[-1]), rhs)  # (P, width + 1, K)
    if np.all(np.isfinite(sol)):
        ws[-1][:] = np.swapaxes(sol[:, :-1, :], -1, -2)
        bs[-1][:] = sol[:, -1, :]
    return theta


def data_starts(
    layout: Layout, x: np.ndarray, y: np.ndarray, count: int, rng: np.random.Generator
) -> np.ndarray:
    """``count`` data-driven hidden layers (count, p), output unset; the first deterministic."""
    w = layout.width
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    lo, hi = float(xs[0]), float(xs[-1])
    span = max(hi - lo, 1e-12)
    dy = np.diff(ys)
    tv = np.concatenate([[0.0], np.cumsum(np.abs(dy))])
    q = np.tile((np.arange(w) + 0.5) / w, (count, 1))
    jitter = np.ones((count, w))
    if count > 1:
        q[1:] = np.sort(np.clip(q[1:] + rng.uniform(-0.5, 0.5, (count - 1, w)) / w, 0, 1), axis=1)
        jitter[1:] = np.exp(rng.uniform(_LOG_HALF, _LOG_TWO, (count - 1, w)))
    if tv[-1] > 0:
        centres = np.interp(q * tv[-1], tv, xs)
        idx = np.clip(np.searchsorted(tv, q * tv[-1]), 1, len(xs) - 1)
        slope = np.sign(dy[idx - 1])
    else:
        centres, slope = lo + q * span, np.ones((count, w))
    slope[slope == 0] = 1.0
    wgt = slope * _BEND.get(layout.activations[0], 2.0) * w / span * jitter
    theta = np.zeros((count, layout.size))
    theta[:, :w] = wgt
    theta[:, w : 2 * w] = -wgt * centres
    return theta


def ridge_starts(layout: Layout, x: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """k inputs: ``count`` hidden layers (count, p) of ridges through data points, output unset.

    With k inputs a neuron bends along one direction d: φ(s·(d·x − u)). Each
    neuron gets a seeded random unit direction and a centre u at the projection
    of a randomly chosen data point, so every ridge crosses the data; its
    steepness s makes the bend span about the data's extent along d (jittered
    ×½…2). Measured on 12 seeded problems with 2–4 inputs these starts fit about as
    well as random draws (median MSE/var 4e-5 against 1e-5, neither ahead on every
    problem); bends w times steeper, as in one dimension, did no better.
    """
    w, k = layout.width, layout.inputs
    d = rng.normal(size=(count, w, k))
    d /= np.maximum(np.linalg.norm(d, axis=-1, keepdims=True), 1e-300)
    proj = np.matmul(x[None], np.swapaxes(d, -1, -2))  # (count, N, w): d·x of every point
    span = np.maximum(proj.max(axis=1) - proj.min(axis=1), 1e-12)
    anchor = rng.integers(0, x.shape[0], (count, 1, w))
    centres = np.take_along_axis(proj, anchor, axis=1)[:, 0, :]
    jitter = np.exp(rng.uniform(_LOG_HALF, _LOG_TWO, (count, w)))
    steep = _BEND.get(layout.activations[0], 2.0) / span * jitter
    theta = np.zeros((count, layout.size))
    theta[:, : w * k] = (steep[..., None] * d).reshape(count, w * k)
    theta[:, w * k : w * k + w] = -steep * centres
    return theta


def starts(
    network: Network, x: np.ndarray, y: np.ndarray, count: int, seed: int, *, data: bool = True
) -> np.ndarray:
    """``count`` starting points (count, p): the network as given, then restarts."""
    layout = Layout.of(network)
    first = layout.pack(network)[:1]
    if count <= 1:
        return first
    rng = np.random.default_rng(seed)
    y_line = y if y.ndim == 1 else y.argmax(axis=1).astype(np.float64)  # K outputs: a class
    if data and layout.is_shallow and layout.inputs > 1:
        hidden = ridge_starts(layout, x, count - 1, rng)
    elif data and layout.is_shallow:
        make = _compiled_hidden if kernels.available() else data_starts
        hidden = make(layout, x, y_line, count - 1, rng)
    else:
        seeds = rng.integers(0, 2**63 - 1, count - 1)
        draws = Network.init(
            network.widths, activation=network.activations, seed=list(seeds),
            inputs=network.inputs, outputs=network.outputs,
        )  # fmt: skip
        hidden = layout.pack(draws)
    extra = solve_output(layout, hidden, x, y)
    return np.concatenate([first, extra])


def _compiled_hidden(
    layout: Layout, x: np.ndarray, y: np.ndarray, count: int, rng: np.random.Generator
) -> np.ndarray:
    """:func:`data_starts` by the numba kernel: the same draws and the same numbers."""
    w = layout.width
    shift = jitter = np.zeros((0, w))
    if count > 1:  # the draws of data_starts, in its order
        shift = rng.uniform(-0.5, 0.5, (count - 1, w))
        jitter = np.exp(rng.uniform(_LOG_HALF, _LOG_TWO, (count - 1, w)))
    theta = np.zeros((count, layout.size))
    name = layout.activations[0]
    xy = np.ascontiguousarray(x, np.float64), np.ascontiguousarray(y, np.float64)
    kernels.load().shallow_hidden(*xy, w, _BEND.get(name, 2.0), shift, jitter, theta)
    return theta
