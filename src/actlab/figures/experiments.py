"""Figures of experiment tables: error against width, and the weakest-neuron histogram."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator, ScalarFormatter

from .._formula import MINUS
from .._validate import check_int, check_real
from ..errors import ConfigError, DataError
from ._data import array1d
from .strings import text
from .style import ROLE_COLORS, color_for_label, style

__all__ = ["error_vs_width_figure", "histogram_figure", "loglog_slope", "width_series"]

MAX_WIDTH_TICKS = 10


def loglog_slope(widths: Any, errors: Any) -> float | None:
    """Least-squares slope of log(error) against log(width) over positive errors (None if < 2)."""
    w = np.asarray(widths, dtype=np.float64)
    e = np.asarray(errors, dtype=np.float64)
    keep = (w > 0) & (e > 0) & np.isfinite(e)
    if np.unique(w[keep]).size < 2:
        return None
    return float(np.polyfit(np.log(w[keep]), np.log(e[keep]), 1)[0])


def width_series(table: Any, metric: str = "mse", by: str = "activation") -> dict[str, tuple]:
    """{label: (widths, errors)} sorted by width, from a mapping or a list of row dicts.

    Rows repeating a (label, width) keep the smallest error: the best of restarts.
    """
    if isinstance(table, Mapping):
        items = [(str(k), *v) for k, v in table.items()]
        rows = [
            {by: k, "width": wi, metric: ei}
            for k, ws, es in items
            for wi, ei in zip(array1d(f"{k} widths", ws), array1d(f"{k} errors", es), strict=True)
        ]
    elif isinstance(table, Sequence) and all(isinstance(r, Mapping) for r in table):
        rows = list(table)
    else:
        raise DataError("the 'table' must be a mapping label → (widths, errors) or a list of rows")
    best: dict[str, dict[int, float]] = {}
    for r in rows:
        try:
            label, width, err = str(r[by]), int(r["width"]), float(r[metric])
        except (KeyError, TypeError, ValueError) as e:
            raise DataError(
                f"each row needs {by!r}, 'width' and {metric!r}; {e!s} in {r!r}"
            ) from None
        series = best.setdefault(label, {})
        series[width] = min(err, series.get(width, np.inf))
    if not best:
        raise DataError("the 'table' has no rows")
    return {k: (np.array(sorted(v)), np.array([v[w] for w in sorted(v)])) for k, v in best.items()}


def _slope_text(slope: float) -> str:
    s = f"{slope:.2f}"
    return "0.00" if s == "-0.00" else s.replace("-", MINUS)


def error_vs_width_figure(
    table: Any,
    *,
    metric: str = "mse",
    by: str = "activation",
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """Error against the number of hidden neurons on log-log axes, one line per activation.

    The legend gives each line's fitted log-log slope (see :func:`loglog_slope`);
    errors that are exactly 0 cannot sit on a log axis and are left out.
    """
    series = width_series(table, metric, by)
    with style(lang) as s:
        fig = s.figure()
        ax = fig.add_subplot()
        ax.set_xscale("log")
        ax.set_yscale("log")
        all_widths: set[int] = set()
        for i, (label, (w, e)) in enumerate(series.items()):
            slope = loglog_slope(w, e)
            pos = e > 0
            legend = (
                text("no_slope", s.lang, label=label)
                if slope is None
                else text("slope", s.lang, label=label, s=_slope_text(slope))
            )
            ax.plot(
                w[pos],
                e[pos],
                marker="o",
                markersize=4.5,
                linewidth=1.8,
                color=color_for_label(label, i),
                label=legend,
                gid="series",
            )
            all_widths.update(int(v) for v in w[pos])
        if 0 < len(all_widths) <= MAX_WIDTH_TICKS:
            ax.xaxis.set_major_locator(FixedLocator(sorted(all_widths)))
            ax.xaxis.set_major_formatter(ScalarFormatter())
            ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlabel(text("width_axis", s.lang))
        name = text(metric, s.lang) if metric in ("mse", "max_error") else metric
        ax.set_ylabel(text("error_axis", s.lang, metric=name))
        ax.set_title(text("width_title", s.lang) if title is None else title)
        ax.grid(True, which="major")
        ax.legend(loc="best")
    return fig


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
