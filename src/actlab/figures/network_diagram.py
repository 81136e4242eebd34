"""A small network drawn as nodes and links, weights on the links and biases under the nodes."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from .._validate import check_int
from ..errors import ConfigError
from ..network import Network
from ..network.formula import MINUS, number
from ._data import single
from .strings import text
from .style import ROLE_COLORS, activation_color, style

__all__ = ["MAX_DIAGRAM_DEPTH", "MAX_DIAGRAM_WIDTH", "network_diagram"]

MAX_DIAGRAM_WIDTH = 8
MAX_DIAGRAM_DEPTH = 5
RADIUS = 0.3
INCH = 0.78  # inches per data unit
DX, DY = 3.0, 1.25  # distance between layers, between neurons of a layer

# What a hidden node shows: short enough to fit in its circle.
NODE_LABELS = {
    "identity": "z",
    "sigmoid": "σ",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "LReLU",
    "hard_sigmoid": "hσ",
    "hard_tanh": "htanh",
    "softplus": "sp",
    "elu": "ELU",
    "gelu": "GELU",
    "silu": "SiLU",
    "sin": "sin",
    "square": "z²",
    "step": "step",
}


def _num(v: float, digits: int) -> str:
    s = number(v, digits)
    return f"{MINUS}{s}" if v < 0 and s != "0" else s


def _positions(sizes: list[int]) -> list[np.ndarray]:
    """(n, 2) centres per layer; layers left to right, neurons top to bottom, centred on y = 0."""
    return [
        np.column_stack([np.full(n, DX * k), (n - 1) / 2 * DY - DY * np.arange(n)])
        for k, n in enumerate(sizes)
    ]


def _label_t(n_src: int, n_dst: int) -> float:
    """Where along a link its weight sits, so that the labels of one layer do not pile up.

    Near the destination, the links into one neuron are (1 − t)·DY apart
    vertically; near the source, the links out of one neuron are t·DY apart.
    """
    if n_src == 1 and n_dst == 1:
        return 0.5
    if n_dst == 1:
        return 0.34  # fan-in to the output: labels near the separate sources
    if n_src == 1:
        return 0.62  # fan-out from x: labels near the separate destinations
    return 0.7


def _links(ax: Axes, net: Network, pos: list[np.ndarray], digits: int) -> None:
    w_max = max(float(np.max(np.abs(w))) for w in net.weights) or 1.0
    for layer, w in enumerate(net.weights):
        src, dst = pos[layer], pos[layer + 1]
        for j_dst in range(w.shape[0]):
            for j_src in range(w.shape[1]):
                a, b = src[j_src], dst[j_dst]
                u = (b - a) / np.hypot(*(b - a))
                p0, p1 = a + RADIUS * u, b - RADIUS * u
                wv = float(w[j_dst, j_src])
                color = ROLE_COLORS["positive" if wv >= 0 else "negative"]
                ax.plot(
                    [p0[0], p1[0]],
                    [p0[1], p1[1]],
                    color=color,
                    linewidth=0.6 + 2.6 * abs(wv) / w_max,
                    alpha=0.75,
                    solid_capstyle="round",
                    zorder=1,
                    gid="link",
                )
                t = _label_t(len(src), len(dst))
                at = p0 + t * (p1 - p0)
                ax.text(
                    at[0],
                    at[1],
                    _num(wv, digits),
                    ha="center",
                    va="center",
                    fontsize=9,
                    color=color,
                    zorder=3,
                    gid="weight",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
                )


def _nodes(ax: Axes, net: Network, pos: list[np.ndarray], digits: int) -> None:
    last = len(pos) - 1
    for k, layer in enumerate(pos):
        for j, (cx, cy) in enumerate(layer):
            if k == 0:
                label, edge = "x", ROLE_COLORS["target"]
            elif k == last:
                label, edge = "y", ROLE_COLORS["output"]
            else:
                name = net.activations[k - 1]
                label, edge = NODE_LABELS.get(name, name), activation_color(name)
            ax.add_patch(
                Circle(
                    (cx, cy),
                    RADIUS,
                    facecolor=ROLE_COLORS["node"],
                    edgecolor=edge,
                    linewidth=2.0,
                    zorder=4,
                    gid="node",
                )
            )
            ax.text(
                cx,
                cy,
                label,
                ha="center",
                va="center",
                zorder=5,
                fontsize=12 if len(label) <= 2 else 8,
            )
            if k > 0:
                b = float(net.biases[k - 1][j])
                ax.text(
                    cx,
                    cy - RADIUS - 0.08,
                    f"b = {_num(b, digits)}",
                    ha="center",
                    va="top",
                    fontsize=8.5,
                    color="#444444",
                    zorder=5,
                    gid="bias",
                )


def network_diagram(
    network: Network, *, lang: str = "en", digits: int = 3, title: str | None = None
) -> Figure:
    """Nodes and links of a small network (≤ 8 neurons per layer, ≤ 5 hidden layers).

    Each link shows its weight (blue positive, red negative, thicker when
    larger); each neuron shows its activation and, below it, its bias.
    """
    net = single(network)
    digits = check_int("digits", digits, 1, 8)
    if any(w > MAX_DIAGRAM_WIDTH for w in net.widths) or net.depth > MAX_DIAGRAM_DEPTH:
        raise ConfigError(
            f"network_diagram draws networks with at most {MAX_DIAGRAM_WIDTH} neurons per layer "
            f"and {MAX_DIAGRAM_DEPTH} hidden layers, got widths {net.widths}; "
            "contributions_figure shows wide networks"
        )
    sizes = [1, *net.widths, 1]
    pos = _positions(sizes)
    tallest = max(sizes)
    half = (tallest - 1) / 2 * DY
    xlim = (-0.6, DX * (len(sizes) - 1) + 0.6)
    ylim = (-half - 0.85, half + 0.45)
    with style(lang) as s:
        # inches per data unit fixed, so text and nodes keep their size whatever the shape
        fig = s.figure(figsize=(INCH * (xlim[1] - xlim[0]), INCH * (ylim[1] - ylim[0]) + 0.45))
        ax = fig.add_subplot()
        _links(ax, net, pos, digits)
        _nodes(ax, net, pos, digits)
        ax.set_aspect("equal")
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.axis("off")
        shape = "-".join(str(k) for k in sizes)
        title = text("diagram_title", s.lang, shape=shape) if title is None else title
        if title:
            ax.set_title(title)
    return fig
