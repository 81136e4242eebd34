"""Hidden layers of the data-driven starts of a one-hidden-layer network as one numba kernel.

The same construction, operation for operation, as
:func:`actlab.train.init.data_starts` (so the same numbers, bit for bit),
without its two dozen tiny numpy calls: transition centres at quantiles of
the target's total variation, steepness from each transition's share of the
input range. The random draws come from the caller, so the seeded stream is
numpy's. The output layer is left to ``init.solve_output``.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["shallow_hidden"]


@njit(cache=True)
def _sorted_data(x, y):  # type: ignore[no-untyped-def]
    """x and y in increasing order of x (stable); no copy when x is already sorted."""
    for n in range(1, x.size):
        if x[n] < x[n - 1]:
            order = np.argsort(x, kind="mergesort")
            return x[order], y[order]
    return x, y


@njit(cache=True)
def shallow_hidden(x, y, w, bend, shift, jitter, out):  # type: ignore[no-untyped-def]
    """Hidden layers (w, b) of the data starts into the rows of ``out`` (count, 3w + 1).

    ``shift`` and ``jitter`` (count − 1, w) are the seeded quantile shifts
    (uniform on ±1/2) and steepness factors (e^uniform(ln ½, ln 2)) of the
    starts after the first; the rest of ``out`` is left as it is.
    """
    count = out.shape[0]
    xs, ys = _sorted_data(x, y)
    n_pts = xs.size
    lo, hi = xs[0], xs[-1]
    span = max(hi - lo, 1e-12)
    dy = np.empty(n_pts - 1)
    tv = np.empty(n_pts)
    tv[0] = 0.0
    for n in range(n_pts - 1):
        dy[n] = ys[n + 1] - ys[n]
        tv[n + 1] = tv[n] + abs(dy[n])
    total = tv[-1]
    q = np.empty(w)
    for s in range(count):
        for i in range(w):
            q[i] = (i + 0.5) / w
            if s > 0:
                q[i] = min(max(q[i] + shift[s - 1, i] / w, 0.0), 1.0)
        if s > 0:
            q.sort()
        for i in range(w):
            jit = 1.0 if s == 0 else jitter[s - 1, i]
            if total > 0:
                level = q[i] * total
                centre = np.interp(level, tv, xs)
                idx = min(max(np.searchsorted(tv, level), 1), n_pts - 1)
                slope = np.sign(dy[idx - 1])
            else:
                centre, slope = lo + q[i] * span, 1.0
            if slope == 0:
                slope = 1.0
            wgt = slope * bend * w / span * jit
            out[s, i] = wgt
            out[s, w + i] = -wgt * centre
