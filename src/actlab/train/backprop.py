"""Analytic gradients and Jacobians of a network's output for any depth and activation.

For layer l, z_l = h_{l−1} W_lᵀ + b_l and h_l = φ_l(z_l); the output is
y = h_L W_outᵀ + b_out. Going back from the output with δ = ∂y/∂z_l,

    δ_L = W_out ⊙ φ'_L(z_L),    δ_{l−1} = (δ_l W_l) ⊙ φ'_{l−1}(z_{l−1}),
    ∂y/∂W_l = δ_lᵀ h_{l−1},     ∂y/∂b_l = δ_l.

Every array carries a leading population axis P, so arrays are (P, N, width)
and P networks run as one computation. A network of K > 1 outputs (a K-class
classifier's logits) has y of shape (P, N, K); its gradient back-propagates the
vector ∂loss/∂y, and its Jacobian is (P, N, K, p). Parameters are flat rows (P, p) in the
order of :class:`~actlab.train._params.Layout`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._params import Layout
from .backends.backend import Backend

__all__ = ["Forward", "forward", "gradient", "jacobian"]

Array = Any


@dataclass
class Forward:
    """A forward pass kept for backprop: inputs to each layer and each φ'(z)."""

    inputs: list[Array]  # h_{l−1} for every layer (h_0 = X), the output layer's last: (P, N, n_in)
    slopes: list[Array]  # φ'_l(z_l) for every hidden layer: (P, N, width)
    output: Array  # (P, N); (P, N, K) for K > 1 outputs


def forward(be: Backend, layout: Layout, theta: Array, x: Array) -> Forward:
    """Run the P networks in ``theta`` (P, p) on inputs ``x``: (N,) for one input, else (N, k)."""
    ws, bs = layout.views(theta)
    cols = x[:, None] if x.ndim == 1 else x  # (N, k)
    h = cols[None] + 0 * theta[:, :1, None]  # (P, N, k)
    inputs, slopes = [], []
    for w, b, name in zip(ws[:-1], bs[:-1], layout.activations, strict=True):
        inputs.append(h)
        z = h @ w.mT + b[:, None, :]
        h, slope = be.act(name, z)
        slopes.append(slope)
    inputs.append(h)
    if layout.outputs > 1:
        return Forward(inputs, slopes, h @ ws[-1].mT + bs[-1][:, None, :])
    y = (h @ ws[-1].mT)[..., 0] + bs[-1]
    return Forward(inputs, slopes, y)


def _deltas(layout: Layout, theta: Array, fw: Forward) -> list[Array]:
    """δ_l = ∂y_n/∂z_l for every layer, the output layer's (all ones) last."""
    ws, _ = layout.views(theta)
    delta = fw.output[..., None] * 0 + 1.0  # (P, N, 1)
    deltas = [delta]
    for w, slope in zip(reversed(ws[1:]), reversed(fw.slopes), strict=True):
        delta = (delta @ w) * slope
        deltas.append(delta)
    return deltas[::-1]


def gradient(be: Backend, layout: Layout, theta: Array, fw: Forward, dy: Array) -> Array:
    """Σ_n dy_n · ∂y_n/∂θ for each network: the gradient of a loss with ∂loss/∂y = ``dy``.

    ``dy`` is (P, N), or (P, N, K) for K outputs; the result is (P, p).
    """
    if dy.ndim == 3:
        return _vjp(be, layout, theta, fw, dy)
    deltas = _deltas(layout, theta, fw)
    parts = []
    for delta, h in zip(deltas, fw.inputs, strict=True):
        weighted = delta * dy[..., None]  # (P, N, n_out)
        parts.append(weighted.mT @ h)  # (P, n_out, n_in)
        parts.append(be.sum(weighted, 1))  # (P, n_out)
    return _flatten(be, parts, theta)


def _vjp(be: Backend, layout: Layout, theta: Array, fw: Forward, dy: Array) -> Array:
    """K outputs: back-propagate the vector dy (P, N, K) layer by layer."""
    ws, _ = layout.views(theta)
    delta = dy
    parts: list[Array] = []
    for layer in range(len(ws) - 1, -1, -1):
        h = fw.inputs[layer]
        parts = [delta.mT @ h, be.sum(delta, 1), *parts]
        if layer:
            delta = (delta @ ws[layer]) * fw.slopes[layer - 1]
    return _flatten(be, parts, theta)


def jacobian(be: Backend, layout: Layout, theta: Array, fw: Forward) -> Array:
    """∂y_n/∂θ for every point: shape (P, N, p); (P, N, K, p) for K outputs."""
    if layout.outputs > 1:
        p_, n_ = fw.output.shape[:2]
        out = be.zeros((p_, n_, layout.outputs, layout.size))
        for k in range(layout.outputs):
            dy = fw.output * 0
            dy[..., k] = 1.0
            deltas = _deltas_from(layout, theta, fw, dy)
            out[:, :, k, :] = _point_jacobian(be, layout, theta, fw, deltas)
        return out
    return _point_jacobian(be, layout, theta, fw, _deltas(layout, theta, fw))


def _deltas_from(layout: Layout, theta: Array, fw: Forward, delta: Array) -> list[Array]:
    """δ_l = ∂(output · e)/∂z_l per point, from the output layer's δ = ``delta`` (P, N, K)."""
    ws, _ = layout.views(theta)
    deltas = [delta]
    for w, slope in zip(reversed(ws[1:]), reversed(fw.slopes), strict=True):
        delta = (delta @ w) * slope
        deltas.append(delta)
    return deltas[::-1]


def _point_jacobian(
    be: Backend, layout: Layout, theta: Array, fw: Forward, deltas: list[Array]
) -> Array:
    """One output's ∂y_n/∂θ from its deltas: (P, N, p)."""
    parts = []
    for delta, h in zip(deltas, fw.inputs, strict=True):
        p_, n_ = delta.shape[:2]
        parts.append((delta[..., :, None] * h[..., None, :]).reshape(p_, n_, -1))
        parts.append(delta)
    out = be.zeros((*deltas[0].shape[:2], layout.size))
    k = 0
    for part in parts:
        out[..., k : k + part.shape[-1]] = part
        k += part.shape[-1]
    return out


def _flatten(be: Backend, parts: list[Array], theta: Array) -> Array:
    out = be.zeros(tuple(theta.shape))
    k = 0
    for part in parts:
        flat = part.reshape(theta.shape[0], -1)
        out[:, k : k + flat.shape[1]] = flat
        k += flat.shape[1]
    return out
