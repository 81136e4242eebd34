"""Estimate the memory and the work of a computation before starting it, and refuse too much.

Sizes the command line accepts one by one (a width of 4096, 64 layers, 10,000
restarts) can multiply into more memory than the machine has, or into hours of
work. Each entry point calls one ``check_*`` function first; it estimates

* **memory**: the bytes of the largest arrays alive at once (float64), and
* **work**: the floating-point multiply-adds, roughly,

and raises :class:`~actlab.errors.ConfigError` saying the estimate, the limit
and what to change when either is over its limit.

Limits: memory defaults to half of the memory available now (``MemAvailable``),
lowered by a process limit (``ulimit -v``) if one is set; work defaults to
``DEFAULT_WORK`` multiply-adds (tens of minutes on one core). The environment
variables ``ACTLAB_MAX_MEMORY`` (bytes, or with K/M/G/T) and ``ACTLAB_MAX_WORK``
(multiply-adds, e.g. ``1e14``) replace them.
"""

from __future__ import annotations

import itertools
import math
import os
import resource
from collections.abc import Sequence
from typing import Any

from .errors import ConfigError

__all__ = [
    "DEFAULT_WORK",
    "check",
    "check_fit",
    "check_forward",
    "check_init",
    "check_training",
    "memory_limit",
    "work_limit",
]

DEFAULT_WORK = 5e12
MEMORY_FRACTION = 0.5
_FLOAT = 8  # bytes of a float64
_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def _parse_size(text: str, name: str) -> float:
    t = text.strip().upper().removesuffix("IB").removesuffix("B")
    unit = t[-1:] if t[-1:] in _UNITS else ""
    try:
        value = float(t[: len(t) - len(unit)]) * _UNITS[unit]
    except ValueError:
        value = float("nan")
    if not (math.isfinite(value) and value > 0):
        raise ConfigError(
            f"the {name} environment variable must be a positive size like 4G or 5e9, "
            f"got {text!r} instead"
        )
    return value


