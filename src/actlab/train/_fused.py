"""Drive the fused numba kernels and hand back the same :class:`Outcome` as the generic loop.

The kernels run in chunks of steps so that the progress callback is called
and the history stays bounded; each chunk continues exactly where the last
one stopped, so chunking never changes the numbers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from . import kernels
from ._loop import Outcome, divergence, stride_for
from ._params import Layout
from .optimizers.lm import MU0
from .result import History, Progress

__all__ = ["fused_first_order", "fused_lm", "supports"]


def supports(
    layout: Layout, optimizer: str, *, batched: bool, validation: bool, loss: str = "mse"
) -> bool:
    """Whether a fused kernel covers this fit (MSE only: a classifier runs the generic loop)."""
    return (
        loss == "mse"
        and layout.outputs == 1
        and kernels.available()
        and layout.is_shallow
        and layout.inputs == 1  # the kernels compute w·x for one input
        and layout.activations[0] in kernels.ACT_CODES
        and optimizer in ("lm", "adam", "sgd")
        and not batched
        and not validation
    )


def _chunks(steps: int, population: int, callback: Any) -> list[int]:
    size = steps if callback is None else max(1, steps // 100)
    size = min(size, max(1, 4_000_000 // population))
    return [min(size, steps - i) for i in range(0, steps, size)]


def _drive(
    call: Callable[[int], tuple[np.ndarray, np.ndarray]],
    steps: int,
    population: int,
    callback: Callable[[Progress], Any] | None,
) -> tuple[History, np.ndarray]:
    """Run ``call(chunk)`` → (hist (P, chunk), done flags) until every member is done."""
    start = time.perf_counter()
    stride = stride_for(population, steps)
    chunks = _chunks(steps, population, callback)
    if len(chunks) == 1 and stride == 1 and callback is None:
        return _drive_once(call, steps, start)
    losses, times, steps_at = [], [], []
    done_at = 0
    for chunk in chunks:
        t0 = time.perf_counter() - start
        hist, done = call(chunk)
        t1 = time.perf_counter() - start
        first = (-done_at) % stride  # first kept column of this chunk
        cols = np.arange(first, chunk, stride)
        losses.append(hist[:, cols].T)
        steps_at.append(done_at + cols)
        times.append(t0 + (t1 - t0) * (cols + 1) / chunk)
        done_at += chunk
        if callback is not None:
            last = hist[:, -1]
            best = float(np.nanmin(last)) if np.isfinite(last).any() else float("nan")
            callback(Progress(done_at, steps, best, t1))
        if done.all():
            break
    loss = np.concatenate(losses).astype(np.float64)
    step = np.concatenate(steps_at).astype(np.int64)
    when = np.concatenate(times)
    # trim trailing rows where no member ran
    ran = np.isfinite(loss).any(axis=1)
    last = int(np.nonzero(ran)[0][-1]) + 1 if ran.any() else 0
    return History(step[:last], loss[:last], when[:last]), step


def _drive_once(
    call: Callable[[int], tuple[np.ndarray, np.ndarray]], steps: int, start: float
) -> tuple[History, np.ndarray]:
    """:func:`_drive` for one chunk holding every step, each recorded: the same History."""
    t0 = time.perf_counter() - start
    hist, _ = call(steps)
    t1 = time.perf_counter() - start
    step = np.arange(steps)
    loss = np.ascontiguousarray(hist.T, dtype=np.float64)
    when = t0 + (t1 - t0) * (step + 1) / steps
    ran = np.isfinite(loss).any(axis=1)  # trim trailing rows where no member ran
    last = steps - int(ran[::-1].argmax()) if ran.any() else 0
    return History(step[:last], loss[:last], when[:last]), step


def fused_lm(
    layout: Layout,
    theta0: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    *,
    l2: float,
    steps: int,
    tol: float,
    window: int,
    callback: Callable[[Progress], Any] | None,
) -> Outcome:
    """Levenberg–Marquardt on every row of ``theta0`` with the fused kernel."""
    k = kernels.load()
    theta = np.array(theta0, dtype=np.float64)
    population = theta.shape[0]
    state = np.zeros((population, 5 + window))
    state[:, 0], state[:, 1] = MU0, 2.0
    code = kernels.ACT_CODES[layout.activations[0]]
    x64, y64 = np.ascontiguousarray(x, np.float64), np.ascontiguousarray(y, np.float64)

    def call(chunk: int) -> tuple[np.ndarray, np.ndarray]:
        hist = np.empty((population, chunk))
        k.levenberg_marquardt(x64, y64, theta, code, layout.width, l2, chunk, tol, state, hist)
        return hist, state[:, 3] > 0

    history, _ = _drive(call, steps, population, callback)
    return Outcome(
        theta, state[:, 2].copy(), state[:, 4].astype(np.int64), state[:, 3] > 0, history
    )


def fused_first_order(
    layout: Layout,
    theta0: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    *,
    method: str,
    hyper: tuple[float, float, float, float],
    l2: float,
    steps: int,
    tol: float,
    window: int,
    dtype: str,
    hint: str,
    callback: Callable[[Progress], Any] | None,
) -> Outcome:
    """SGD with momentum or Adam on every row of ``theta0`` with the fused kernel."""
    k = kernels.load()
    dt = np.dtype(dtype)
    theta = np.array(theta0, dtype=dt)
    population = theta.shape[0]
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    ring = np.zeros((population, window), dtype=dt)
    count = np.zeros((population, 1), dtype=np.int64)
    status = np.zeros(population, dtype=np.int64)
    name = layout.activations[0]
    fast = dt == np.float32 and name == "sigmoid"
    hp = np.asarray(hyper, dtype=dt)
    xd, yd = np.ascontiguousarray(x, dt), np.ascontiguousarray(y, dt)
    meth = 1 if method == "adam" else 0

    def call(chunk: int) -> tuple[np.ndarray, np.ndarray]:
        hist = np.empty((population, chunk), dtype=dt)
        k.first_order(
            xd, yd, theta, m, v, kernels.ACT_CODES[name], layout.width, dt.type(l2), chunk,
            meth, hp, fast, dt.type(tol), ring, count, status, hist,
        )  # fmt: skip
        if (status == 2).any():
            bad = int((status == 2).sum())
            raise divergence(int(count.max()) + 1, bad, population, hint)
        return hist, status > 0

    history, _ = _drive(call, steps, population, callback)
    final = np.empty(population)
    theta64 = theta.astype(np.float64)
    k.loss(np.asarray(x, np.float64), np.asarray(y, np.float64), theta64,
           kernels.ACT_CODES[name], layout.width, l2, final)  # fmt: skip
    n_steps = count[:, 0] + (status == 1)
    return Outcome(theta64, final, n_steps, status == 1, history)
