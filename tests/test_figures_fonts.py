"""Chinese in figures: real glyphs with a CJK font, one clear FontWarning without one."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from actlab import Network, lesson
from actlab import figures as F
from actlab.figures import fonts

X = lesson.GRID.values()
CJK = F.find_cjk_font()
needs_cjk = pytest.mark.skipif(
    CJK is None,
    reason="no CJK font installed (e.g. apt-get install fonts-noto-cjk); "
    "Chinese glyphs cannot be checked",
)


def zh_figures():
    """One of each figure function, in Chinese."""
    net = lesson.handbuilt_network()
    w = np.array([1, 2, 4, 8])
    return {
        "target": F.target_figure(lesson.target, points=[0, 2, 4], lang="zh"),
        "lines": F.lines_sum_figure([(1, 0), (2, 1), (-1, 3)], [1, 1, 1], 0.5, lang="zh"),
        "decomposition": F.decomposition_figure(net, lesson.target, lang="zh"),
        "contributions": F.contributions_figure(net, X, lesson.target(X), lang="zh"),
        "diagram": F.network_diagram(net, lang="zh"),
        "fit": F.fit_figure(X, lesson.target(X), {"sigmoid": net(X)}, lang="zh"),
        "width": F.error_vs_width_figure({"relu": (w, 1.0 / w**2)}, lang="zh"),
        "histogram": F.histogram_figure([0.001, 0.2, 0.3], 0.01, lang="zh"),
        "collapse": F.collapse_figure(X, lesson.target(X), 0.3 * X + 1, lang="zh"),
    }


@needs_cjk
def test_zh_figures_render_every_glyph():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would raise here
        figs = zh_figures()
        for fig in figs.values():
            F.to_bytes(fig, "png", dpi=40)
            F.to_bytes(fig, "svg")
    title = figs["histogram"].axes[0].get_title()
    assert title == "最弱的神经元有多弱？"
    # the font the title resolves to really holds its ideographs (an independent check)
    family = figs["histogram"].axes[0].title.get_fontfamily()
    assert family[-1] == CJK
    path = font_manager.findfont(font_manager.FontProperties(family=CJK), fallback_to_default=False)
    font = FT2Font(path)
    assert all(font.get_char_index(ord(ch)) != 0 for ch in "最弱的神经元有多")


@needs_cjk
def test_en_figure_with_a_chinese_title_renders(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = F.target_figure(lesson.target, lang="en", title="目标函数 f(x)")
        F.save(fig, tmp_path / "t.png")


@needs_cjk
def test_zh_gif_renders_every_glyph(tmp_path):
    frames = [(s, np.zeros_like(X) + s, 1.0 / (s + 1)) for s in range(3)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.training_animation(frames, X, lesson.target(X), tmp_path / "t.gif", lang="zh")


def test_no_cjk_font_warns_once_and_still_draws(monkeypatch):
    monkeypatch.setattr(fonts, "_search", lambda: None)
    monkeypatch.setattr(fonts, "_found", fonts._UNSET)
    monkeypatch.setattr(fonts, "_warned", False)
    with pytest.warns(fonts.FontWarning, match="no font with Chinese glyphs was found") as caught:
        fig = F.target_figure(lesson.target, lang="zh")
    assert len(caught) == 1
    assert "fonts-noto-cjk" in str(caught[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # once only; and no per-glyph noise when saving
        fig2 = F.network_diagram(Network.init(2, seed=0), lang="zh")
        png = F.to_bytes(fig, "png", dpi=40)
        F.to_bytes(fig2, "svg")
    assert png[:4] == b"\x89PNG"
    assert F.target_figure(lesson.target, lang="en").axes[0].title.get_fontfamily() == [
        "DejaVu Sans"
    ]


def test_find_cjk_font_adds_fonts_fontconfig_knows(monkeypatch):
    # matplotlib's cached list predates the install; fontconfig lists the new file
    known = {"DejaVu Sans"}
    added = []

    def addfont(path):
        added.append(path)
        known.add("WenQuanYi Micro Hei")

    monkeypatch.setattr(fonts, "_installed_families", lambda: set(known))
    monkeypatch.setattr(fonts, "_fc_list_zh", lambda: [("/fonts/wqy.ttc", "WenQuanYi Micro Hei")])
    monkeypatch.setattr(font_manager.fontManager, "addfont", addfont)
    monkeypatch.setattr(fonts, "_found", fonts._UNSET)
    assert fonts.find_cjk_font() == "WenQuanYi Micro Hei"
    assert added == ["/fonts/wqy.ttc"]
    assert fonts.find_cjk_font() == "WenQuanYi Micro Hei"  # cached: no second look-up
    assert added == ["/fonts/wqy.ttc"]


def test_find_cjk_font_prefers_simplified_chinese(monkeypatch):
    monkeypatch.setattr(
        fonts, "_installed_families", lambda: {"Noto Sans CJK JP", "Noto Sans CJK SC", "X"}
    )
    assert fonts._search() == "Noto Sans CJK SC"


def test_find_cjk_font_none_without_fontconfig(monkeypatch):
    monkeypatch.setattr(fonts, "_installed_families", lambda: {"DejaVu Sans"})
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts._search() is None
