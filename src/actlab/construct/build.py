"""The three ways to build: from given points, for a neuron budget, to a tolerance.

A target is any vectorised callable f(x); if it carries ``domain`` and ``kinks``
attributes (as :class:`actlab.targets.Target` does) they are used unless given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .._validate import check_choice, check_int
from ..errors import ConfigError
from ..network import MAX_WIDTH
from .adaptive import dense_grid, knots_for_budget, values_at
from .polyline import check_points, polyline, simplify
from .recipe import Recipe
from .result import Construction, measure
from .tolerance import to_tolerance

__all__ = ["KNOT_PLACEMENTS", "construct", "from_points", "with_neurons"]

Array = np.ndarray
Target = Callable[[Array], Array]
KNOT_PLACEMENTS = ("adaptive", "uniform")


def _domain(target: Any, domain: Sequence[float] | None) -> tuple[float, float]:
    if domain is None:
        domain = getattr(target, "domain", None)
    if domain is None:
        raise ConfigError("the 'domain' parameter is needed: the target has no domain")
    try:
        a, b = (float(v) for v in domain)
    except (TypeError, ValueError):
        raise ConfigError(f"the 'domain' parameter must be two numbers, got {domain!r}") from None
    if not (np.isfinite(a) and np.isfinite(b) and a < b):
        raise ConfigError(f"the 'domain' parameter must be finite with a < b, got ({a!r}, {b!r})")
    return a, b


def _kinks(target: Any, kinks: Sequence[float] | None) -> tuple[float, ...]:
    return tuple(float(k) for k in (getattr(target, "kinks", ()) if kinks is None else kinks))


def _finish(net, recipe, xs, ys, k, reference, domain, **extra: Any) -> Construction:
    scores = measure(net, reference, domain, extra=xs)
    return Construction(
        net, recipe.activation, xs, ys, domain, scores["mse"], scores["max_error"],
        steepness=k, heights=recipe.heights, **extra,
    )  # fmt: skip


def from_points(
    x: Sequence[float] | Array,
    y: Sequence[float] | Array,
    recipe: Recipe | None = None,
    *,
    target: Target | None = None,
    domain: Sequence[float] | None = None,
) -> Construction:
    """The network through the given points, scored against ``target`` (default: their polyline).

    Sigmoid and tanh heights default to ``"interpolate"`` (through every point).

    The domain defaults to the target's, else to the points' span.
    """
    recipe = (recipe or Recipe()).with_default_heights("interpolate")
    xs, ys = check_points(x, y)
    reference = target if target is not None else polyline(xs, ys)
    if domain is None and getattr(target, "domain", None) is None:
        domain = (xs[0], xs[-1])
    dom = _domain(target, domain)
    net, k = recipe.build(xs, ys, reference=reference, domain=dom)
    return _finish(net, recipe, xs, ys, k, reference, dom)


def with_neurons(
    target: Target,
    neurons: int,
    recipe: Recipe | None = None,
    *,
    domain: Sequence[float] | None = None,
    kinks: Sequence[float] | None = None,
    knots: str = "adaptive",
) -> Construction:
    """At most ``neurons`` hidden neurons with knots placed to make the largest error small.

    Sigmoid and tanh heights default to ``"fit"`` here (least squares on the target).

    ``knots="adaptive"``: the smallest tolerance reachable with that budget (known kinks
    are knots when the budget allows); ``"uniform"``: evenly spaced knots.
    """
    recipe = (recipe or Recipe()).with_default_heights("fit")
    n = check_int("neurons", neurons, 1, MAX_WIDTH)
    check_choice("knots", knots, KNOT_PLACEMENTS)
    dom, kinks = _domain(target, domain), _kinks(target, kinks)
    if knots == "uniform":
        xs = np.linspace(dom[0], dom[1], max(recipe.knots_for(n), 2))
        ys = values_at(target, xs)
    else:
        x = dense_grid(dom, kinks)
        y = values_at(target, x)

        def count(k: Array) -> int:
            return recipe.neurons(simplify(k, np.interp(k, x, y))[0].size)

        xs = knots_for_budget(x, y, count, n, recipe.model, kinks)
        xs, ys = simplify(xs, np.interp(xs, x, y))
    net, k = recipe.build(xs, ys, reference=target, domain=dom)
    return _finish(net, recipe, xs, ys, k, target, dom)


def construct(
    target: Target | None = None,
    recipe: Recipe | None = None,
    *,
    points: tuple[Sequence[float], Sequence[float]] | None = None,
    neurons: int | None = None,
    tolerance: float | None = None,
    domain: Sequence[float] | None = None,
    kinks: Sequence[float] | None = None,
    knots: str = "adaptive",
    baseline: bool = True,
) -> Construction:
    """One entry point: exactly one of ``points=(x, y)``, ``neurons=N``, ``tolerance=ε``."""
    given = [v is not None for v in (points, neurons, tolerance)]
    if sum(given) != 1:
        raise ConfigError("give exactly one of points, neurons and tolerance")
    if points is not None:
        return from_points(points[0], points[1], recipe, target=target, domain=domain)
    if target is None:
        raise ConfigError("the 'target' parameter is needed with neurons or tolerance")
    if neurons is not None:
        return with_neurons(target, neurons, recipe, domain=domain, kinks=kinks, knots=knots)
    return to_tolerance(
        target,
        tolerance,
        recipe,
        domain=_domain(target, domain),
        kinks=_kinks(target, kinks),
        baseline=baseline,
    )
