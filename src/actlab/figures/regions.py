"""The linear regions of a 2-input ReLU network as coloured convex polygons."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from ..errors import ConfigError
from .strings import text
from .style import style

__all__ = ["regions_figure"]

MAX_DRAWN = 50_000
CMAP = "viridis"


def regions_figure(
    regions: Any,
    *,
    color_by: str = "value",
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """Each linear region (from :func:`actlab.collapse.linear_regions`) as a filled polygon.

    ``color_by="value"`` colours a region by the network's value at its centroid
    (a heatmap drawn with flat pieces); ``"slope"`` by the direction of its
    gradient a, so neighbouring regions with different maps look different.
    Region edges are drawn thin and white.
    """
    if color_by not in ("value", "slope"):
        raise ConfigError(
            f"the 'color_by' parameter must be one of value, slope; got {color_by!r} instead"
        )
    polygons = list(regions.polygons)
    if not 1 <= len(polygons) <= MAX_DRAWN:
        raise ConfigError(f"regions_figure draws 1 to {MAX_DRAWN} regions, got {len(polygons)}")
    centers = np.asarray(regions.centroids)
    a, b = np.asarray(regions.a), np.asarray(regions.b)
    if color_by == "value":
        values, cmap, label = np.einsum("rk,rk->r", a, centers) + b, CMAP, "y"
    else:
        values, cmap, label = np.arctan2(a[:, 1], a[:, 0]), "twilight", text("slope_angle", lang)
    (x0, x1), (y0, y1) = regions.domain
    with style(lang) as s:
        fig = s.figure(figsize=(5.6, 4.6))
        ax = fig.add_subplot()
        coll = PolyCollection(polygons, array=values, cmap=cmap, edgecolors="white",
                              linewidths=0.6)  # fmt: skip
        coll.set_gid("regions")
        ax.add_collection(coll)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.grid(False)
        fig.colorbar(coll, ax=ax, label=label)
        if title is None:
            title = text("regions_title", s.lang, n=len(polygons))
        if title:
            ax.set_title(title)
    return fig
