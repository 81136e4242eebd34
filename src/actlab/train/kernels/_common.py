"""Pieces shared by the fused kernels: the sum of squared residuals and the L2 penalty.

Parameters are rows θ = [w_1..w_w, b_1..b_w, c_1..c_w, c0] (see ``_params``).
"""

from __future__ import annotations

from numba import njit

from ._act import FASTMATH, act

__all__ = ["loss", "penalty", "sse"]


@njit(cache=True, fastmath=FASTMATH)
def sse(x, t, th, code, w):  # type: ignore[no-untyped-def]
    s = 0.0
    for n in range(x.size):
        y = th[3 * w] - t[n]
        for i in range(w):
            a, _ = act(code, th[i] * x[n] + th[w + i])
            y += th[2 * w + i] * a
        s += y * y
    return s


@njit(cache=True, inline="always")
def penalty(th, w):  # type: ignore[no-untyped-def]
    pen = th[0] * 0
    for i in range(w):
        pen += th[i] * th[i] + th[2 * w + i] * th[2 * w + i]
    return pen


@njit(cache=True)
def loss(x, t, theta, code, w, l2, out):  # type: ignore[no-untyped-def]
    """Mean squared error (+ L2 on the weights) of every member into ``out``."""
    for q in range(theta.shape[0]):
        th = theta[q]
        out[q] = sse(x, t, th, code, w) / x.size + l2 * penalty(th, w)
