"""Helpers shared by the figure tests: find artists by their gid, read legends."""

from __future__ import annotations

import re

import numpy as np
from matplotlib.figure import Figure


def tagged(artist, kind: str) -> bool:
    """Whether ``artist`` has gid ``kind`` or ``kind-N`` (repeated gids are numbered)."""
    return re.fullmatch(rf"{kind}(-\d+)?", artist.get_gid() or "") is not None


def lines_by_gid(fig: Figure, kind: str) -> list:
    """Every Line2D of the figure tagged ``kind``."""
    return [ln for ax in fig.axes for ln in ax.get_lines() if tagged(ln, kind)]


def texts_by_gid(fig: Figure, kind: str) -> list:
    return [t for ax in fig.axes for t in ax.texts if tagged(t, kind)]


def legend_texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().texts]


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))
