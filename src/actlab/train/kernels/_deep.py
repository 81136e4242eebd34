"""numba kernels for networks of any depth and any number of inputs (MSE regression).

A network is described by ``sizes`` = [k, w_1, …, w_L, 1] (inputs, hidden widths,
one output), ``codes`` (the hidden layers' activation codes, see ``ACT_CODES``),
``blas`` (per weight layer: 1 to multiply by BLAS, 0 by the loops below) and
``wmask`` (1.0 where a parameter is a weight, for the L2 penalty). Parameters are
rows θ in :class:`~actlab.train._params.Layout`'s order.

Data are taken in blocks of ``block`` points (a size fixed by the shape, never by
the thread count). Within a block every hidden layer is a (width, block) array,
neuron-major, so the loops over points are contiguous and vectorise; a block's
gradient is computed into its own buffer and the blocks' buffers are added to the
total in block order. Two schedules run that same arithmetic:

* populations (``*_members``): one thread per member from start to end, blocks in
  order (``prange`` over members);
* few, wide networks (``*_blocks``): for each evaluation the blocks run on every
  thread at once (``prange`` over blocks), each into its own buffer, and the buffers
  are summed afterwards in block order.

So a member's numbers are the same in a population or alone, on any number of
threads, under either schedule (tests compare them bit for bit).

Fixed order. The kernels are compiled with ``reassoc``, so LLVM vectorises sums
over points in lanes. A loop that both sums and stores gets a run-time check that
the stores do not overlap what it reads (a pointer distance), and runs unvectorised
when it cannot tell: the same sum then comes out in another order, depending on
where the allocator happened to put the arrays (seen: 1 ulp in one process in ten).
So every sum here has a loop of its own, with no stores, whose vectorised form
runs unconditionally; the loops that store are elementwise, the same in either form.

Narrow layers (``blas`` 0): hand loops, one multiply-add per weight and point over
a row of points (``z_j += w_ji·h_i``), no call overhead. Wide layers (``blas`` 1):
``np.dot`` on the (n_out, n_in) weight matrix and the (n_in, block) activations,
BLAS on one thread (see :mod:`actlab.threads`). For those the block's unused tail
columns (last block) are kept at zero so that they add exact zeros to the sums.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numba import njit, prange

from ._act import FASTMATH, ORDERED, act, finite
from ._fastexp import sigmoid32, sigmoid64
from ._steps import (
    cholesky_solve,
    cholesky_substitute,
    first_order_step,
    lm_arrays,
    lm_gradient,
    lm_judge,
    lm_stalled,
    lm_system,
    stalled,
)

__all__ = [
    "first_order_blocks",
    "first_order_members",
    "jacobian_members",
    "lbfgs_blocks",
    "lbfgs_members",
    "lm_members",
    "loss_grad_blocks",
    "loss_grad_members",
]


@njit(cache=True)
def _offsets(sizes):  # type: ignore[no-untyped-def]
    """Weight and bias offsets in θ, and each layer's first row in the activations."""
    nl = sizes.size - 1
    woff = np.empty(nl, dtype=np.int64)
    boff = np.empty(nl, dtype=np.int64)
    roff = np.empty(nl + 1, dtype=np.int64)
    k, r = 0, 0
    for ly in range(nl):
        roff[ly] = r
        r += sizes[ly]
        woff[ly] = k
        k += sizes[ly] * sizes[ly + 1]
        boff[ly] = k
        k += sizes[ly + 1]
    roff[nl] = r
    return woff, boff, roff


@njit(cache=True)
def _scratch(sizes, block, p, dtype_of):  # type: ignore[no-untyped-def]
    """What one evaluation works in: acts, slopes (rows, block), the layers' inputs and φ';
    d1, d2 (wmax, block) the deltas; out, dy (block); gb (p) one block's gradient; the
    fast exponentials' bits (int32, int64)."""
    rows = 0
    wmax = 1
    for ly in range(sizes.size - 1):
        rows += sizes[ly]
        wmax = max(wmax, sizes[ly + 1], sizes[ly])
    acts = np.zeros((rows, block), dtype=dtype_of.dtype)
    slopes = np.zeros((rows, block), dtype=dtype_of.dtype)
    d1 = np.zeros((wmax, block), dtype=dtype_of.dtype)
    d2 = np.zeros((wmax, block), dtype=dtype_of.dtype)
    out = np.zeros(block, dtype=dtype_of.dtype)
    dy = np.zeros(block, dtype=dtype_of.dtype)
    gb = np.zeros(p, dtype=dtype_of.dtype)
    bits32 = np.zeros(block, dtype=np.int32)
    bits64 = np.zeros(block, dtype=np.int64)
    return acts, slopes, d1, d2, out, dy, gb, bits32, bits64


