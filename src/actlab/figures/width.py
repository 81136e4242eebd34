"""Error against width (or against marked points) on log-log axes, one line per method."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator, ScalarFormatter

from .. import _stats
from ..errors import DataError
from ..network.formula import MINUS
from ._data import array1d
from .strings import text
from .style import color_for_label, style

__all__ = ["error_vs_width_figure", "loglog_slope", "width_series"]

MAX_X_TICKS = 10
LABEL_KEYS = ("activation", "method", "label")


def loglog_slope(widths: Any, errors: Any) -> float | None:
    """Least-squares slope of log(error) against log(width) over positive errors (None if < 2)."""
    slope = _stats.loglog_slope(widths, errors)
    return None if np.isnan(slope) else slope


def _rows(table: Any, by: str, x_key: str, metric: str) -> list[Mapping[str, Any]]:
    if isinstance(table, Mapping):
        return [
            {by: str(k), x_key: xi, metric: ei}
            for k, (xs, es) in table.items()
            for xi, ei in zip(array1d(f"{k} x", xs), array1d(f"{k} errors", es), strict=True)
        ]
    if isinstance(table, Sequence) and all(isinstance(r, Mapping) for r in table):
        return list(table)
    raise DataError("the 'table' must be a mapping label → (widths, errors) or a list of rows")


def width_series(
    table: Any,
    metric: str = "mse",
    by: str | None = None,
    *,
    x_key: str = "width",
    where: Mapping[str, Any] | None = None,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{label: (x, errors)} sorted by x, from a mapping or a list of row dicts.

    ``by`` names the label column (default: the first of activation, method,
    label that the rows have); ``where`` keeps rows whose columns equal the
    given values ({"target": "sin"}). Rows repeating a (label, x) keep the
    smallest error: the best of restarts.
    """
    rows = _rows(table, by or "activation", x_key, metric)
    if where:
        rows = [r for r in rows if all(r.get(k) == v for k, v in where.items())]
    if not rows:
        raise DataError(
            f"the 'table' has no rows{' matching ' + repr(dict(where)) if where else ''}"
        )
    by = by or next((k for k in LABEL_KEYS if k in rows[0]), "activation")
    best: dict[str, dict[float, float]] = {}
    for r in rows:
        try:
            label, xv, err = str(r[by]), float(r[x_key]), float(r[metric])
        except (KeyError, TypeError, ValueError) as e:
            raise DataError(
                f"each row needs {by!r}, {x_key!r} and {metric!r}; {e!s} in {r!r}"
            ) from None
        series = best.setdefault(label, {})
        series[xv] = min(err, series.get(xv, np.inf))
    return {k: (np.array(sorted(v)), np.array([v[w] for w in sorted(v)])) for k, v in best.items()}


def _slope_text(slope: float) -> str:
    s = f"{slope:.2f}"
    return "0.00" if s == "-0.00" else s.replace("-", MINUS)


def error_vs_width_figure(
    table: Any,
    *,
    metric: str = "mse",
    by: str | None = None,
    x_key: str = "width",
    where: Mapping[str, Any] | None = None,
    xlabel: str | None = None,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """Error against the number of hidden neurons on log-log axes, one line per activation.

    ``table`` is {label: (widths, errors)} or rows such as width-sweep's
    ({"target", "method", "width", "mse"}; pick a target with ``where``). The
    legend gives each line's fitted log-log slope (:func:`loglog_slope`); a
    label sharing an activation's colour with an earlier one is dashed; errors
    of exactly 0 cannot sit on a log axis and are left out.
    """
    series = width_series(table, metric, by, x_key=x_key, where=where)
    with style(lang) as s:
        fig = s.figure()
        ax = fig.add_subplot()
        ax.set_xscale("log")
        ax.set_yscale("log")
        xs_seen: set[float] = set()
        used: dict[str, int] = {}
        for i, (label, (w, e)) in enumerate(series.items()):
            slope = loglog_slope(w, e)
            legend = (
                text("no_slope", s.lang, label=label)
                if slope is None
                else text("slope", s.lang, label=label, s=_slope_text(slope))
            )
            color = color_for_label(label, i)
            used[color] = used.get(color, 0) + 1
            pos = e > 0
            ax.plot(
                w[pos],
                e[pos],
                marker="os^"[(used[color] - 1) % 3],
                markersize=4.5,
                linewidth=1.8,
                linestyle=["-", "--", ":"][(used[color] - 1) % 3],
                color=color,
                label=legend,
                gid="series",
            )
            xs_seen.update(float(v) for v in w[pos])
        if 0 < len(xs_seen) <= MAX_X_TICKS:
            ax.xaxis.set_major_locator(FixedLocator(sorted(xs_seen)))
            ax.xaxis.set_major_formatter(ScalarFormatter())
            ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlabel(text("width_axis", s.lang) if xlabel is None else xlabel)
        name = text(metric, s.lang) if metric in ("mse", "max_error") else metric
        ax.set_ylabel(text("error_axis", s.lang, metric=name))
        ax.set_title(text("width_title", s.lang) if title is None else title)
        ax.legend(loc="best", fontsize=8 if len(series) > 6 else 9)
    return fig
