"""The demo's report in headless Chromium: every section and figure, Chinese as glyphs."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def report_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    failed: list[str] = []
    pg.on("requestfailed", lambda r: failed.append(r.url))
    pg.console_errors = errors
    pg.failed_requests = failed
    yield pg
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_shows_every_section_and_image(
    report_page: Any, reports: dict, report_layout: tuple, lang: str
) -> None:
    SECTION_IDS, FIGURES = report_layout
    pg = report_page
    pg.goto(reports[lang].as_uri())
    for key in SECTION_IDS:
        section = pg.locator(f"section#{key}")
        assert section.count() == 1
        assert section.locator("h2").inner_text().strip()
    images = pg.evaluate(
        """() => Array.from(document.images).map(i => ({
            id: i.closest('figure').id, ok: i.complete && i.naturalWidth > 0,
            w: i.naturalWidth }))"""
    )
    assert [i["id"][4:] for i in images] == FIGURES
    assert all(i["ok"] for i in images), [i for i in images if not i["ok"]]
    assert pg.console_errors == []
    assert pg.failed_requests == []


def test_report_chinese_renders_with_a_cjk_font(report_page: Any, reports: dict) -> None:
    pg = report_page
    pg.goto(reports["zh"].as_uri())
    title = pg.locator("h1").inner_text()
    assert title == "神经网络为什么需要激活函数"
    # a CJK font is available to the page, so the characters draw as glyphs, not boxes
    has_font = pg.evaluate(
        """() => ['Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Noto Sans SC']
            .some(f => document.fonts.check(`16px "${f}"`, '神经网络'))"""
    )
    assert has_font
    # the Chinese title is as wide as its glyphs: a missing font draws narrow boxes or nothing
    width = pg.evaluate(
        """() => { const c = document.createElement('canvas').getContext('2d');
            c.font = '32px "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
            return c.measureText('神经网络').width; }"""
    )
    assert width > 4 * 32 * 0.8
