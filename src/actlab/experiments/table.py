"""A results table written as it goes, so an interrupted sweep resumes where it stopped.

Rows are appended to a CSV journal one cell at a time (flushed and synced);
beside it ``<name>.spec.json`` records which spec the rows belong to. Every row
ends with a ``check`` column, the CRC-32 of the rest of the row: a row cut off
mid-write (even one whose last number still parses, such as ``1.00062543039``
for ``1.000625430390148``) fails its check. On restart, rows that fail are
dropped, cells whose rows are all present are skipped and the others run again.
Nothing is written until the first cell is done, so a sweep that fails before
that leaves no files behind. :meth:`ResultsTable.finish` rewrites the table
sorted by (cell, seed), so the final file does not depend on the order cells
finished in (local or Dask) nor on interruptions; a ``.parquet`` path is
written from it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .._files import read_text
from ..errors import ActlabError, ConfigError, SchemaError
from .spec import SweepSpec

__all__ = ["COLUMNS", "ResultsTable", "read_rows"]

MAX_TABLE_BYTES = 4 * 1024**3  # 10 million runs of about 150 bytes each, with room

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
    "check",
)
_DATA = COLUMNS[:-1]  # what the check covers
_INTS = {"cell", "width", "depth", "seed", "parameters", "steps"}
_BOOLS = {"converged"}
_FLOATS = {"mse", "max_error"}


def _checksum(fields: list[str]) -> str:
    """CRC-32 of a row's data fields, as 8 hex digits (a cut-off checksum never matches)."""
    return f"{zlib.crc32(','.join(fields).encode('utf-8')):08x}"


def _parse(row: dict[str, str]) -> dict[str, Any]:
    fields = [row[key] for key in _DATA]
    if any(f is None for f in fields) or row.get("check") != _checksum(fields):
        raise ValueError("the row fails its check")
    out: dict[str, Any] = {}
    for key in _DATA:
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


_HEADER = ",".join(COLUMNS)


def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a results CSV (typed), in file order; rows that fail their check are left out.

    A header cut off by an interruption reads as an empty table.
    """
    p = Path(path)
    text = read_text(p, "results table", MAX_TABLE_BYTES, error=ConfigError)
    first, newline, _ = text.partition("\n")
    if not newline and _HEADER.startswith(first):
        return []  # nothing but (part of) the header was written
    if first != _HEADER:
        raise SchemaError(f"{p} is not a sweep results table (its first line is {first[:200]!r})")
    rows = []
    for row in csv.DictReader(io.StringIO(text, newline="")):
        try:
            rows.append(_parse(row))
        except (TypeError, ValueError, KeyError):
            continue  # torn or damaged: its cell is incomplete now and is run again
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
        self._started = False
        if restart:  # earlier results are replaced when the first new cell is written
            self.rows: list[dict[str, Any]] = []
        else:
            self._check_meta()
            self.rows = self._load()

    def _check_meta(self) -> None:
        if not self.journal.exists():
            return
        if not self.meta.exists():
            raise ConfigError(
                f"{self.path} exists but was not written by this sweep; "
                "choose another output file or pass --restart to overwrite it"
            )
        try:
            doc = json.loads(read_text(self.meta, "sweep record", MAX_TABLE_BYTES))
            theirs = doc.get("fingerprint")
        except (ActlabError, json.JSONDecodeError, AttributeError, RecursionError, ValueError):
            theirs = None
        if theirs != self.spec.fingerprint():
            raise ConfigError(
                f"{self.path} holds results of a different sweep spec; "
                "choose another output file or pass --restart to overwrite it"
            )

    def _load(self) -> list[dict[str, Any]]:
        if not self.journal.exists():
            return []
        rows = read_rows(self.journal)
        n_seeds = len(self.spec.seeds)
        counts: dict[int, int] = {}
        for r in rows:
            counts[r["cell"]] = counts.get(r["cell"], 0) + 1
        return [r for r in rows if counts[r["cell"]] == n_seeds]  # partial cells run again

    def _start(self) -> None:
        """Write the spec record and the verified rows so far: the journal appends to it."""
        if self._started:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"fingerprint": self.spec.fingerprint(), "spec": self.spec.to_dict()}
        self.meta.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        self._write(self.rows)  # drops torn lines and partial cells, so appends start clean
        self._started = True

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
        with _writing(self.path):
            self._start()
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
        with _writing(self.path):
            self._start()
            self._write(self.rows)
            if self.path != self.journal:
                import pyarrow as pa
                import pyarrow.parquet as pq

                table = pa.Table.from_pylist(self.rows)
                pq.write_table(table, self.path)
        return self.rows


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """An operating-system error while writing the table becomes a ConfigError naming it."""
    try:
        yield
    except OSError as e:
        raise ConfigError(f"cannot write the results table {path}: {e.strerror or e}") from None


def _format(row: dict[str, Any]) -> dict[str, str]:
    # repr() of a float round-trips exactly, so a resumed table equals a fresh one
    out = {k: repr(float(row[k])) if k in _FLOATS else str(row[k]) for k in _DATA}
    out["check"] = _checksum([out[k] for k in _DATA])
    return out
