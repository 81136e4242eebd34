"""Sigmoids over a row of points that the compiler can vectorise (float32 and float64).

numba's ``math.exp`` is a scalar libm call that blocks SIMD code. Here
e^(−z) = 2^u with u = −z·log2(e) is split as u = k + f, k = round(u),
|f| ≤ 1/2: 2^f comes from a degree-6 minimax polynomial (relative error below
2·10⁻⁷, float32's own rounding) and 2^k from writing k + 127 into a float32's
exponent bits through an int32 view. Every step is plain arithmetic, so the
loops compile to AVX lanes. u is clipped to ±126, where σ is 0 or 1 to float32
precision anyway.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ._act import FASTMATH

__all__ = ["sigmoid32", "sigmoid64"]

_LOG2E = np.float32(1.4426950408889634)
_CLIP = np.float32(126.0)
_SHIFT = np.float32(126.5)  # floor(u + 1/2) computed as int(u + 126.5) − 126, u + 126.5 > 0
_ONE = np.float32(1.0)
#: 2^f's minimax coefficients, highest degree first (degree 6 down to 0)
_EXP2 = tuple(
    np.float32(c)
    for c in (
        1.535336188319500e-4,
        1.339887440266574e-3,
        9.618437357674640e-3,
        5.550332471162809e-2,
        2.402264791363012e-1,
        6.931472028550421e-1,
        1.0,
    )
)


@njit(inline="always", fastmath=FASTMATH, cache=True)
def _horner(coefs, t):  # type: ignore[no-untyped-def]
    """The polynomial with ``coefs`` (a tuple, highest degree first) at t, by Horner's rule.

    The loop has a constant trip count, so LLVM unrolls it into the written-out chain of
    multiply-adds (the same operations in the same order) and the caller's loop over
    points still vectorises.
    """
    p = coefs[0]
    for i in range(1, len(coefs)):
        p = p * t + coefs[i]
    return p


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
        row[n] = _ONE / (_ONE + _horner(_EXP2, row[n]) * scale[n])


_LN2_HI = 6.93147180369123816490e-01  # ln 2 split in two (fdlibm): k·LN2_HI is exact
_LN2_LO = 1.90821492927058770002e-10
_INV_LN2 = 1.44269504088896338700e00
_TAYLOR = tuple(1.0 / math.factorial(k) for k in range(13, -1, -1))  # e^t, degree 13 first


@njit(inline="always", fastmath=FASTMATH, cache=True)
def sigmoid64(wi, bi, x, row, bits, scale):  # type: ignore[no-untyped-def]
    """row[n] ← σ(wi·x[n] + bi) in float64, vectorisable; ``bits`` (int64) views ``scale``.

    e^v, v = −z, is 2^k·e^t with k = round(v/ln 2) and t = v − k·ln 2 (Cody–Waite, two
    constants), |t| ≤ ln2/2, and e^t from its Taylor series to degree 13 (truncation
    below 10⁻¹⁷): within a few ulp of libm's exp. v is clipped to ±708.
    """
    n_pts = x.size
    for n in range(n_pts):
        v = -(wi * x[n] + bi)
        v = min(max(v, -708.0), 708.0)
        k = np.int64(v * _INV_LN2 + 1024.5) - 1024
        kf = np.float64(k)
        row[n] = (v - kf * _LN2_HI) - kf * _LN2_LO
        bits[n] = (k + 1023) << 52
    for n in range(n_pts):
        row[n] = 1.0 / (1.0 + _horner(_TAYLOR, row[n]) * scale[n])
