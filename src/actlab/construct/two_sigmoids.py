"""The lesson's case: two sigmoids for its target, by hand, by construction, at best.

The lesson's form is y = c1·σ(w(x − m1)) + c2·σ(−w(x − m2)) + c0 (one rising, one
falling ramp of a shared steepness w). Three networks of that form, each scored
on the lesson's grid (201 points over [−2, 6]):

* ``handbuilt`` — the lesson's own weights, y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2
  (MSE ≈ 0.0138);
* ``constructed`` — from the target's kinks (0, 0), (2, 4), (4, 2): heights = rises
  (4 and −2), centres = segment midpoints (1 and 3), only the steepness chosen by
  a 1-D search for the least MSE;
* ``best`` — w, m1 and m2 optimised (Nelder–Mead from the constructed network) with
  c1, c2, c0 solved by least squares at every step (variable projection).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from .. import activations as act
from .. import lesson
from .._record import Record
from ..network import Network
from .recipe import Recipe
from .steepness import choose_steepness

__all__ = ["LessonCase", "lesson_case", "two_sigmoids"]

Array = np.ndarray
KINK_POINTS = ((0.0, 2.0, 4.0), (0.0, 4.0, 2.0))


def two_sigmoids(w: float, m1: float, m2: float, c1: float, c2: float, c0: float) -> Network:
    """The lesson's form y = c1·σ(w(x − m1)) + c2·σ(−w(x − m2)) + c0 as a network."""
    return Network.shallow([w, -w], [-w * m1, w * m2], [c1, c2], c0, "sigmoid")


@dataclass(frozen=True)
class LessonCase(Record):
    """One network of the lesson's form and its scores on the lesson's grid."""

    KEYS = ("name", "formula", "mse", "max_error", "network")  # to_dict, JSON-ready

    name: str
    network: Network
    mse: float
    max_error: float

    @property
    def formula(self) -> str:
        """The network as a formula."""
        return self.network.formula()


def _case(name: str, net: Network) -> LessonCase:
    x = lesson.GRID.values()
    s = lesson.score(net(x), lesson.target(x))
    return LessonCase(name, net, s["mse"], s["max_error"])


def _solve_heights(w: float, m1: float, m2: float, x: Array, y: Array) -> tuple[Array, float]:
    """Least-squares c1, c2, c0 for fixed w, m1, m2, and the resulting MSE."""
    a = np.column_stack([act.sigmoid(w * (x - m1)), act.sigmoid(-w * (x - m2)), np.ones_like(x)])
    c, *_ = np.linalg.lstsq(a, y, rcond=None)
    r = a @ c - y
    return c, float(np.mean(r * r))


def lesson_case() -> list[LessonCase]:
    """The hand-picked, constructed and best two-sigmoid networks for the lesson's target."""
    x = lesson.GRID.values()
    y = lesson.target(x)
    kx, ky = (np.array(v) for v in KINK_POINTS)
    k = choose_steepness(
        lambda s: Recipe("sigmoid", s, heights="rise").build(kx, ky)[0], lesson.target, x
    )
    constructed = Recipe("sigmoid", k, heights="rise").build(kx, ky)[0]

    def loss(p: Array) -> float:
        return _solve_heights(p[0], p[1], p[2], x, y)[1]

    res = minimize(
        loss,
        np.array([k / 2.0, 1.0, 3.0]),
        method="Nelder-Mead",
        options={"xatol": 1e-9, "fatol": 1e-15, "maxiter": 4000},
    )
    w, m1, m2 = (float(v) for v in res.x)
    (c1, c2, c0), _ = _solve_heights(w, m1, m2, x, y)
    return [
        _case("handbuilt", lesson.handbuilt_network()),
        _case("constructed", constructed),
        _case("best", two_sigmoids(w, m1, m2, float(c1), float(c2), float(c0))),
    ]
