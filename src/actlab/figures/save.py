"""Write figures as PNG and SVG files, or as base64 data URIs for a self-contained page."""

from __future__ import annotations

import base64
import io
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from .._validate import check_choice, check_int
from ..errors import ConfigError
from .style import _lock, lacks_glyphs

__all__ = ["FORMATS", "save", "to_bytes", "to_data_uri"]

FORMATS = ("png", "svg")
_MIME = {"png": "image/png", "svg": "image/svg+xml"}
DPI = 150


@contextmanager
def _drawing(fig: Figure) -> Iterator[None]:
    """Reproducible output (fixed SVG ids, no dates); no per-glyph noise after a FontWarning."""
    with _lock, mpl.rc_context({"svg.hashsalt": "actlab"}), warnings.catch_warnings():
        if lacks_glyphs(fig):
            # FontWarning already said why; one "missing glyph" warning per character adds nothing.
            warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        yield


def _check_figure(fig: object) -> Figure:
    if not isinstance(fig, Figure):
        raise ConfigError(
            f"the 'fig' parameter must be a matplotlib Figure, got {type(fig).__name__} instead"
        )
    return fig


def to_bytes(fig: Figure, fmt: str = "png", *, dpi: int = DPI) -> bytes:
    """The figure encoded as PNG or SVG bytes."""
    fig = _check_figure(fig)
    fmt = check_choice("fmt", fmt, FORMATS)
    dpi = check_int("dpi", dpi, 10, 1200)
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    with _drawing(fig):
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white", metadata=metadata)
    return buf.getvalue()


def to_data_uri(fig: Figure, fmt: str = "png", *, dpi: int = DPI) -> str:
    """``data:image/png;base64,…`` (or SVG) for an ``<img src>`` that needs no other file."""
    data = to_bytes(fig, fmt, dpi=dpi)
    fmt = fmt.lower()
    return f"data:{_MIME[fmt]};base64,{base64.b64encode(data).decode('ascii')}"


def save(
    fig: Figure,
    path: str | Path,
    *,
    formats: Sequence[str] | None = None,
    dpi: int = DPI,
) -> list[Path]:
    """Write ``fig`` and return the paths written.

    ``path`` with a ``.png`` or ``.svg`` suffix writes that one file; without a
    suffix (or with ``formats``) it writes ``path.png`` and ``path.svg``. Parent
    folders are created.
    """
    p = Path(path)
    suffix = p.suffix.lower().lstrip(".")
    if formats is None:
        formats = [suffix] if suffix in FORMATS else list(FORMATS)
    if isinstance(formats, str) or not formats:
        raise ConfigError(
            f"the 'formats' parameter must be a non-empty list of {', '.join(FORMATS)}, "
            f"got {formats!r} instead"
        )
    stem = p.with_suffix("") if suffix in FORMATS else p
    written = []
    for fmt in formats:
        data = to_bytes(fig, fmt, dpi=dpi)
        out = stem.with_name(f"{stem.name}.{fmt}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        written.append(out)
    return written
