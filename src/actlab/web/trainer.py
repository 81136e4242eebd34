"""Live training for the page: full-batch steps that can stop after any one of them.

The gradient comes from :class:`actlab.train.Objective` (backprop on the MSE);
the update rules are written out here, one line each, so that the page can
advance a few steps at a time within a time budget and redraw between chunks:

* ``sgd``:      θ ← θ − η·g
* ``momentum``: v ← 0.9·v + g;  θ ← θ − η·v
* ``adam``:     m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
                θ ← θ − η·m̂ / (√v̂ + ε)  with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t)
"""

from __future__ import annotations

import time

import numpy as np

from .. import activations as act
from .._validate import check_choice
from ..errors import ConfigError, DivergenceError
from ..network import Network
from ..settings import LIMITS, OPTIMIZERS
from ..train import Layout, Objective, get_backend

__all__ = ["LiveTrainer"]

BETA1, BETA2, EPS, MOMENTUM = 0.9, 0.999, 1e-8, 0.9


class LiveTrainer:
    """One network trained on fixed data (x, y), a chunk of steps at a time."""

    def __init__(
        self, net: Network, x: np.ndarray, y: np.ndarray, optimizer: str, learning_rate: float
    ) -> None:
        untrainable = [a for a in net.activations if not act.get(a).trainable]
        if untrainable:
            raise ConfigError(
                f"the {untrainable[0]!r} activation has no useful derivative and cannot be "
                "trained by gradients; pick another activation, or use construct"
            )
        self.optimizer = check_choice("optimizer", optimizer, OPTIMIZERS)
        self.lr = float(learning_rate)
        self.layout = Layout.of(net)
        self.objective = Objective(get_backend("numpy"), self.layout, x, y)
        self.theta = self.layout.pack(net)  # (1, p)
        self.m = np.zeros_like(self.theta)
        self.v = np.zeros_like(self.theta)
        self.t = 0

    def step(self) -> float:
        """One update; returns the loss before it. Raises DivergenceError on blow-up."""
        with np.errstate(all="ignore"):
            loss, g = self.objective.loss_grad(self.theta)
            loss = float(loss[0])
            if not (np.isfinite(loss) and np.all(np.isfinite(g))):
                raise self._diverged("the loss or its gradient is not finite")
            self.t += 1
            if self.optimizer == "sgd":
                new = self.theta - self.lr * g
            elif self.optimizer == "momentum":
                self.m = MOMENTUM * self.m + g
                new = self.theta - self.lr * self.m
            else:
                self.m = BETA1 * self.m + (1 - BETA1) * g
                self.v = BETA2 * self.v + (1 - BETA2) * g * g
                m_hat = self.m / (1 - BETA1**self.t)
                v_hat = self.v / (1 - BETA2**self.t)
                new = self.theta - self.lr * m_hat / (np.sqrt(v_hat) + EPS)
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
        return DivergenceError(
            f"training diverged after {self.t} steps: {what}; lower the learning rate "
            f"(now {self.lr:g}) or try the adam optimizer"
        )
