"""Build a one-hidden-layer network: through marked points, or to a tolerance on the target.

Activations: relu, hard_sigmoid (exact polylines), sigmoid and tanh. Every message
carries a code and its parameters (see :mod:`actlab.web.codes`).
"""

from __future__ import annotations

import numpy as np
from fastapi import APIRouter

from ...construct import Construction, Recipe, from_points, to_tolerance
from ...settings import LIMITS
from ..compute import build_problem, sorted_points
from ..errors import FieldError, at
from ..responses import ConstructResponse
from ..schemas import ConstructRequest

router = APIRouter(tags=["construct"])

MAX_KNOTS = int(LIMITS["max_width"]) + 1


def _through_points(req: ConstructRequest) -> tuple[Construction, int]:
    if req.points is None:
        raise FieldError(
            "give the points to build through, or a tolerance",
            "points",
            code="construct.no_points",
        )
    xs, ys = sorted_points(req.points)
    if len(xs) > MAX_KNOTS:
        raise FieldError(
            f"construct builds about one neuron per point and the lab shows networks of at most "
            f"{LIMITS['max_width']:g} neurons: mark at most {MAX_KNOTS} points, got {len(xs)}",
            "points",
            code="construct.too_many_points",
            params={"max": MAX_KNOTS, "n": len(xs)},
        )
    with at("points"):
        return from_points(xs, ys, Recipe(activation=req.activation)), len(xs)


def _to_tolerance(req: ConstructRequest, tolerance: float) -> Construction:
    problem = build_problem(req.target)
    t = problem.target
    if t.inputs > 1:
        raise FieldError(
            "construct builds networks of one input; this target has two",
            "target",
            code="construct.two_inputs",
        )
    with at("tolerance"):
        return to_tolerance(
            t, tolerance, Recipe(activation=req.activation), domain=t.domain, kinks=t.kinks
        )


@router.post("/construct", response_model=ConstructResponse)
def construct(req: ConstructRequest) -> dict:
    """The network through the points (exact polyline for relu and hard_sigmoid, Σ sigmoids
    otherwise), or with ``tolerance`` the fewest neurons within it of the target."""
    if req.tolerance is None:
        built, count = _through_points(req)
    else:
        built, count = _to_tolerance(req, req.tolerance), 0
    net = built.network
    if net.widths and net.widths[0] > LIMITS["max_width"]:
        raise FieldError(
            f"this construction needs {net.widths[0]} neurons; the lab shows networks of "
            f"at most {LIMITS['max_width']:g}",
            "points",
            code="construct.too_wide",
            params={"n": net.widths[0], "max": int(LIMITS["max_width"])},
        )
    largest = max(float(np.max(np.abs(w))) for w in [*net.weights, *net.biases])
    if not largest <= LIMITS["max_abs_value"]:
        raise FieldError(
            f"the network through these points needs a weight of {largest:.3g}, more than the "
            f"lab allows ({LIMITS['max_abs_value']:g}): move points with close x further apart",
            "points",
            code="construct.weight_too_large",
            params={"weight": f"{largest:.3g}", "max": f"{LIMITS['max_abs_value']:g}"},
        )
    neurons = sum(net.widths)
    params = {
        "neurons": neurons,
        "activation": built.activation,
        "points": count,
        "steepness": None if built.steepness is None else f"{built.steepness:.3g}",
        "mse": f"{built.mse:.3g}",
        "max_error": f"{built.max_error:.3g}",
        "tolerance": None if req.tolerance is None else f"{req.tolerance:g}",
    }
    steep = f", steepness {built.steepness:.3g}" if built.steepness is not None else ""
    if req.tolerance is None:
        code = "construct.done"
        message = (
            f"{neurons} {built.activation} neurons through {count} points{steep}; "
            f"MSE {built.mse:.3g} and largest error {built.max_error:.3g} against the polyline"
        )
    else:
        code = "construct.tolerance"
        message = (
            f"{neurons} {built.activation} neurons within {req.tolerance:g} of the target"
            f"{steep}; MSE {built.mse:.3g} and largest error {built.max_error:.3g}"
        )
    return {
        "network": net.to_dict(),
        "activation": built.activation,
        "width": neurons,
        "message": message,
        "code": code,
        "params": params,
    }
