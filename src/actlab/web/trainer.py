"""Live training for the page: full-batch steps that can stop after any one of them.

The page's trainer steps the library's own optimizers (:mod:`actlab.train.optimizers`)
with the page's fit options (``FitOptions.for_context("page")``: Adam at 0.03 unless
the page says otherwise), so one word names one method everywhere. It only adds
what a live view needs: a chunk of steps within a time budget, and a bound on the
weights so that a diverging run stops with advice instead of overflowing. With
``batch_size``, adam and sgd step on seeded mini-batches (a new permutation each epoch).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from .. import activations as act
from ..errors import ConfigError, DivergenceError
from ..network import Network
from ..settings import LIMITS
from ..train import FitOptions, Layout, Objective, get_backend
from ..train.optimizers import from_options

__all__ = ["LiveTrainer"]


class LiveTrainer:
    """One network trained on fixed data (x, y), a chunk of steps at a time."""

    def __init__(
        self,
        net: Network,
        x: np.ndarray,
        y: np.ndarray,
        optimizer: str = "adam",
        learning_rate: float = 0.03,
        **options: Any,
    ) -> None:
        untrainable = [a for a in net.activations if not act.get(a).trainable]
        if untrainable:
            raise ConfigError(
                f"the {untrainable[0]!r} activation has no useful derivative and cannot be "
                "trained by gradients; pick another activation, or use construct"
            )
        self.options = FitOptions.for_context(
            "page", optimizer=optimizer, learning_rate=learning_rate, **options
        )
        self.layout = Layout.of(net)
        self.objective = Objective(
            get_backend("numpy"), self.layout, x, y, self.options.l2, self.options.loss
        )
        self.theta = self.layout.pack(net)  # (1, p)
        self.method = from_options(self.options)  # tol 0: a live run never stalls out
        self.method.start(self.objective, self.theta)
        self.t = 0
        batch = self.options.batch_size
        self.batch = batch if batch is not None and batch < self.objective.n else None
        if self.batch is not None and self.optimizer not in ("adam", "sgd"):
            raise ConfigError(
                f"mini-batches need optimizer 'adam' or 'sgd'; {self.optimizer!r} uses every "
                "point each step"
            )
        self._rng = np.random.default_rng(self.options.seed)
        self._queue: list[np.ndarray] = []

    def _objective(self) -> Objective:
        """The whole objective, or the next mini-batch of it."""
        if self.batch is None:
            return self.objective
        if not self._queue:
            perm = self._rng.permutation(self.objective.n)
            self._queue = [perm[i : i + self.batch] for i in range(0, len(perm), self.batch)]
            self._queue.reverse()
        return self.objective.subset(self._queue.pop())

    @property
    def optimizer(self) -> str:
        """The optimizer's name."""
        return self.options.optimizer

    @property
    def lr(self) -> float | None:
        """The learning rate (None for lm and lbfgs, which choose their own steps)."""
        return self.options.learning_rate

    def step(self) -> float:
        """One update; returns the loss before it. Raises DivergenceError on blow-up."""
        with np.errstate(all="ignore"):
            new, loss, _ = self.method.step(self._objective(), self.theta)
            loss = float(loss[0])
        if not (np.isfinite(loss) and np.all(np.isfinite(new))):
            raise self._diverged("the loss or its gradient is not finite")
        self.t += 1
        if not np.all(np.abs(new) <= LIMITS["max_abs_value"]):
            raise self._diverged(
                f"a weight went beyond ±{LIMITS['max_abs_value']:g}, the largest the lab allows"
            )
        self.theta = new
        return loss

    def run(self, max_steps: int, seconds: float) -> list[float]:
        """Up to ``max_steps`` steps, stopping early once ``seconds`` have passed."""
        losses: list[float] = []
        deadline = time.perf_counter() + seconds
        while len(losses) < max_steps:
            losses.append(self.step())
            if time.perf_counter() >= deadline:
                break
        return losses

    def loss(self) -> float:
        """The current loss."""
        with np.errstate(all="ignore"):
            return float(self.objective.loss(self.theta)[0])

    def network(self) -> Network:
        """The network as it is now."""
        return self.layout.unpack(self.theta, population=False)

    def _diverged(self, what: str) -> DivergenceError:
        rate = "" if self.lr is None else f" (now {self.lr:g})"
        return DivergenceError(
            f"training diverged after {self.t} steps: {what}; lower the learning rate{rate} "
            "or try the adam optimizer"
        )
