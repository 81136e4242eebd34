"""Choosing the knots: as few as possible for a tolerance, or the best for a budget.

Knots are picked among the points of a dense grid over the domain (plus the
target's known kinks, which are always knots). The *local model* says what the
construction does between two neighbouring knots a < b:

* ``"linear"``  — the chord from (a, f(a)) to (b, f(b)) (relu, hard_sigmoid, and the
  sigmoid constructions, which follow the chords);
* ``"nearest"`` — f(a) up to the midpoint, f(b) after it (step staircases).

:func:`farthest_reach` walks from the left end and makes every segment as long
as the tolerance allows (a galloping then bisecting search for the farthest
admissible right end). Each segment's error is measured on every grid point
inside it, so the polyline it returns meets the tolerance on the whole grid.
Because knots go where the curve bends, a curved target needs fewer of them
than evenly spaced knots do: :func:`fewest_uniform` finds the baseline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .._validate import check_choice
from ..errors import ConfigError, DataError

__all__ = [
    "DENSE_POINTS",
    "MODELS",
    "dense_grid",
    "farthest_reach",
    "fewest_uniform",
    "knots_for_budget",
    "knots_for_tolerance",
    "refine_greedy",
    "values_at",
]

Array = np.ndarray
MODELS = ("linear", "nearest")
DENSE_POINTS = 8193


def dense_grid(domain: tuple[float, float], kinks: Sequence[float] = (), points: int = 0) -> Array:
    """``points`` (default 8193) evenly spaced x over the domain, with the kinks inside it added."""
    a, b = domain
    x = np.linspace(a, b, points or DENSE_POINTS)
    inside = [k for k in kinks if a < k < b]
    return np.unique(np.concatenate([x, np.asarray(inside, dtype=np.float64)]))


def values_at(fn: Callable[[Array], Array], x: Array, *, name: str = "target") -> Array:
    """fn(x) as float64, checked finite (a target undefined somewhere on its domain raises)."""
    with np.errstate(all="ignore"):  # NaN and inf are reported below, with where they are
        y = np.broadcast_to(np.asarray(fn(x), dtype=np.float64), x.shape)
    bad = ~np.isfinite(y)
    if bad.any():
        raise DataError(
            f"the {name} is not finite at x = {x[bad][0]:g} inside the domain "
            f"[{x[0]:g}, {x[-1]:g}]; choose a domain where it is defined"
        )
    return np.array(y)


def _segment_error(x: Array, y: Array, i: int, j: int, model: str) -> float:
    """Largest error of the local model between knots x[i] and x[j] on the grid between."""
    xs, ys = x[i : j + 1], y[i : j + 1]
    if model == "linear":
        approx = y[i] + (y[j] - y[i]) * (xs - x[i]) / (x[j] - x[i])
    else:
        approx = np.where(xs < (x[i] + x[j]) / 2.0, y[i], y[j])
    return float(np.max(np.abs(ys - approx)))


def farthest_reach(
    x: Array, y: Array, tolerance: float, model: str = "linear", fixed: Sequence[int] = ()
) -> Array:
    """Grid indices of knots, left to right, each segment as long as ``tolerance`` allows.

    ``fixed`` holds indices that must be knots (kinks); the ends always are.
    """
    check_choice("model", model, MODELS)
    stops = sorted({0, x.size - 1, *fixed})
    knots = [0]
    for stop in stops[1:]:
        i = knots[-1]
        while i < stop:
            if _segment_error(x, y, i, stop, model) <= tolerance:
                i = stop
                knots.append(i)
                break
            good, step = i + 1, 1  # neighbouring grid points: no grid point between them
            bad = stop
            while good + step < stop:  # gallop to bracket the farthest admissible knot
                if _segment_error(x, y, i, good + step, model) > tolerance:
                    bad = good + step
                    break
                good += step
                step *= 2
            while bad - good > 1:
                mid = (good + bad) // 2
                if _segment_error(x, y, i, mid, model) <= tolerance:
                    good = mid
                else:
                    bad = mid
            i = good
            knots.append(i)
    return np.asarray(knots)


def knots_for_tolerance(
    x: Array, y: Array, tolerance: float, model: str = "linear", kinks: Sequence[float] = ()
) -> Array:
    """Knot positions (a subset of the grid x) whose local model is within ``tolerance`` of y."""
    fixed = [int(i) for i in np.searchsorted(x, kinks) if 0 < i < x.size and x[i] in kinks]
    return x[farthest_reach(x, y, tolerance, model, fixed)]


def knots_for_budget(
    x: Array,
    y: Array,
    count: Callable[[Array], int],
    budget: int,
    model: str = "linear",
    kinks: Sequence[float] = (),
) -> Array:
    """The knots of the smallest tolerance whose construction needs at most ``budget`` neurons.

    ``count(knots)`` says how many neurons a construction on those knots uses. The
    tolerance is bracketed by quartering, then bisected on a log scale; kinks are
    dropped when even an unlimited tolerance needs more neurons than the budget with them.
    """
    spread = float(np.max(y) - np.min(y))
    hi = max(spread, 1e-300) * 1.0001
    if count(knots_for_tolerance(x, y, hi, model, kinks)) > budget:
        kinks = ()
        if count(knots_for_tolerance(x, y, hi, model)) > budget:
            raise ConfigError(
                f"the 'neurons' parameter is too small for any construction: {budget}"
            )
    floor = hi * 1e-12
    lo = hi / 4.0  # step down to bracket the answer: fine tolerances are the costly ones
    while count(knots_for_tolerance(x, y, lo, model, kinks)) <= budget:
        if lo < floor:  # the budget is never exceeded: an exact construction
            return knots_for_tolerance(x, y, lo, model, kinks)
        hi, lo = lo, lo / 4.0
    while hi / lo > 1.001:  # then bisect; the knots no longer change in practice
        mid = float(np.sqrt(lo * hi))
        if count(knots_for_tolerance(x, y, mid, model, kinks)) <= budget:
            hi = mid
        else:
            lo = mid
    return knots_for_tolerance(x, y, hi, model, kinks)


def fewest_uniform(meets: Callable[[int], bool], start: int, limit: int) -> int | None:
    """Smallest n in [start, limit] with ``meets(n)``, by doubling then bisection; None if none.

    Used with n evenly spaced knots: the baseline the adaptive knots are compared to.
    """
    lo, n = start - 1, start
    while not meets(n):
        if n >= limit:
            return None
        lo, n = n, min(2 * n, limit)
    while n - lo > 1:
        mid = (lo + n) // 2
        if meets(mid):
            n = mid
        else:
            lo = mid
    return n


def refine_greedy(
    build: Callable[[Array], Any],
    x: Array,
    y: Array,
    tolerance: float,
    start: Array,
    limit: int,
) -> tuple[Array, Any] | None:
    """Insert knots at the worst error until ``build(knots)`` is within ``tolerance`` on x.

    The new knot goes to the grid point of largest error (see :func:`_split`).
    Returns (knots, network), or None once more than ``limit`` segments would be
    needed, a segment would get narrower than the grid's spacing, or the error's
    trend says the tolerance lies far beyond ``limit`` (see :func:`_out_of_reach`).
    """
    knots = np.unique(np.asarray(start, dtype=np.float64))
    narrowest = float(np.min(np.diff(x)))
    history: list[tuple[int, float]] = []
    while True:
        net = build(knots)
        err = np.abs(net(x) - y)
        j = int(np.argmax(err))
        if err[j] <= tolerance:
            return knots, net
        if knots.size - 1 >= limit:
            return None
        history.append((knots.size, float(err[j])))
        if _out_of_reach(history, tolerance, limit):
            return None
        knots = np.insert(knots, *_split(knots, float(x[j])))
        if np.min(np.diff(knots)) < narrowest:
            return None


REACH_AFTER = 48  # insertions before the trend is trusted
REACH_FACTOR = 8.0  # give up when the trend needs this many times the limit


def _out_of_reach(history: list[tuple[int, float]], tolerance: float, limit: int) -> bool:
    """Whether the error's trend meets ``tolerance`` only far beyond ``limit`` knots.

    The trend is a power law err ∝ n^(−a) fitted (least squares in log-log) to the best
    error so far over the last half of the search. Each insertion is a dense solve and a
    pass over the grid: without this check an unreachable tolerance (1e-12 with
    sigmoids) costs every insertion up to the limit, hours at 4096. The fit is cautious
    (errors usually fall faster later), so the factor is generous.
    """
    if len(history) < REACH_AFTER:
        return False
    best = np.minimum.accumulate([e for _, e in history])
    half = len(history) // 2
    n = np.log([k for k, _ in history[half:]])
    e = np.log(np.maximum(best[half:], 1e-300))
    if np.ptp(n) == 0:
        return False
    slope = -float(np.polyfit(n, e, 1)[0])
    if slope <= 0:
        return True  # no progress over half the search
    needed = history[-1][0] * (float(best[-1]) / tolerance) ** (1.0 / slope)
    return bool(needed > REACH_FACTOR * limit)


def _split(knots: Array, at: float) -> tuple[int, float]:
    """Where to insert a knot for the worst point ``at``: (index, position).

    At the point itself, unless it is a knot or lies in the outer tenths of its
    segment (a sliver would make a needlessly steep sigmoid): then at the midpoint
    of its segment (of the longer neighbouring segment for a knot).
    """
    p = int(np.searchsorted(knots, at))
    if p < knots.size and knots[p] == at:
        left = knots[p] - knots[p - 1] if p > 0 else -1.0
        right = knots[p + 1] - knots[p] if p + 1 < knots.size else -1.0
        i = p - 1 if left >= right else p
        return i + 1, float((knots[i] + knots[i + 1]) / 2.0)
    i = min(max(p - 1, 0), knots.size - 2)
    a, b = knots[i], knots[i + 1]
    if min(at - a, b - at) < 0.1 * (b - a):
        at = float((a + b) / 2.0)
    return i + 1, at
