"""CSV files of (x, y) rows: delimiter sniffed, header optional, bad rows named by line.

Blank lines and lines starting with ``#`` are skipped. The first row is taken as
a header when none of its fields is a number (or as told by ``header=``).
Columns are chosen by 0-based index or by header name; without a choice,
columns named ``x`` and ``y`` are used if present, else the first two.
"""

from __future__ import annotations

import csv
import itertools
import math
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .._files import open_text
from ..errors import DataError
from .marked_points import MAX_POINTS, from_points
from .target import Target

__all__ = ["load_csv", "parse_csv", "read_csv", "write_csv"]

Column = int | str | None
_CANDIDATES = ("\t", ";", ",", "|")
_SHOWN = 20
MAX_CSV_BYTES = 1024**3  # a million rows of two exact floats is about 40 MiB; room for text


def _split(line: str, delimiter: str | None) -> list[str]:
    if delimiter is None:
        return line.split()
    return next(csv.reader([line], delimiter=delimiter), [])


def sniff_delimiter(lines: list[str]) -> str | None:
    """The candidate that splits most sample lines into the same number of fields (None: spaces)."""
    best, best_score = None, 0
    for cand in _CANDIDATES:
        counts = [line.count(cand) for line in lines]
        mode, hits = Counter(counts).most_common(1)[0]
        if mode > 0 and hits > best_score:
            best, best_score = cand, hits
    return best


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _column(choice: Column, names: list[str] | None, default: int, role: str) -> int:
    if choice is None:
        if names is not None and role in [n.strip().lower() for n in names]:
            return [n.strip().lower() for n in names].index(role)
        return default
    if isinstance(choice, str) and not choice.isdigit():
        if names is None:
            raise DataError(f"the {role} column {choice!r} is a name but the file has no header")
        stripped = [n.strip() for n in names]
        if choice not in stripped:
            raise DataError(f"no column named {choice!r}; columns: {', '.join(stripped)}")
        return stripped.index(choice)
    index = int(choice)
    if index < 0:
        raise DataError(f"the {role} column index must be ≥ 0, got {index}")
    return index


def _value(field: str, role: str) -> tuple[float | None, str]:
    text = field.strip()
    try:
        v = float(text)
    except ValueError:
        return None, f"{role} value {text!r} is not a number"
    if not math.isfinite(v):
        return None, f"{role} value {text!r} is not finite"
    return v, ""


def _data_rows(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line that is not blank or a ``#`` comment, lazily."""
    for k, line in enumerate(lines, start=1):
        text = line.rstrip("\r\n")
        if text.strip() and not text.lstrip().startswith("#"):
            yield k, text


def _parse(
    lines: Iterable[str],
    *,
    x: Column = None,
    y: Column = None,
    delimiter: str | None = None,
    header: bool | None = None,
    drop_bad: bool = False,
    source: str = "csv",
    limit: int = MAX_POINTS,
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    rows = _data_rows(lines)
    head = list(itertools.islice(rows, 50))
    if not head:
        raise DataError(f"{source}: no data rows")
    delim = delimiter if delimiter is not None else sniff_delimiter([r[1] for r in head])
    first = _split(head[0][1], delim)
    has_header = not any(_is_number(f) for f in first) if header is None else header
    names = first if has_header else None
    data = itertools.chain(head[1:] if has_header else head, rows)
    xi, yi = _column(x, names, 0, "x"), _column(y, names, 1, "y")
    xs: list[float] = []
    ys: list[float] = []
    lines_kept: list[int] = []
    bad: list[str] = []  # the first _SHOWN messages; n_bad counts them all
    n_bad = 0
    for k, line in data:
        if len(xs) + n_bad >= limit:  # stop reading: the file is over the limit already
            raise DataError(
                f"{source}: more than {limit} data rows; at most {limit} points are allowed"
            )
        fields = _split(line, delim)
        if len(fields) <= max(xi, yi):
            problem = f"line {k}: {len(fields)} field(s), column {max(xi, yi)} is missing"
        else:
            (vx, ex), (vy, ey) = _value(fields[xi], "x"), _value(fields[yi], "y")
            if vx is not None and vy is not None:
                xs.append(vx)
                ys.append(vy)
                lines_kept.append(k)
                continue
            problem = f"line {k}: " + "; ".join(e for e in (ex, ey) if e)
        n_bad += 1
        if len(bad) < _SHOWN:
            bad.append(problem)
    if n_bad and not drop_bad:
        more = f"\n  … and {n_bad - _SHOWN} more" if n_bad > _SHOWN else ""
        raise DataError(
            f"{source}: {n_bad} bad row(s):\n  " + "\n  ".join(bad) + more + "\n"
            "fix them, or drop them with a warning (drop_bad=True, --drop-bad)"
        )
    if n_bad:
        nums = ", ".join(b.split(":")[0].removeprefix("line ") for b in bad)
        warnings.warn(f"{source}: dropped {n_bad} bad row(s) at line(s) {nums}", stacklevel=3)
    if not xs:
        raise DataError(f"{source}: no usable data rows")
    return np.array(xs), np.array(ys), lines_kept


def parse_csv(
    text: str,
    *,
    x: Column = None,
    y: Column = None,
    delimiter: str | None = None,
    header: bool | None = None,
    drop_bad: bool = False,
    source: str = "csv",
) -> tuple[np.ndarray, np.ndarray]:
    """The (x, y) columns of CSV text, in file order (see the module docstring)."""
    xs, ys, _ = _parse(
        text.splitlines(),
        x=x,
        y=y,
        delimiter=delimiter,
        header=header,
        drop_bad=drop_bad,
        source=source,
    )
    return xs, ys


def read_csv(path: str | Path, **options: Any) -> tuple[np.ndarray, np.ndarray]:
    """The (x, y) columns of a CSV file; options as :func:`parse_csv`."""
    with open_text(path, "CSV file", MAX_CSV_BYTES, error=DataError) as fh:
        xs, ys, _ = _parse(fh, source=str(path), **options)
    return xs, ys


def load_csv(
    path: str | Path,
    *,
    x: Column = None,
    y: Column = None,
    delimiter: str | None = None,
    header: bool | None = None,
    drop_bad: bool = False,
    duplicates: str = "error",
) -> Target:
    """A piecewise-linear target through a CSV file's points; duplicates named by line."""
    with open_text(path, "CSV file", MAX_CSV_BYTES, error=DataError) as fh:
        xs, ys, lines = _parse(  # reads line by line and stops at the points limit
            fh,
            x=x,
            y=y,
            delimiter=delimiter,
            header=header,
            drop_bad=drop_bad,
            source=str(path),
        )
    labels = [f"line {k}" for k in lines]
    return from_points(xs, ys, duplicates=duplicates, name=Path(path).name, labels=labels)


def write_csv(
    path: str | Path, x: np.ndarray, y: np.ndarray, *, names: tuple[str, str] = ("x", "y")
) -> None:
    """Write ``x, y`` with a header; floats written exactly (repr), so reading gives them back."""
    xa = np.asarray(x, dtype=np.float64).reshape(-1)
    ya = np.asarray(y, dtype=np.float64).reshape(-1)
    if xa.shape != ya.shape:
        raise DataError(f"x and y must have the same length, got {len(xa)} and {len(ya)}")
    body = "".join(f"{float(a)!r},{float(b)!r}\n" for a, b in zip(xa, ya, strict=True))
    Path(path).write_text(f"{names[0]},{names[1]}\n" + body, encoding="utf-8")
