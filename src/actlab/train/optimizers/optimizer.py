"""What every optimizer provides, and the stall test they share."""

from __future__ import annotations

from typing import Any

from ..backends.backend import Backend
from ..losses import Objective

__all__ = ["Optimizer", "Stall"]

Array = Any


class Stall:
    """Per member: has the best loss so far fallen by less than ``tol`` in ``window`` steps?

    For the monotone methods (lm, lbfgs) the best loss is the current one; for
    sgd and adam, whose loss may rise for a while, only a lasting lack of
    progress counts.
    """

    def __init__(
        self, be: Backend, population: int, tol: float, window: int = 10, floor: float | None = None
    ) -> None:
        self.floor = floor  # a loss at or below it is done at once (classifiers: tol·entropy)
        self.tol = tol
        self.window = window
        self.be = be
        self.ring = be.zeros((population, window))  # best loss at the start of each step
        self.count = 0

    def _best(self, loss: Array) -> Array:
        if self.count == 0:
            return loss
        prev = self.ring[:, (self.count - 1) % self.window]
        return self.be.where(loss < prev, loss, prev)

    def push(self, loss: Array) -> None:
        """Remember the best loss up to the start of the current step."""
        self.ring[:, self.count % self.window] = self._best(loss)
        self.count += 1

    def stalled(self, loss: Array) -> Array:
        """Whether the best loss, ``loss`` included, is within tol of ``window`` steps ago
        (or, with a ``floor``, at or below it)."""
        low = loss * 0 > 1 if self.floor is None else loss <= self.floor
        if self.count < self.window or self.tol <= 0:
            return low
        return low | (self.ring[:, self.count % self.window] - self._best(loss) <= self.tol)


class Optimizer:
    """One iteration at a time over a population; subclasses implement :meth:`step`."""

    name = "optimizer"
    uses_batches = False  # whether mini-batches make sense for it

    def __init__(self, tol: float = 0.0, window: int = 10) -> None:
        self.tol = tol
        self.window = window
        self.floor: float | None = None  # a loss this low is done (set for classifiers)

    def start(self, obj: Objective, theta: Array) -> None:
        """Set up per-member state for parameters ``theta`` (P, p)."""
        self.stall = Stall(obj.be, theta.shape[0], self.tol, self.window, self.floor)

    def step(self, obj: Objective, theta: Array) -> tuple[Array, Array, Array]:
        """One iteration: returns (new theta, loss at the start, done per member)."""
        raise NotImplementedError
