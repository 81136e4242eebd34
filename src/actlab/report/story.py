"""The report's building blocks: sections of text, formulas, figures and tables.

A :class:`Section` collects blocks; a :class:`Context` carries the language,
the seed and the lesson's data, and runs each experiment once. The sections
themselves are computed in :mod:`actlab.report.sections`; nothing here knows
HTML (see :mod:`actlab.report.html`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..experiments import Result, run
from ..problem import Problem
from .strings import text

Block = tuple[str, Any]  # ("p", str) | ("formula", str) | ("figure", FigureBlock) | …


@dataclass
class FigureBlock:
    """A figure: a matplotlib Figure (saved as PNG and SVG) or a ready file (GIF)."""

    key: str
    caption: str
    figure: Any = None
    path: Path | None = None


@dataclass
class TableBlock:
    """A table of rows with the columns to show."""

    columns: list[str]
    rows: list[dict[str, Any]]
    limit: int = 12
    file: str | None = None


@dataclass
class Section:
    """One numbered section of the report."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def p(self, value: str) -> None:
        """Add a paragraph."""
        self.blocks.append(("p", value))

    def formula(self, value: str) -> None:
        """Add a displayed formula."""
        self.blocks.append(("formula", value))

    def figure(self, key: str, caption: str, fig: Any = None, path: Path | None = None) -> None:
        """Add a figure."""
        self.blocks.append(("figure", FigureBlock(key, caption, fig, path)))

    def table(self, columns: list[str], rows: list[dict[str, Any]], **kw: Any) -> None:
        """Add a table."""
        self.blocks.append(("table", TableBlock(columns, rows, **kw)))

    def result(self, result: Result) -> None:
        """Add an experiment's table and verdict."""
        self.blocks.append(("result", result))


# Experiments whose full size takes more than a few seconds run small in the report.
REPORT_SMALL = frozenset({"width-sweep", "depth"})


@dataclass
class Context:
    """What every section needs: language, seed, the lesson's data, where files go."""

    lang: str
    seed: int
    out: Path
    size: str = "report"  # "report": full size where it takes seconds, else "small"
    results: dict[str, Result] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.x, self.y = Problem.lesson().train()

    def t(self, key: str, **fields: Any) -> str:
        """Translated text."""
        return text(self.lang, key, **fields)

    def experiment(self, name: str) -> Result:
        """Run an experiment once per report."""
        if name not in self.results:
            size = self.size
            if size == "report":
                size = "small" if name in REPORT_SMALL else "full"
            self.results[name] = run(name, size=size, seed=self.seed)
        return self.results[name]
