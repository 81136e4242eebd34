"""A network as the sum of its neurons: each hidden neuron's contribution, and their sum."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .. import score
from .._validate import check_choice, check_real
from ..errors import ConfigError, UnsupportedError
from ..network import Network
from ..network.formula import MINUS
from ._data import DEFAULT_POINTS, array1d, evaluate, grid, neuron_formula, single
from ._draw import finish, plot_target
from .strings import text
from .style import ROLE_COLORS, contribution_color, style

__all__ = ["BIAS_PLACES", "contributions_figure", "decomposition_figure"]

BIAS_PLACES = ("last", "first", "separate")
MAX_TERMS = 8
FAINT_ALPHA = 0.35
BIAS_STYLE = {"color": ROLE_COLORS["bias"], "linestyle": ":", "gid": "bias"}  # a dotted line


def _shape(network: Network) -> str:
    acts = ",".join(dict.fromkeys(network.activations)) or "linear"
    return "-".join(str(k) for k in [1, *network.widths, 1]) + f" {acts}"


def _signed(v: float) -> str:
    return f"{v:+.3g}".replace("-", MINUS)


def _plot_output(ax: Axes, x: np.ndarray, y: np.ndarray, label: str, gid: str) -> None:
    """The network's output, the sum of the parts: thick, above them."""
    ax.plot(x, y, color=ROLE_COLORS["output"], linewidth=2.8, label=label, zorder=5, gid=gid)


def decomposition_figure(
    network: Network,
    target_fn: Any = None,
    domain: Any = (-2.0, 6.0),
    *,
    bias_on: str = "last",
    names: Sequence[str] | None = None,
    n: int = DEFAULT_POINTS,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """Each neuron's term c_i·φ(w_i x + b_i) of a one-hidden-layer network, and their sum.

    ``bias_on="last"`` folds the output bias into the last term, as the lesson
    writes p(x) = 2σ(−2.4x + 7.4) − 2; ``"first"`` into the first term;
    ``"separate"`` draws it as its own constant. ``names`` ("h", "p") label the
    terms "h(x) = …". ``target_fn`` is a function of x, a Network, or None.
    """
    net = single(network)
    if net.depth != 1:
        raise UnsupportedError(
            f"decomposition_figure needs a network with one hidden layer, got depth {net.depth}; "
            "contributions_figure draws the last hidden layer of any network"
        )
    width = net.widths[0]
    if width > MAX_TERMS:
        raise ConfigError(
            f"decomposition_figure draws at most {MAX_TERMS} neurons, got width {width}; "
            "contributions_figure draws wide networks"
        )
    check_choice("bias_on", bias_on, BIAS_PLACES)
    if names is not None and len(names) != width:
        raise ConfigError(
            f"the 'names' parameter needs one name per neuron ({width}), got {names!r}"
        )
    x = grid(domain, n)
    terms = net.contributions(x).T.copy()  # (width, N)
    c0 = float(net.biases[-1][0])
    folded = {"last": width - 1, "first": 0}.get(bias_on)
    if folded is not None:
        terms[folded] += c0
    total = terms.sum(axis=0) + (c0 if folded is None else 0.0)
    with style(lang) as s:
        fig = s.figure()
        ax = fig.add_subplot()
        if target_fn is not None:
            plot_target(ax, x, evaluate("target_fn", target_fn, x), s.lang)
        for i, y in enumerate(terms):
            body = neuron_formula(net, i, c0 if i == folded else 0.0)
            label = body if names is None else f"{names[i]}(x) = {body}"
            ax.plot(x, y, color=contribution_color(i), linewidth=2.0, label=label, gid="term")
        if folded is None and c0 != 0:
            label = text("constant", s.lang, b=_signed(c0))
            ax.plot(x, np.full_like(x, c0), linewidth=1.4, label=label, **BIAS_STYLE)
        _plot_output(ax, x, total, text("sum", s.lang), "sum")
        finish(ax, s.lang, title, text("decomposition_title", s.lang))
    return fig


def contributions_figure(
    network: Network,
    x: Any,
    target_y: Any = None,
    *,
    lang: str = "en",
    dim_below: float = score.NEGLIGIBLE,
    show_bias: bool = True,
    max_labels: int = 8,
    title: str | None = None,
) -> Figure:
    """Any network's per-neuron contributions (last hidden layer) with its output and target.

    A negligible neuron (:func:`actlab.score.negligible`: contribution size below
    ``dim_below`` × the target's range, or the output's without a target) is drawn
    faint. Above ``max_labels`` neurons the legend summarises them instead of naming each.
    """
    net = single(network)
    if net.depth == 0:
        raise UnsupportedError("a network without hidden layers has no neuron contributions")
    dim_below = check_real("dim_below", dim_below, 0.0, 1.0)
    x = array1d("x", x)
    y_t = None if target_y is None else evaluate("target_y", target_y, x)
    trace = net.trace(x)
    contrib, out = trace.contributions, trace.output
    scale = float(np.ptp(y_t if y_t is not None else out)) or 1.0
    faint = score.negligible(score.contribution_sizes(net, x), scale, dim_below)
    width = contrib.shape[1]
    many = width > max_labels
    with style(lang) as s:
        fig = s.figure()
        ax = fig.add_subplot()
        if y_t is not None:
            plot_target(ax, x, y_t, s.lang)
        labelled: set[bool] = set()  # with many neurons: one legend entry per kind
        for i in range(width):
            label: str | None = text("neuron", s.lang, i=i + 1)
            if many:
                kind = bool(faint[i])
                if kind in labelled:
                    label = None
                elif kind:
                    label = text("n_negligible", s.lang, n=int(faint.sum()))
                else:
                    label = text("neurons", s.lang, n=int((~faint).sum()))
                labelled.add(kind)
            elif faint[i]:
                label = text("negligible", s.lang, label=label)
            ax.plot(
                x,
                contrib[:, i],
                color=contribution_color(i),
                linewidth=1.0 if faint[i] else (1.2 if many else 1.8),
                alpha=FAINT_ALPHA if faint[i] else (0.7 if many else 1.0),
                label=label,
                zorder=2,
                gid="faint" if faint[i] else "contribution",
            )
        b_out = float(net.biases[-1][0])
        if show_bias and b_out != 0:
            label = text("output_bias", s.lang, b=_signed(b_out))
            ax.axhline(b_out, linewidth=1.3, label=label, **BIAS_STYLE)
        _plot_output(ax, x, out, text("output", s.lang), "output")
        finish(ax, s.lang, title, text("contributions_title", s.lang, shape=_shape(net)))
    return fig
