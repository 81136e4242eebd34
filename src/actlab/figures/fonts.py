"""Find a font with Chinese glyphs, and warn once when there is none.

Matplotlib (≥ 3.6) falls back glyph by glyph along a list of font families, so
figures name a concrete list — DejaVu Sans for Latin letters and digits, then
the CJK font — and Chinese renders as real glyphs in PNG and SVG alike.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import warnings

from matplotlib import font_manager

__all__ = ["CJK_FAMILIES", "FontWarning", "find_cjk_font", "warn_no_cjk_font"]

# Preferred families, best first: Simplified Chinese faces, then any CJK face.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Source Han Sans",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "Arial Unicode MS",
)

_UNSET = object()
_lock = threading.Lock()
_found: object = _UNSET  # cached result of find_cjk_font
_warned = False


class FontWarning(UserWarning):
    """No CJK font is installed: Chinese text in figures will show as empty boxes."""


def _installed_families() -> set[str]:
    """Family names matplotlib currently knows."""
    return {f.name for f in font_manager.fontManager.ttflist}


def _pick(families: set[str]) -> str | None:
    return next((name for name in CJK_FAMILIES if name in families), None)


def _fc_list_zh() -> list[tuple[str, str]]:
    """(file, family) of every font fontconfig says covers Chinese; [] without fontconfig."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        done = subprocess.run(
            [exe, "-f", "%{file}\t%{family[0]}\n", ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    rows = []
    for line in done.stdout.splitlines():
        path, _, family = line.partition("\t")
        if path and family:
            rows.append((path, family))
    return rows


def _search() -> str | None:
    name = _pick(_installed_families())
    if name is not None:
        return name
    # Matplotlib's cached font list predates a font installed since: add what
    # fontconfig reports (once) instead of rebuilding the whole cache.
    listed = _fc_list_zh()
    for path, _family in listed:
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
    families = _installed_families()
    return _pick(families) or next((f for _, f in listed if f in families), None)


def find_cjk_font(*, refresh: bool = False) -> str | None:
    """The family name of an installed CJK font, or None; the result is cached."""
    global _found
    with _lock:
        if refresh or _found is _UNSET:
            _found = _search()
        return _found  # type: ignore[return-value]


def warn_no_cjk_font() -> None:
    """Emit :class:`FontWarning` the first time Chinese figures are drawn without a CJK font."""
    global _warned
    with _lock:
        if _warned:
            return
        _warned = True
    warnings.warn(
        "no font with Chinese glyphs was found, so Chinese labels in figures will show "
        "as empty boxes; install one (e.g. Debian/Ubuntu: apt-get install fonts-noto-cjk, "
        "or fonts-wqy-microhei) and run again",
        FontWarning,
        stacklevel=5,  # the caller of the figure function
    )
