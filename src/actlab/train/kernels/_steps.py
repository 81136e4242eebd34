"""The update steps that the one-layer kernels and the any-depth kernels share.

Adam and SGD (with the stall test on the best loss so far) and the pieces of a
Levenberg–Marquardt iteration: the scaled normal equations, the damped Cholesky
solve, the gain-ratio test of a trial step and the stall test. The helpers are
inlined (``inline="always"``), so each kernel compiles them with its own flags,
exactly as if written out in it; they loop over parameters, never over points.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ._act import FASTMATH, finite

__all__ = [
    "cholesky_solve",
    "cholesky_substitute",
    "first_order_step",
    "lm_arrays",
    "lm_gradient",
    "lm_judge",
    "lm_stalled",
    "lm_system",
    "stalled",
]


# ---------------------------------------------------------------- Adam and SGD


@njit(inline="always", cache=True, fastmath=FASTMATH)
def stalled(ring, count, value, tol):  # type: ignore[no-untyped-def]
    """The stall test on the best loss so far (see optimizers.optimizer.Stall).

    True when the best loss fell by less than ``tol`` over the ``ring``'s window of
    steps (nothing is written then); otherwise the best goes into the ring and the
    step is counted in ``count[0]``.
    """
    window = ring.size
    k = count[0]
    best = value
    if k > 0 and ring[(k - 1) % window] <= value:
        best = ring[(k - 1) % window]
    if tol > 0 and k >= window and ring[k % window] - best <= tol:
        return True
    ring[k % window] = best
    count[0] = k + 1
    return False


@njit(inline="always", cache=True, fastmath=FASTMATH)
def first_order_step(th, g, m, v, method, hp, step):  # type: ignore[no-untyped-def]
    """θ ← one SGD-with-momentum (method 0) or Adam (1) step along the gradient ``g``.

    ``hp`` = (lr, β1 or momentum, β2, ε); ``step`` counts from 1 (Adam's bias
    correction). Returns whether a parameter stopped being finite.
    """
    one = th[0] * 0 + 1
    lr, beta1, beta2, eps = hp[0], hp[1], hp[2], hp[3]
    bad = False
    if method == 1:  # Adam, in torch's order of operations
        c1 = one - beta1**step
        sqrt_c2 = math.sqrt(one - beta2**step)
        for j in range(th.size):
            m[j] = beta1 * m[j] + (one - beta1) * g[j]
            v[j] = beta2 * v[j] + (one - beta2) * g[j] * g[j]
            th[j] -= (lr / c1) * m[j] / (math.sqrt(v[j]) / sqrt_c2 + eps)
            bad |= not finite(th[j])
    else:  # SGD with momentum: buf ← μ·buf + g, θ ← θ − lr·buf
        for j in range(th.size):
            m[j] = beta1 * m[j] + g[j]
            th[j] -= lr * m[j]
            bad |= not finite(th[j])
    return bad


# --------------------------------------------------------------- Levenberg–Marquardt
# (float64, compiled without fast-math flags, as the LM kernels that inline them)


@njit(cache=True, fastmath=FASTMATH)
def cholesky_solve(a, g, mu, diag, chol, d):  # type: ignore[no-untyped-def]
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
    cholesky_substitute(chol, g, d)
    return True


@njit(inline="always", cache=True, fastmath=FASTMATH)
def cholesky_substitute(chol, g, d):  # type: ignore[no-untyped-def]
    """d ← −(L Lᵀ)⁻¹ g for the lower Cholesky factor L = ``chol``: forward, then back."""
    p = g.size
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


@njit(inline="always", cache=True)
def lm_arrays(p, n_pts):  # type: ignore[no-untyped-def]
    """What a member's iterations work in: jt (p, N) the Jacobian, a row per parameter, r
    (N) the residuals, a_mat (p, p) and gr, g, diag (p) the system, chol (p, p) its
    factor, d and trial (p) the step and θ + d."""
    jt = np.empty((p, n_pts))
    r = np.empty(n_pts)
    a_mat = np.empty((p, p))
    gr = np.empty(p)
    g = np.empty(p)
    diag = np.empty(p)
    chol = np.empty((p, p))
    d = np.empty(p)
    trial = np.empty(p)
    return jt, r, a_mat, gr, g, diag, chol, d, trial


@njit(inline="always", cache=True, fastmath=FASTMATH)
def lm_gradient(jt, r, gr):  # type: ignore[no-untyped-def]
    """gr ← Jᵀr = jt·r for the row-wise Jacobian ``jt`` (p, N), a store-free sum per row."""
    p, n_pts = jt.shape
    for j in range(p):
        row = jt[j]
        s = 0.0
        for n in range(n_pts):
            s += row[n] * r[n]
        gr[j] = s


@njit(inline="always", cache=True)
def lm_system(a_mat, gr, th, wmask, l2, n_pts, g, diag):  # type: ignore[no-untyped-def]
    """The Gauss–Newton system from a_mat = JᵀJ and gr = Jᵀr; returns max |g|.

    a_mat ← JᵀJ/N (+ λ on the weights' diagonal, ``wmask`` > 0), g ← Jᵀr/N (+ λθ
    there) and ``diag`` ← Marquardt's scaling, diag(a_mat) floored at 10⁻¹² of its
    largest entry.
    """
    p = g.size
    gmax, dmax = 0.0, 0.0
    for j in range(p):
        for m in range(p):
            a_mat[j, m] /= n_pts
        g[j] = gr[j] / n_pts
        if l2 > 0.0 and wmask[j] > 0:
            a_mat[j, j] += l2
            g[j] += l2 * th[j]
        gmax = max(gmax, abs(g[j]))
        dmax = max(dmax, a_mat[j, j])
    for j in range(p):
        diag[j] = max(a_mat[j, j], 1e-12 * dmax + 1e-300)
    return gmax


@njit(inline="always", cache=True)
def lm_judge(th, trial, d, g, diag, f, f_new, mu, nu):  # type: ignore[no-untyped-def]
    """Accept the trial θ + d (loss ``f_new``) or raise the damping: Nielsen's update.

    The gain ratio ρ compares the fall of the loss with the fall the damped model
    predicts; ρ > 0 (and a finite loss) copies ``trial`` into θ. Returns (accepted,
    loss, μ, ν).
    """
    predicted = 0.0
    for j in range(d.size):  # a sum in a store-free loop
        predicted += d[j] * (mu * diag[j] * d[j] - g[j])
    rho = (f - f_new) / predicted if predicted > 0.0 else -1.0
    if rho > 0.0 and finite(f_new):
        for j in range(th.size):
            th[j] = trial[j]
        return True, f_new, mu * max(1.0 / 3.0, 1.0 - (2.0 * rho - 1.0) ** 3), 2.0
    return False, f, mu * nu, nu * 2.0


@njit(inline="always", cache=True)
def lm_stalled(state, k, f, tol):  # type: ignore[no-untyped-def]
    """Whether the loss ``f`` after iteration ``k`` fell by less than ``tol`` over the last
    ``window`` iterations (their losses in ``state[5:]``, see ``levenberg_marquardt``)."""
    window = state.size - 5
    return k + 1 >= window and state[5 + (k + 1) % window] - f <= tol
