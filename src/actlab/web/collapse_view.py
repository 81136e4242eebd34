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
    Line,
    Pieces,
    PolynomialNet,
    collapse,
    error_floor,
    line_derivation,
)
from ..errors import ActlabError, UnsupportedError
from ..network import Network
from .compute import LabTarget, clean

__all__ = ["MAX_LISTED", "collapse_view"]

MAX_LISTED = 100  # pieces listed in a response (the count is always exact)
MAX_TEXT = 8000


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
