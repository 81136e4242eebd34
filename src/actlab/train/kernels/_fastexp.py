"""A float32 sigmoid over a row of points that the compiler can vectorise.

numba's ``math.exp`` is a scalar libm call that blocks SIMD code. Here
e^(−z) = 2^u with u = −z·log2(e) is split as u = k + f, k = round(u),
|f| ≤ 1/2: 2^f comes from a degree-6 minimax polynomial (relative error below
2·10⁻⁷, float32's own rounding) and 2^k from writing k + 127 into a float32's
exponent bits through an int32 view. Every step is plain arithmetic, so the
loops compile to AVX lanes. u is clipped to ±126, where σ is 0 or 1 to float32
precision anyway.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._act import FASTMATH

__all__ = ["sigmoid32"]

_LOG2E = np.float32(1.4426950408889634)
_CLIP = np.float32(126.0)
_SHIFT = np.float32(126.5)  # floor(u + 1/2) computed as int(u + 126.5) − 126, u + 126.5 > 0
_C6 = np.float32(1.535336188319500e-4)
_C5 = np.float32(1.339887440266574e-3)
_C4 = np.float32(9.618437357674640e-3)
_C3 = np.float32(5.550332471162809e-2)
_C2 = np.float32(2.402264791363012e-1)
_C1 = np.float32(6.931472028550421e-1)
_ONE = np.float32(1.0)


@njit(inline="always", fastmath=FASTMATH, cache=True)
def sigmoid32(wi, bi, x, row, bits, scale):  # type: ignore[no-untyped-def]
    """row[n] ← σ(wi·x[n] + bi) in float32; ``bits`` (int32) and ``scale`` share memory."""
    n_pts = x.size
    for n in range(n_pts):
        u = -(wi * x[n] + bi) * _LOG2E
        u = min(max(u, -_CLIP), _CLIP)
        k = np.int32(u + _SHIFT) - np.int32(126)
        row[n] = u - np.float32(k)
        bits[n] = (k + np.int32(127)) << np.int32(23)
    for n in range(n_pts):
        f = row[n]
        p = _C6 * f + _C5
        p = p * f + _C4
        p = p * f + _C3
        p = p * f + _C2
        p = p * f + _C1
        p = p * f + _ONE
        row[n] = _ONE / (_ONE + p * scale[n])
