"""The training objective: mean squared error plus an optional L2 penalty on the weights.

    L(θ) = (1/N) Σ_n (y_n − t_n)² + λ Σ_weights w²

Biases are not penalised. With ``loss="log_loss"`` or ``"cross_entropy"`` the data
term is a classifier's (see :mod:`actlab.train.classification`) and the
Gauss–Newton pieces are the generalised ones. :class:`Objective` binds data, a layout and a backend
and gives the loss, its gradient and, for Levenberg–Marquardt, the Gauss–Newton
pieces JᵀJ and Jᵀr, every one per population member.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import DataError
from . import backprop, classification
from ._params import Layout
from .backends.backend import Backend

__all__ = ["Objective", "mse"]

Array = Any


def mse(y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
    """Mean squared error over the last axis."""
    err = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return np.mean(err * err, axis=-1)


class Objective:
    """L(θ) on fixed data for P networks of one layout."""

    def __init__(
        self, be: Backend, layout: Layout, x: Any, y: Any, l2: float = 0.0, loss: str = "mse"
    ) -> None:
        self.be = be
        self.kind = loss
        self.onehot = None
        if loss == "cross_entropy":
            self.onehot = be.asarray(classification.onehot(np.asarray(y), layout.outputs))
        self.layout = layout
        self.x = be.asarray(x)
        self.y = be.asarray(y)
        self.n = int(self.x.shape[0])
        cols = 1 if self.x.ndim == 1 else int(self.x.shape[-1])
        if self.x.ndim > 2 or cols != layout.inputs:
            raise DataError(
                f"X has {cols} column{'s' * (cols != 1)} but the network has {layout.inputs} "
                f"input{'s' * (layout.inputs != 1)}; got X of shape {tuple(self.x.shape)}"
            )
        self.l2 = float(l2)
        self.mask = be.asarray(layout.weight_mask())

    def subset(self, idx: np.ndarray) -> Objective:
        """The same objective on the points ``idx`` (a mini-batch: rows of X)."""
        out = Objective.__new__(Objective)
        out.__dict__.update(self.__dict__)
        out.x = self.be.index(self.x, idx)
        out.y = self.be.index(self.y, idx)
        if self.onehot is not None:
            out.onehot = self.be.index(self.onehot, idx)
        out.n = len(idx)
        return out

    def _penalty(self, theta: Array) -> Array:
        return self.l2 * self.be.sum(theta * theta * self.mask, 1)

    def _classify(self, out: Array) -> tuple[Array, Array, Array]:
        """(loss, ∂L/∂z, curvature or probabilities) of a classifier's logits ``out``."""
        if self.kind == "log_loss":
            return classification.binary_parts(self.be, out, self.y, self.n)
        return classification.multi_parts(out, self.onehot, self.n)

    def loss(self, theta: Array) -> Array:
        """L for each network: shape (P,)."""
        if self.kind != "mse":
            out = backprop.forward(self.be, self.layout, theta, self.x).output
            value = self._classify(out)[0]
            return value + self._penalty(theta) if self.l2 else value
        r = backprop.forward(self.be, self.layout, theta, self.x).output - self.y
        value = self.be.sum(r * r, 1) / self.n
        return value + self._penalty(theta) if self.l2 else value

    def loss_grad(self, theta: Array) -> tuple[Array, Array]:
        """L and ∇L for each network: shapes (P,) and (P, p)."""
        fw = backprop.forward(self.be, self.layout, theta, self.x)
        if self.kind != "mse":
            value, dz, _ = self._classify(fw.output)
            grad = backprop.gradient(self.be, self.layout, theta, fw, dz)
        else:
            r = fw.output - self.y
            value = self.be.sum(r * r, 1) / self.n
            grad = backprop.gradient(self.be, self.layout, theta, fw, r * (2.0 / self.n))
        if self.l2:
            value = value + self._penalty(theta)
            grad = grad + (2.0 * self.l2) * theta * self.mask
        return value, grad

    def gauss_newton(self, theta: Array) -> tuple[Array, Array, Array]:
        """L, JᵀJ and Jᵀr of the scaled least-squares form L = ‖r̃‖², per network.

        r̃ stacks r/√N and √λ·w, so JᵀJ gains λ on the weights' diagonal and
        Jᵀr gains λ·w; ∇L = 2·Jᵀr.

        For a classifier these are the generalised Gauss–Newton pieces in the same
        scaling: ½·JᵀΛJ (Λ the loss's curvature in the logits) and ½·∇L.
        """
        fw = backprop.forward(self.be, self.layout, theta, self.x)
        if self.kind != "mse":
            value, jtj, jtr = self._generalised(theta, fw)
        else:
            r = fw.output - self.y
            jac = backprop.jacobian(self.be, self.layout, theta, fw)  # (P, N, p)
            jtj = (jac.mT @ jac) / self.n
            jtr = (jac.mT @ r[..., None])[..., 0] / self.n
            value = self.be.sum(r * r, 1) / self.n
        if self.l2:
            value = value + self._penalty(theta)
            jtr = jtr + self.l2 * theta * self.mask
            diag = self.l2 * self.mask
            jtj = jtj + diag[:, None] * self._eye(theta.shape[-1])
        return value, jtj, jtr

    def _generalised(self, theta: Array, fw: backprop.Forward) -> tuple[Array, Array, Array]:
        """L, ½·JᵀΛJ and ½·∇L of a classifier."""
        value, dz, extra = self._classify(fw.output)
        jac = backprop.jacobian(self.be, self.layout, theta, fw)  # (P, N, p) or (P, N, K, p)
        if self.kind == "log_loss":
            half = jac * (0.5 * extra)[..., None]
            jtj = half.mT @ jac
            jtr = 0.5 * (jac.mT @ dz[..., None])[..., 0]
            return value, jtj, jtr
        p_, n_, k_, size = jac.shape
        flat = jac.reshape(p_, n_ * k_, size)
        probs = extra  # (P, N, K)
        v = (jac * probs[..., None]).sum(2)  # (P, N, p): Σ_k p_k J_k
        weighted = (flat * probs.reshape(p_, n_ * k_)[..., None]).mT @ flat
        jtj = (weighted - v.mT @ v) * (0.5 / self.n)
        jtr = 0.5 * (flat.mT @ dz.reshape(p_, n_ * k_)[..., None])[..., 0]
        return value, jtj, jtr

    def _eye(self, p: int) -> Array:
        return self.be.asarray(np.eye(p))