@njit(cache=True, fastmath=FASTMATH)
def _activate(code, z, d, f32, one, bits32, bits64):  # type: ignore[no-untyped-def]
    """z ← φ(z) and d ← φ'(z) over a row; sigmoid and tanh (2σ(2z) − 1) vectorised."""
    n_pts = z.size
    if code == 1 or code == 2:
        wi = one if code == 1 else one + one
        if f32:
            sigmoid32(np.float32(wi), np.float32(0.0), z, z, bits32, bits32.view(np.float32))
        else:
            sigmoid64(np.float64(wi), 0.0, z, z, bits64, bits64.view(np.float64))
        if code == 1:
            # σ below TINY reads 0: the vectorised exponential stops at e^-708 (2^-126 in
            # float32), so a saturated neuron would give σ ≈ 1e-308, whose products are
            # subnormal numbers, 10-100× slower on x86 (seen: LM 18× slower); libm's σ
            # underflows to 0 there
            tiny = 1e-30 if f32 else 1e-290
            for n in range(n_pts):
                a = z[n]
                a = a if a > tiny else one * 0
                z[n] = a
                d[n] = a * (one - a)
        else:
            for n in range(n_pts):
                a = (z[n] + z[n]) - one
                z[n] = a
                d[n] = one - a * a
    elif code == 3:
        for n in range(n_pts):
            pos = z[n] > 0
            z[n] = z[n] if pos else one * 0
            d[n] = one if pos else one * 0
    elif code == 0:
        for n in range(n_pts):
            d[n] = one
    else:
        for n in range(n_pts):
            a, da = act(code, z[n])
            z[n] = a
            d[n] = da


@njit(cache=True, fastmath=FASTMATH)
def _forward(xt, b0, nb, th, sizes, codes, blas, woff, boff, roff, f32, one, sc):  # type: ignore[no-untyped-def]
    """The block of points b0 … b0+nb−1: every layer's output into ``sc``; y into out."""
    acts, slopes, _, _, out, _, _, bits32, bits64 = sc
    block = acts.shape[1]
    nl = sizes.size - 1
    for i in range(sizes[0]):
        row, src = acts[i], xt[i]
        for n in range(nb):
            row[n] = src[b0 + n]
    for ly in range(nl - 1):
        n_in, n_out = sizes[ly], sizes[ly + 1]
        r_in, r_out = roff[ly], roff[ly + 1]
        if blas[ly]:
            # into the layer's own rows: no (n_out, block) array allocated per block
            w = th[woff[ly] : woff[ly] + n_out * n_in].reshape((n_out, n_in))
            np.dot(w, acts[r_in : r_in + n_in], acts[r_out : r_out + n_out])
            for j in range(n_out):
                bj, row = th[boff[ly] + j], acts[r_out + j]
                for n in range(block):
                    row[n] += bj
        else:
            for j in range(n_out):
                row = acts[r_out + j]
                bj = th[boff[ly] + j]
                for n in range(nb):
                    row[n] = bj
                base = woff[ly] + j * n_in
                for i in range(n_in):
                    wji, h = th[base + i], acts[r_in + i]
                    for n in range(nb):
                        row[n] += wji * h[n]
        for j in range(n_out):
            _activate(codes[ly], acts[r_out + j, :nb], slopes[r_out + j, :nb], f32, one,
                      bits32, bits64)  # fmt: skip
    ly = nl - 1
    c0 = th[boff[ly]]
    for n in range(nb):
        out[n] = c0
    for i in range(sizes[ly]):
        ci, h = th[woff[ly] + i], acts[roff[ly] + i]
        for n in range(nb):
            out[n] += ci * h[n]
    if nb < block:  # unused tail of the last block: exact zeros in the BLAS sums
        for r in range(acts.shape[0]):
            for n in range(nb, block):
                acts[r, n] = 0
                slopes[r, n] = 0


