"""SGD with momentum and Adam as one fused numba kernel for one-hidden-layer networks.

Forward pass, backward pass and update of one member run back to back with
its parameters in registers and the data in L1 cache; members run in
parallel (``prange``). The same algorithm as :mod:`actlab.train.optimizers.first_order`.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ._act import FASTMATH, act, finite
from ._common import penalty
from ._fastexp import sigmoid32
from ._steps import first_order_step, stalled

__all__ = ["first_order"]


@njit(cache=True, fastmath=FASTMATH, inline="always")  # inlined: 2-3× faster than a call
def _first_order_member(
    x, t, th, m, v, code, w, l2, steps, method, hp, fast, tol, ring, count, hist
):  # type: ignore[no-untyped-def]
    """Up to ``steps`` SGD-with-momentum or Adam steps of one member; returns its status."""
    n_pts, p = x.size, 3 * w + 1
    zero = th[0] * 0
    one = zero + 1
    two_over_n = (one + one) / (zero + n_pts)
    acts = np.empty((w, n_pts), dtype=th.dtype)
    slopes = np.empty((w, n_pts), dtype=th.dtype)
    r = np.empty(n_pts, dtype=th.dtype)
    g = np.empty(p, dtype=th.dtype)
    bits = np.empty(n_pts, dtype=np.int32)
    scale = bits.view(np.float32)
    for s in range(steps):
        # forward: r = Σ c_i·φ(w_i x + b_i) + c0 − t
        for n in range(n_pts):
            r[n] = th[3 * w] - t[n]
        for i in range(w):
            wi, bi, ci = th[i], th[w + i], th[2 * w + i]
            a_row, d_row = acts[i], slopes[i]
            if fast:
                sigmoid32(wi, bi, x, a_row, bits, scale)
                for n in range(n_pts):
                    a = a_row[n]
                    d_row[n] = a * (one - a)
                    r[n] += ci * a
            else:
                for n in range(n_pts):
                    a, da = act(code, wi * x[n] + bi)
                    a_row[n] = a
                    d_row[n] = da
                    r[n] += ci * a
        sse = zero
        for n in range(n_pts):
            sse += r[n] * r[n]
        value = sse / (zero + n_pts) + l2 * penalty(th, w)
        hist[s] = value
        if not finite(value):
            return 2
        if stalled(ring, count, value, tol):
            return 1
        # backward: ∂L/∂c_i = (2/N)Σ r·φ_i, ∂L/∂b_i = (2/N)Σ r·c_i·φ'_i, ∂L/∂w_i = … ·x
        g0 = zero
        for n in range(n_pts):
            g0 += r[n]
        g[3 * w] = g0 * two_over_n
        for i in range(w):
            a_row, d_row = acts[i], slopes[i]
            sc, sb, sw = zero, zero, zero
            for n in range(n_pts):
                sc += r[n] * a_row[n]
                sd = r[n] * d_row[n]
                sb += sd
                sw += sd * x[n]
            ci = th[2 * w + i]
            g[i] = sw * ci * two_over_n + (l2 + l2) * th[i]
            g[w + i] = sb * ci * two_over_n
            g[2 * w + i] = sc * two_over_n + (l2 + l2) * ci
        if first_order_step(th, g, m, v, method, hp, count[0]):
            return 2
    return 0


@njit(parallel=True, fastmath=FASTMATH, cache=True)
def first_order(
    x, t, theta, m, v, code, w, l2, steps, method, hp, fast, tol, ring, count, status, hist
):  # type: ignore[no-untyped-def]
    """Up to ``steps`` steps of SGD with momentum (method 0) or Adam (1) per member, in place.

    ``hp`` = (lr, β1 or momentum, β2, ε). Per member: ``ring`` (P, window)
    holds the losses of the last ``window`` steps and ``count`` (P, 1) the
    steps taken, so a later call continues exactly; ``status`` becomes 1 once
    the loss fell by less than ``tol`` over ``window`` steps (the member then
    stops, unchanged) and 2 if a loss or parameter stopped being finite.
    ``hist`` (P, steps) receives each step's loss before its update (NaN where
    none ran). ``fast`` selects the vectorised float32 sigmoid.
    """
    for q in prange(theta.shape[0]):
        hist[q, :] = np.nan
        if status[q] == 0:
            status[q] = _first_order_member(
                x,
                t,
                theta[q],
                m[q],
                v[q],
                code,
                w,
                l2,
                steps,
                method,
                hp,
                fast,
                tol,
                ring[q],
                count[q],
                hist[q],
            )
