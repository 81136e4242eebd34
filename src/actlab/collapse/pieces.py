"""Piecewise-linear networks cut into their exact linear pieces on the whole real line.

Every neuron's pre-activation is a piecewise-linear (PL) function of x. The
pieces of a layer share one partition of the line (breakpoints t_1 < … < t_{K−1})
and on piece k each neuron is affine, z = s·x + c. A PL activation is itself
affine between its kinks (relu: 0 | z; hard_sigmoid: 0 | z/6 + 1/2 | 1 …), so
applying it only splits a piece where some neuron's z crosses a kink, at
x = (kink − c)/s. Adjacent pieces on which every neuron agrees are merged again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..activations import LEAKY_SLOPE
from ..errors import UnsupportedError
from ..network import Network
from ..network.formula import MINUS
from ._checks import require_activations, require_single
from .linear import line_formula

__all__ = ["MAX_PIECES", "PIECEWISE_LINEAR_FORMS", "PLForm", "Pieces", "linear_pieces"]

MAX_PIECES = 200_000
MAX_CELLS = 10_000_000  # pieces × neurons held at once
BREAK_TOL = 1e-12  # relative: crossings closer than this are one breakpoint
MERGE_TOL = 1e-9  # relative: pieces whose slope and intercept agree to this are one piece


@dataclass(frozen=True)
class PLForm:
    """A PL activation: kinks κ_1 < … and φ(z) = slopes[r]·z + intercepts[r] on region r."""

    kinks: tuple[float, ...]
    slopes: tuple[float, ...]
    intercepts: tuple[float, ...]


PIECEWISE_LINEAR_FORMS: dict[str, PLForm] = {
    "identity": PLForm((), (1.0,), (0.0,)),
    "relu": PLForm((0.0,), (0.0, 1.0), (0.0, 0.0)),
    "leaky_relu": PLForm((0.0,), (LEAKY_SLOPE, 1.0), (0.0, 0.0)),
    "hard_sigmoid": PLForm((-3.0, 3.0), (0.0, 1.0 / 6.0, 0.0), (0.0, 0.5, 1.0)),
    "hard_tanh": PLForm((-1.0, 1.0), (0.0, 1.0, 0.0), (-1.0, 0.0, 1.0)),
}


@dataclass(frozen=True)
class Pieces:
    """y = slopes[k]·x + intercepts[k] on piece k, between consecutive breakpoints."""

    breakpoints: np.ndarray  # (K − 1,), increasing
    slopes: np.ndarray  # (K,)
    intercepts: np.ndarray  # (K,)

    kind = "pieces"

    @property
    def count(self) -> int:
        """Number of linear pieces."""
        return int(self.slopes.size)

    @property
    def starts(self) -> np.ndarray:
        """Left end of each piece (−inf first)."""
        return np.concatenate([[-np.inf], self.breakpoints])

    @property
    def stops(self) -> np.ndarray:
        """Right end of each piece (+inf last)."""
        return np.concatenate([self.breakpoints, [np.inf]])

    def __call__(self, x: np.ndarray | float) -> np.ndarray:
        """The piecewise-linear function at ``x`` (either side's formula at a breakpoint)."""
        x = np.asarray(x, dtype=np.float64)
        k = np.searchsorted(self.breakpoints, x)
        return self.slopes[k] * x + self.intercepts[k]

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "pieces", "breakpoints", "pieces": [{start, stop, slope, intercept}]}``.

        JSON has no infinity: the first piece's start and the last one's stop are null.
        """

        def end(v: float) -> float | None:
            return float(v) if np.isfinite(v) else None

        pieces = [
            {"start": end(a), "stop": end(b), "slope": float(s), "intercept": float(c)}
            for a, b, s, c in zip(
                self.starts, self.stops, self.slopes, self.intercepts, strict=True
            )
        ]
        return {
            "kind": self.kind,
            "count": self.count,
            "breakpoints": [float(t) for t in self.breakpoints],
            "pieces": pieces,
        }

    def text(self) -> str:
        """Human-readable form: one line per piece."""
        n = self.count
        head = (
            f"{n} linear piece{'s' if n != 1 else ''} ({n - 1} breakpoint{'s' if n != 2 else ''})"
        )
        lines = [head + ":"]
        for a, b, s, c in zip(self.starts, self.stops, self.slopes, self.intercepts, strict=True):
            lo = "−inf" if np.isinf(a) else f"{a:.6g}".replace("-", MINUS)
            hi = "inf" if np.isinf(b) else f"{b:.6g}".replace("-", MINUS)
            lines.append(f"  [{lo}, {hi}]: {line_formula(s, c)}")
        return "\n".join(lines)


def _split(breaks: np.ndarray, s: np.ndarray, c: np.ndarray, form: PLForm) -> np.ndarray:
    """The partition refined by every point where a neuron's z = s·x + c meets a kink."""
    if not form.kinks:
        return breaks
    lo = np.concatenate([[-np.inf], breaks])[:, None]
    hi = np.concatenate([breaks, [np.inf]])[:, None]
    found = [breaks]
    moving = s != 0
    safe = np.where(moving, s, 1.0)
    for kink in form.kinks:
        with np.errstate(over="ignore"):  # crossings beyond the float range are at ±inf: none
            x = (kink - c) / safe
        found.append(x[moving & (x > lo) & (x < hi)])
    cuts = np.sort(np.concatenate(found))
    if cuts.size < 2:
        return cuts
    # crossings that agree to rounding are one breakpoint (two neurons with one kink)
    far = np.diff(cuts) > BREAK_TOL * np.maximum(1.0, np.abs(cuts[1:]))
    return cuts[np.concatenate([[True], far])]


