"""What every experiment returns: a table, a verdict computed from it, and figure inputs."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._validate import check_choice
from ..errors import ConfigError

__all__ = ["EXPERIMENTS", "SIZES", "Result", "Verdict", "experiment", "get_experiment"]

SIZES = ("small", "full")


@dataclass(frozen=True)
class Verdict:
    """The answer to the lesson's claim, written from the measured numbers.

    ``holds`` is True when the data support the claim, False when they refute
    it and None when the claim is only partly true; ``text`` has one sentence
    per language (``en``, ``zh``).
    """

    holds: bool | None
    text: dict[str, str]

    def __str__(self) -> str:
        return self.text["en"]


@dataclass
class Result:
    """One experiment's outcome."""

    name: str
    claim: dict[str, str]  # the lesson's claim being tested, in en and zh
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    verdict: Verdict
    findings: dict[str, Any] = field(default_factory=dict)  # the numbers the verdict uses
    figure: dict[str, Any] = field(default_factory=dict)  # inputs to the experiment's figure

    def to_dict(self, *, figure: bool = False) -> dict[str, Any]:
        """JSON-ready form (figure inputs only when asked: they can be large)."""
        out = {
            "name": self.name,
            "claim": self.claim,
            "params": self.params,
            "columns": self.columns,
            "rows": self.rows,
            "verdict": {"holds": self.verdict.holds, **self.verdict.text},
            "findings": self.findings,
        }
        if figure:
            out["figure"] = self.figure
        return out

    def csv_text(self) -> str:
        """The table as CSV text (floats written exactly)."""
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=self.columns, lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({k: _cell(row.get(k)) for k in self.columns})
        return buf.getvalue()

    def write_csv(self, directory: str | Path) -> Path:
        """Write the table as ``<directory>/<name>.csv``; returns the path."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        path = d / f"{self.name}.csv"
        path.write_text(self.csv_text(), encoding="utf-8", newline="")
        return path


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    return "" if value is None else str(value)


Runner = Callable[..., Result]
EXPERIMENTS: dict[str, Runner] = {}


def experiment(name: str) -> Callable[[Runner], Runner]:
    """Register an experiment runner ``fn(*, size, seed) -> Result`` under ``name``."""

    def register(fn: Runner) -> Runner:
        EXPERIMENTS[name] = fn
        return fn

    return register


def get_experiment(name: str) -> Runner:
    """The runner registered as ``name``; the error lists the known names."""
    if name not in EXPERIMENTS:
        raise ConfigError(
            f"unknown experiment {name!r}; choose one of {', '.join(sorted(EXPERIMENTS))}"
        )
    return EXPERIMENTS[name]


def check_size(size: str) -> str:
    """``small`` (seconds, for tests) or ``full`` (the sizes the claims deserve)."""
    return check_choice("size", size, SIZES)