@njit(cache=True, fastmath=FASTMATH)
def _propagate(ly, nb, th, sizes, blas, woff, roff, slopes, cur, nxt):  # type: ignore[no-untyped-def]
    """δ_{l−1} = (W_lᵀ δ_l) ⊙ φ'_{l−1} into ``nxt``."""
    n_in, n_out = sizes[ly], sizes[ly + 1]
    r_in = roff[ly]
    if blas[ly]:
        w = th[woff[ly] : woff[ly] + n_out * n_in].reshape((n_out, n_in))
        np.dot(w.T, cur[:n_out], nxt[:n_in])
        for i in range(n_in):
            row, sl = nxt[i], slopes[r_in + i]
            for n in range(row.size):
                row[n] *= sl[n]
        return
    for i in range(n_in):
        row = nxt[i]
        for n in range(nb):
            row[n] = 0
        for j in range(n_out):
            wji, dj = th[woff[ly] + j * n_in + i], cur[j]
            for n in range(nb):
                row[n] += wji * dj[n]
        sl = slopes[r_in + i]
        for n in range(nb):
            row[n] *= sl[n]


@njit(cache=True, fastmath=FASTMATH)
def _backward(nb, th, sizes, blas, woff, boff, roff, zero, sc):  # type: ignore[no-untyped-def]
    """The block's gradient Σ_n dy_n ∂y_n/∂θ into gb (dy in sc, tail zero)."""
    acts, slopes, cur, nxt, _, dy, gb, _, _ = sc
    for n in range(dy.size):
        cur[0, n] = dy[n]
    for ly in range(sizes.size - 2, -1, -1):
        n_in, n_out = sizes[ly], sizes[ly + 1]
        r_in = roff[ly]
        for j in range(n_out):
            dj = cur[j]
            s = zero
            for n in range(nb):
                s += dj[n]
            gb[boff[ly] + j] = s
        if blas[ly]:
            gw = gb[woff[ly] : woff[ly] + n_out * n_in].reshape((n_out, n_in))
            np.dot(cur[:n_out], acts[r_in : r_in + n_in].T, gw)
        else:
            for j in range(n_out):
                dj = cur[j]
                base = woff[ly] + j * n_in
                for i in range(n_in):
                    h = acts[r_in + i]
                    s = zero
                    for n in range(nb):
                        s += dj[n] * h[n]
                    gb[base + i] = s
        if ly > 0:
            _propagate(ly, nb, th, sizes, blas, woff, roff, slopes, cur, nxt)
            cur, nxt = nxt, cur


@njit(cache=True, fastmath=FASTMATH)
def _block(xt, t, c, th, sizes, codes, blas, grad, scale, f32, sc):  # type: ignore[no-untyped-def]
    """Block ``c``: its Σ r² (returned) and, if ``grad``, its gradient in sc's gb."""
    acts, _, _, _, out, dy, _, _, _ = sc
    block = acts.shape[1]
    zero = th[0] * 0
    one = np.ones(1, dtype=th.dtype)[0]
    woff, boff, roff = _offsets(sizes)
    b0 = c * block
    nb = min(block, t.size - b0)
    _forward(xt, b0, nb, th, sizes, codes, blas, woff, boff, roff, f32, one, sc)
    for n in range(nb):
        dy[n] = out[n] - t[b0 + n]
    s = zero
    for n in range(nb):  # a sum in a loop of its own (see "Fixed order" above)
        s += dy[n] * dy[n]
    for n in range(nb):
        dy[n] *= scale
    for n in range(nb, block):
        dy[n] = 0
    if grad:
        _backward(nb, th, sizes, blas, woff, boff, roff, zero, sc)
    return s


