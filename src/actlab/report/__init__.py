"""The HTML report that ``actlab demo`` writes: the lesson's story, every number computed now.

``build_report(out_dir, lang="zh", seed=0)`` runs the story (see
:mod:`actlab.report.story`), writes ``report.html`` (self-contained: figures
embedded as data URIs, no network access) plus ``figures/`` (PNG, SVG, GIF)
and ``tables/`` (CSV), and returns the report's path.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .._validate import check_choice, check_seed
from .html import Renderer
from .sections import SECTIONS, build_story
from .story import Context
from .strings import LANGS, text

__all__ = ["LANGS", "SECTIONS", "build_report", "default_lang"]


def default_lang(environ: dict[str, str] | None = None) -> str:
    """``zh`` when the locale (LC_ALL, LC_MESSAGES, LANG) is Chinese, else ``en``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def build_report(
    out_dir: str | Path,
    *,
    lang: str = "en",
    seed: int = 0,
    size: str = "report",
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Compute the story and write the report; returns the path of ``report.html``.

    ``size="report"`` runs each experiment at full size where that takes seconds
    (redundant-neuron trains 1,000 networks) and small otherwise; ``small`` and
    ``full`` force one size for all.
    """
    from .. import __version__

    check_choice("lang", lang, LANGS)
    check_choice("size", size, ("report", "small", "full"))
    seed = check_seed(seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    ctx = Context(lang=lang, seed=seed, out=out, size=size)
    sections = build_story(ctx, progress)
    renderer = Renderer(out, lang)
    footer = text(
        lang,
        "footer",
        version=__version__,
        seconds=time.perf_counter() - start,
        numpy=np.__version__,
        python=platform.python_version(),
    )
    path = out / "report.html"
    path.write_text(renderer.page(sections, seed=seed, footer=footer), encoding="utf-8")
    if progress is not None:
        progress("html")
    return path
