"""Networks built by hand: a constant plus a sum of sigmoids (or ReLUs, ramps, steps).

* from points: :func:`relu_network`, :func:`hard_sigmoid_network` (exact polylines),
  :func:`sigmoid_network`, :func:`staircase_network`, :func:`step_network`;
* exact swaps: :func:`sigmoid_to_tanh`, :func:`tanh_to_sigmoid`, :func:`convert`;
* knots: :func:`farthest_reach`, :func:`knots_for_tolerance`, :func:`knots_for_budget`;
* whole constructions scored on a target (:class:`Construction`): :func:`from_points`,
  :func:`with_neurons`, :func:`to_tolerance`, or :func:`construct` for any of them,
  cooked by a :class:`Recipe` (activation, steepness, heights, staircase, extend);
* the lesson's two-sigmoid case: :func:`lesson_case`, :func:`two_sigmoids`;
* two inputs: :func:`towers` (Nielsen's sigmoid towers to a tolerance; relu towers, exact
  on the grid).

Every construction returns a plain :class:`~actlab.network.Network`, ready to be
evaluated, saved, or used as the starting point of training.
"""

from __future__ import annotations

from .adaptive import (
    DENSE_POINTS,
    dense_grid,
    farthest_reach,
    fewest_uniform,
    knots_for_budget,
    knots_for_tolerance,
    refine_greedy,
)
from .build import KNOT_PLACEMENTS, construct, from_points, with_neurons
from .convert import IDENTITIES, convert, sigmoid_to_tanh, tanh_to_sigmoid
from .polyline import check_points, polyline, refine, simplify
from .pwl import EXTENSIONS, hard_sigmoid_network, relu_network
from .recipe import CONSTRUCTIBLE, Recipe
from .result import Construction, measure
from .smooth import HEIGHTS, STAIRCASE_STEEPNESS, sigmoid_network, staircase_network, step_network
from .steepness import STEEPNESS_BOUNDS, choose_steepness
from .tolerance import CANDIDATE_STEEPNESS, to_tolerance
from .towers import TOWER_ACTIVATIONS, Towers, towers
from .two_sigmoids import LessonCase, lesson_case, two_sigmoids

__all__ = [
    "CANDIDATE_STEEPNESS",
    "CONSTRUCTIBLE",
    "DENSE_POINTS",
    "EXTENSIONS",
    "HEIGHTS",
    "IDENTITIES",
    "KNOT_PLACEMENTS",
    "STAIRCASE_STEEPNESS",
    "STEEPNESS_BOUNDS",
    "TOWER_ACTIVATIONS",
    "Construction",
    "LessonCase",
    "Recipe",
    "Towers",
    "check_points",
    "choose_steepness",
    "construct",
    "convert",
    "dense_grid",
    "farthest_reach",
    "fewest_uniform",
    "from_points",
    "hard_sigmoid_network",
    "knots_for_budget",
    "knots_for_tolerance",
    "lesson_case",
    "measure",
    "polyline",
    "refine",
    "refine_greedy",
    "relu_network",
    "sigmoid_network",
    "sigmoid_to_tanh",
    "simplify",
    "staircase_network",
    "step_network",
    "tanh_to_sigmoid",
    "to_tolerance",
    "towers",
    "two_sigmoids",
    "with_neurons",
]
