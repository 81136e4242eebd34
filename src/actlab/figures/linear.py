"""Linearity: lines add up to a line; a linear network is its best line at most; relu pieces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..errors import ConfigError, DataError
from ..network import Network
from ._data import DEFAULT_POINTS, array1d, evaluate, grid, line_formula
from ._draw import finish, plot_target
from .strings import text
from .style import ROLE_COLORS, activation_color, contribution_color, style

__all__ = ["collapse_figure", "lines_sum_figure"]

MAX_LINES = 8
MAX_VLINES = 30
RELU_SHADES = ("#D55E00", "#F2A65A")


def lines_sum_figure(
    lines: Sequence[tuple[float, float]],
    out_weights: Sequence[float],
    bias: float = 0.0,
    domain: Any = (-2.0, 6.0),
    *,
    n: int = DEFAULT_POINTS,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """Hidden neurons z_i = a_i·x + b_i of a linear 1-k-1 network, times w_i, and their sum.

    The sum y = Σ w_i·z_i + bias is drawn thick; it is again a line, labelled
    with its slope and intercept. A non-zero ``bias`` is drawn as a dotted constant.
    """
    pairs = np.asarray(lines, dtype=np.float64) if len(lines) else np.zeros((0, 2))
    if pairs.ndim != 2 or pairs.shape[1] != 2 or not 1 <= len(pairs) <= MAX_LINES:
        raise ConfigError(
            f"the 'lines' parameter must be 1 to {MAX_LINES} (slope, intercept) pairs, "
            f"got {lines!r} instead"
        )
    w = array1d("out_weights", out_weights, len(pairs))
    x = grid(domain, n)
    terms = [wi * (a * x + b) for (a, b), wi in zip(pairs, w)]
    total = np.sum(terms, axis=0) + float(bias)
    slope = float(np.dot(w, pairs[:, 0]))
    intercept = float(np.dot(w, pairs[:, 1]) + bias)
    with style(lang) as s:
        fig = s.figure()
        ax = fig.add_subplot()
        for i, ((a, b), wi, y) in enumerate(zip(pairs, w, terms)):
            # Network.formula writes w·(a·x + b) the way the lesson does: "1.5(0.8x + 1)"
            body = Network.shallow([a], [b], [wi], 0.0, "identity").formula(digits=3)[4:]
            label = text("line_term", s.lang, i=i + 1, formula=body)
            ax.plot(x, y, color=contribution_color(i), linewidth=1.6, label=label, gid="term")
        if bias != 0:
            label = text("constant", s.lang, b=f"{bias:+.3g}".replace("-", "\u2212"))
            ax.plot(
                x,
                np.full_like(x, bias),
                color=ROLE_COLORS["bias"],
                linestyle=":",
                linewidth=1.4,
                label=label,
                gid="bias",
            )
        ax.plot(
            x,
            total,
            color=ROLE_COLORS["output"],
            linewidth=3.0,
            label=text("line_sum", s.lang, formula=line_formula(slope, intercept)),
            zorder=5,
            gid="sum",
        )
        ax.axhline(0, color="#999999", linewidth=0.8, zorder=1)
        finish(ax, s.lang, title, text("lines_title", s.lang))
    return fig


def _as_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float] | None:
    """(a, b) if y is a line in x (to rounding), else None."""
    a = (y[-1] - y[0]) / (x[-1] - x[0])
    b = y[0] - a * x[0]
    scale = max(1.0, float(np.max(np.abs(y))))
    return (float(a), float(b)) if np.max(np.abs(a * x + b - y)) <= 1e-8 * scale else None


def _linear_panel(
    ax: Axes,
    x: np.ndarray,
    y_t: np.ndarray,
    y_lin: np.ndarray,
    best: tuple[float, float],
    lang: str,
) -> None:
    plot_target(ax, x, y_t, lang)
    fitted = _as_line(x, y_lin)
    label = text("linear_net", lang, formula=line_formula(*fitted) if fitted else "")
    ax.plot(x, y_lin, color=activation_color("identity"), linewidth=2.6, label=label, gid="linear")
    ax.plot(
        x,
        best[0] * x + best[1],
        color=ROLE_COLORS["best_line"],
        linestyle=(0, (1, 1.5)),
        linewidth=2.0,
        label=text("best_line", lang, formula=line_formula(*best)),
        gid="best_line",
    )
    finish(ax, lang, None, text("collapse_linear_title", lang))


def _relu_panel(
    ax: Axes,
    x: np.ndarray,
    y_t: np.ndarray,
    relu: Any,
    y_relu: np.ndarray,
    bps: np.ndarray,
    lang: str,
) -> None:
    def at(xs: np.ndarray) -> np.ndarray:
        return relu(xs) if isinstance(relu, Network) else np.interp(xs, x, y_relu)

    plot_target(ax, x, y_t, lang)
    inside = np.unique(bps[(bps > x[0]) & (bps < x[-1])])
    edges = np.concatenate([[x[0]], inside, [x[-1]]])
    for k, (lo, hi) in enumerate(pairwise(edges)):
        xs = np.unique(np.concatenate([[lo], x[(x > lo) & (x < hi)], [hi]]))
        ax.plot(
            xs,
            at(xs),
            color=RELU_SHADES[k % 2],
            linewidth=2.6,
            label=text("relu_net", lang) if k == 0 else None,
            solid_capstyle="butt",
            gid="piece",
        )
    if inside.size:
        if inside.size <= MAX_VLINES:
            for b in inside:
                ax.axvline(b, color=ROLE_COLORS["breakpoints"], linewidth=0.6, alpha=0.35, zorder=1)
        ax.plot(
            inside,
            at(inside),
            linestyle="none",
            marker="o",
            markersize=5.5,
            markerfacecolor="white",
            markeredgecolor=ROLE_COLORS["breakpoints"],
            markeredgewidth=1.4,
            label=text("breakpoints", lang, n=inside.size),
            zorder=6,
            gid="breakpoints",
        )
    finish(ax, lang, None, text("collapse_relu_title", lang, n=edges.size - 1))


def _line_of(best_line: Any, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(slope, intercept) from a pair, a {"a", "b"} mapping or an object with .a and .b."""
    if best_line is None:
        a, b = np.polyfit(x, y, 1)
        return float(a), float(b)
    if isinstance(best_line, Mapping) and {"a", "b"} <= best_line.keys():
        best_line = (best_line["a"], best_line["b"])
    elif hasattr(best_line, "a") and hasattr(best_line, "b"):
        best_line = (best_line.a, best_line.b)
    a, b = array1d("best_line", best_line, 2)
    return float(a), float(b)