@njit(cache=True, fastmath=FASTMATH)
def _finish(th, wmask, l2, sse, n_pts, g, grad):  # type: ignore[no-untyped-def]
    """Loss = sse/N + λΣw²; the penalty's gradient added to g."""
    pen = th[0] * 0
    for j in range(th.size):
        pen += wmask[j] * th[j] * th[j]
    if grad and l2 > 0:
        for j in range(th.size):
            g[j] += (l2 + l2) * wmask[j] * th[j]
    return sse / n_pts + l2 * pen


@njit(cache=True, fastmath=ORDERED)
def _evaluate(xt, t, th, sizes, codes, blas, wmask, l2, grad, g, f32, sc):  # type: ignore[no-untyped-def]
    """Loss of one member and, if ``grad``, its gradient into g: blocks one after another."""
    block = sc[0].shape[1]
    n_blocks = (t.size + block - 1) // block
    zero = th[0] * 0
    scale = (zero + 2) / t.size
    gb = sc[6]
    if grad:
        g[:] = 0
    sse = zero
    for c in range(n_blocks):
        sse += _block(xt, t, c, th, sizes, codes, blas, grad, scale, f32, sc)
        if grad:
            for j in range(g.size):
                g[j] += gb[j]
    return _finish(th, wmask, l2, sse, t.size, g, grad)


@njit(cache=True, fastmath=ORDERED, parallel=True)
def _evaluate_blocks(xt, t, th, sizes, codes, blas, wmask, l2, grad, g, f32, scs, parts, sses):  # type: ignore[no-untyped-def]
    """:func:`_evaluate` with the blocks on every thread, each into its own row of ``parts``,
    then summed in block order: the same numbers as :func:`_evaluate`."""
    n_blocks = sses.size
    zero = th[0] * 0
    scale = (zero + 2) / t.size
    for c in prange(n_blocks):
        sc = scs[numba.get_thread_id()]
        sses[c] = _block(xt, t, c, th, sizes, codes, blas, grad, scale, f32, sc)
        if grad:
            parts[c, :] = sc[6]
    if grad:
        g[:] = 0
    sse = zero
    for c in range(n_blocks):
        sse += sses[c]
        if grad:
            for j in range(g.size):
                g[j] += parts[c, j]
    return _finish(th, wmask, l2, sse, t.size, g, grad)


@njit(cache=True)
def _eval(xt, t, th, sizes, codes, blas, wmask, l2, grad, g, f32, ev):  # type: ignore[no-untyped-def]
    """A member's loss (and gradient): ``ev`` = (par, scratches, parts, sses) from
    :func:`_evaluator` picks :func:`_evaluate` or, if par, :func:`_evaluate_blocks`."""
    par, scs, parts, sses = ev
    if par:
        return _evaluate_blocks(xt, t, th, sizes, codes, blas, wmask, l2, grad, g, f32, scs,
                                parts, sses)  # fmt: skip
    return _evaluate(xt, t, th, sizes, codes, blas, wmask, l2, grad, g, f32, scs[0])


@njit(cache=True)
def _evaluator(sizes, block, n_pts, theta, n_threads):  # type: ignore[no-untyped-def]
    """Scratch for one member's evaluations: blocks one after another (n_threads 0), or on
    ``n_threads`` threads at once."""
    par = n_threads > 0
    p = theta.shape[1]
    n_scs = n_threads if par else 1
    scs = [_scratch(sizes, block, p, theta) for _ in range(n_scs)]
    n_blocks = (n_pts + block - 1) // block
    parts = np.zeros((n_blocks if par else 0, p), dtype=theta.dtype)
    sses = np.zeros(n_blocks, dtype=theta.dtype)
    return par, scs, parts, sses


# --------------------------------------------------------------------- loss, gradient


@njit(cache=True, parallel=True)
def loss_grad_members(xt, t, theta, sizes, codes, blas, wmask, l2, block, f32, grad, f, g):  # type: ignore[no-untyped-def]
    """Loss (and gradient if ``grad``) of every member: f (P,), g (P, p)."""
    for q in prange(theta.shape[0]):
        ev = _evaluator(sizes, block, t.size, theta[q : q + 1], 0)
        f[q] = _eval(xt, t, theta[q], sizes, codes, blas, wmask, l2, grad, g[q], f32, ev)