def _inside(breaks: np.ndarray) -> np.ndarray:
    """One point strictly inside each piece of the partition."""
    if breaks.size == 0:
        return np.zeros(1)
    # halves first: the sum of two large breakpoints could overflow
    mids = breaks[:-1] / 2 + breaks[1:] / 2
    return np.concatenate(
        [[breaks[0] - 1.0 - abs(breaks[0])], mids, [breaks[-1] + 1.0 + abs(breaks[-1])]]
    )


def _activate(
    breaks: np.ndarray, s: np.ndarray, c: np.ndarray, form: PLForm
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Apply the activation to every neuron: new partition, slopes and intercepts."""
    if s.size > MAX_CELLS:  # pieces × neurons: the arrays below would not fit in memory
        raise UnsupportedError(
            f"this network has {s.shape[0]} linear pieces in a layer of {s.shape[1]} neurons; "
            f"actlab lists at most {MAX_CELLS} piece-neuron pairs"
        )
    new = _split(breaks, s, c, form)
    if new.size + 1 > MAX_PIECES:
        raise UnsupportedError(
            f"this network has more than {MAX_PIECES} linear pieces; too many to list"
        )
    mid = _inside(new)
    parent = np.searchsorted(breaks, mid)
    s, c = s[parent], c[parent]
    # the region of the activation each neuron is in, read at a point inside the piece
    region = np.searchsorted(np.asarray(form.kinks), s * mid[:, None] + c)
    alpha = np.asarray(form.slopes)[region]
    beta = np.asarray(form.intercepts)[region]
    return new, alpha * s, alpha * c + beta


def _merge(
    breaks: np.ndarray, s: np.ndarray, c: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop breakpoints where every neuron has the same slope and intercept on both sides."""
    if breaks.size == 0:
        return breaks, s, c
    s_scale = np.max(np.abs(s), axis=0) + 1e-300
    c_scale = np.max(np.abs(c), axis=0) + s_scale * max(1.0, float(np.max(np.abs(breaks))))
    same = np.all(
        (np.abs(np.diff(s, axis=0)) <= MERGE_TOL * s_scale)
        & (np.abs(np.diff(c, axis=0)) <= MERGE_TOL * c_scale),
        axis=1,
    )
    keep = np.concatenate([[True], ~same])  # a piece is kept unless it continues the previous
    return breaks[~same], s[keep], c[keep]


def linear_pieces(net: Network) -> Pieces:
    """The exact linear pieces of a single network with piecewise-linear activations."""
    require_single(net, "linear_pieces")
    require_activations(
        net, "linear_pieces", PIECEWISE_LINEAR_FORMS, "piecewise-linear activations"
    )
    breaks = np.zeros(0)
    s, c = np.ones((1, 1)), np.zeros((1, 1))  # the input x: one piece, slope 1, intercept 0
    for w, b, name in zip(net.weights[:-1], net.biases[:-1], net.activations, strict=True):
        s, c = s @ w.T, c @ w.T + b
        breaks, s, c = _merge(*_activate(breaks, s, c, PIECEWISE_LINEAR_FORMS[name]))
    s, c = s @ net.weights[-1].T, c @ net.weights[-1].T + net.biases[-1]
    breaks, s, c = _merge(breaks, s, c)
    return Pieces(breaks, s[:, 0], c[:, 0])
