"""The collapse panel's data: what the network is, and the best any such network can do.

For identity networks: the folded line y = a·x + b, its derivation with the
numbers plugged in, and the least-squares line on the target (the error floor no
linear network can beat). Square networks: the polynomial and its floor.
Relu-type networks: the exact linear pieces (the first ``MAX_LISTED`` listed).
Other activations are curves; the panel says so instead of failing.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..collapse import (
    COVERED_ACTIVATIONS,
    PIECEWISE_LINEAR_FORMS,
    Line,
    Pieces,
    PolynomialNet,
    collapse,
    decision_boundary,
    error_floor,
    line_derivation,
    linear_regions,
)
from ..collapse.classifier import linear_boundary
from ..errors import ActlabError, UnsupportedError
from ..network import Network
from .compute import LabTarget, clean

__all__ = ["MAX_DRAWN_REGIONS", "MAX_LISTED", "collapse_view", "overlay_view"]

MAX_LISTED = 100  # pieces listed in a response (the count is always exact)
MAX_TEXT = 8000
MAX_DRAWN_REGIONS = 2000  # polygons drawn over the map (the count is always exact)


def _floor_curve(floor: Any, x: np.ndarray) -> list:
    if hasattr(floor, "a"):
        return clean(floor.a * x + floor.b)
    with np.errstate(all="ignore"):
        return clean(np.polynomial.polynomial.polyval(x, floor.coefficients))


def _jsonable(value: Any) -> Any:
    """Floats made JSON-safe (non-finite → None), recursively."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value) if np.isfinite(value) else None
    return value


def collapse_view(net: Network, problem: LabTarget, grid_points: int) -> dict[str, Any]:
    """The :class:`~actlab.web.responses.CollapseResponse` body for ``net`` on ``problem``."""
    empty = {"result": None, "derivation": None, "floor": None, "floor_curve": None}
    if problem.inputs > 1:
        message = "the lab writes out what a network of one input is; this one has two"
        coded = {"code": "collapse.two_inputs", "params": {}}
        return {"supported": False, "kind": None, "text": "", "message": message, **coded, **empty}
    try:
        res = collapse(net)
    except UnsupportedError as e:
        uses = [a for a in dict.fromkeys(net.activations) if a not in COVERED_ACTIVATIONS]
        coded = {
            "code": "collapse.unsupported",
            "params": {"uses": ", ".join(uses or net.activations)},
        }
        return {"supported": False, "kind": None, "text": "", "message": str(e), **coded, **empty}
    result = res.to_dict()
    if isinstance(res, Pieces) and len(result["pieces"]) > MAX_LISTED:
        result["pieces"] = result["pieces"][:MAX_LISTED]
        result["listed"] = MAX_LISTED
    text = res.text()
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rsplit("\n", 1)[0] + "\n…"
    derivation = line_derivation(net) if isinstance(res, Line) else None
    floor = floor_curve = None
    message = None
    coded: dict[str, Any] = {"code": None, "params": {}}
    if isinstance(res, Line | PolynomialNet):
        x, y, _ = problem.data(grid_points)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a high-degree fit may warn about its rank
                fl = error_floor(res, x, y)
        except ActlabError as e:
            message = f"no error floor: {e}"
            coded = {"code": "collapse.no_floor", "params": {}}
        else:
            if fl is not None:
                floor, floor_curve = fl.to_dict(), _floor_curve(fl, problem.grid(grid_points))
    return {
        "supported": True,
        "kind": res.kind,
        "text": text,
        "message": message,
        **coded,
        "result": _jsonable(result),
        "derivation": derivation,
        "floor": _jsonable(floor),
        "floor_curve": floor_curve,
    }


def _uses(net: Network, allowed: Any) -> str:
    return ", ".join(a for a in dict.fromkeys(net.activations) if a not in allowed)


def overlay_view(
    net: Network, problem: LabTarget, *, regions: bool, boundary: bool
) -> dict[str, Any]:
    """The :class:`~actlab.web.responses.OverlayResponse` body: the exact linear regions
    of a 2-input piecewise-linear network over the target's box (their polygons, at most
    ``MAX_DRAWN_REGIONS``) and, for a classifier, its exact decision boundary — the
    segments of a relu-type network, the one straight line of a network without
    activations. All from the library; what cannot be drawn is said with a code."""
    box = [list(b) for b in problem.target.bounds]
    out: dict[str, Any] = {
        "count": None,
        "regions": None,
        "boundary": None,
        "equation": None,
        "notes": [],
    }

    def note(code: str, message: str, **params: Any) -> None:
        out["notes"].append({"code": code, "message": message, "params": params})

    piecewise = all(a in PIECEWISE_LINEAR_FORMS for a in net.activations)
    boundary = boundary and problem.classes is not None  # a regression has none
    cut = None
    if (regions or boundary) and piecewise:
        try:
            cut = linear_regions(net, box)
        except ActlabError as e:  # e.g. a partition too large to cut
            note("overlay.failed", f"the linear regions could not be cut: {e}")
            return out
    if regions:
        if cut is None:
            uses = _uses(net, PIECEWISE_LINEAR_FORMS)
            note(
                "overlay.regions_unsupported",
                f"linear regions need relu-type activations or none; this network uses {uses}",
                uses=uses,
            )
        else:
            out["count"] = cut.count
            if cut.count > MAX_DRAWN_REGIONS:
                note(
                    "overlay.too_many",
                    f"{cut.count} linear regions: more than the {MAX_DRAWN_REGIONS} drawn, "
                    "so none are drawn",
                    count=cut.count,
                    max=MAX_DRAWN_REGIONS,
                )
            else:
                out["regions"] = [_jsonable(p.tolist()) for p in cut.polygons]
    if boundary:
        if cut is not None:  # without activations: one region, one straight line
            out["boundary"] = _jsonable(decision_boundary(cut).to_list())
            if all(a == "identity" for a in net.activations):
                out["equation"] = linear_boundary(net).equation()
        else:
            uses = _uses(net, PIECEWISE_LINEAR_FORMS)
            note(
                "overlay.boundary_unsupported",
                "the exact boundary is drawn for relu-type networks or those without "
                f"activations; this network uses {uses}",
                uses=uses,
            )
    return out
