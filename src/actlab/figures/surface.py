"""Functions of two inputs as heatmaps: a target and fits, and a plane that cannot bend."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from .._validate import check_plane_box
from ..errors import ConfigError
from .strings import text
from .style import style

__all__ = ["plane_figure", "surface_figure", "surface_grid"]

Fn = Callable[[np.ndarray], np.ndarray]
MAX_PANELS = 4
CMAP = "viridis"


def surface_grid(bounds: Any, n: int = 101) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x1 values, x2 values, X of shape (n·n, 2)) on an n × n grid over the box."""
    (a1, b1), (a2, b2) = check_plane_box("bounds", bounds)
    g1, g2 = np.linspace(a1, b1, n), np.linspace(a2, b2, n)
    m1, m2 = np.meshgrid(g1, g2, indexing="xy")  # rows: x2, columns: x1 (as an image)
    return g1, g2, np.column_stack([m1.ravel(), m2.ravel()])


def _panel(fig, ax, values, bounds, title, gid, vmin, vmax, cmap=CMAP):
    (a1, b1), (a2, b2) = bounds
    image = ax.imshow(
        values, origin="lower", extent=(a1, b1, a2, b2), aspect="auto", cmap=cmap,
        vmin=vmin, vmax=vmax, interpolation="nearest",
    )  # fmt: skip
    image.set_gid(gid)
    ax.set_title(title)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.grid(False)
    return image


def surface_figure(
    target: Fn | None,
    bounds: Any,
    fits: Mapping[str, Fn] | None = None,
    *,
    n: int = 101,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """The target f(x1, x2) and each fit (a network, or any function of X (N, 2)) as heatmaps.

    All panels share one colour scale, so equal colours are equal values; each
    fit's panel title gives its MSE against the target on the grid.
    """
    fits = dict(fits or {})
    if target is None and not fits:
        raise ConfigError("surface_figure needs a target or at least one fit")
    if len(fits) + (target is not None) > MAX_PANELS:
        raise ConfigError(f"surface_figure draws at most {MAX_PANELS} panels")
    box = check_plane_box("bounds", bounds)
    _, _, x = surface_grid(box, n)
    panels = []
    want = None
    if target is not None:
        want = np.asarray(target(x), dtype=np.float64).reshape(n, n)
        panels.append(("target", text("surface_target", lang), want))
    for label, fn in fits.items():
        got = np.asarray(fn(x), dtype=np.float64).reshape(n, n)
        name = label
        if want is not None:
            name = text("surface_fit", lang, label=label, mse=f"{np.mean((got - want) ** 2):.3g}")
        panels.append((f"fit-{label}", name, got))
    values = np.concatenate([v.ravel() for _, _, v in panels])
    vmin, vmax = float(np.nanmin(values)), float(np.nanmax(values))
    with style(lang) as s:
        fig = s.figure(figsize=(3.6 * len(panels) + 0.8, 3.6))
        axes = fig.subplots(1, len(panels), squeeze=False)[0]
        image = None
        for ax, (gid, name, v) in zip(axes, panels, strict=True):
            image = _panel(fig, ax, v, box, name, gid, vmin, vmax)
        fig.colorbar(image, ax=list(axes), label="y")
        if title is None:
            title = text("surface_title", s.lang)
        if title:
            fig.suptitle(title)
    return fig


def plane_figure(
    target: Fn,
    plane: Fn,
    bounds: Any,
    *,
    formula: str | None = None,
    n: int = 101,
    lang: str = "en",
    title: str | None = None,
) -> Figure:
    """A linear network's plane against the target: both as heatmaps with contour lines.

    The plane's contours are parallel straight lines, evenly spaced — it cannot
    bend; the third panel is the error, plane − target.
    """
    box = check_plane_box("bounds", bounds)
    g1, g2, x = surface_grid(box, n)
    want = np.asarray(target(x), dtype=np.float64).reshape(n, n)
    got = np.asarray(plane(x), dtype=np.float64).reshape(n, n)
    vmin = float(min(want.min(), got.min()))
    vmax = float(max(want.max(), got.max()))
    err = got - want
    lim = float(np.abs(err).max()) or 1.0
    with style(lang) as s:
        fig = s.figure(figsize=(11.6, 3.6))
        axes = fig.subplots(1, 3)
        _panel(fig, axes[0], want, box, text("surface_target", s.lang), "target", vmin, vmax)
        name = text("plane_panel", s.lang) if formula is None else formula
        image = _panel(fig, axes[1], got, box, name, "plane", vmin, vmax)
        levels = np.linspace(vmin, vmax, 9)[1:-1]
        for ax, v, gid in ((axes[0], want, "target-contours"), (axes[1], got, "plane-contours")):
            cs = ax.contour(g1, g2, v, levels=levels, colors="white", linewidths=0.8)
            cs.set_gid(gid)
        fig.colorbar(image, ax=list(axes[:2]), label="y")
        mse = f"{np.mean(err**2):.3g}"
        diff = _panel(
            fig, axes[2], err, box, text("plane_error", s.lang, mse=mse), "error", -lim, lim,
            cmap="RdBu_r",
        )  # fmt: skip
        fig.colorbar(diff, ax=axes[2])
        if title is None:
            title = text("plane_title", s.lang)
        if title:
            fig.suptitle(title)
    return fig
