"""The report's section "More than one input": planes that cannot bend, regions that can,
and the lecture's multi-feature model on a real series."""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np

from .. import figures
from ..collapse import affine_formula, best_plane, fold_affine, linear_regions
from ..experiments import Result, run
from ..network import Network
from ..problem import Problem
from .story import Context, Section

__all__ = ["TARGET", "section_inputs"]

TARGET = "sin(x1) * cos(x2 / 2)"  # a smooth hill-and-valley surface over [−2, 6]²
POINTS = 400  # a 20 × 20 grid


# Both are deterministic functions of their arguments; kept for the other language's report
# built in the same process.
@lru_cache(maxsize=4)
def _relu_fit(seed: int) -> Network:
    from ..train import ConvergenceWarning, fit

    x, y = Problem.from_spec(TARGET, points=POINTS).train()
    net = Network.init(8, 2, "relu", inputs=2, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return fit(net, x, y, restarts=2, seed=seed).network


@lru_cache(maxsize=4)
def _lags(size: str, seed: int) -> Result:
    return run("lecture-lags", size=size, seed=seed)


def section_inputs(ctx: Context) -> Section:
    """Section 11: y = f(x1, …, xk)."""
    s = Section("inputs", ctx.t("inputs.title"))
    s.p(ctx.t("inputs.p1"))
    problem = Problem.from_spec(TARGET, points=POINTS)
    x, y = problem.train()
    bounds = problem.bounds
    linear = Network.init(3, 2, "identity", inputs=2, seed=ctx.seed)
    folded = fold_affine(linear)
    floor = best_plane(x, y)
    s.formula(folded.formula)
    plane = affine_formula(floor.a, floor.b, digits=4)
    s.p(ctx.t("inputs.p2", target=TARGET, points=len(y), mse=floor.mse, plane=plane))
    fig = figures.plane_figure(
        problem.clean, lambda q: q @ np.array(floor.a) + floor.b, bounds, lang=ctx.lang
    )
    s.figure("plane", ctx.t("fig.plane"), fig)
    relu = _relu_fit(ctx.seed)
    relu_mse = float(np.mean((relu(x) - y) ** 2))
    regions = linear_regions(relu, bounds)
    s.p(ctx.t("inputs.p3", mse=relu_mse, ratio=floor.mse / max(relu_mse, 1e-300),
              count=regions.count))  # fmt: skip
    fits = {ctx.t("inputs.plane"): lambda q: q @ np.array(floor.a) + floor.b, "relu 2-8-8-1": relu}
    fig = figures.surface_figure(problem.clean, bounds, fits, lang=ctx.lang)
    s.figure("surface", ctx.t("fig.surface"), fig)
    s.figure("regions", ctx.t("fig.regions"), figures.regions_figure(regions, lang=ctx.lang))
    s.p(ctx.t("inputs.p4"))
    if "lecture-lags" not in ctx.results:  # small in the report: seconds, not a minute
        size = "full" if ctx.size == "full" else "small"
        ctx.results["lecture-lags"] = _lags(size, ctx.seed)
    s.result(ctx.results["lecture-lags"])
    return s
