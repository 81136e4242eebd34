"""Classification losses: log loss on a sigmoid output, cross-entropy on a softmax.

Binary (``log_loss``): one output logit z per point, p = σ(z), labels t ∈ {0, 1}:

    L = (1/N) Σ_n −t log p − (1 − t) log(1 − p) = (1/N) Σ_n softplus(s_n z_n),  s = 1 − 2t,

written as a softplus of ±z so that it never loses digits (log σ(z) = −softplus(−z)).
∂L/∂z = (σ(z) − t)/N, and the generalised Gauss–Newton weight (the loss's curvature
in z) is σ(z)(1 − σ(z))/N.

K classes (``cross_entropy``): K output logits, p = softmax(z), labels t ∈ {0, …, K−1}:

    L = (1/N) Σ_n logsumexp(z_n) − z_{n, t_n},   ∂L/∂z = (p − onehot(t))/N,

with the log-sum-exp shifted by its largest logit; the curvature in z is
(diag p − p pᵀ)/N. Levenberg–Marquardt runs as generalised Gauss–Newton with these
curvatures (Schraudolph 2002): JᵀΛJ in place of JᵀJ, the true gradient in place of Jᵀr.

The functions take any backend's arrays (numpy or torch).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ConfigError, DataError
from ..score import logits_to_proba
from ..settings import LOSSES

__all__ = [
    "CLASSIFICATION_LOSSES",
    "LOSSES",
    "binary_parts",
    "check_labels",
    "constant_loss",
    "loss_for",
    "multi_parts",
    "onehot",
    "output_targets",
    "probabilities",
    "quality",
]

Array = Any

CLASSIFICATION_LOSSES = ("log_loss", "cross_entropy")


def _xp(a: Array) -> Any:
    """numpy, or torch for a torch tensor: the module with exp and log for ``a``."""
    if isinstance(a, np.ndarray | np.generic):
        return np
    import torch

    return torch


def loss_for(classes: int) -> str:
    """The loss a classifier of ``classes`` classes trains with: log loss for 2, else
    cross-entropy (K outputs, softmax)."""
    return "log_loss" if classes <= 2 else "cross_entropy"


def onehot(y: np.ndarray, k: int) -> np.ndarray:
    """(N, k) one-hot rows of integer class indices ``y``."""
    out = np.zeros((len(y), k))
    out[np.arange(len(y)), np.asarray(y, dtype=np.int64)] = 1.0
    return out


def check_labels(y: np.ndarray, loss: str, outputs: int) -> None:
    """Labels fit the loss and the network: 0/1 for log loss (one output), 0 … K−1 for
    cross-entropy (K outputs), and MSE on one output."""
    if loss == "mse":
        if outputs != 1:
            raise ConfigError(
                f"the network has {outputs} outputs; loss 'mse' fits one output — a network of "
                "K outputs is a K-class classifier: pass loss='cross_entropy'"
            )
        return
    if loss == "log_loss" and outputs != 1:
        raise ConfigError(
            f"loss 'log_loss' needs a network of one output (the logit of class 1), got "
            f"{outputs} outputs; use loss='cross_entropy' for {outputs} classes"
        )
    if loss == "cross_entropy" and outputs < 2:
        raise ConfigError(
            "loss 'cross_entropy' needs a network of K ≥ 2 outputs, one per class "
            "(Network.init(..., outputs=K)); for two classes log_loss needs just one"
        )
    k = 2 if loss == "log_loss" else outputs
    ok = np.isin(y, np.arange(k))
    if not ok.all():
        bad = y[~ok][0]
        raise DataError(
            f"loss {loss!r} needs class labels 0 … {k - 1} (one per output), got {bad!r}; map "
            "other labels to indices first (ActlabClassifier does)"
        )


def binary_parts(be: Any, z: Array, t: Array, n: int) -> tuple[Array, Array, Array]:
    """Log loss per network (P,), ∂L/∂z (P, N) and the curvature σ(1 − σ)/N (P, N)."""
    s = 1.0 - 2.0 * t  # +1 for class 0, −1 for class 1
    value, p_wrong = be.act("softplus", s * z)  # softplus(s·z), σ(s·z): the wrong class's p
    dz = s * p_wrong / n
    return be.sum(value, 1) / n, dz, p_wrong * (1.0 - p_wrong) / n


def multi_parts(z: Array, t1: Array, n: int) -> tuple[Array, Array, Array]:
    """Cross-entropy per network (P,), ∂L/∂z (P, N, K) and the probabilities p (P, N, K).

    ``t1`` is the (N, K) one-hot labels.
    """
    xp = _xp(z)
    m = z.max(-1, keepdims=True) if xp is np else z.amax(-1, keepdim=True)
    e = xp.exp(z - m)
    total = e.sum(-1, keepdims=True) if xp is np else e.sum(-1, keepdim=True)
    lse = m[..., 0] + xp.log(total[..., 0])
    value = (lse - (z * t1).sum(-1)).sum(-1) / n
    p = e / total
    return value, (p - t1) / n, p


def probabilities(z: np.ndarray, loss: str) -> np.ndarray:
    """Class probabilities from logits: (…, N, 2) columns [1 − σ(z), σ(z)] for log loss,
    softmax over the last axis for cross-entropy."""
    return logits_to_proba(z, binary=loss == "log_loss")


def constant_loss(y: np.ndarray, loss: str, outputs: int = 2) -> float:
    """The loss of the best constant prediction: the labels' entropy (in nats).

    It plays for a classifier the part var(y) plays for regression: the scale of the
    stopping tolerance.
    """
    k = 2 if loss == "log_loss" else outputs
    freq = np.bincount(np.asarray(y, dtype=np.int64), minlength=k) / max(len(y), 1)
    freq = freq[freq > 0]
    return float(-(freq * np.log(freq)).sum())


def output_targets(y: np.ndarray, loss: str, outputs: int) -> np.ndarray:
    """What a start's output layer is solved towards by least squares: y itself for MSE,
    logits ±2 (p ≈ 0.12 / 0.88) for log loss, one-hot rows scaled the same way for K classes."""
    if loss == "mse":
        return y
    if loss == "log_loss":
        return 4.0 * (np.asarray(y, dtype=np.float64) - 0.5)
    return 4.0 * (onehot(y, outputs) - 1.0 / outputs)


def quality(z: Any, y: Any, loss: str) -> tuple[Any, Any, Any]:
    """(mean loss, Brier score, accuracy) of logits ``z`` against labels ``y``: floats for
    one network, arrays (P,) for a population (z of shape (P, N) or (P, N, K)).

    The Brier score is the mean over points of Σ_k (p_k − onehot_k)², the squared error
    of the predicted probabilities.
    """
    z = np.asarray(z, dtype=np.float64)
    t = np.asarray(y, dtype=np.int64)
    p = probabilities(z, loss)  # (..., N, K)
    k = p.shape[-1]
    t1 = onehot(t, k)
    if loss == "log_loss":
        s = 1.0 - 2.0 * t
        value = np.logaddexp(0.0, s * z).mean(-1)
    else:
        m = z.max(-1)
        lse = m + np.log(np.exp(z - m[..., None]).sum(-1))
        value = (lse - (z * t1).sum(-1)).mean(-1)
    brier = ((p - t1) ** 2).sum(-1).mean(-1)
    acc = (p.argmax(-1) == t).mean(-1)
    if np.ndim(value) == 0:
        return float(value), float(brier), float(acc)
    return value, brier, acc
