"""Small statistics shared by the experiments and the figures."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def loglog_slope(widths: Sequence[float], errors: Sequence[float]) -> float:
    """Least-squares slope of log(error) against log(width), over positive finite errors.

    NaN when fewer than two distinct widths remain.
    """
    w = np.asarray(widths, dtype=np.float64)
    e = np.asarray(errors, dtype=np.float64)
    keep = (w > 0) & (e > 0) & np.isfinite(e)
    if np.unique(w[keep]).size < 2:
        return float("nan")
    return float(np.polyfit(np.log(w[keep]), np.log(e[keep]), 1)[0])
