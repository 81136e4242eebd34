"""The training loop shared by every optimizer and backend, and what it hands back.

It advances all members together, freezes those that are done, stops with
:class:`DivergenceError` the moment a loss or parameter is not finite,
keeps the history, tracks the validation error for early stopping and calls
the progress callback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import DivergenceError
from .losses import Objective
from .optimizers import Optimizer
from .result import History, Progress

__all__ = ["RECORD_LIMIT", "Outcome", "divergence", "run", "stride_for"]

RECORD_LIMIT = 2_000_000  # history entries kept (steps × P) before thinning


@dataclass
class Outcome:
    """Final parameters (float64, (P, p)) and per-member facts of one training run."""

    theta: np.ndarray
    loss: np.ndarray
    steps: np.ndarray
    converged: np.ndarray
    history: History
    validation: np.ndarray | None = None  # best validation MSE per member


def stride_for(population: int, steps: int) -> int:
    """Record every k-th step so that steps × P stays under :data:`RECORD_LIMIT`."""
    return max(1, -(-population * steps // RECORD_LIMIT))


def divergence(step: int, count: int, population: int, hint: str) -> DivergenceError:
    """The error for a loss or parameter that stopped being finite."""
    who = "the network" if population == 1 else f"{count} of {population} networks"
    return DivergenceError(
        f"training diverged at step {step}: the loss or parameters of {who} became "
        f"infinite or NaN; {hint}"
    )


def _batches(n: int, batch_size: int | None, seed: int) -> Callable[[], np.ndarray | None]:
    """Mini-batch index generator: a fresh seeded permutation each epoch."""
    if batch_size is None or batch_size >= n:
        return lambda: None
    rng = np.random.default_rng(seed)
    queue: list[np.ndarray] = []

    def nxt() -> np.ndarray:
        if not queue:
            perm = rng.permutation(n)
            queue.extend(perm[i : i + batch_size] for i in range(0, n, batch_size))
            queue.reverse()
        return queue.pop()

    return nxt


def run(
    opt: Optimizer,
    obj: Objective,
    theta0: np.ndarray,
    steps: int,
    *,
    hint: str,
    batch_size: int | None = None,
    seed: int = 0,
    validation: Objective | None = None,
    patience: int | None = None,
    callback: Callable[[Progress], Any] | None = None,
    tolerate: bool = False,
) -> Outcome:
    """Train every row of ``theta0`` for at most ``steps`` iterations.

    A member whose loss or parameters stop being finite raises
    :class:`DivergenceError`, unless ``tolerate`` (restarts of one fit): then it
    is frozen at its last finite parameters with loss ∞, and only a run in which
    every member diverges raises.
    """
    with np.errstate(all="ignore"):  # overflow is caught below as divergence, with advice
        return _run(
            opt, obj, theta0, steps, hint, batch_size, seed, validation, patience, callback,
            tolerate,
        )  # fmt: skip


def _run(
    opt: Optimizer,
    obj: Objective,
    theta0: np.ndarray,
    steps: int,
    hint: str,
    batch_size: int | None,
    seed: int,
    validation: Objective | None,
    patience: int | None,
    callback: Callable[[Progress], Any] | None,
    tolerate: bool,
) -> Outcome:
    be = obj.be
    start = time.perf_counter()
    theta = be.asarray(theta0)
    population = theta.shape[0]
    opt.start(obj, theta)
    next_batch = _batches(obj.n, batch_size, seed)
    active = np.ones(population, dtype=bool)
    n_steps = np.zeros(population, dtype=np.int64)
    stride = stride_for(population, steps)
    rec_step, rec_loss, rec_time, rec_val = [], [], [], []
    best_val = np.full(population, np.inf)
    best_theta = be.copy(theta)
    since_best = np.zeros(population, dtype=np.int64)
    dead = np.zeros(population, dtype=bool)  # diverged members, frozen (tolerate only)
    for k in range(steps):
        idx = next_batch()
        new, loss, done = opt.step(obj if idx is None else obj.subset(idx), theta)
        loss_np = be.to_numpy(loss)
        finite = np.isfinite(loss_np) & be.to_numpy(be.finite_rows(new)).astype(bool)
        bad = active & ~finite
        if bad.any():
            if not tolerate or (dead | bad).all():
                raise divergence(k + 1, int((dead | bad).sum()), population, hint)
            dead |= bad
            active &= ~bad
        mask = be.asarray(active.astype(np.float64))[:, None] > 0
        theta = be.where(mask, new, theta)
        n_steps += active
        if k % stride == 0:
            rec_step.append(k)
            rec_loss.append(np.where(active, loss_np, np.nan))
            rec_time.append(time.perf_counter() - start)
        active &= ~be.to_numpy(done).astype(bool)
        if validation is not None:
            val = be.to_numpy(validation.loss(theta))
            better = val < best_val
            best_val = np.where(better, val, best_val)
            keep = be.asarray(better.astype(np.float64))[:, None] > 0
            best_theta = be.where(keep, theta, best_theta)
            since_best = np.where(better, 0, since_best + 1)
            if k % stride == 0:
                rec_val.append(val)
            if patience is not None:
                active &= since_best < patience
        if callback is not None:
            callback(Progress(k + 1, steps, float(np.nanmin(loss_np)), time.perf_counter() - start))
        if not active.any():
            break
    converged = ~active & ~dead
    if validation is not None and patience is not None:
        theta = best_theta
    final = be.to_numpy(obj.loss(theta))
    final = np.where(dead, np.inf, final)
    history = History(
        np.asarray(rec_step, dtype=np.int64),
        np.asarray(rec_loss),
        np.asarray(rec_time),
        np.asarray(rec_val) if rec_val else None,
    )
    return Outcome(
        be.to_numpy(theta),
        final,
        n_steps,
        converged,
        history,
        best_val if validation is not None else None,
    )
