"""Limited-memory BFGS for P problems at once, with a backtracking Armijo line search.

The search direction d = −H∇L comes from the two-loop recursion over the
last ``memory`` pairs (s, y) of each member (pairs with sᵀy ≤ 0 are skipped),
starting from the scaling γ = sᵀy / yᵀy. The step halves from 1 until
L(θ + t·d) ≤ L(θ) + 10⁻⁴·t·∇Lᵀd. A member is done when its loss fell by less
than ``tol`` over ``window`` iterations or no step lowers it.
"""

from __future__ import annotations

from typing import Any

from ..losses import Objective
from .optimizer import Optimizer

__all__ = ["LBFGS"]

Array = Any

MAX_HALVINGS = 30


class LBFGS(Optimizer):
    """L-BFGS with memory ``memory``, per member."""

    name = "lbfgs"

    def __init__(self, memory: int = 10, tol: float = 0.0, window: int = 10, **_: Any) -> None:
        super().__init__(tol, window)
        self.memory = memory

    def start(self, obj: Objective, theta: Array) -> None:
        super().start(obj, theta)
        be = obj.be
        p_, p = theta.shape
        self.s = be.zeros((self.memory, p_, p))
        self.y = be.zeros((self.memory, p_, p))
        self.rho = be.zeros((self.memory, p_))  # 1/sᵀy, 0 for an empty or skipped slot
        self.count = 0
        self.f, self.g = obj.loss_grad(theta)
        self.frozen = self.f != self.f  # members reported done (all False at the start)

    def _direction(self, be: Any) -> Array:
        q = -self.g
        alphas = []
        order = [(self.count - 1 - i) % self.memory for i in range(min(self.count, self.memory))]
        for k in order:
            a = self.rho[k] * be.sum(self.s[k] * q, 1)
            q = q - a[:, None] * self.y[k]
            alphas.append(a)
        if order:
            k = order[0]
            yy = be.sum(self.y[k] * self.y[k], 1)
            gamma = be.where(self.rho[k] > 0, 1.0 / (self.rho[k] * yy + 1e-300), yy * 0 + 1.0)
            q = q * gamma[:, None]
        for k, a in zip(reversed(order), reversed(alphas), strict=True):
            b = self.rho[k] * be.sum(self.y[k] * q, 1)
            q = q + (a - b)[:, None] * self.s[k]
        return q

    def step(self, obj: Objective, theta: Array) -> tuple[Array, Array, Array]:
        be = obj.be
        f_start = be.copy(self.f)
        self.stall.push(f_start)
        d = self._direction(be)
        slope = be.sum(d * self.g, 1)
        uphill = ~(slope < 0)  # not a descent direction: fall back to steepest descent
        d = be.where(uphill[:, None], -self.g, d)
        slope = be.where(uphill, -be.sum(self.g * self.g, 1), slope)
        if self.count == 0:  # first step: length at most 1 in the ∞-norm, as torch does
            d = d / be.maximum(be.amax(be.abs(d), 1), 1.0)[:, None]
            slope = be.sum(d * self.g, 1)
        t = slope * 0 + 1.0
        pending = (slope < 0) & ~self.frozen  # no line search for members already done
        accepted = pending & False
        new = theta
        for _ in range(MAX_HALVINGS):
            trial = theta + t[:, None] * d
            f_new = obj.loss(trial)
            ok = pending & (f_new <= self.f + 1e-4 * t * slope) & (f_new == f_new)
            new = be.where(ok[:, None], trial, new)
            accepted = accepted | ok
            pending = pending & ~ok
            t = be.where(pending, t * 0.5, t)
            if not bool(pending.any()):
                break
        f_new, g_new = obj.loss_grad(new)
        s_vec, y_vec = new - theta, g_new - self.g
        sy = be.sum(s_vec * y_vec, 1)
        slot = self.count % self.memory
        keep = accepted & (
            sy > 1e-10 * be.sqrt(be.sum(y_vec * y_vec, 1) * be.sum(s_vec * s_vec, 1))
        )
        self.s[slot] = s_vec
        self.y[slot] = y_vec
        self.rho[slot] = be.where(keep, 1.0 / be.where(keep, sy, sy * 0 + 1.0), sy * 0)
        self.count += 1
        self.f, self.g = f_new, g_new
        done = ~accepted | self.stall.stalled(f_new)
        self.frozen = self.frozen | done
        return new, f_start, done
