"""Run numba kernels chunk by chunk and hand back what the generic loop would.

The kernels (``kernels``: one hidden layer; ``kernels/_deep.py``: any depth) run in
chunks of steps so that the progress callback is called and the history stays
bounded; each chunk continues exactly where the last one stopped, so chunking never
changes the numbers. :func:`run_first_order` and :func:`run_lm` hold the state that
Adam/SGD and Levenberg–Marquardt kernels continue from, whichever kernel it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._loop import Outcome, divergence, stride_for
from .optimizers.lm import MU0
from .result import History, Progress

__all__ = ["Stopping", "drive", "run_first_order", "run_lm"]


@dataclass(frozen=True)
class Stopping:
    """How long a kernel runs: at most ``steps`` steps, a member done once its best loss
    fell by less than ``tol`` over ``window`` steps; ``callback`` sees the progress."""

    steps: int
    tol: float
    window: int
    callback: Callable[[Progress], Any] | None


def _chunks(steps: int, population: int, callback: Any) -> list[int]:
    size = steps if callback is None else max(1, steps // 100)
    size = min(size, max(1, 4_000_000 // population))
    return [min(size, steps - i) for i in range(0, steps, size)]


def drive(
    call: Callable[[int], tuple[np.ndarray, np.ndarray]], population: int, stop: Stopping
) -> tuple[History, np.ndarray]:
    """Run ``call(chunk)`` → (hist (P, chunk), done flags) until every member is done."""
    steps, callback = stop.steps, stop.callback
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
    """:func:`drive` for one chunk holding every step, each recorded: the same History."""
    t0 = time.perf_counter() - start
    hist, _ = call(steps)
    t1 = time.perf_counter() - start
    step = np.arange(steps)
    loss = np.ascontiguousarray(hist.T, dtype=np.float64)
    when = t0 + (t1 - t0) * (step + 1) / steps
    ran = np.isfinite(loss).any(axis=1)  # trim trailing rows where no member ran
    last = steps - int(ran[::-1].argmax()) if ran.any() else 0
    return History(step[:last], loss[:last], when[:last]), step


def run_first_order(
    kernel: Callable[..., Any], theta: np.ndarray, stop: Stopping, hint: str
) -> tuple[History, np.ndarray, np.ndarray]:
    """Adam or SGD on every row of ``theta`` (in place) by ``kernel(m, v, ring, count,
    status, hist)``, which takes ``hist.shape[1]`` steps; the history, each member's
    steps and whether it converged."""
    dt = theta.dtype
    population = theta.shape[0]
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    ring = np.zeros((population, stop.window), dtype=dt)
    count = np.zeros((population, 1), dtype=np.int64)
    status = np.zeros(population, dtype=np.int64)  # 1 done, 2 diverged

    def call(chunk: int) -> tuple[np.ndarray, np.ndarray]:
        hist = np.empty((population, chunk), dtype=dt)
        kernel(m, v, ring, count, status, hist)
        if (status == 2).any():
            raise divergence(int(count.max()) + 1, int((status == 2).sum()), population, hint)
        return hist, status > 0

    history, _ = drive(call, population, stop)
    return history, count[:, 0] + (status == 1), status == 1


def run_lm(
    kernel: Callable[[np.ndarray, np.ndarray], Any], theta: np.ndarray, stop: Stopping
) -> Outcome:
    """Levenberg–Marquardt on every row of ``theta`` (float64, in place) by
    ``kernel(state, hist)``, which takes ``hist.shape[1]`` iterations."""
    population = theta.shape[0]
    state = np.zeros((population, 5 + stop.window))
    state[:, 0], state[:, 1] = MU0, 2.0

    def call(chunk: int) -> tuple[np.ndarray, np.ndarray]:
        hist = np.empty((population, chunk))
        kernel(state, hist)
        return hist, state[:, 3] > 0

    history, _ = drive(call, population, stop)
    return Outcome(
        theta, state[:, 2].copy(), state[:, 4].astype(np.int64), state[:, 3] > 0, history
    )
