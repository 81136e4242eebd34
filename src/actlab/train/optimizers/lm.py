"""Levenberg–Marquardt for P least-squares problems at once.

Each iteration solves, per member, the damped Gauss–Newton system

    (JᵀJ/N + λI_w + μ·D) δ = −(Jᵀr/N + λw),   D = diag(JᵀJ/N + λI_w)

(Marquardt's scaling) by batched Cholesky, and accepts δ when the loss falls,
with Nielsen's update of μ: μ·max(1/3, 1 − (2ρ − 1)³) after a success (ρ is
actual over predicted reduction), μ·ν with ν doubling after each failure.
A member is done when a step lowered the loss by less than ``tol`` over
``window`` iterations, when no damping up to μ = 10¹⁶ lowers it (a minimum to
machine precision), or when the gradient vanishes. The fused kernel in
``kernels`` runs this same algorithm for one-hidden-layer networks.
"""

from __future__ import annotations

from typing import Any

from ..losses import Objective
from .optimizer import Optimizer

__all__ = ["LevenbergMarquardt"]

Array = Any

MU0 = 1e-3
MU_MAX = 1e16


class LevenbergMarquardt(Optimizer):
    """Damped Gauss–Newton with adaptive damping, per member."""

    name = "lm"

    def __init__(self, tol: float = 0.0, window: int = 10, **_: Any) -> None:
        super().__init__(tol, window)

    def start(self, obj: Objective, theta: Array) -> None:
        super().start(obj, theta)
        be = obj.be
        p_ = theta.shape[0]
        self.mu = be.zeros((p_,)) + MU0
        self.nu = be.zeros((p_,)) + 2.0
        self.f = obj.loss(theta)
        self.frozen = self.mu < 0  # members reported done: the loop keeps them as they are

    def step(self, obj: Objective, theta: Array) -> tuple[Array, Array, Array]:
        be = obj.be
        f_start = be.copy(self.f)
        self.stall.push(f_start)
        _, a_mat, g = obj.gauss_newton(theta)
        p = theta.shape[1]
        diag_a = a_mat.diagonal(0, -2, -1)
        dmax = be.amax(diag_a, 1)
        diag = be.maximum(diag_a, 1e-12 * dmax[:, None] + 1e-300)
        gmax = be.amax(be.abs(g), 1)
        flat = gmax <= 1e-14 * (1.0 + self.f)
        pending = ~flat & (self.mu < MU_MAX) & ~self.frozen  # no damping search for the done
        accepted = flat & False
        eye = be.asarray(_eye(p))
        while bool(pending.any()):
            mu = self.mu
            d, ok = be.solve_spd(a_mat + (mu[:, None] * diag)[:, :, None] * eye, -g)
            trial = theta + d
            f_new = obj.loss(trial)
            predicted = be.sum(d * (mu[:, None] * diag * d - g), 1)
            safe = be.where(predicted > 0, predicted, predicted * 0 + 1)
            rho = be.where(predicted > 0, (self.f - f_new) / safe, predicted * 0 - 1)
            good = f_new == f_new
            good = good & (be.abs(f_new) < float("inf"))
            acc = pending & ok & (rho > 0) & good
            theta = be.where(acc[:, None], trial, theta)
            self.f = be.where(acc, f_new, self.f)
            shrink = be.maximum(1.0 - (2.0 * rho - 1.0) ** 3, 1.0 / 3.0)
            grow = pending & ~acc
            self.mu = be.where(acc, mu * shrink, be.where(grow, mu * self.nu, mu))
            self.nu = be.where(acc, self.nu * 0 + 2.0, be.where(grow, self.nu * 2.0, self.nu))
            accepted = accepted | acc
            pending = pending & ~acc & (self.mu < MU_MAX)
        done = flat | ~accepted | self.stall.stalled(self.f)
        self.frozen = self.frozen | done
        return theta, f_start, done


def _eye(p: int) -> Any:
    import numpy as np

    return np.eye(p)
