"""How a fit is judged, defined once: errors, and how much each neuron matters.

* ``mse`` — mean of (ŷ − y)²; ``max_error`` — the largest |ŷ − y|.
* A neuron's **contribution size** is how far its term c_i·φ_i moves the output
  across the data: |c_i| × (max − min of φ_i over x), i.e. the range of its
  contribution. A neuron that is constant over the data moves nothing, whatever
  its weight: its term is then just part of the output bias.
* A neuron is **negligible** when its size is below :data:`NEGLIGIBLE` (1%) of a
  scale: the target's range over the data, or, without a target, the largest size.

Experiments, the report, the command line and the lab all call these functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import settings
from .network import Network

__all__ = [
    "NEGLIGIBLE",
    "contribution_sizes",
    "max_error",
    "mse",
    "negligible",
    "neurons",
    "score",
]

#: A neuron moving the output by under this fraction of the scale is as if absent (1%;
#: declared with the lab's ``negligible`` setting, which lets a user move it).
NEGLIGIBLE: float = settings.get("negligible").default


def mse(y_pred: Any, y_true: Any) -> Any:
    """Mean squared error over the last axis: a float, or one per network of a population."""
    err = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    out = np.mean(err * err, axis=-1)
    return float(out) if np.ndim(out) == 0 else out


def max_error(y_pred: Any, y_true: Any) -> Any:
    """Largest absolute error over the last axis: a float, or one per network."""
    err = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    out = np.max(np.abs(err), axis=-1)
    return float(out) if np.ndim(out) == 0 else out


def score(y_pred: Any, y_true: Any) -> dict[str, float]:
    """``{"mse", "max_error"}`` of one prediction."""
    return {"mse": float(mse(y_pred, y_true)), "max_error": float(max_error(y_pred, y_true))}


def contribution_sizes(net: Network, x: Any) -> np.ndarray:
    """|c_i| × range of φ_i over ``x`` for each last-hidden neuron: (width,) or (P, width).

    Computed as the range of each contribution c_i·φ_i(x), which is the same number.
    A network without hidden layers has one "neuron": the input itself, times its weight.
    """
    contributions = net.trace(x).contributions  # (..., N, width)
    return np.ptp(contributions, axis=-2)


def negligible(sizes: Any, scale: float | None = None, fraction: float = NEGLIGIBLE) -> np.ndarray:
    """Which sizes are below ``fraction`` × ``scale`` (default scale: the largest size).

    Non-finite sizes are never negligible; with a zero scale nothing is.
    """
    s = np.asarray(sizes, dtype=np.float64)
    if scale is None:
        finite = s[np.isfinite(s)]
        scale = float(finite.max()) if finite.size else 0.0
    if not scale > 0:
        return np.zeros(s.shape, dtype=bool)
    return np.isfinite(s) & (s < fraction * scale)


def neurons(
    net: Network, x: Any, y: Any = None, fraction: float = NEGLIGIBLE
) -> list[dict[str, Any]]:
    """Per last-hidden neuron: ``neuron`` (from 1), ``output_weight``, ``size``, ``share``
    (its part of the summed sizes) and ``negligible`` (scale: the range of ``y`` if given,
    else the largest size). One network, not a population."""
    with np.errstate(all="ignore"):
        sizes = contribution_sizes(net, x)
    scale = None
    if y is not None and np.size(y):
        scale = float(np.ptp(np.asarray(y, dtype=np.float64)))
    faint = negligible(sizes, scale if scale else None, fraction)
    c = net.weights[-1][0]
    total = float(np.sum(sizes[np.isfinite(sizes)])) or 1.0
    return [
        {
            "neuron": i + 1,
            "output_weight": float(c[i]),
            "size": float(sizes[i]),
            "share": float(sizes[i] / total),
            "negligible": bool(faint[i]),
        }
        for i in range(sizes.size)
    ]
