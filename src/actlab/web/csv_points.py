"""Read marked points from CSV text (never from a file): rows of ``x,y``.

Separators may be commas, semicolons, tabs or spaces; a first row that is not
two numbers is taken as a header and skipped; extra columns are ignored.
"""

from __future__ import annotations

import math
import re

from ..errors import DataError
from ..settings import LIMITS

__all__ = ["parse_csv_points"]

_SPLIT = re.compile(r"[,;\t ]+")


def _number(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) and abs(v) <= LIMITS["max_abs_value"] else None


def parse_csv_points(text: str) -> tuple[list[float], list[float], int]:
    """Points (x list, y list) and how many header rows were skipped; DataError names a bad row."""
    xs: list[float] = []
    ys: list[float] = []
    skipped = 0
    rows = [(i, line.strip()) for i, line in enumerate(text.splitlines(), start=1)]
    rows = [(i, line) for i, line in rows if line and not line.startswith("#")]
    for k, (i, line) in enumerate(rows):
        cells = [c.strip().strip('"') for c in _SPLIT.split(line) if c.strip()]
        values = [_number(c) for c in cells[:2]]
        if len(values) == 2 and None not in values:
            xs.append(values[0])
            ys.append(values[1])
        elif k == 0:
            skipped += 1  # a header row
        else:
            shown = line if len(line) <= 40 else line[:37] + "..."
            raise DataError(
                f"row {i} ({shown!r}) is not two numbers x,y with |value| ≤ "
                f"{LIMITS['max_abs_value']:g}; CSV rows look like '0.5,1.25'"
            )
        if len(xs) > LIMITS["max_points"]:
            raise DataError(f"at most {LIMITS['max_points']:g} points are allowed")
    if not xs:
        raise DataError("the CSV text holds no rows of two numbers x,y")
    return xs, ys, skipped
