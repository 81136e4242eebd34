"""Every trainable activation and its derivative as one scalar numba function.

The formulas mirror :mod:`actlab.activations` one for one (the sigmoid never
exponentiates a positive number; softplus is log1p(e^−|z|) + max(z, 0)).
"""

from __future__ import annotations

import math

from numba import njit

__all__ = ["FASTMATH", "ORDERED", "act", "finite"]

# fast-math without 'nnan'/'ninf': reductions may be reordered and vectorised, but
# isfinite() must keep working, since divergence is detected through it
FASTMATH = {"nsz", "arcp", "contract", "afn", "reassoc"}
#: FASTMATH without 'reassoc': for code whose sums must keep the order written (the sum
#: over blocks, which would otherwise be vectorised once there are enough blocks)
ORDERED = FASTMATH - {"reassoc"}
_MAX = 1.7976931348623157e308


@njit(inline="always", cache=True)
def finite(v):  # type: ignore[no-untyped-def]
    """Not inf nor NaN; written as a comparison, which fast-math flags leave alone
    (math.isfinite was folded to True under them)."""
    return abs(v) <= _MAX


_SQRT1_2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


@njit(inline="always", cache=True)
def _sigmoid(z):  # type: ignore[no-untyped-def]
    # literals built from z keep float32 kernels in float32
    one = z * 0 + 1
    if z >= 0:
        return one / (one + math.exp(-z))
    e = math.exp(z)
    return e / (one + e)


@njit(cache=True)
def act(code, z):  # type: ignore[no-untyped-def]
    """(φ(z), φ'(z)) for activation ``code`` (see ``ACT_CODES``)."""
    one = z * 0 + 1
    zero = z * 0
    if code == 1:
        s = _sigmoid(z)
        return s, s * (one - s)
    if code == 2:
        t = math.tanh(z)
        return t, one - t * t
    if code == 0:
        return z, one
    if code == 3:
        return (z, one) if z > 0 else (zero, zero)
    if code == 4:
        return (z, one) if z > 0 else (0.01 * z, zero + 0.01)
    if code == 5:
        if z <= -3.0:
            return zero, zero
        if z >= 3.0:
            return one, zero
        return z / 6.0 + 0.5, zero + 1.0 / 6.0
    if code == 6:
        if z <= -1.0:
            return -one, zero
        if z >= 1.0:
            return one, zero
        return z, one
    if code == 7:
        return math.log1p(math.exp(-abs(z))) + max(z, zero), _sigmoid(z)
    if code == 8:
        if z > 0:
            return z, one
        return math.expm1(z), math.exp(z)
    if code == 9:
        phi = 0.5 * (1.0 + math.erf(z * _SQRT1_2))
        return z * phi, phi + z * _INV_SQRT_2PI * math.exp(-0.5 * z * z)
    if code == 10:
        s = _sigmoid(z)
        return z * s, s * (one + z * (one - s))
    if code == 11:
        return math.sin(z), math.cos(z)
    return z * z, 2.0 * z
