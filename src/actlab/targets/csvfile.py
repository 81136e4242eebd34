"""CSV files of (x, y) rows: delimiter sniffed, header optional, bad rows named by line.

Blank lines and lines starting with ``#`` are skipped. The first row is taken as
a header when none of its fields is a number (or as told by ``header=``).
Columns are chosen by 0-based index or by header name; without a choice,
columns named ``x`` and ``y`` are used if present, else the first two.
:func:`parse_table` / :func:`load_table` read k feature columns and one target
column instead, for targets of k inputs.
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
from .table import from_table
from .target import Target

__all__ = ["load_csv", "load_table", "parse_csv", "parse_table", "read_csv", "write_csv"]

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


def _layout(
    lines: Iterable[str], delimiter: str | None, header: bool | None, source: str
) -> tuple[str, list[str], list[str] | None, Iterator[tuple[int, str]]]:
    """(delimiter, first row's fields, header names or None, the numbered data lines).

    Reads lazily: the delimiter is sniffed from the first 50 data lines and the header
    detected (a first row without numbers) unless given; the rest is read on demand.
    """
    rows = _data_rows(lines)
    head = list(itertools.islice(rows, 50))
    if not head:
        raise DataError(f"{source}: no data rows")
    delim = delimiter if delimiter is not None else sniff_delimiter([r[1] for r in head])
    first = _split(head[0][1], delim)
    has_header = not any(_is_number(f) for f in first) if header is None else header
    names = first if has_header else None
    return delim, first, names, itertools.chain(head[1:] if has_header else head, rows)


def _parse(
    lines: Iterable[str],
    x: Column = None,
    y: Column = None,
    delimiter: str | None = None,
    header: bool | None = None,
    drop_bad: bool = False,
    source: str = "csv",
    limit: int = MAX_POINTS,
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    delim, _, names, data = _layout(lines, delimiter, header, source)
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
    xs, ys, _ = _parse(text.splitlines(), x, y, delimiter, header, drop_bad, source)
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
        # reads line by line and stops at the points limit
        xs, ys, lines = _parse(fh, x, y, delimiter, header, drop_bad, str(path))
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


def parse_table(
    text: str,
    *,
    x: list[Column] | None = None,
    y: Column = None,
    delimiter: str | None = None,
    header: bool | None = None,
    source: str = "csv",
) -> tuple[np.ndarray, np.ndarray]:
    """k feature columns and one target column: (X (N, k), y (N,)), in file order.

    ``y`` defaults to the column named ``y``, else the last; ``x`` to every other
    column. Columns are 0-based indices or header names; a bad row is an error.
    """
    return _parse_table(text.splitlines(), x, y, delimiter, header, source)


def _parse_table(
    lines: Iterable[str],
    x: list[Column] | None,
    y: Column,
    delimiter: str | None,
    header: bool | None,
    source: str,
) -> tuple[np.ndarray, np.ndarray]:
    delim, first, names, data = _layout(lines, delimiter, header, source)
    yi = _column(y, names, len(first) - 1, "y")
    xi = [i for i in range(len(first)) if i != yi] if x is None else [
        _column(c, names, 0, "x") for c in x
    ]  # fmt: skip
    if not xi or yi in xi:
        raise DataError(
            f"{source}: the table needs feature columns other than the target column {yi}; "
            f"got x={xi}"
        )
    values: list[list[float]] = []
    for k, line in data:
        if len(values) >= MAX_POINTS:  # stop reading: the file is over the limit already
            raise DataError(
                f"{source}: more than {MAX_POINTS} data rows; at most {MAX_POINTS} points are "
                "allowed"
            )
        fields = _split(line, delim)
        if len(fields) <= max(*xi, yi):
            raise DataError(f"{source}: line {k}: {len(fields)} field(s), expected {len(first)}")
        row = []
        for i, role in [*((i, f"x{j + 1}") for j, i in enumerate(xi)), (yi, "y")]:
            v, err = _value(fields[i], role)
            if v is None:
                raise DataError(f"{source}: line {k}: {err}")
            row.append(v)
        values.append(row)
    if not values:
        raise DataError(f"{source}: no usable data rows")
    table = np.array(values)
    return table[:, :-1], table[:, -1]


def load_table(
    path: str | Path,
    *,
    x: list[Column] | None = None,
    y: Column = None,
    delimiter: str | None = None,
    header: bool | None = None,
) -> Target:
    """A target of k inputs from a CSV file of k feature columns and a target column.

    Options as :func:`parse_table`; ``target.points`` is (X (N, k), y (N,)). One
    feature column gives the same data as :func:`load_csv` would, as a 1-D target.
    Read line by line; reading stops at the points limit.
    """
    with open_text(path, "CSV file", MAX_CSV_BYTES, error=DataError) as fh:
        xs, ys = _parse_table(fh, x, y, delimiter, header, str(path))
    if xs.shape[1] == 1:
        return from_points(xs[:, 0], ys, name=Path(path).name)
    return from_table(xs, ys, name=Path(path).name)
