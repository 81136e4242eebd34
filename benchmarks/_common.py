"""Shared pieces of the benchmarks: the lesson's data, timing, machine description."""

from __future__ import annotations

import os
import platform
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from actlab import lesson

X = lesson.GRID.values()
Y = lesson.target(X)
OPTIMUM = {2: 0.0075280, 3: 0.0027674}  # best known MSE on the lesson's 201 points
WIDTH8_GOAL = 1e-3


def success(width: int, mse: float) -> bool:
    """Within 1% of the best-known optimum (widths 2, 3) or MSE ≤ 1e-3 (width 8)."""
    if width in OPTIMUM:
        return mse <= OPTIMUM[width] * 1.01
    return mse <= WIDTH8_GOAL


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by ``fn()`` and its value, its warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        out = fn()
        return time.perf_counter() - t0, out


def machine() -> dict[str, str]:
    """CPU model, cores, and the versions of every library compared."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "numpy": np.__version__,
    }
    for name in ("torch", "sklearn", "numba"):
        try:
            info[name] = __import__(name).__version__
        except ImportError:
            info[name] = "not installed"
    return info
