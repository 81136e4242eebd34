"""One look for every figure: colours per activation and per role, fonts, sizes.

``with style(lang) as s:`` applies actlab's matplotlib settings (and a CJK font
for Chinese) only for the figures built inside it, then restores the caller's
settings; figures are plain :class:`matplotlib.figure.Figure` objects (no
pyplot), so nothing global is left behind and they display in notebooks.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from . import fonts
from .strings import check_lang

__all__ = [
    "ACTIVATION_COLORS",
    "CONTRIBUTION_COLORS",
    "ROLE_COLORS",
    "Style",
    "activation_color",
    "color_for_label",
    "contribution_color",
    "style",
]

# Okabe–Ito based, colour-blind safe where it matters (the common activations).
ACTIVATION_COLORS: dict[str, str] = {
    "identity": "#6E6E6E",
    "sigmoid": "#0072B2",
    "tanh": "#E69F00",
    "relu": "#D55E00",
    "leaky_relu": "#CC79A7",
    "hard_sigmoid": "#56B4E9",
    "hard_tanh": "#B8860B",
    "softplus": "#8C564B",
    "elu": "#9467BD",
    "gelu": "#17BECF",
    "silu": "#7F8C1D",
    "sin": "#E377C2",
    "square": "#882255",
    "step": "#44AA99",
}

# What a curve *is* in a figure; the same role always has the same colour.
ROLE_COLORS: dict[str, str] = {
    "target": "#222222",
    "output": "#0072B2",
    "points": "#111111",
    "best_line": "#8C8C8C",
    "bias": "#8C8C8C",
    "threshold": "#D62728",
    "breakpoints": "#555555",
    "positive": "#1F5FA8",
    "negative": "#C0392B",
    "node": "#F4F4F4",
}

# Neuron contributions in order: the lesson's h is green and its p is red.
CONTRIBUTION_COLORS = (
    "#2CA02C",
    "#D62728",
    "#9467BD",
    "#FF7F0E",
    "#8C564B",
    "#E377C2",
    "#17BECF",
    "#BCBD22",
)
_EXTRA_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")

_RC: dict[str, Any] = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#444444",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.titlesize": 12,
    "axes.titleweight": "normal",
    "axes.labelsize": 11,
    "axes.unicode_minus": True,
    "grid.color": "#D9D9D9",
    "grid.linewidth": 0.7,
    "lines.linewidth": 2.0,
    "legend.fontsize": 9,
    "legend.framealpha": 0.92,
    "legend.edgecolor": "#DDDDDD",
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "mathtext.fontset": "dejavusans",
}
LATIN_FAMILY = "DejaVu Sans"

_lock = threading.RLock()
_no_glyphs: weakref.WeakSet[Figure] = weakref.WeakSet()


def activation_color(name: str) -> str:
    """The colour of an activation (grey for an unknown name)."""
    return ACTIVATION_COLORS.get(name, "#6E6E6E")


def contribution_color(i: int) -> str:
    """The colour of hidden neuron ``i`` (0-based) in contribution plots."""
    return CONTRIBUTION_COLORS[i % len(CONTRIBUTION_COLORS)]


_BY_LENGTH = sorted(ACTIVATION_COLORS, key=len, reverse=True)


def color_for_label(label: str, index: int = 0) -> str:
    """An activation's colour if ``label`` names one ("relu (trained)"), else a palette colour."""
    words = set(re.findall(r"[a-z_]+", label.lower()))
    for name in _BY_LENGTH:  # leaky_relu before relu
        if name in words:
            return ACTIVATION_COLORS[name]
    return _EXTRA_COLORS[index % len(_EXTRA_COLORS)]


def lacks_glyphs(fig: Figure) -> bool:
    """True when ``fig`` holds Chinese text but no CJK font was found to draw it."""
    return fig in _no_glyphs


@dataclass(frozen=True)
class Style:
    """The active language and font; makes figures that carry both."""

    lang: str
    cjk_font: str | None
    made: list[Figure] = field(default_factory=list)

    def figure(self, figsize: tuple[float, float] | None = None) -> Figure:
        """A new constrained-layout Figure (no pyplot, no global figure manager)."""
        fig = Figure(figsize=figsize, layout="constrained")
        if self.lang == "zh" and self.cjk_font is None:
            _no_glyphs.add(fig)
        self.made.append(fig)
        return fig


def number_gids(fig: Figure) -> None:
    """Make repeated artist gids unique ("term" → "term-1", "term-2"): they become SVG ids."""
    artists = [a for a in fig.findobj() if a.get_gid()]
    counts = Counter(a.get_gid() for a in artists)
    seen: Counter[str] = Counter()
    for a in artists:
        gid = a.get_gid()
        if counts[gid] > 1:
            seen[gid] += 1
            a.set_gid(f"{gid}-{seen[gid]}")


@contextmanager
def style(lang: str = "en") -> Iterator[Style]:
    """Apply actlab's look (and for ``zh`` a CJK font) to the figures built inside.

    The families are set as a concrete list (DejaVu Sans, then the CJK font) on
    ``font.family``: text keeps it even when the figure is drawn after the block,
    and matplotlib takes each glyph from the first family that has it. Without a
    CJK font, ``zh`` emits :class:`FontWarning` once and still draws.
    """
    lang = check_lang(lang)
    # English figures keep the CJK fallback too: a Chinese title passed in still renders.
    cjk = fonts.find_cjk_font()
    if lang == "zh" and cjk is None:
        fonts.warn_no_cjk_font()
    families = [LATIN_FAMILY] if cjk is None else [LATIN_FAMILY, cjk]
    rc = {
        **_RC,
        "font.family": families,
        "font.sans-serif": [*families, *mpl.rcParams["font.sans-serif"]],
    }
    # rcParams is process-wide: one lock keeps concurrent figure builders apart.
    with _lock, mpl.rc_context(rc):
        s = Style(lang, cjk)
        yield s
        for fig in s.made:
            number_gids(fig)
