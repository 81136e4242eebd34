"""Printing helpers shared by the commands."""

from __future__ import annotations

import json
import math
from typing import Any

import click
import numpy as np


def _plain(value: Any) -> Any:
    """Convert numpy scalars/arrays to JSON types; non-finite floats become null."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def emit_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout."""
    click.echo(json.dumps(_plain(data), indent=2, ensure_ascii=False))


def emit_table(rows: list[tuple[str, Any]]) -> None:
    """Print aligned ``name: value`` lines."""
    width = max((len(k) for k, _ in rows), default=0)
    for key, value in rows:
        click.echo(f"{key + ':':<{width + 1}} {value}")