def _available() -> float:
    """Bytes of memory available now (Linux ``MemAvailable``; else physical memory)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return float(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return float(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return 8.0 * 1024**3


def memory_limit() -> tuple[float, str]:
    """(bytes, where the limit comes from)."""
    env = os.environ.get("ACTLAB_MAX_MEMORY")
    if env:
        return _parse_size(env, "ACTLAB_MAX_MEMORY"), "ACTLAB_MAX_MEMORY"
    avail, source = _available(), "half the available memory"
    for kind in (resource.RLIMIT_AS, getattr(resource, "RLIMIT_DATA", resource.RLIMIT_AS)):
        soft = resource.getrlimit(kind)[0]
        if soft != resource.RLIM_INFINITY and soft < avail:
            avail, source = float(soft), "half the process memory limit"
    return avail * MEMORY_FRACTION, source


def work_limit() -> tuple[float, str]:
    """(multiply-adds, where the limit comes from)."""
    env = os.environ.get("ACTLAB_MAX_WORK")
    if env:
        return _parse_size(env, "ACTLAB_MAX_WORK"), "ACTLAB_MAX_WORK"
    return DEFAULT_WORK, "the default"


def _bytes_text(n: float) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GiB"
    if n >= 1024**2:
        return f"{n / 1024**2:.1f} MiB"
    return f"{n / 1024:.0f} KiB"


def check(what: str, memory: float, work: float, change: str) -> None:
    """Raise a ConfigError if ``memory`` (bytes) or ``work`` (multiply-adds) is over its limit."""
    mem_cap, mem_src = memory_limit()
    if memory > mem_cap:
        raise ConfigError(
            f"{what} would need about {_bytes_text(memory)} of memory, more than the limit of "
            f"{_bytes_text(mem_cap)} ({mem_src}; set ACTLAB_MAX_MEMORY to change it): {change}"
        )
    work_cap, work_src = work_limit()
    if work > work_cap:
        raise ConfigError(
            f"{what} would need about {work:.2g} multiply-adds, more than the limit of "
            f"{work_cap:.2g} ({work_src}, tens of minutes; set ACTLAB_MAX_WORK to change it): "
            f"{change}"
        )


def _shape(widths: Sequence[int]) -> str:
    if len(widths) > 4 and len(set(widths)) == 1:  # 64 layers of 4096 is no line to read
        return f"1-{widths[0]}-…-{widths[0]}-1 with {len(widths)} hidden layers"
    return "-".join(str(n) for n in [1, *widths, 1])


def _params(widths: Sequence[int]) -> int:
    sizes = [1, *widths, 1]
    return sum(o * i + o for i, o in itertools.pairwise(sizes))


def check_init(widths: Sequence[int], seed: Any, population: int | None) -> None:
    """Before :meth:`Network.init`: the weights of ``P`` networks, built then copied (×3)."""
    many = isinstance(seed, Sequence) and not isinstance(seed, str)
    count = len(seed) if many else (population or 1)
    memory = 3.0 * count * _params(widths) * _FLOAT
    who = f"{count} networks" if count > 1 else "a network"
    check(
        f"{who} of shape {_shape(widths)} ({_params(widths)} parameters each)",
        memory,
        0.0,
        "use a smaller width or depth" + (" or fewer networks" if count > 1 else ""),
    )


def check_forward(widths: Sequence[int], points: int, population: int | None = None) -> None:
    """Before evaluating a network (or ``population``) on ``points`` x values."""
    count = population or 1
    memory = 3.0 * count * points * max(widths, default=1) * _FLOAT
    work = float(count) * points * _params(widths)
    check(
        f"evaluating a {_shape(widths)} network on {points} points",
        memory,
        work,
        "use fewer points, a smaller width or depth",
    )


def fit_cost(
    widths: Sequence[int], optimizer: str, points: int, starts: int, steps: int, fused: bool
) -> tuple[float, float]:
    """(bytes, multiply-adds) of training ``starts`` networks for ``steps`` steps."""
    p = _params(widths)
    neurons = sum(widths)
    # every engine keeps each start's parameters a few times over, and a forward and a
    # backward pass of activations per point; data-driven starts also fill P × N × width
    memory = starts * (6.0 * p + 4.0 * points * max(neurons, 1))
    work = steps * starts * 6.0 * points * p  # a forward and a backward pass per step
    if optimizer == "lm":
        # Jᵀ J (N·p² multiply-adds) and a Cholesky solve (p³/3) per step and start; the
        # fused kernel holds one start's p × p matrices at a time, the batched loop all
        # of them with an N × p Jacobian each
        work += steps * starts * (points * p * p + p**3 / 3.0)
        held = 1 if fused else starts
        memory += held * (points * p + (3.0 if fused else 5.0) * p * p)
    elif optimizer == "lbfgs":
        memory += starts * 2.0 * 10 * p  # ten (s, y) pairs of history
    return memory * _FLOAT, work


def check_training(
    widths: Sequence[int],
    optimizer: str,
    points: int,
    starts: int,
    steps: int,
    *,
    fused: bool,
    float32: bool = False,
) -> None:
    """Before training ``starts`` networks of hidden ``widths`` for ``steps`` steps."""
    memory, work = fit_cost(widths, optimizer, points, starts, steps, fused)
    who = f"{starts} starts" if starts > 1 else "one start"
    change = "use fewer restarts (or seeds), a smaller width or depth, fewer steps or points"
    if optimizer == "lm":
        change += ", or optimizer adam (no p × p matrices)"
    check(
        f"training {who} of a {_shape(widths)} network ({_params(widths)} parameters) with "
        f"{optimizer} for {steps} steps on {points} points",
        memory / 2 if float32 else memory,
        work,
        change,
    )


def check_fit(layout: Any, points: int, starts: int, opts: dict[str, Any]) -> None:
    """Before training: ``layout`` (a :class:`~actlab.train._params.Layout`), ``starts``
    networks on ``points`` points, with the engine options ``opts``."""
    check_training(
        [o for o, _ in layout.shapes[:-1]],
        opts["optimizer"],
        points,
        starts,
        int(opts["steps"]),
        fused=opts.get("backend", "numpy") == "numpy" and layout.is_shallow,
        float32=opts.get("dtype") == "float32",
    )
