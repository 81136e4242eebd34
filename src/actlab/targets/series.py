"""Lag features of a series — predict today from the previous k days — and a real series.

From a 1-D series s, :func:`lags` makes X[t] = (s[t−k], …, s[t−1]) and
y[t] = s[t] for t = k … n−1: a data set of k inputs (x1 the oldest day, xk
yesterday). :func:`sunspots` is the yearly sunspot numbers 1700–2008 as bundled
by statsmodels (``statsmodels.datasets.sunspots``; public domain, from NOAA's
National Geophysical Data Center), shipped here as ``data/sunspots.csv``.
``resolve("lags:sunspots:3")`` names the lag problem as text.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from .._validate import check_int
from ..errors import ConfigError, DataError, ExpressionError
from .marked_points import from_points
from .table import from_table
from .target import Target

__all__ = ["MAX_LAGS", "SERIES", "lag_features", "lags", "resolve_lags", "sunspots"]

MAX_LAGS = 365


@cache
def _sunspot_table() -> tuple[np.ndarray, np.ndarray]:
    text = resources.files("actlab.targets").joinpath("data/sunspots.csv").read_text("utf-8")
    rows = np.array(
        [[float(v) for v in line.split(",")] for line in text.splitlines()[1:] if line.strip()]
    )
    years, counts = rows[:, 0].astype(np.int64), rows[:, 1]
    years.setflags(write=False)
    counts.setflags(write=False)
    return years, counts


def sunspots() -> tuple[np.ndarray, np.ndarray]:
    """Yearly sunspot numbers: (years 1700…2008, counts), from statsmodels (public domain)."""
    return _sunspot_table()


SERIES = {"sunspots": lambda: sunspots()[1]}  # series that ``lags:NAME:K`` can name


def lag_features(series: Any, k: int) -> tuple[np.ndarray, np.ndarray]:
    """X (n − k, k) of the k values before each day, y (n − k,) the day's value."""
    k = check_int("k", k, 1, MAX_LAGS)
    try:
        s = np.asarray(series, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise DataError("the series must be numbers") from None
    if s.size < k + 2:
        raise DataError(f"a series of {s.size} values gives fewer than 2 rows with k={k} lags")
    if not np.isfinite(s).all():
        raise DataError("the series holds NaN or infinite values")
    x = np.lib.stride_tricks.sliding_window_view(s, k)[:-1].copy()
    return x, s[k:].copy()


def lags(series: Any, k: int, *, name: str = "series") -> Target:
    """The lag problem of ``series`` as a target of k inputs (one input when k = 1)."""
    x, y = lag_features(series, k)
    label = f"lags:{name}:{k}"
    formula = f"s[t] from s[t−{k}] … s[t−1] of {name} ({len(y)} rows)"
    if k == 1:  # one input: every row kept in points, the line through the means between
        line = from_points(x[:, 0], y, duplicates="mean", name=label)
        return replace(line, formula=formula, points=(x[:, 0], y))
    return from_table(x, y, name=label, formula=formula)


def resolve_lags(spec: str) -> Target:
    """``lags:NAME:K`` (NAME one of :data:`SERIES`) as a target.

    Malformed text is an ExpressionError, like any other target text that does not parse.
    """
    parts = spec.split(":")
    if len(parts) != 3 or parts[1].strip().lower() not in SERIES:
        raise ExpressionError(
            f"a lag problem is written lags:SERIES:K with SERIES one of {', '.join(SERIES)} "
            f"and K the number of lags (1 to {MAX_LAGS}), e.g. lags:sunspots:3; got {spec!r}",
            spec,
            0,
        )
    try:
        k = int(parts[2])
    except ValueError:
        raise ExpressionError(
            f"the number of lags K in {spec!r} must be an integer", spec, spec.rfind(":") + 1
        ) from None
    name = parts[1].strip().lower()
    try:
        return lags(SERIES[name](), k, name=name)
    except ConfigError as e:  # K out of range: still bad target text
        raise ExpressionError(str(e), spec, spec.rfind(":") + 1) from None
