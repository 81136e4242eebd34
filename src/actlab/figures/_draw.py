"""Drawing steps every figure shares: the target curve, marked points, labels, legend."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from .strings import text
from .style import ROLE_COLORS

TARGET_DASH = (0, (5, 2.5))


def plot_target(
    ax: Axes, x: np.ndarray, y: np.ndarray, lang: str, *, solid: bool = False
) -> Line2D:
    """The target: dark, dashed behind fits (solid when it is the only curve)."""
    (line,) = ax.plot(
        x,
        y,
        color=ROLE_COLORS["target"],
        linestyle="-" if solid else TARGET_DASH,
        linewidth=2.2 if solid else 1.8,
        label=text("target", lang),
        zorder=4,
        gid="target",
    )
    return line


def plot_points(ax: Axes, xs: np.ndarray, ys: np.ndarray, label: str) -> Line2D:
    """Marked points as black dots with a white edge, drawn above every curve."""
    (line,) = ax.plot(
        xs,
        ys,
        linestyle="none",
        marker="o",
        markersize=6,
        markerfacecolor=ROLE_COLORS["points"],
        markeredgecolor="white",
        markeredgewidth=1.0,
        label=label,
        zorder=6,
        gid="points",
    )
    return line


def finish(
    ax: Axes, lang: str, title: str | None, default_title: str, *, legend: bool = True
) -> None:
    """Axis labels, title (None → default, "" → none) and a legend."""
    ax.set_xlabel(text("x", lang))
    ax.set_ylabel(text("y", lang))
    title = default_title if title is None else title
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="best")
