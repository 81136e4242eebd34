"""Classifiers in the plane: decision regions with the data, each hidden neuron's own map,
and a linear network's single boundary line (as the TensorFlow Playground draws them).

A binary classifier of piecewise-linear layers (relu, …) has its boundary drawn exactly,
as the segments of :func:`~actlab.collapse.boundary.decision_boundary`; any other as the
contour p = ½ of the sampled grid."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..collapse.boundary import decision_boundary
from ..collapse.pieces import PIECEWISE_LINEAR_FORMS
from ..errors import ConfigError
from ..network import Network
from .strings import text
from .style import style

__all__ = ["boundary_figure", "decision_figure", "neuron_maps_figure"]

CLASS_COLORS = ("#F59322", "#0877BD")  # the Playground's orange (−1) and blue (+1)
CMAP = "RdBu"


def _grid(x: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = 0.08 * (hi - lo + 1e-12)
    g1 = np.linspace(lo[0] - pad[0], hi[0] + pad[0], n)
    g2 = np.linspace(lo[1] - pad[1], hi[1] + pad[1], n)
    m1, m2 = np.meshgrid(g1, g2)
    return m1, m2, np.column_stack([m1.ravel(), m2.ravel()])


def _check(net: Network, x: np.ndarray) -> np.ndarray:
    xa = np.asarray(x, dtype=np.float64)
    if net.inputs != 2 or xa.ndim != 2 or xa.shape[1] != 2:
        raise ConfigError("decision figures draw classifiers of two inputs x1, x2")
    if net.population is not None:
        raise ConfigError("decision figures draw one network; index the population first")
    return xa


def _exact(net: Network) -> bool:
    """Whether the boundary is drawn exactly: one output, every layer piecewise linear."""
    return net.outputs == 1 and all(a in PIECEWISE_LINEAR_FORMS for a in net.activations)


def _points(ax: Any, x: np.ndarray, y: np.ndarray, classes: Any, lang: str) -> None:
    labels = np.unique(y.astype(int))
    names = classes if classes is not None else [str(k) for k in range(labels.max() + 1)]
    colors = CLASS_COLORS if len(labels) <= 2 else [f"C{k}" for k in range(labels.max() + 1)]
    for k in labels:
        sel = y.astype(int) == k
        ax.scatter(x[sel, 0], x[sel, 1], s=12, color=colors[k], edgecolor="white",
                   linewidth=0.4, label=text("class", lang, name=names[k]), zorder=3)  # fmt: skip


def _finish(ax: Any, title: str) -> None:
    """The plane's axes x1, x2 at equal scale, the title and the legend of the classes."""
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_aspect("equal")
    ax.set_title(title)
    ax.legend(loc="upper right", fontsize="small")


def decision_figure(
    net: Network,
    x: Any,
    y: Any,
    *,
    classes: Any = None,
    n: int = 120,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """The probability of class 1 as a heatmap (binary; the winning class for K outputs),
    the boundary p = ½ as a black line (exact segments for a piecewise-linear binary
    classifier), and the labelled points on top."""
    xa = _check(net, x)
    ya = np.asarray(y, dtype=np.float64)
    m1, m2, q = _grid(xa, n)
    z = net(q)
    if net.outputs == 1:
        field = 0.5 * (1.0 + np.tanh(0.5 * z))
        levels = [0.5]
    else:
        field = z.argmax(axis=1).astype(np.float64)
        levels = list(np.arange(net.outputs - 1) + 0.5)
    field = field.reshape(m1.shape)
    with style(lang) as s:
        fig = s.figure(figsize=(5.2, 4.6))
        ax = fig.add_subplot()
        cmap = CMAP if net.outputs == 1 else "tab10"
        top = max(1, net.outputs - 1)
        mesh = ax.pcolormesh(m1, m2, field, cmap=cmap, shading="auto", alpha=0.75, vmin=0, vmax=top)
        if _exact(net):
            box = ((float(m1.min()), float(m1.max())), (float(m2.min()), float(m2.max())))
            segments = decision_boundary(net, box).segments
            ax.add_collection(LineCollection(segments, colors="black", linewidths=1.2))
        else:
            ax.contour(m1, m2, field, levels=levels, colors="black", linewidths=1.2)
        _points(ax, xa, ya, classes, s.lang)
        if net.outputs == 1:
            fig.colorbar(mesh, ax=ax, label="p(class 1)")
        _finish(ax, text("decision_title", s.lang) if title is None else title)
    return fig


def neuron_maps_figure(
    net: Network, x: Any, *, layer: int = 0, n: int = 60, lang: str = "en"
) -> Figure:
    """One small heatmap per hidden neuron of ``layer``: its activation over the plane
    (the Playground's thumbnails)."""
    xa = _check(net, x)
    if not 0 <= layer < net.depth:
        raise ConfigError(f"the network has hidden layers 0 … {net.depth - 1}, got {layer}")
    m1, m2, q = _grid(xa, n)
    h = net.trace(q).activations[layer]  # (n², width)
    width = h.shape[1]
    cols = min(width, 4)
    rows = -(-width // cols)
    with style(lang) as s:
        fig = s.figure(figsize=(2.0 * cols + 0.4, 2.0 * rows + 0.5))
        axes = fig.subplots(rows, cols, squeeze=False)
        for i in range(rows * cols):
            ax = axes[i // cols][i % cols]
            ax.set_xticks([])
            ax.set_yticks([])
            if i >= width:
                ax.set_axis_off()
                continue
            v = h[:, i].reshape(m1.shape)
            bound = float(np.max(np.abs(v))) or 1.0
            ax.pcolormesh(m1, m2, v, cmap=CMAP, shading="auto", vmin=-bound, vmax=bound)
            ax.set_title(text("neuron", s.lang, i=i + 1), fontsize="small")
            ax.set_aspect("equal")
        fig.suptitle(text("neuron_maps_title", s.lang))
    return fig


def boundary_figure(
    boundary: Any,
    x: Any,
    y: Any,
    *,
    classes: Any = None,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """The points and a linear classifier's single straight boundary (a
    :class:`~actlab.collapse.classifier.LinearBoundary` of two inputs), its equation
    in the legend."""
    xa = np.asarray(x, dtype=np.float64)
    ya = np.asarray(y, dtype=np.float64)
    m1, m2, q = _grid(xa, 120)
    side = (boundary(q) > 0).reshape(m1.shape).astype(np.float64)
    with style(lang) as s:
        fig = s.figure(figsize=(5.0, 4.6))
        ax = fig.add_subplot()
        ax.pcolormesh(m1, m2, side, cmap=CMAP, shading="auto", alpha=0.35, vmin=0, vmax=1)
        x1 = np.array([m1.min(), m1.max()])
        w1, w2 = boundary.w
        label = text("boundary_line", s.lang, eq=boundary.equation(3))
        if abs(w2) > 1e-12:
            ax.plot(x1, boundary.line(x1), color="black", lw=2, label=label)
        elif abs(w1) > 1e-12:
            ax.axvline(-boundary.b / w1, color="black", lw=2, label=label)
        _points(ax, xa, ya, classes, s.lang)
        ax.set_xlim(m1.min(), m1.max())
        ax.set_ylim(m2.min(), m2.max())
        _finish(ax, text("boundary_title", s.lang) if title is None else title)
    return fig
