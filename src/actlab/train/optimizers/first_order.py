"""Gradient steps: SGD with momentum and Adam, in torch's conventions.

SGD:   buf ← μ·buf + g,  θ ← θ − lr·buf
Adam:  m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
       θ ← θ − (lr / (1−β1^k)) · m / (√v / √(1−β2^k) + ε)

A member is done once its loss fell by less than ``tol`` over the last
``window`` steps; it then keeps the parameters it has.
"""

from __future__ import annotations

import math
from typing import Any

from ..losses import Objective
from .optimizer import Optimizer

__all__ = ["SGD", "Adam"]

Array = Any


class _FirstOrder(Optimizer):
    uses_batches = True

    def start(self, obj: Objective, theta: Array) -> None:
        super().start(obj, theta)
        self.m = obj.be.zeros(tuple(theta.shape))
        self.v = obj.be.zeros(tuple(theta.shape))
        self.k = 0

    def step(self, obj: Objective, theta: Array) -> tuple[Array, Array, Array]:
        loss, grad = obj.loss_grad(theta)
        done = self.stall.stalled(loss)
        self.stall.push(loss)
        self.k += 1
        new = self._update(obj, theta, grad)
        return obj.be.where(done[:, None], theta, new), loss, done

    def _update(self, obj: Objective, theta: Array, grad: Array) -> Array:
        raise NotImplementedError


class Adam(_FirstOrder):
    """Adam (Kingma & Ba), per member, as ``torch.optim.Adam``."""

    name = "adam"

    def __init__(
        self,
        lr: float = 0.01,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        tol: float = 0.0,
        window: int = 10,
    ) -> None:
        super().__init__(tol, window)
        self.lr, self.betas, self.eps = lr, betas, eps

    def _update(self, obj: Objective, theta: Array, grad: Array) -> Array:
        b1, b2 = self.betas
        self.m = b1 * self.m + (1.0 - b1) * grad
        self.v = b2 * self.v + (1.0 - b2) * grad * grad
        c1 = 1.0 - b1**self.k
        sqrt_c2 = math.sqrt(1.0 - b2**self.k)
        return theta - (self.lr / c1) * self.m / (obj.be.sqrt(self.v) / sqrt_c2 + self.eps)


class SGD(_FirstOrder):
    """Stochastic gradient descent with (heavy-ball) momentum, as ``torch.optim.SGD``."""

    name = "sgd"

    def __init__(
        self, lr: float = 0.01, momentum: float = 0.9, tol: float = 0.0, window: int = 10
    ) -> None:
        super().__init__(tol, window)
        self.lr, self.momentum = lr, momentum

    def _update(self, obj: Objective, theta: Array, grad: Array) -> Array:
        self.m = self.momentum * self.m + grad
        return theta - self.lr * self.m