def collapse_figure(
    x: Any,
    y_target: Any,
    linear: Any,
    relu: Any = None,
    breakpoints: Any = None,
    *,
    best_line: Any = None,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """Left: a linear (identity) network's output against the best line through the target.

    Right (when ``relu`` is given): a relu network cut at ``breakpoints`` into its
    linear pieces, drawn in alternating shades with the breakpoints marked.
    ``linear`` and ``relu`` are Networks or outputs sampled at ``x``; ``best_line``
    is (slope, intercept), a {"a", "b"} mapping or a floor with ``.a`` and ``.b``
    (by default the least-squares line through the target).
    """
    x = array1d("x", x)
    if x.size < 2 or np.any(np.diff(x) <= 0):
        raise DataError("the 'x' parameter must be increasing with at least 2 values")
    y_t = array1d("y_target", y_target, x.size)
    y_lin = evaluate("linear", linear, x)
    best = _line_of(best_line, x, y_t)
    with style(lang) as s:
        if relu is None:
            fig = s.figure()
            _linear_panel(fig.add_subplot(), x, y_t, y_lin, best, s.lang)
        else:
            y_relu = evaluate("relu", relu, x)
            none = breakpoints is None or np.size(breakpoints) == 0
            bps = np.zeros(0) if none else array1d("breakpoints", np.ravel(breakpoints))
            fig = s.figure(figsize=(12.0, 4.3))
            ax1, ax2 = fig.subplots(1, 2, sharey=True)
            _linear_panel(ax1, x, y_t, y_lin, best, s.lang)
            _relu_panel(ax2, x, y_t, relu, y_relu, bps, s.lang)
        if title:
            fig.suptitle(title)
    return fig
