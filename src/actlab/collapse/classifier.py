"""What a classifier without activations is: one straight decision boundary, and its floor.

A network whose hidden layers all use the identity is an affine map of its inputs,
so its logit is z = w·x + b and its decision boundary z = 0 is one straight line
(a hyperplane for k inputs), however deep and wide: :func:`linear_boundary` folds
the layers into (w, b) exactly. With K outputs each logit is affine, and every
boundary between two classes is again a line.

The best any such classifier can do on the data is logistic regression's
optimum: :func:`linear_floor` fits it (scipy's L-BFGS on the exact log loss; a
1e-10 ridge keeps separable data finite) and reports its accuracy and log loss.

Boundaries of relu networks (segments of the input regions' maps) are built by
:func:`actlab.collapse.boundary.decision_boundary`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._record import Record
from ..errors import ConfigError
from ..network import Network

__all__ = ["LinearBoundary", "LinearFloor", "linear_boundary", "linear_floor"]

_RIDGE = 1e-10


@dataclass(frozen=True)
class LinearBoundary:
    """The logit z = w·x + b of a linear binary classifier and its boundary z = 0."""

    w: tuple[float, ...]
    b: float

    def __call__(self, x: Any) -> np.ndarray:
        """The logit at X (N, k)."""
        return np.asarray(x, dtype=np.float64) @ np.array(self.w) + self.b

    def equation(self, digits: int = 4) -> str:
        """The boundary as text, e.g. ``1.5·x1 − 0.25·x2 + 0.1 = 0``."""
        names = ["x"] if len(self.w) == 1 else [f"x{i + 1}" for i in range(len(self.w))]
        out = ""
        for c, name in [*zip(self.w, names, strict=True), (self.b, "")]:
            mag = f"{abs(c):.{digits}g}"
            if mag == "0":
                continue
            term = mag if not name else (name if mag == "1" else f"{mag}·{name}")
            sign = "−" if c < 0 else "+"
            out = f"{'−' if c < 0 else ''}{term}" if not out else f"{out} {sign} {term}"
        return f"{out or '0'} = 0"

    def line(self, x1: np.ndarray) -> np.ndarray:
        """Two inputs: x2 on the boundary at each x1 (NaN where w2 = 0: a vertical line)."""
        if len(self.w) != 2:
            raise ConfigError("a boundary line x2(x1) needs a classifier of two inputs")
        w1, w2 = self.w
        if w2 == 0:
            return np.full(np.shape(x1), np.nan)
        return -(w1 * np.asarray(x1, dtype=np.float64) + self.b) / w2

    def to_dict(self) -> dict[str, Any]:
        return {"w": list(self.w), "b": self.b, "equation": self.equation()}


def _fold(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """(A (K, k), c (K,)) with output = A x + c, for a single network of identity layers."""
    if net.population is not None:
        raise ConfigError("linear_boundary applies to a single network; index the population")
    bad = [a for a in net.activations if a != "identity"]
    if bad:
        raise ConfigError(
            f"only a network without activations has one straight boundary; this one uses "
            f"{', '.join(sorted(set(bad)))}"
        )
    a = np.eye(net.inputs)
    c = np.zeros(net.inputs)
    for w, b in zip(net.weights, net.biases, strict=True):
        a, c = w @ a, w @ c + b
    return a, c


def linear_boundary(net: Network) -> LinearBoundary | list[LinearBoundary]:
    """The exact boundary of a network without activations: z = w·x + b for one output
    (the logit of class 1); for K outputs, the K affine logits (class j wins where its
    logit is largest; the boundary of classes i and j is (w_i − w_j)·x + b_i − b_j = 0)."""
    a, c = _fold(net)
    bounds = [LinearBoundary(tuple(float(v) for v in a[k]), float(c[k])) for k in range(len(c))]
    return bounds[0] if len(bounds) == 1 else bounds


@dataclass(frozen=True)
class LinearFloor(Record):
    """Logistic regression's optimum on labelled data: the best a linear classifier does."""

    KEYS = ("accuracy", "log_loss", "boundary")  # to_dict, the boundary as its own dict

    boundary: LinearBoundary
    accuracy: float
    log_loss: float


def linear_floor(x: Any, y: Any) -> LinearFloor:
    """Binary logistic regression on (X (N, k), labels 0/1), unpenalised but for a 1e-10 ridge."""
    from scipy.optimize import minimize

    xa = np.asarray(x, dtype=np.float64)
    xa = xa[:, None] if xa.ndim == 1 else xa
    t = np.asarray(y, dtype=np.float64)
    if not np.isin(t, (0.0, 1.0)).all():
        raise ConfigError("linear_floor needs labels 0 and 1 (two classes)")
    n, k = xa.shape
    s = 1.0 - 2.0 * t
    design = np.column_stack([xa, np.ones(n)])

    def value_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = design @ theta
        value = np.logaddexp(0.0, s * z).mean() + _RIDGE * theta[:k] @ theta[:k]
        p_wrong = 0.5 * (1.0 + np.tanh(0.5 * s * z))
        grad = design.T @ (s * p_wrong) / n
        grad[:k] += 2 * _RIDGE * theta[:k]
        return float(value), grad

    res = minimize(
        value_grad, np.zeros(k + 1), jac=True, method="L-BFGS-B",
        options={"maxiter": 10_000, "gtol": 1e-12, "ftol": 1e-15},
    )  # fmt: skip
    theta = res.x
    z = design @ theta
    boundary = LinearBoundary(tuple(float(v) for v in theta[:k]), float(theta[k]))
    acc = float(np.mean((z > 0) == (t == 1)))
    return LinearFloor(boundary, acc, float(np.logaddexp(0.0, s * z).mean()))
