"""Levenberg–Marquardt as one numba kernel for one-hidden-layer networks.

The same algorithm as :mod:`actlab.train.optimizers.lm`, member by member: the
Jacobian is built a parameter row at a time (contiguous, vectorised, sigmoid
and tanh through the vectorised exponential of ``_fastexp``), JᵀJ and Jᵀr come
from BLAS, and the damped system is solved by a hand-written Cholesky.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._act import FASTMATH, act
from ._common import penalty
from ._fastexp import sigmoid64
from ._steps import cholesky_solve, lm_arrays, lm_gradient, lm_judge, lm_stalled, lm_system

__all__ = ["levenberg_marquardt"]


@njit(cache=True, fastmath=FASTMATH)
def _layer(x, th, code, w, acts, slopes, bits, scale):  # type: ignore[no-untyped-def]
    """acts[i, n] = φ(w_i x_n + b_i) and slopes[i, n] = φ'(…), row by row.

    Sigmoid and tanh (2σ(2z) − 1) use the vectorised sigmoid; the rest call ``act``.
    """
    for i in range(w):
        a_row, d_row = acts[i], slopes[i]
        if code == 1:
            sigmoid64(th[i], th[w + i], x, a_row, bits, scale)
            for n in range(x.size):
                d_row[n] = a_row[n] * (1.0 - a_row[n])
        elif code == 2:
            sigmoid64(2.0 * th[i], 2.0 * th[w + i], x, a_row, bits, scale)
            for n in range(x.size):
                a = 2.0 * a_row[n] - 1.0
                a_row[n] = a
                d_row[n] = 1.0 - a * a
        else:
            for n in range(x.size):
                a_row[n], d_row[n] = act(code, th[i] * x[n] + th[w + i])


@njit(cache=True, fastmath=FASTMATH)
def _residual(t, th, w, acts, r):  # type: ignore[no-untyped-def]
    """r ← Σ c_i·acts_i + c0 − t; returns Σ r²."""
    for n in range(t.size):
        r[n] = th[3 * w] - t[n]
    for i in range(w):
        c, a_row = th[2 * w + i], acts[i]
        for n in range(t.size):
            r[n] += c * a_row[n]
    s = 0.0
    for n in range(t.size):
        s += r[n] * r[n]
    return s


@njit(cache=True, fastmath=FASTMATH)
def _gram(jt, r, a_mat, gr):  # type: ignore[no-untyped-def]
    """a_mat ← Jᵀ J and gr ← Jᵀ r from the row-wise Jacobian ``jt`` (p, N), dot by dot."""
    p, n_pts = jt.shape
    lm_gradient(jt, r, gr)
    for j in range(p):
        row = jt[j]
        for m in range(j + 1):
            other = jt[m]
            s = 0.0
            for n in range(n_pts):
                s += row[n] * other[n]
            a_mat[j, m] = s
            a_mat[m, j] = s


@njit(cache=True)
def _lm_member(x, t, th, code, w, l2, steps, tol, state, hist):  # type: ignore[no-untyped-def]
    """Up to ``steps`` Levenberg–Marquardt iterations of one member (see the caller)."""
    n_pts, p = x.size, 3 * w + 1
    window = state.size - 5
    jt, r, a_mat, gr, g, diag, chol, d, trial = lm_arrays(p, n_pts)
    acts = np.empty((w, n_pts))
    slopes = np.empty((w, n_pts))
    bits = np.empty(n_pts, dtype=np.int64)
    scale = bits.view(np.float64)
    wmask = np.zeros(p)  # 1.0 where a parameter is a weight (w_i, c_i), for the L2 penalty
    wmask[:w] = 1.0
    wmask[2 * w : 3 * w] = 1.0
    mu, nu, f = state[0], state[1], state[2]
    for it in range(steps):
        k = int(state[4])  # iterations run so far, over every call
        if it == 0:  # later iterations start where the accepted trial left acts and r
            _layer(x, th, code, w, acts, slopes, bits, scale)
            sse0 = _residual(t, th, w, acts, r)
            if k == 0:
                f = sse0 / n_pts + l2 * penalty(th, w)
        hist[it] = f
        state[5 + k % window] = f
        state[4] = k + 1
        # Jacobian rows: ∂y/∂w_i = c_i·φ'_i·x, ∂y/∂b_i = c_i·φ'_i, ∂y/∂c_i = φ_i, ∂y/∂c0 = 1
        for i in range(w):
            c = th[2 * w + i]
            for n in range(n_pts):
                cd = c * slopes[i, n]
                jt[i, n] = cd * x[n]
                jt[w + i, n] = cd
                jt[2 * w + i, n] = acts[i, n]
        jt[3 * w, :] = 1.0
        _gram(jt, r, a_mat, gr)
        accepted = False
        # a vanishing gradient (a stationary point) takes no step: done
        if not lm_system(a_mat, gr, th, wmask, l2, n_pts, g, diag) <= 1e-14 * (1.0 + f):
            while not accepted and mu < 1e16:
                if not cholesky_solve(a_mat, g, mu, diag, chol, d):
                    mu, nu = mu * nu, nu * 2.0
                    continue
                for j in range(p):
                    trial[j] = th[j] + d[j]
                _layer(x, trial, code, w, acts, slopes, bits, scale)
                f_new = _residual(t, trial, w, acts, r) / n_pts + l2 * penalty(trial, w)
                accepted, f, mu, nu = lm_judge(th, trial, d, g, diag, f, f_new, mu, nu)
        # done: no damped step lowers the loss (a minimum to machine precision), or stalled
        if not accepted or lm_stalled(state, k, f, tol):
            state[3] = 1.0
            break
    state[0], state[1], state[2] = mu, nu, f


@njit(cache=True)
def levenberg_marquardt(x, t, theta, code, w, l2, steps, tol, state, hist):  # type: ignore[no-untyped-def]
    """Levenberg–Marquardt on every member of ``theta`` (P, p), in place.

    ``state`` (P, 5 + window) holds per member μ, ν, the loss, done (1.0 once
    converged), the iteration count and the losses of the last ``window``
    iterations; members already done are skipped, so the kernel can be called
    again to continue exactly where it stopped. ``hist`` (P, steps) receives the loss at the
    start of each iteration (NaN where none ran). The step solves
    (JᵀJ + λI_w + μ·diag(JᵀJ)) δ = −(Jᵀr + λw) (Marquardt's scaling) with
    Nielsen's update of μ; a member stops when the loss falls by less than
    ``tol`` over ``window`` iterations or no damped step lowers it.
    """
    for q in range(theta.shape[0]):
        hist[q, :] = np.nan
        if state[q, 3] == 0.0:
            _lm_member(x, t, theta[q], code, w, l2, steps, tol, state[q], hist[q])
