"""To a tolerance: few neurons whose network is within ε of the target on a dense grid.

* relu, hard_sigmoid, step — the network *is* its local model (chords, or nearest
  values), so :func:`~actlab.construct.adaptive.farthest_reach` at 0.99·ε gives the
  knots directly; the 1 % margin keeps ε between the grid's points too (a step's
  error grows faster between them: its margin also takes off f's largest change
  from one grid point to the next).
* sigmoid, tanh — the network only follows the chords, and its error is not
  local: knots are inserted one at a time where the network's error is largest
  (:func:`~actlab.construct.adaptive.refine_greedy`), for a few fixed steepnesses
  (or the one given); the run with the fewest neurons wins and its steepness is then
  tuned by a 1-D search, kept only if the error stays within ε. Evenly spaced knots
  are one more candidate: a smooth sigmoid interpolant is often best on a regular
  grid (sin needs 3 sigmoids for ε = 0.01 on [0, 2π]), and the fewest neurons win.

The baseline is the fewest evenly spaced knots that meet ε (doubling, then bisection).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .._validate import check_real
from ..errors import ConfigError
from ..network import MAX_WIDTH, Network
from .adaptive import (
    dense_grid,
    fewest_uniform,
    knots_for_tolerance,
    refine_greedy,
    values_at,
)
from .polyline import simplify
from .recipe import Recipe
from .result import Construction, measure
from .smooth import STAIRCASE_STEEPNESS
from .steepness import error_of

__all__ = ["CANDIDATE_STEEPNESS", "MARGIN", "to_tolerance"]

Array = np.ndarray
Target = Callable[[Array], Array]
MARGIN = 0.99
CANDIDATE_STEEPNESS = (1.0, 1.5, 2.5, 4.0)


def _too_many(eps: float, why: str = "") -> ConfigError:
    return ConfigError(
        f"no construction within {MAX_WIDTH} neurons meets the tolerance {eps:g} on this "
        f"target{why}; raise the 'tolerance' parameter"
    )


def to_tolerance(
    target: Target,
    tolerance: float,
    recipe: Recipe | None = None,
    *,
    domain: tuple[float, float],
    kinks: Sequence[float] = (),
    baseline: bool = True,
) -> Construction:
    """Few neurons, largest error on the dense grid ≤ ``tolerance`` (see the module doc).

    Sigmoid and tanh heights default to ``"interpolate"`` (through every knot).
    """
    recipe = (recipe or Recipe()).with_default_heights("interpolate")
    eps = check_real("tolerance", tolerance, 0.0, lo_open=True)
    x = dense_grid(domain, kinks)
    y = values_at(target, x)
    if recipe.exact:
        xs = knots_for_tolerance(x, y, _budget(eps, recipe.model, y), recipe.model, kinks)
        xs, ys = simplify(xs, np.interp(xs, x, y))
        if recipe.neurons(xs.size) > MAX_WIDTH:
            raise _too_many(eps)
        net, k = recipe.build(xs, ys)
    else:
        net, xs, ys, k = _smooth(target, eps, recipe, domain, kinks, x, y)
    base = None
    if baseline or not recipe.exact:
        # exact recipes are cheap to build at any width; sigmoids need a solve each,
        # so their search stops at 4 times the adaptive count
        limit = MAX_WIDTH if recipe.exact else min(MAX_WIDTH, max(64, 4 * sum(net.widths)))
        base = _uniform(target, eps, recipe, domain, x, y, limit)
    if not recipe.exact and base["neurons"] is not None and base["neurons"] < sum(net.widths):
        # evenly spaced knots did better: take them (the adaptive search is greedy)
        net, xs, ys, k = base.pop("_found")
    if base is not None:
        base.pop("_found", None)
    scores = measure(net, target, domain, extra=xs)
    return Construction(
        net, recipe.activation, xs, ys, domain, scores["mse"], scores["max_error"],
        steepness=k, heights=recipe.heights, tolerance=eps,
        baseline=base if baseline else None,
    )  # fmt: skip


def _budget(eps: float, model: str, y: Array) -> float:
    """The tolerance knots are placed for, so that ε also holds between grid points.

    A chord's error grows only to second order between grid points (1 % margin); a
    constant's grows to first order, by up to the largest change of f from one grid
    point to the next.
    """
    tau = MARGIN * eps
    if model == "nearest":
        tau -= float(np.max(np.abs(np.diff(y))))
    if tau <= 0:
        raise ConfigError(
            f"the tolerance {eps:g} is finer than the target changes between the points of "
            "the dense grid; raise the 'tolerance' parameter"
        )
    return tau


def _steepnesses(recipe: Recipe) -> tuple[float, ...]:
    if recipe.steepness is not None:
        return (recipe.steepness,)
    return (STAIRCASE_STEEPNESS,) if recipe.staircase else CANDIDATE_STEEPNESS


def _builder(target: Target, recipe: Recipe, k: float) -> Callable[[Array], Network]:
    fixed = Recipe(recipe.activation, k, heights=recipe.heights, staircase=recipe.staircase)
    return lambda xs: fixed.build(xs, values_at(target, xs))[0]


def _smooth(target, eps, recipe, domain, kinks, x, y) -> tuple[Network, Array, Array, float]:
    """Greedy insertion for each candidate steepness; the fewest neurons win, then tune k."""
    if recipe.staircase:
        start = knots_for_tolerance(x, y, _budget(eps, "nearest", y), "nearest", kinks)
    else:
        start = np.unique([domain[0], (domain[0] + domain[1]) / 2, domain[1], *kinks])
    best: tuple[Array, Network, float] | None = None
    for k in _steepnesses(recipe):
        limit = MAX_WIDTH if best is None else best[0].size - 2
        found = refine_greedy(_builder(target, recipe, k), x, y, eps, start, limit)
        if found is not None:
            best = (found[0], found[1], k)
    if best is None:  # the search stops early once the error's trend needs far more neurons
        raise _too_many(
            eps,
            f" (the {recipe.activation} search stopped early: at the rate its error fell, "
            "it would need far more)",
        )
    xs, net, k = best
    ys = values_at(target, xs)
    if recipe.steepness is None and not recipe.staircase:
        tuned, k_tuned = recipe.build(
            xs, ys, reference=target, domain=domain, criterion="max_error"
        )
        if error_of(tuned, y, x, "max_error") <= error_of(net, y, x, "max_error"):
            net, k = tuned, k_tuned
    return net, xs, ys, float(k)


def _uniform(target, eps, recipe, domain, x, y, limit: int) -> dict[str, Any]:
    """Fewest neurons (up to ``limit``) on evenly spaced knots that meet ``eps``.

    ``{"neurons", "max_error", "searched_up_to"}`` (None, None when none does) and the
    build under ``"_found"``.
    """
    found: dict[int, tuple[float, Any]] = {}

    def meets(n: int, k: float | None) -> bool:
        xs = np.linspace(domain[0], domain[1], max(recipe.knots_for(n), 2))
        ys = values_at(target, xs)
        net = recipe.build(xs, ys)[0] if k is None else _builder(target, recipe, k)(xs)
        err = error_of(net, y, x, "max_error")
        if err <= eps and (n not in found or err < found[n][0]):
            found[n] = (err, (net, xs, ys, k))
        return err <= eps

    ks: tuple[float | None, ...] = (None,) if recipe.exact else _steepnesses(recipe)
    counts = [fewest_uniform(lambda n, k=k: meets(n, k), 1, limit) for k in ks]
    ok = [n for n in counts if n is not None]
    if not ok:
        return {"neurons": None, "max_error": None, "searched_up_to": limit}
    err, build = found[min(ok)]
    neurons = int(sum(build[0].widths))
    return {"neurons": neurons, "max_error": err, "searched_up_to": limit, "_found": build}
