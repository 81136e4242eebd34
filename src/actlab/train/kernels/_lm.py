"""Levenberg–Marquardt as one numba kernel for one-hidden-layer networks.

The same algorithm as :mod:`actlab.train.optimizers.lm`, member by member, with
no temporaries beyond one Jacobian (N × p) per member.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ._act import FASTMATH, act, finite
from ._common import penalty, sse

__all__ = ["levenberg_marquardt"]


@njit(cache=True, fastmath=FASTMATH)
def _cholesky_solve(a, g, mu, diag, chol, d):  # type: ignore[no-untyped-def]
    """Solve (a + mu·diag(diag)) d = −g by Cholesky; False if not positive definite."""
    p = g.size
    for k in range(p):
        for col in range(k + 1):
            s = a[k, col]
            if k == col:
                s += mu * diag[k]
            for m in range(col):
                s -= chol[k, m] * chol[col, m]
            if k == col:
                if not s > 0.0:
                    return False
                chol[k, k] = math.sqrt(s)
            else:
                chol[k, col] = s / chol[col, col]
    for k in range(p):
        s = -g[k]
        for m in range(k):
            s -= chol[k, m] * d[m]
        d[k] = s / chol[k, k]
    for k in range(p - 1, -1, -1):
        s = d[k]
        for m in range(k + 1, p):
            s -= chol[m, k] * d[m]
        d[k] = s / chol[k, k]
    return True


@njit(cache=True)
def _lm_member(x, t, th, code, w, l2, steps, tol, state, hist):  # type: ignore[no-untyped-def]
    """Up to ``steps`` Levenberg–Marquardt iterations of one member (see the caller)."""
    n_pts, p = x.size, 3 * w + 1
    window = state.size - 5
    jac = np.empty((n_pts, p))
    r = np.empty(n_pts)
    g = np.empty(p)
    diag = np.empty(p)
    chol = np.empty((p, p))
    d = np.empty(p)
    trial = np.empty(p)
    mu, nu, f = state[0], state[1], state[2]
    for it in range(steps):
        k = int(state[4])  # iterations run so far, over every call
        if k == 0:
            f = sse(x, t, th, code, w) / n_pts + l2 * penalty(th, w)
        hist[it] = f
        state[5 + k % window] = f
        # Jacobian of the outputs, one row per point: [c·φ'·x, c·φ', φ, 1]
        for n in range(n_pts):
            r[n] = th[3 * w] - t[n]
            jac[n, 3 * w] = 1.0
        for i in range(w):
            wi, bi, ci = th[i], th[w + i], th[2 * w + i]
            for n in range(n_pts):
                a, da = act(code, wi * x[n] + bi)
                r[n] += ci * a
                jac[n, i] = ci * da * x[n]
                jac[n, w + i] = ci * da
                jac[n, 2 * w + i] = a
        a_mat = np.dot(jac.T, jac) / n_pts
        gr = np.dot(jac.T, r) / n_pts
        gmax, dmax = 0.0, 0.0
        for j in range(p):
            g[j] = gr[j]
            if l2 > 0.0 and (j < w or (j >= 2 * w and j < 3 * w)):
                a_mat[j, j] += l2
                g[j] += l2 * th[j]
            gmax = max(gmax, abs(g[j]))
            dmax = max(dmax, a_mat[j, j])
        for j in range(p):
            diag[j] = max(a_mat[j, j], 1e-12 * dmax + 1e-300)
        state[4] = k + 1
        if gmax <= 1e-14 * (1.0 + f):
            state[3] = 1.0
            break
        accepted = False
        while mu < 1e16:
            if not _cholesky_solve(a_mat, g, mu, diag, chol, d):
                mu *= nu
                nu *= 2.0
                continue
            for j in range(p):
                trial[j] = th[j] + d[j]
            f_new = sse(x, t, trial, code, w) / n_pts + l2 * penalty(trial, w)
            predicted = 0.0
            for j in range(p):
                predicted += d[j] * (mu * diag[j] * d[j] - g[j])
            rho = (f - f_new) / predicted if predicted > 0.0 else -1.0
            if rho > 0.0 and finite(f_new):
                for j in range(p):
                    th[j] = trial[j]
                f = f_new
                mu *= max(1.0 / 3.0, 1.0 - (2.0 * rho - 1.0) ** 3)
                nu = 2.0
                accepted = True
                break
            mu *= nu
            nu *= 2.0
        if not accepted:
            state[3] = 1.0  # no damped step lowers the loss: a minimum to machine precision
            break
        # stalled: the loss fell by less than tol over the last `window` iterations
        if k + 1 >= window and state[5 + (k + 1) % window] - f <= tol:
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
