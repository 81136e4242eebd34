"""Classification data from CSV: numeric feature columns and a label column of any values.

The labels are text (``cat``, ``dog``; ``0``, ``1``; ``yes``, ``no``): they are
mapped to class indices 0 … K−1 in sorted order (numerically when every label
is a number, so ``2`` comes before ``10``) and named back by ``target.classes``::

    t = load_labelled("animals.csv", label="species")
    x, y = t.points            # X (N, k), y class indices
    t.classes[int(y[0])]       # the first row's label, as written
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from .._files import open_text
from ..errors import DataError
from .csvfile import (
    MAX_CSV_BYTES,
    Column,
    _column,
    _is_number,
    _split,
    _value,
    sniff_delimiter,
)
from .table import from_table
from .target import Target

__all__ = ["encode_labels", "load_labelled", "parse_labelled"]

MAX_CLASSES = 1024


def encode_labels(labels: Sequence[Hashable]) -> tuple[np.ndarray, tuple[Any, ...]]:
    """Class indices (float64, 0 … K−1) and the K distinct labels in sorted order.

    Labels that are all numbers sort numerically; others sort by their text.
    """
    distinct = list(dict.fromkeys(labels))
    if all(isinstance(v, str) and _is_number(v) for v in distinct):
        distinct.sort(key=float)
    else:
        try:
            distinct.sort()
        except TypeError:  # mixed types: by text
            distinct.sort(key=str)
    if len(distinct) > MAX_CLASSES:
        raise DataError(f"at most {MAX_CLASSES} classes, got {len(distinct)} distinct labels")
    index = {v: i for i, v in enumerate(distinct)}
    return np.array([index[v] for v in labels], dtype=np.float64), tuple(distinct)


def parse_labelled(
    text: str,
    *,
    label: Column = None,
    x: list[Column] | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
    source: str = "csv",
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """(X (N, k), class indices (N,), class names) from CSV text.

    ``label`` is the label column (index or header name; default the column named
    ``label``, ``class`` or ``y``, else the last); ``x`` the feature columns
    (default: every other). Feature values must be numbers; a bad row is an error.
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
    if header is None:  # a header row has a name where the features have numbers
        second = _split(rows[1][1], delim) if len(rows) > 1 else first
        header = sum(_is_number(f) for f in first) < sum(_is_number(f) for f in second)
    names = first if header else None
    default = len(first) - 1
    if label is None and names is not None:
        lowered = [n.strip().lower() for n in names]
        for word in ("label", "class", "y"):
            if word in lowered:
                default = lowered.index(word)
                break
    li = _column(label, names, default, "label")
    xi = [i for i in range(len(first)) if i != li] if x is None else [
        _column(c, names, 0, "x") for c in x
    ]  # fmt: skip
    if not xi or li in xi or li >= len(first):
        raise DataError(f"{source}: the table needs feature columns besides the label column")
    feats: list[list[float]] = []
    labels: list[str] = []
    for k, line in rows[1:] if header else rows:
        fields = _split(line, delim)
        if len(fields) <= max(*xi, li):
            raise DataError(f"{source}: line {k}: {len(fields)} field(s), expected {len(first)}")
        row = []
        for j, i in enumerate(xi):
            v, why = _value(fields[i], f"x{j + 1}")
            if v is None:
                raise DataError(f"{source}: line {k}: {why}")
            row.append(v)
        feats.append(row)
        labels.append(fields[li].strip())
    if len(feats) < 2:
        raise DataError(f"{source}: a classification table needs at least 2 rows")
    y, classes = encode_labels(labels)
    return np.array(feats, dtype=np.float64), y, tuple(str(c) for c in classes)


def load_labelled(path: str | Path, **options: Any) -> Target:
    """A classification target from a CSV file: k ≥ 2 feature columns and a label column.

    Options as :func:`parse_labelled`; ``target.points`` is (X, class indices) and
    ``target.classes`` names the classes. Between points a query takes the class
    of the nearest point.
    """
    with open_text(path, "CSV file", MAX_CSV_BYTES, error=DataError) as fh:
        text = fh.read()  # bounded: open_text refuses files over MAX_CSV_BYTES
    xs, ys, classes = parse_labelled(text, source=str(path), **options)
    name = Path(path).name
    if xs.shape[1] == 1:  # one feature: a 1-D target, the nearest point's class between points
        x1 = xs[:, 0].copy()
        lo, hi = float(x1.min()), float(x1.max())

        def nearest(q: np.ndarray) -> np.ndarray:
            return ys[np.abs(np.asarray(q)[..., None] - x1).argmin(-1)]

        text = f"{len(x1)} labelled points of 1 input"
        dom = (lo, hi if hi > lo else lo + 1.0)
        return Target(name, text, dom, nearest, points=(x1, ys), classes=classes)
    return replace(from_table(xs, ys, name=name), classes=classes)