@njit(cache=True)
def loss_grad_blocks(
    xt, t, theta, sizes, codes, blas, wmask, l2, block, f32, grad, f, g, n_threads
):  # type: ignore[no-untyped-def]
    """:func:`loss_grad_members` with the blocks of each member in parallel (same numbers)."""
    ev = _evaluator(sizes, block, t.size, theta, n_threads)
    for q in range(theta.shape[0]):
        f[q] = _eval(xt, t, theta[q], sizes, codes, blas, wmask, l2, grad, g[q], f32, ev)


@njit(cache=True, fastmath=FASTMATH)
def _jacobian(xt, t, th, sizes, codes, blas, f32, sc, jt, r):  # type: ignore[no-untyped-def]
    """jt (p, N) ← ∂y_n/∂θ and r ← y − t; returns Σ r². Loops only (LM: narrow layers)."""
    acts, slopes, cur, nxt, out, _, _, _, _ = sc
    block = acts.shape[1]
    one = np.ones(1, dtype=th.dtype)[0]
    woff, boff, roff = _offsets(sizes)
    s = th[0] * 0
    for b0 in range(0, t.size, block):
        nb = min(block, t.size - b0)
        _forward(xt, b0, nb, th, sizes, codes, blas, woff, boff, roff, f32, one, sc)
        for n in range(nb):
            r[b0 + n] = out[n] - t[b0 + n]
            cur[0, n] = one
        for n in range(nb):
            s += r[b0 + n] * r[b0 + n]
        for ly in range(sizes.size - 2, -1, -1):
            n_in, n_out = sizes[ly], sizes[ly + 1]
            r_in = roff[ly]
            for j in range(n_out):
                dj = cur[j]
                row = jt[boff[ly] + j]
                for n in range(nb):
                    row[b0 + n] = dj[n]
                base = woff[ly] + j * n_in
                for i in range(n_in):
                    h, row = acts[r_in + i], jt[base + i]
                    for n in range(nb):
                        row[b0 + n] = dj[n] * h[n]
            if ly > 0:
                _propagate(ly, nb, th, sizes, blas, woff, roff, slopes, cur, nxt)
                cur, nxt = nxt, cur
    return s


@njit(cache=True, parallel=True)
def jacobian_members(xt, t, theta, sizes, codes, blas, block, f32, jac, res):  # type: ignore[no-untyped-def]
    """∂y_n/∂θ of every member into jac (P, p, N) and the residuals y − t into res (P, N)."""
    for q in prange(theta.shape[0]):
        sc = _scratch(sizes, block, theta.shape[1], theta)
        _jacobian(xt, t, theta[q], sizes, codes, blas, f32, sc, jac[q], res[q])


# ---------------------------------------------------------------- Adam and SGD


@njit(cache=True, fastmath=FASTMATH)
def _first_order_member(xt, t, th, m, v, sizes, codes, blas, wmask, l2, steps, method, hp,
                        tol, ring, count, hist, f32, ev):  # type: ignore[no-untyped-def]  # fmt: skip
    """Up to ``steps`` SGD-with-momentum or Adam steps of one member; returns its status."""
    g = np.empty(th.size, dtype=th.dtype)
    for s in range(steps):
        value = _eval(xt, t, th, sizes, codes, blas, wmask, l2, True, g, f32, ev)
        hist[s] = value
        if not finite(value):
            return 2
        if stalled(ring, count, value, tol):
            return 1
        if first_order_step(th, g, m, v, method, hp, count[0]):
            return 2
    return 0


@njit(cache=True, parallel=True)
def first_order_members(xt, t, theta, m, v, sizes, codes, blas, wmask, l2, block, steps, method,
                        hp, tol, ring, count, status, hist, f32):  # type: ignore[no-untyped-def]  # fmt: skip
    """Up to ``steps`` SGD (method 0) or Adam (1) steps per member, members in parallel.

    The state (m, v, ring, count, status) and ``hist`` are as in
    :func:`actlab.train.kernels.first_order`; a later call continues exactly.
    """
    for q in prange(theta.shape[0]):
        hist[q, :] = np.nan
        if status[q] == 0:
            ev = _evaluator(sizes, block, t.size, theta[q : q + 1], 0)
            status[q] = _first_order_member(
                xt, t, theta[q], m[q], v[q], sizes, codes, blas, wmask, l2, steps, method, hp,
                tol, ring[q], count[q], hist[q], f32, ev,
            )  # fmt: skip


