"""How a fit is judged, defined once: errors, and how much each neuron matters.

* ``mse`` — mean of (ŷ − y)²; ``max_error`` — the largest |ŷ − y|.
* A neuron's **contribution size** is how far its term c_i·φ_i moves the output
  across the data: |c_i| × (max − min of φ_i over x), i.e. the range of its
  contribution. A neuron that is constant over the data moves nothing, whatever
  its weight: its term is then just part of the output bias.
* A neuron is **negligible** when its size is below :data:`NEGLIGIBLE` (1%) of a
  scale: the target's range over the data, or, without a target, the largest size.

* Classifiers: ``accuracy`` — the share of points whose predicted class is theirs;
  ``log_loss`` — the mean of −log p(true class), from probabilities, or exactly from
  a network's logits by ``classify`` (one output: p = σ(z); K outputs: softmax).

Experiments, the report, the command line and the lab all call these functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import settings
from .network import Network

__all__ = [
    "NEGLIGIBLE",
    "accuracy",
    "classify",
    "contribution_sizes",
    "log_loss",
    "logits_to_proba",
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


def accuracy(labels_pred: Any, labels_true: Any) -> Any:
    """Share of points whose predicted label is the true one (last axis): a float or one
    per network."""
    out = np.mean(np.asarray(labels_pred) == np.asarray(labels_true), axis=-1)
    return float(out) if np.ndim(out) == 0 else out


def log_loss(proba: Any, labels_true: Any) -> Any:
    """Mean of −log p(true class) over the points: ``proba`` is (..., N, K), the labels
    class indices 0 … K−1. Probabilities are clipped at machine ε, as scikit-learn does."""
    p = np.asarray(proba, dtype=np.float64)
    t = np.asarray(labels_true, dtype=np.int64)
    p_true = np.take_along_axis(p, np.broadcast_to(t[..., None], (*p.shape[:-1], 1)), -1)[..., 0]
    out = -np.mean(np.log(np.clip(p_true, np.finfo(np.float64).eps, 1.0)), axis=-1)
    return float(out) if np.ndim(out) == 0 else out


def logits_to_proba(z: Any, *, binary: bool) -> np.ndarray:
    """Class probabilities (..., N, K) from a network's output: with ``binary`` the output
    (..., N) is the logit of class 1, giving columns [1 − σ(z), σ(z)]; otherwise the K
    outputs (..., N, K) give their softmax."""
    z = np.asarray(z, dtype=np.float64)
    if binary:
        p1 = 0.5 * (1.0 + np.tanh(0.5 * z))  # σ(z), never overflowing
        return np.stack([1.0 - p1, p1], axis=-1)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def classify(net: Network, x: Any, y: Any) -> dict[str, float]:
    """``{"accuracy", "log_loss"}`` of a single classifier network on labelled points.

    The log loss comes from the logits without clipping: softplus(∓z) for one output,
    log-sum-exp minus the true logit for K outputs.
    """
    z = np.asarray(net(x), dtype=np.float64)
    t = np.asarray(y, dtype=np.int64)
    if net.outputs == 1:
        value = float(np.mean(np.logaddexp(0.0, (1.0 - 2.0 * t) * z)))
        pred = (z > 0).astype(np.int64)
    else:
        m = z.max(axis=-1)
        lse = m + np.log(np.exp(z - m[..., None]).sum(axis=-1))
        value = float(np.mean(lse - np.take_along_axis(z, t[:, None], -1)[:, 0]))
        pred = z.argmax(axis=-1)
    return {"accuracy": float(np.mean(pred == t)), "log_loss": value}


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
