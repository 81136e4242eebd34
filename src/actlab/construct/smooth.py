"""Constant plus a sum of sigmoids (and its step limit) through marked points.

Segment i runs from x_i to x_{i+1}, has width Δ_i and midpoint m_i. Its ramp
becomes one sigmoid  c_i·σ(k·(x − m_i)/Δ_i):  the *steepness* k is the change
of the sigmoid's pre-activation across one segment, the same for every segment
whatever its width. k = 4 matches the ramp's slope at its midpoint; the
lesson's network (w = 2.4 over segments of width 2) has k = 4.8.

Heights c_i and the constant c_0:

* ``"rise"`` — the lecture's recipe: c_i = y_{i+1} − y_i, c_0 = y_0. The network
  tends to y_0 on the far left and y_n on the far right. As k → ∞ each sigmoid
  becomes a step at m_i, so the network tends to the *staircase*
  y_0 + Σ_i (y_{i+1} − y_i)·H(x − m_i) (:func:`step_network`), not to the polyline:
  one sigmoid cannot turn into a ramp. It approaches the polyline when every
  segment is split into more, steeper sigmoids (``substeps``, see
  :func:`actlab.construct.points.refine`).
* ``"interpolate"`` — the heights and c_0 solve the (n+1)×(n+1) linear system
  "the network passes through every point"; usually far more accurate.
* ``"fit"`` — the heights and c_0 that minimise the squared error against given
  samples of a target (linear least squares; only the sigmoids' places and
  steepness come from the points).

A falling ramp is written as in the lesson, with a positive height on a flipped
sigmoid: c·σ(z) = |c|·σ(−z) − |c| for c < 0 (σ(−z) = 1 − σ(z)).
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.linalg import LinAlgWarning, lu_factor, lu_solve
from scipy.linalg.lapack import dgecon

from .. import activations as act
from .._validate import check_choice, check_int, check_real
from ..errors import ConfigError
from ..network import Network
from .polyline import check_points, refine
from .pwl import shallow_pruned

__all__ = [
    "HEIGHTS",
    "MAX_STEEPNESS",
    "STAIRCASE_STEEPNESS",
    "sigmoid_network",
    "staircase_network",
    "step_network",
]

Array = np.ndarray
HEIGHTS = ("rise", "interpolate", "fit")
MAX_STEEPNESS = 1e6
STAIRCASE_STEEPNESS = 50.0  # σ(±25) is within 1.4e-11 of a step at every marked point
_MAX_CONDITION = 1e12


def _segments(xs: Array, steepness: float) -> tuple[Array, Array]:
    """Weights and biases of σ(k·(x − m_i)/Δ_i) for every segment."""
    width = np.diff(xs)
    mid = (xs[:-1] + xs[1:]) / 2.0
    w = steepness / width
    return w, -w * mid


def _interpolating_heights(xs: Array, ys: Array, w: Array, b: Array) -> tuple[Array, float]:
    """Solve Σ_i c_i·σ(w_i x_j + b_i) + c_0 = y_j for every point j."""
    a = np.column_stack([act.sigmoid(np.outer(xs, w) + b), np.ones(xs.size)])
    with warnings.catch_warnings():  # a singular matrix is reported below, in words
        warnings.simplefilter("ignore", LinAlgWarning)
        lu, piv = lu_factor(a, check_finite=False)
    rcond, _ = dgecon(lu, np.linalg.norm(a, 1), norm="1")  # LAPACK's estimate, O(n²)
    if not rcond * _MAX_CONDITION >= 1.0:
        cond = f"{1.0 / rcond:.1e}" if rcond > 0 else "inf"
        raise ConfigError(
            f"the sigmoids are too flat to pass through the points (condition number "
            f"about {cond}); raise the 'steepness' parameter"
        )
    sol = lu_solve((lu, piv), ys, check_finite=False)
    return sol[:-1], float(sol[-1])


def _fitted_heights(samples: tuple[Array, Array], w: Array, b: Array) -> tuple[Array, float]:
    """Least-squares heights and constant against samples (x, f(x)) of a target."""
    sx, sy = (np.asarray(v, dtype=np.float64).reshape(-1) for v in samples)
    if sx.shape != sy.shape or sx.size < w.size + 1 or not np.isfinite(sy).all():
        raise ConfigError(
            f"heights='fit' needs at least {w.size + 1} finite samples (x, f(x)) of the target"
        )
    a = np.column_stack([act.sigmoid(np.outer(sx, w) + b), np.ones(sx.size)])
    sol, *_ = np.linalg.lstsq(a, sy, rcond=None)
    return sol[:-1], float(sol[-1])


def sigmoid_network(
    x: Array,
    y: Array,
    steepness: float = 4.0,
    *,
    heights: str = "interpolate",
    substeps: int = 1,
    samples: tuple[Array, Array] | None = None,
) -> Network:
    """y = c_0 + Σ_i c_i·σ(±k·(x − m_i)/Δ_i): one sigmoid per segment; see the module doc.

    ``substeps`` splits every segment of the polyline into that many equal parts first
    (``substeps`` sigmoids per segment, each ``substeps`` times steeper). ``samples``
    = (x, f(x)) of the target are needed for ``heights="fit"``.
    """
    xs, ys = check_points(x, y)
    k = check_real("steepness", steepness, 0.0, MAX_STEEPNESS, lo_open=True)
    check_choice("heights", heights, HEIGHTS)
    if check_int("substeps", substeps, 1, 1024) > 1:
        xs, ys = check_points(*refine(xs, ys, substeps))
    w, b = _segments(xs, k)
    if heights == "rise":
        c, c0 = np.diff(ys), float(ys[0])
    elif heights == "fit":
        if samples is None:
            raise ConfigError("heights='fit' needs samples=(x, f(x)) of the target")
        c, c0 = _fitted_heights(samples, w, b)
    else:
        c, c0 = _interpolating_heights(xs, ys, w, b)
    flip = c < 0
    w, b = np.where(flip, -w, w), np.where(flip, -b, b)
    c0 += float(np.sum(c[flip]))
    return shallow_pruned(w, b, np.abs(c), c0, "sigmoid")


def step_network(x: Array, y: Array) -> Network:
    """The staircase y_0 + Σ_i (y_{i+1} − y_i)·H(x − m_i): each point's value up to the midpoints.

    It passes through every point exactly (H(z) = 1 for z ≥ 0): the limit of the
    ``"rise"`` sigmoid network as the steepness grows without bound.
    """
    xs, ys = check_points(x, y)
    mid = (xs[:-1] + xs[1:]) / 2.0
    return shallow_pruned(np.ones(mid.size), -mid, np.diff(ys), float(ys[0]), "step")


def staircase_network(
    x: Array, y: Array, steepness: float = STAIRCASE_STEEPNESS, *, activation: str = "sigmoid"
) -> Network:
    """Nielsen's picture: a steep sigmoid per step (``activation="step"``: the exact limit)."""
    name = act.get(activation).name
    if name == "step":
        return step_network(x, y)
    if name != "sigmoid":
        raise ConfigError(
            f"the 'activation' parameter of a staircase must be sigmoid or step; got {name!r} "
            "instead (convert a sigmoid staircase with sigmoid_to_tanh for tanh)"
        )
    return sigmoid_network(x, y, steepness, heights="rise")