@njit(cache=True)
def first_order_blocks(xt, t, theta, m, v, sizes, codes, blas, wmask, l2, block, steps, method,
                       hp, tol, ring, count, status, hist, f32, n_threads):  # type: ignore[no-untyped-def]  # fmt: skip
    """:func:`first_order_members` with the blocks of each member in parallel (same numbers)."""
    ev = _evaluator(sizes, block, t.size, theta, n_threads)
    for q in range(theta.shape[0]):
        hist[q, :] = np.nan
        if status[q] == 0:
            status[q] = _first_order_member(
                xt, t, theta[q], m[q], v[q], sizes, codes, blas, wmask, l2, steps, method, hp,
                tol, ring[q], count[q], hist[q], f32, ev,
            )  # fmt: skip


# ------------------------------------------------------------------------ L-BFGS

MAX_HALVINGS = 30  # as actlab.train.optimizers.lbfgs


@njit(cache=True, fastmath=FASTMATH)
def _dot(a, b):  # type: ignore[no-untyped-def]
    s = a[0] * 0
    for j in range(a.size):
        s += a[j] * b[j]
    return s


@njit(cache=True, fastmath=FASTMATH)
def _lbfgs_member(xt, t, th, g, ms, my, rho, st, ring, sizes, codes, blas, wmask, l2, steps,
                  tol, hist, f32, ev):  # type: ignore[no-untyped-def]  # fmt: skip
    """Up to ``steps`` L-BFGS iterations of one member: the algorithm of
    :class:`actlab.train.optimizers.LBFGS`, member by member.

    ``st`` = [f, iterations, status]: status 1 done, 2 diverged. ``g`` holds ∇L at θ,
    ``ms``/``my`` (memory, p) the pairs, ``rho`` 1/sᵀy (0: empty or skipped slot).
    """
    p = th.size
    memory = rho.size
    window = ring.size
    zero = th[0] * 0
    one = zero + 1
    d = np.empty(p, dtype=th.dtype)
    trial = np.empty(p, dtype=th.dtype)
    new = np.empty(p, dtype=th.dtype)
    g_new = np.empty(p, dtype=th.dtype)
    alphas = np.empty(memory, dtype=th.dtype)
    if st[1] == 0:
        st[0] = _eval(xt, t, th, sizes, codes, blas, wmask, l2, True, g, f32, ev)
    f = st[0]
    for it in range(steps):
        count = int(st[1])
        f_start = f
        hist[it] = f_start
        if not finite(f_start):
            st[2] = 2
            return
        # stall ring: best loss up to the start of this iteration
        best = f_start
        if count > 0 and not f_start < ring[(count - 1) % window]:
            best = ring[(count - 1) % window]
        ring[count % window] = best
        # two-loop recursion over the stored pairs, newest first
        for j in range(p):
            d[j] = -g[j]
        kept = min(count, memory)
        for i in range(kept):
            k = (count - 1 - i) % memory
            a = rho[k] * _dot(ms[k], d)
            for j in range(p):
                d[j] -= a * my[k, j]
            alphas[i] = a
        if kept > 0:
            k = (count - 1) % memory
            yy = _dot(my[k], my[k])
            gamma = one / (rho[k] * yy + 1e-300) if rho[k] > 0 else one
            for j in range(p):
                d[j] *= gamma
        for i in range(kept - 1, -1, -1):
            k = (count - 1 - i) % memory
            b = rho[k] * _dot(my[k], d)
            for j in range(p):
                d[j] += (alphas[i] - b) * ms[k, j]
        slope = _dot(d, g)
        if not slope < 0:  # not a descent direction: steepest descent
            for j in range(p):
                d[j] = -g[j]
            slope = -_dot(g, g)
        if count == 0:  # first step: length at most 1 in the ∞-norm, as torch does
            big = zero
            for j in range(p):
                big = max(big, abs(d[j]))
            big = max(big, one)
            for j in range(p):
                d[j] = d[j] / big
            slope = _dot(d, g)
        step = one
        pending = slope < 0
        accepted = False
        for j in range(p):
            new[j] = th[j]
        for _ in range(MAX_HALVINGS):
            if not pending:
                break
            for j in range(p):
                trial[j] = th[j] + step * d[j]
            f_try = _eval(xt, t, trial, sizes, codes, blas, wmask, l2, False, g_new, f32, ev)
            if f_try <= f + 1e-4 * step * slope and f_try == f_try:
                for j in range(p):
                    new[j] = trial[j]
                accepted = True
                pending = False
            else:
                step = step * 0.5
        f_new = _eval(xt, t, new, sizes, codes, blas, wmask, l2, True, g_new, f32, ev)
        slot = count % memory
        for j in range(p):
            ms[slot, j] = new[j] - th[j]
            my[slot, j] = g_new[j] - g[j]
        sy, yy, ss = _dot(ms[slot], my[slot]), _dot(my[slot], my[slot]), _dot(ms[slot], ms[slot])
        keep = accepted and sy > 1e-10 * math.sqrt(yy * ss)
        rho[slot] = one / sy if keep else zero
        bad = False
        for j in range(p):
            th[j] = new[j]
            g[j] = g_new[j]
            bad |= not finite(new[j])
        f = f_new
        st[0] = f
        st[1] = count + 1
        if bad:
            st[2] = 2
            return
        # stalled: the best loss fell by less than tol over the last `window` iterations
        best = f_new
        if not f_new < ring[count % window]:
            best = ring[count % window]
        stalled = tol > 0 and count + 1 >= window and ring[(count + 1) % window] - best <= tol
        if not accepted or stalled:
            st[2] = 1
            return


