"""The weakest-neuron histogram of the redundant-neuron experiment."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from .._validate import check_int, check_real
from ..errors import ConfigError
from ._data import array1d
from .strings import text
from .style import ROLE_COLORS, color_for_label, style

__all__ = ["histogram_figure"]


def _percent(v: float) -> str:
    return f"{100 * v:.3g}%"


def histogram_figure(
    values: Any,
    threshold: float,
    *,
    bins: int = 40,
    log_x: bool = True,
    xlabel: str | None = None,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """Histogram of ``values`` with a vertical ``threshold`` line; bars below it in red.

    Made for the redundant-neuron experiment: each value is one network's
    weakest-neuron contribution size relative to the target's range. On a log
    axis, values ≤ 0 are counted in the leftmost bar. The text box reports how
    many values are strictly below the threshold.
    """
    v = array1d("values", values)
    threshold = check_real("threshold", threshold, 0.0, lo_open=True)
    bins = check_int("bins", bins, 2, 1000)
    if log_x:
        positive = v[v > 0]
        floor = min(float(positive.min()) if positive.size else threshold, threshold) / 2
        shown = np.maximum(v, floor)
        top = max(float(shown.max()), threshold) * 1.0001
        edges = np.geomspace(floor * 0.9999, top, bins + 1)
    else:
        shown = v
        lo, hi = min(float(v.min()), threshold), max(float(v.max()), threshold)
        if hi <= lo:
            raise ConfigError("the 'values' are all equal to the threshold; nothing to show")
        edges = np.linspace(lo, hi, bins + 1)
    # the threshold becomes a bin edge, so no bar straddles it
    edges = np.unique(np.append(edges, threshold))
    below = int(np.sum(v < threshold))
    with style(lang) as s:
        fig = s.figure()
        ax = fig.add_subplot()
        _, _, patches = ax.hist(
            shown,
            bins=edges,
            color=color_for_label("sigmoid"),
            edgecolor="white",
            linewidth=0.5,
            gid="bars",
        )
        for left, patch in zip(edges[:-1], patches):
            if left < threshold:
                patch.set_facecolor("#E8908A")
        if log_x:
            ax.set_xscale("log")
        ax.axvline(
            threshold,
            color=ROLE_COLORS["threshold"],
            linewidth=2.0,
            linestyle="--",
            label=text("threshold", s.lang, t=_percent(threshold)),
            gid="threshold",
        )
        ax.text(
            0.02,
            0.97,
            text("below", s.lang, k=below, n=v.size, p=_percent(below / v.size)),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=10,
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#CCCCCC"},
        )
        ax.set_xlabel(text("hist_x", s.lang) if xlabel is None else xlabel)
        ax.set_ylabel(text("hist_y", s.lang))
        ax.set_title(text("hist_title", s.lang) if title is None else title)
        ax.legend(loc="upper right")
    return fig
