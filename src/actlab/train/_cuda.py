"""The training loop around the fused CUDA Adam kernel: chunks of steps, history, divergence.

The kernel itself (:mod:`actlab.train.backends.cuda_fused`) runs many steps in
one launch; this driver calls it a stride of steps at a time, records the loss
history, reports progress and turns a non-finite loss into a DivergenceError.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ._loop import Outcome, divergence, stride_for
from ._options import hint_for
from ._params import Layout
from .backends import cuda_fused
from .losses import Objective
from .result import History, Progress

__all__ = ["adam"]


def adam(
    be: Any, layout: Layout, theta0: np.ndarray, x: np.ndarray, y: np.ndarray, opts: dict[str, Any],
    **_: Any,
) -> Outcome:  # fmt: skip
    """Adam on every row of ``theta0`` with the fused kernel; history at every stride-th step."""
    torch = be.torch
    start = time.perf_counter()
    population, steps = theta0.shape[0], opts["steps"]
    runner = cuda_fused.AdamRunner(
        torch, be.asarray(theta0).contiguous(), be.asarray(x).contiguous(),
        be.asarray(y).contiguous(), layout.width, layout.activations[0],
    )  # fmt: skip
    stride = stride_for(population, steps)
    if opts["callback"] is not None:
        stride = min(stride, max(1, steps // 100))
    rec_step, rec_loss, rec_time = [], [], []
    for first in range(0, steps, stride):
        k = min(stride, steps - first)
        loss = runner.run(k, opts["lr"], opts["betas"], opts["eps"], opts["l2"])
        loss_np = be.to_numpy(loss)
        bad = ~np.isfinite(loss_np)
        if bad.any():
            raise divergence(first + 1, int(bad.sum()), population, hint_for("adam", opts["lr"]))
        rec_step.append(first)
        rec_loss.append(loss_np)
        rec_time.append(time.perf_counter() - start)
        if opts["callback"] is not None:
            opts["callback"](Progress(first + k, steps, float(loss_np.min()), rec_time[-1]))
    theta = be.to_numpy(runner.theta)
    if not np.isfinite(theta).all():
        raise divergence(steps, int((~np.isfinite(theta)).any(1).sum()), population,
                         hint_for("adam", opts["lr"]))  # fmt: skip
    final = be.to_numpy(Objective(be, layout, x, y, opts["l2"]).loss(runner.theta))
    history = History(np.asarray(rec_step), np.asarray(rec_loss), np.asarray(rec_time))
    return Outcome(
        theta, final, np.full(population, steps), np.zeros(population, dtype=bool), history
    )