@njit(cache=True, parallel=True)
def lbfgs_members(xt, t, theta, g, ms, my, rho, st, ring, sizes, codes, blas, wmask, l2, block,
                  steps, tol, hist, f32):  # type: ignore[no-untyped-def]  # fmt: skip
    """Up to ``steps`` L-BFGS iterations per member, members in parallel; continues exactly."""
    for q in prange(theta.shape[0]):
        hist[q, :] = np.nan
        if st[q, 2] == 0:
            ev = _evaluator(sizes, block, t.size, theta[q : q + 1], 0)
            _lbfgs_member(xt, t, theta[q], g[q], ms[q], my[q], rho[q], st[q], ring[q], sizes,
                          codes, blas, wmask, l2, steps, tol, hist[q], f32, ev)  # fmt: skip


@njit(cache=True)
def lbfgs_blocks(xt, t, theta, g, ms, my, rho, st, ring, sizes, codes, blas, wmask, l2, block,
                 steps, tol, hist, f32, n_threads):  # type: ignore[no-untyped-def]  # fmt: skip
    """:func:`lbfgs_members` with the blocks of each member in parallel (same numbers)."""
    ev = _evaluator(sizes, block, t.size, theta, n_threads)
    for q in range(theta.shape[0]):
        hist[q, :] = np.nan
        if st[q, 2] == 0:
            _lbfgs_member(xt, t, theta[q], g[q], ms[q], my[q], rho[q], st[q], ring[q], sizes,
                          codes, blas, wmask, l2, steps, tol, hist[q], f32, ev)  # fmt: skip


# --------------------------------------------------------------- Levenberg–Marquardt


@njit(cache=True, fastmath=FASTMATH)
def _gram(jt, r, a_mat, gr):  # type: ignore[no-untyped-def]
    """a_mat ← J Jᵀ… for the row-wise Jacobian jt (p, N): a_mat = jt jtᵀ, gr = jt r.

    Four rows at a time, so each pass over the points feeds several sums.
    """
    p, n_pts = jt.shape
    lm_gradient(jt, r, gr)
    for j in range(p):
        row = jt[j]
        m = 0
        while m + 3 <= j:
            o0, o1, o2, o3 = jt[m], jt[m + 1], jt[m + 2], jt[m + 3]
            s0 = s1 = s2 = s3 = 0.0
            for n in range(n_pts):
                v = row[n]
                s0 += v * o0[n]
                s1 += v * o1[n]
                s2 += v * o2[n]
                s3 += v * o3[n]
            a_mat[j, m], a_mat[j, m + 1], a_mat[j, m + 2], a_mat[j, m + 3] = s0, s1, s2, s3
            m += 4
        while m <= j:
            other = jt[m]
            s = 0.0
            for n in range(n_pts):
                s += row[n] * other[n]
            a_mat[j, m] = s
            m += 1
        for m in range(j):
            a_mat[m, j] = a_mat[j, m]


