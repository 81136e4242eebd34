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
import math
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

from ..errors import DataError
from .marked_points import from_points
from .table import from_table
from .target import Target

__all__ = ["load_csv", "load_table", "parse_csv", "parse_table", "read_csv", "write_csv"]

Column = int | str | None
_CANDIDATES = ("\t", ";", ",", "|")
_SHOWN = 20


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


def _layout(
    text: str, delimiter: str | None, header: bool | None, source: str
) -> tuple[str, list[str], list[str] | None, list[tuple[int, str]]]:
    """(delimiter, first row's fields, header names or None, numbered data lines).

    Blank lines and ``#`` comments are skipped; the delimiter is sniffed and the
    header detected (a first row without numbers) unless given.
    """
    rows = [
        (k, line)
        for k, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows:
        raise DataError(f"{source}: no data rows")
    delim = delimiter if delimiter is not None else sniff_delimiter([r[1] for r in rows[:50]])
    first = _split(rows[0][1], delim)
    has_header = not any(_is_number(f) for f in first) if header is None else header
    return delim, first, first if has_header else None, rows[1:] if has_header else rows


def _parse(
    text: str,
    *,
    x: Column,
    y: Column,
    delimiter: str | None,
    header: bool | None,
    drop_bad: bool,
    source: str,
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    delim, _, names, data = _layout(text, delimiter, header, source)
    xi, yi = _column(x, names, 0, "x"), _column(y, names, 1, "y")
    xs: list[float] = []
    ys: list[float] = []
    lines: list[int] = []
    bad: list[str] = []
    for k, line in data:
        fields = _split(line, delim)
        if len(fields) <= max(xi, yi):
            bad.append(f"line {k}: {len(fields)} field(s), column {max(xi, yi)} is missing")
            continue
        (vx, ex), (vy, ey) = _value(fields[xi], "x"), _value(fields[yi], "y")
        if vx is None or vy is None:
            bad.append(f"line {k}: " + "; ".join(e for e in (ex, ey) if e))
            continue
        xs.append(vx)
        ys.append(vy)
        lines.append(k)
    if bad and not drop_bad:
        more = f"\n  … and {len(bad) - _SHOWN} more" if len(bad) > _SHOWN else ""
        raise DataError(
            f"{source}: {len(bad)} bad row(s):\n  " + "\n  ".join(bad[:_SHOWN]) + more + "\n"
            "fix them, or drop them with a warning (drop_bad=True, --drop-bad)"
        )
    if bad:
        nums = ", ".join(b.split(":")[0].removeprefix("line ") for b in bad[:_SHOWN])
        warnings.warn(f"{source}: dropped {len(bad)} bad row(s) at line(s) {nums}", stacklevel=3)
    if not xs:
        raise DataError(f"{source}: no usable data rows")
    return np.array(xs), np.array(ys), lines


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
        text, x=x, y=y, delimiter=delimiter, header=header, drop_bad=drop_bad, source=source
    )
    return xs, ys


def _read_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"cannot read {str(path)!r}: {e}") from None


def read_csv(path: str | Path, **options: object) -> tuple[np.ndarray, np.ndarray]:
    """The (x, y) columns of a CSV file; options as :func:`parse_csv`."""
    return parse_csv(_read_text(path), source=str(path), **options)  # type: ignore[arg-type]


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
    xs, ys, lines = _parse(
        _read_text(path),
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
    delim, first, names, data = _layout(text, delimiter, header, source)
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


def load_table(path: str | Path, **options: object) -> Target:
    """A target of k inputs from a CSV file of k feature columns and a target column.

    Options as :func:`parse_table`; ``target.points`` is (X (N, k), y (N,)). One
    feature column gives the same data as :func:`load_csv` would, as a 1-D target.
    """
    xs, ys = parse_table(_read_text(path), source=str(path), **options)  # type: ignore[arg-type]
    if xs.shape[1] == 1:
        return from_points(xs[:, 0], ys, name=Path(path).name)
    return from_table(xs, ys, name=Path(path).name)
