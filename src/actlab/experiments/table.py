"""A results table written as it goes, so an interrupted sweep resumes where it stopped.

Rows are appended to a CSV journal one cell at a time (flushed and synced);
beside it ``<name>.spec.json`` records which spec the rows belong to. On
restart, cells whose rows are all present are skipped and a cell cut off
mid-write is dropped and run again. :meth:`ResultsTable.finish` rewrites the
table sorted by (cell, seed), so the final file does not depend on the order
cells finished in (local or Dask); a ``.parquet`` path is written from it.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ConfigError, SchemaError
from .spec import SweepSpec

__all__ = ["COLUMNS", "ResultsTable", "read_rows"]

COLUMNS = (
    "cell",
    "target",
    "activation",
    "width",
    "depth",
    "optimizer",
    "seed",
    "parameters",
    "steps",
    "converged",
    "mse",
    "max_error",
)
_INTS = {"cell", "width", "depth", "seed", "parameters", "steps"}
_BOOLS = {"converged"}
_FLOATS = {"mse", "max_error"}


def _parse(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in COLUMNS:
        value = row[key]
        if key in _INTS:
            out[key] = int(value)
        elif key in _FLOATS:
            out[key] = float(value)
        elif key in _BOOLS:
            if value not in ("True", "False"):
                raise ValueError(f"bad boolean {value!r}")
            out[key] = value == "True"
        else:
            out[key] = value
    return out


def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a results CSV (typed), in file order; a torn last line is ignored."""
    p = Path(path)
    with p.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None:
            return []
        if tuple(reader.fieldnames) != COLUMNS:
            raise SchemaError(f"{p} is not a sweep results table (columns {reader.fieldnames})")
        rows = []
        for row in reader:
            try:
                rows.append(_parse(row))
            except (TypeError, ValueError, KeyError):
                break  # a line cut off by an interruption: everything after it is redone
        return rows


class ResultsTable:
    """The journal of one sweep at ``path`` (``.csv`` or ``.parquet``)."""

    def __init__(self, path: str | Path, spec: SweepSpec, *, restart: bool = False) -> None:
        self.path = Path(path)
        suffix = self.path.suffix.lower()
        if suffix not in (".csv", ".parquet"):
            raise ConfigError(f"the results file must end in .csv or .parquet, got {self.path}")
        self.journal = self.path if suffix == ".csv" else self.path.with_suffix(".journal.csv")
        self.meta = self.path.with_name(self.path.name + ".spec.json")
        self.spec = spec
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if restart:
            for p in (self.journal, self.meta):
                p.unlink(missing_ok=True)
        self._check_meta()
        self.rows = self._load()

    def _check_meta(self) -> None:
        mine = self.spec.fingerprint()
        if self.meta.exists() and self.journal.exists():
            try:
                theirs = json.loads(self.meta.read_text(encoding="utf-8")).get("fingerprint")
            except (OSError, json.JSONDecodeError, AttributeError):
                theirs = None
            if theirs != mine:
                raise ConfigError(
                    f"{self.path} holds results of a different sweep spec; "
                    "choose another output file or pass --restart to overwrite it"
                )
        elif self.journal.exists():
            raise ConfigError(
                f"{self.path} exists but was not written by this sweep; "
                "choose another output file or pass --restart to overwrite it"
            )
        doc = {"fingerprint": mine, "spec": self.spec.to_dict()}
        self.meta.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")

    def _load(self) -> list[dict[str, Any]]:
        if not self.journal.exists():
            self._write([])
            return []
        rows = read_rows(self.journal)
        n_seeds = len(self.spec.seeds)
        counts: dict[int, int] = {}
        for r in rows:
            counts[r["cell"]] = counts.get(r["cell"], 0) + 1
        kept = [r for r in rows if counts[r["cell"]] == n_seeds]
        if len(kept) != len(rows) or self._torn():
            self._write(kept)  # drop partial cells so they are run again cleanly
        return kept

    def _torn(self) -> bool:
        with self.journal.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() == 0:
                return True
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) != b"\n"

    def _write(self, rows: Iterable[dict[str, Any]]) -> None:
        tmp = self.journal.with_name(self.journal.name + ".tmp")
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            for r in rows:
                writer.writerow(_format(r))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.journal)

    def done_cells(self) -> set[int]:
        """Indices of cells whose every seed has a row."""
        return {r["cell"] for r in self.rows}

    def append(self, rows: list[dict[str, Any]]) -> None:
        """Append one cell's rows and make them durable before returning."""
        with self.journal.open("a", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            for r in rows:
                writer.writerow(_format(r))
            fh.flush()
            os.fsync(fh.fileno())
        self.rows.extend(rows)

    def finish(self) -> list[dict[str, Any]]:
        """Sort the rows by (cell, seed), write the final file and return the rows."""
        self.rows.sort(key=lambda r: (r["cell"], self.spec.seeds.index(r["seed"])))
        self._write(self.rows)
        if self.path != self.journal:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pylist(self.rows)
            pq.write_table(table, self.path)
        return self.rows


def _format(row: dict[str, Any]) -> dict[str, str]:
    # repr() of a float round-trips exactly, so a resumed table equals a fresh one
    return {k: repr(float(row[k])) if k in _FLOATS else str(row[k]) for k in COLUMNS}