LAPACK_FROM = 64  # parameters: as backends/_spd.py (loops below, BLAS and LAPACK above)


@njit(cache=True, fastmath=FASTMATH)
def _lapack_solve(a_mat, g, mu, diag, d):  # type: ignore[no-untyped-def]
    """Solve (a + mu·diag(diag)) d = −g by LAPACK's Cholesky; False if not positive definite."""
    p = g.size
    m = a_mat.copy()
    for j in range(p):
        m[j, j] += mu * diag[j]
    try:
        chol = np.linalg.cholesky(m)
    except Exception:  # not positive definite: the caller raises the damping
        return False
    cholesky_substitute(chol, g, d)
    return True


@njit(cache=True)
def _lm_member(xt, t, th, sizes, codes, blas, wmask, l2, block, steps, tol, state, hist):  # type: ignore[no-untyped-def]
    """Up to ``steps`` Levenberg–Marquardt iterations of one member: the algorithm of
    :class:`actlab.train.optimizers.LevenbergMarquardt` (and the one-layer kernel)."""
    n_pts, p = t.size, th.size
    window = state.size - 5
    ev = _evaluator(sizes, block, n_pts, th.reshape((1, p)), 0)
    sc = ev[1][0]
    jt, r, a_mat, gr, g, diag, chol, d, trial = lm_arrays(p, n_pts)
    dummy = np.empty(p)
    mu, nu, f = state[0], state[1], state[2]
    for it in range(steps):
        k = int(state[4])
        _jacobian(xt, t, th, sizes, codes, blas, False, sc, jt, r)
        if k == 0:
            f = _eval(xt, t, th, sizes, codes, blas, wmask, l2, False, dummy, False, ev)
        hist[it] = f
        state[5 + k % window] = f
        state[4] = k + 1
        if p > LAPACK_FROM:
            a_mat[:, :] = np.dot(jt, jt.T)
            gr[:] = np.dot(jt, r)
        else:
            _gram(jt, r, a_mat, gr)
        accepted = False
        # a vanishing gradient (a stationary point) takes no step: done
        if not lm_system(a_mat, gr, th, wmask, l2, n_pts, g, diag) <= 1e-14 * (1.0 + f):
            while not accepted and mu < 1e16:
                if p > LAPACK_FROM:
                    solved = _lapack_solve(a_mat, g, mu, diag, d)
                else:
                    solved = cholesky_solve(a_mat, g, mu, diag, chol, d)
                if not solved:
                    mu, nu = mu * nu, nu * 2.0
                    continue
                for j in range(p):
                    trial[j] = th[j] + d[j]
                f_new = _eval(xt, t, trial, sizes, codes, blas, wmask, l2, False, dummy, False, ev)
                accepted, f, mu, nu = lm_judge(th, trial, d, g, diag, f, f_new, mu, nu)
        if not accepted or lm_stalled(state, k, f, tol):
            state[3] = 1.0
            break
    state[0], state[1], state[2] = mu, nu, f


@njit(cache=True, parallel=True)
def lm_members(xt, t, theta, sizes, codes, blas, wmask, l2, block, steps, tol, state, hist):  # type: ignore[no-untyped-def]
    """Levenberg–Marquardt on every member (float64), members in parallel; ``state`` and
    ``hist`` as in :func:`actlab.train.kernels.levenberg_marquardt`."""
    for q in prange(theta.shape[0]):
        hist[q, :] = np.nan
        if state[q, 3] == 0.0:
            _lm_member(xt, t, theta[q], sizes, codes, blas, wmask, l2, block, steps, tol,
                       state[q], hist[q])  # fmt: skip
