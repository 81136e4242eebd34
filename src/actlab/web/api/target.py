"""Parse a target (preset, expression) and sample it; read points from CSV text."""

from __future__ import annotations

from fastapi import APIRouter

from ..compute import build_problem, clean
from ..csv_points import parse_csv_points
from ..errors import at
from ..responses import CsvResponse, TargetResponse
from ..schemas import CsvRequest, TargetRequest

router = APIRouter(tags=["target"])


@router.post("/target", response_model=TargetResponse)
def parse_target(req: TargetRequest) -> dict:
    """The target on ``grid_points`` x values, or a 422 whose detail has the caret position."""
    problem = build_problem(req.target)
    t = problem.target
    two = {"inputs": t.inputs, "box": [list(b) for b in t.bounds], "classes": t.classes}
    if t.inputs > 1:  # its maps come with the network's (/api/evaluate)
        return {"name": t.name, "formula": t.formula, "expression": t.expression,
                "domain": list(t.domain), "kinks": [], "x": [], "y": [], **two}  # fmt: skip
    x = problem.grid(req.grid_points)
    y = problem.curve(x)
    return {
        **two,
        "name": t.name,
        "formula": t.formula,
        "expression": t.expression,
        "domain": list(t.domain),
        "kinks": [k for k in t.kinks if t.domain[0] <= k <= t.domain[1]],
        "x": clean(x),
        "y": clean(y),
    }


@router.post("/points/csv", response_model=CsvResponse)
def parse_csv(req: CsvRequest) -> dict:
    """Points from CSV text: rows x,y, an optional header row, at most 1000 rows."""
    with at("csv"):
        xs, ys, skipped = parse_csv_points(req.text)
    return {"points": {"x": xs, "y": ys}, "skipped": skipped}
