"""Build a one-hidden-layer network through marked points: relu, hard_sigmoid, sigmoid, tanh."""

from __future__ import annotations

import numpy as np
from fastapi import APIRouter

from ...construct import Recipe, from_points
from ...settings import LIMITS
from ..compute import sorted_points
from ..errors import FieldError, at
from ..responses import ConstructResponse
from ..schemas import ConstructRequest

router = APIRouter(tags=["construct"])

MAX_KNOTS = int(LIMITS["max_width"]) + 1


@router.post("/construct", response_model=ConstructResponse)
def construct(req: ConstructRequest) -> dict:
    """The network through the points: exact polyline (relu, hard_sigmoid) or Σ sigmoids."""
    xs, ys = sorted_points(req.points)
    if len(xs) > MAX_KNOTS:
        raise FieldError(
            f"construct builds about one neuron per point and the lab shows networks of at most "
            f"{LIMITS['max_width']:g} neurons: mark at most {MAX_KNOTS} points, got {len(xs)}",
            "points",
        )
    with at("points"):
        built = from_points(xs, ys, Recipe(activation=req.activation))
    net = built.network
    if net.widths and net.widths[0] > LIMITS["max_width"]:
        raise FieldError(
            f"these {len(xs)} points need {net.widths[0]} neurons; the lab shows networks of "
            f"at most {LIMITS['max_width']:g}: mark fewer points",
            "points",
        )
    largest = max(float(np.max(np.abs(w))) for w in [*net.weights, *net.biases])
    if not largest <= LIMITS["max_abs_value"]:
        raise FieldError(
            f"the network through these points needs a weight of {largest:.3g}, more than the "
            f"lab allows ({LIMITS['max_abs_value']:g}): move points with close x further apart",
            "points",
        )
    neurons = sum(net.widths)
    steep = f", steepness {built.steepness:.3g}" if built.steepness is not None else ""
    return {
        "network": net.to_dict(),
        "activation": built.activation,
        "width": neurons,
        "message": f"{neurons} {built.activation} neurons through {len(xs)} points{steep}; "
        f"MSE {built.mse:.3g} and largest error {built.max_error:.3g} against the polyline",
    }
