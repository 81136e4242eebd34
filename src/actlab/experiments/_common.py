"""Shared by every experiment: the claim it tests, and its :class:`Result` built from what is
its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .registry import Result, Verdict

__all__ = ["Claim"]


@dataclass(frozen=True)
class Claim:
    """The lesson's claim that the experiment ``name`` tests, in English and Chinese."""

    name: str
    en: str
    zh: str

    def result(
        self,
        params: dict[str, Any],
        rows: list[dict[str, Any]],
        verdict: Verdict,
        findings: dict[str, Any],
        figure: dict[str, Any] | None = None,
    ) -> Result:
        """The experiment's Result: its table's columns are the keys of its rows, in order
        (every row has the same keys)."""
        return Result(
            name=self.name,
            claim={"en": self.en, "zh": self.zh},
            params=params,
            columns=list(rows[0]),
            rows=rows,
            verdict=verdict,
            findings=findings,
            figure={} if figure is None else figure,
        )
