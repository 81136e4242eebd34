"""The target on its own, and a harder curve with its marked points and fits."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from ..errors import ConfigError
from ..network.formula import MINUS, number
from ._data import DEFAULT_POINTS, array1d, grid, points_xy
from ._draw import finish, plot_points, plot_target
from .strings import text
from .style import color_for_label, style

__all__ = ["fit_figure", "target_figure"]

MAX_ANNOTATED = 8


def _coord(v: float) -> str:
    s = number(v, 3)
    return f"{MINUS}{s}" if v < 0 and s != "0" else s


def target_figure(
    target_fn: Callable[[np.ndarray], np.ndarray],
    domain: Any = (-2.0, 6.0),
    *,
    points: Any = None,
    n: int = DEFAULT_POINTS,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """The target curve y = f(x) over ``domain``; ``points`` (x values) marked as kinks.

    Each marked point is labelled with its coordinates when there are at most 8.
    """
    if not callable(target_fn):
        raise ConfigError("the 'target_fn' parameter must be a function of x")
    x = grid(domain, n)
    y = array1d("target_fn(x)", np.broadcast_to(target_fn(x), x.shape), x.size)
    with style(lang) as s:
        fig = s.figure()
        ax = fig.add_subplot()
        plot_target(ax, x, y, s.lang, solid=True)
        if points is not None:
            xs, ys = points_xy(points, target_fn)
            plot_points(ax, xs, ys, text("kinks", s.lang))
            if xs.size <= MAX_ANNOTATED:
                step = 1e-3 * float(np.ptp(x))
                for px, py in zip(xs, ys):
                    # above a peak, below a valley: the label never sits on the curve
                    near = np.asarray(target_fn(np.array([px - step, px + step])), dtype=float)
                    up = bool(np.mean(near) <= py)
                    ax.annotate(
                        f"({_coord(px)}, {_coord(py)})",
                        (px, py),
                        xytext=(0, 9 if up else -9),
                        textcoords="offset points",
                        ha="center",
                        va="bottom" if up else "top",
                        fontsize=9,
                        color="#333333",
                    )
        ax.margins(x=0.02, y=0.12)
        finish(ax, s.lang, title, text("target_title", s.lang))
    return fig


def fit_figure(
    x: Any,
    y_target: Any,
    curves: Mapping[str, Any],
    *,
    points: Any = None,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """A target, its marked points and any number of fits, one labelled curve each.

    A label naming an activation ("relu (constructed)") gets that activation's
    colour; a second curve of the same colour is drawn dash-dotted.
    """
    x = array1d("x", x)
    y_t = array1d("y_target", y_target, x.size)
    if not isinstance(curves, Mapping):
        raise ConfigError("the 'curves' parameter must be a mapping label → y values")
    ys = {str(k): array1d(f"curves[{k}]", v, x.size) for k, v in curves.items()}
    with style(lang) as s:
        fig = s.figure()
        ax = fig.add_subplot()
        plot_target(ax, x, y_t, s.lang)
        used: dict[str, int] = {}
        for i, (label, y) in enumerate(ys.items()):
            color = color_for_label(label, i)
            repeat = used.get(color, 0)
            used[color] = repeat + 1
            ax.plot(
                x,
                y,
                color=color,
                linestyle=["-", "-.", ":"][repeat % 3],
                linewidth=2.0,
                label=label,
                zorder=3,
                gid="curve",
            )
        if points is not None:
            px, py = points_xy(points)
            plot_points(ax, px, py, text("points", s.lang))
        ax.margins(x=0.02)
        finish(ax, s.lang, title, text("fit_title", s.lang))
    return fig
