"""Render the story as one self-contained HTML file (images embedded, no network access)."""

from __future__ import annotations

import base64
import html
import math
from pathlib import Path
from typing import Any

from .. import figures
from ..experiments import Result
from .story import FigureBlock, Section, TableBlock
from .strings import text

CSS = """
:root { --ink:#1f2430; --muted:#5b6475; --accent:#2a6fdb; --ok:#1b7f4b; --bad:#b3261e;
        --part:#a86400; --bg:#ffffff; --panel:#f5f7fb; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:var(--bg); line-height:1.6;
       font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC",
       "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 2rem; margin: 0 0 .25rem; }
h2 { margin-top: 2.75rem; border-bottom: 2px solid var(--panel); padding-bottom: .3rem; }
.subtitle { color: var(--muted); margin-top: 0; }
nav { background: var(--panel); border-radius: 10px; padding: .75rem 1.25rem; }
nav ul { margin: .25rem 0; padding-left: 0; list-style: none; columns: 2; }
nav a { color: var(--accent); text-decoration: none; }
.formula { background: var(--panel); border-left: 4px solid var(--accent); padding: .6rem 1rem;
           font-family: "DejaVu Sans Mono", ui-monospace, monospace; white-space: pre-wrap;
           overflow-x: auto; font-size: .92rem; }
figure { margin: 1.25rem 0; text-align: center; }
figure img { max-width: 100%; height: auto; border-radius: 6px; }
figcaption { color: var(--muted); font-size: .9rem; }
.result { margin: 1rem 0; }
.claim { font-style: italic; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .5rem 0;
        font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e3e7ef; padding: .3rem .5rem; text-align: right; }
th { background: var(--panel); }
td:first-child, th:first-child { text-align: left; }
.table-wrap { overflow-x: auto; }
.more { color: var(--muted); font-size: .85rem; }
.verdict { border-radius: 8px; padding: .7rem 1rem; margin: .75rem 0; background: var(--panel);
           border-left: 6px solid var(--part); }
.verdict.holds { border-left-color: var(--ok); }
.verdict.refuted { border-left-color: var(--bad); }
.badge { font-weight: 700; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
"""


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return f"{value:.4g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
    return html.escape(str(value))


class Renderer:
    """Turns sections into HTML, writing figure and table files under ``out``."""

    def __init__(self, out: Path, lang: str) -> None:
        self.out = out
        self.lang = lang
        (out / "figures").mkdir(parents=True, exist_ok=True)
        (out / "tables").mkdir(parents=True, exist_ok=True)

    def t(self, key: str, **fields: Any) -> str:
        """Translated text."""
        return text(self.lang, key, **fields)

    def figure(self, block: FigureBlock) -> str:
        """``<figure>`` with the image embedded; PNG and SVG files written beside the report."""
        if block.figure is not None:
            paths = figures.save(
                block.figure, self.out / "figures" / block.key, formats=("png", "svg")
            )
            png = next(p for p in paths if p.suffix == ".png")
            data, mime = png.read_bytes(), "image/png"
        else:
            assert block.path is not None
            data = block.path.read_bytes()
            mime = "image/gif" if block.path.suffix == ".gif" else "image/png"
        uri = f"data:{mime};base64,{base64.b64encode(data).decode()}"
        cap = html.escape(block.caption)
        return (
            f'<figure id="fig-{block.key}"><img src="{uri}" alt="{cap}">'
            f"<figcaption>{cap}</figcaption></figure>"
        )

    def table(self, block: TableBlock) -> str:
        """A table of the first ``limit`` rows, with a note on the rest."""
        head = "".join(f"<th>{html.escape(c)}</th>" for c in block.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{_fmt(r.get(c, ''))}</td>" for c in block.columns) + "</tr>"
            for r in block.rows[: block.limit]
        )
        more = ""
        if len(block.rows) > block.limit:
            note = self.t("table_more", n=len(block.rows) - block.limit, file=block.file)
            more = f'<p class="more">{html.escape(note)}</p>'
        return f'<div class="table-wrap"><table><tr>{head}</tr>{body}</table></div>{more}'

    def result(self, res: Result) -> str:
        """Claim, table and verdict of an experiment; the full table goes to a CSV file."""
        path = res.write_csv(self.out / "tables")
        cols = [c for c in res.columns if c != "formula"]
        table = self.table(TableBlock(cols, res.rows, file=f"tables/{path.name}"))
        kind = {True: "holds", False: "refuted", None: "partly"}[res.verdict.holds]
        return (
            f'<div class="result" id="exp-{res.name}">'
            f'<p class="claim">{self.t("claim")}: {html.escape(res.claim[self.lang])}</p>{table}'
            f'<div class="verdict {kind}"><span class="badge">{self.t("verdict")}: '
            f"{self.t(kind)}</span><br>{html.escape(res.verdict.text[self.lang])}</div></div>"
        )

    def section(self, s: Section) -> str:
        """One ``<section>``."""
        parts = [f'<section id="{s.key}"><h2>{html.escape(s.title)}</h2>']
        for kind, value in s.blocks:
            if kind == "p":
                parts.append(f"<p>{html.escape(value)}</p>")
            elif kind == "formula":
                parts.append(f'<div class="formula">{html.escape(value)}</div>')
            elif kind == "figure":
                parts.append(self.figure(value))
            elif kind == "table":
                parts.append(self.table(value))
            elif kind == "result":
                parts.append(self.result(value))
        parts.append("</section>")
        return "\n".join(parts)

    def page(self, sections: list[Section], *, seed: int, footer: str) -> str:
        """The whole document."""
        toc = "".join(f'<li><a href="#{s.key}">{html.escape(s.title)}</a></li>' for s in sections)
        body = "\n".join(self.section(s) for s in sections)
        lang_attr = "zh-CN" if self.lang == "zh" else "en"
        return (
            f'<!doctype html>\n<html lang="{lang_attr}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(self.t('title'))}</title><style>{CSS}</style></head><body><main>"
            f"<h1>{html.escape(self.t('title'))}</h1>"
            f'<p class="subtitle">{html.escape(self.t("subtitle", seed=seed))}</p>'
            f"<nav><strong>{self.t('toc')}</strong><ul>{toc}</ul></nav>{body}"
            f"<footer>{html.escape(footer)}</footer></main></body></html>\n"
        )
