"""Networks: a seeded random one, the lesson's, evaluated on a target, collapsed, exported."""

from __future__ import annotations

from fastapi import APIRouter

from ... import lesson
from ...network import Network
from ..collapse_view import collapse_view, overlay_view
from ..compute import build_network, build_problem, check_inputs, clean, fit_of, formulas, map_of
from ..errors import FieldError, at
from ..export import torch_snippet
from ..responses import (
    CollapseResponse,
    EvaluateResponse,
    ExportResponse,
    NetworkResponse,
    OverlayResponse,
)
from ..schemas import (
    CollapseRequest,
    EvaluateRequest,
    ExportRequest,
    InitRequest,
    OverlayRequest,
)

router = APIRouter(tags=["network"])


@router.post("/network/init", response_model=NetworkResponse)
def init_network(req: InitRequest) -> dict:
    """A network of ``depth`` hidden layers of ``width`` neurons, initialised from ``seed``."""
    acts = list(req.activation)
    acts = (acts + [acts[-1]] * req.depth)[: req.depth]  # the last one repeats
    with at("network"):
        net = Network.init(
            req.width, req.depth, acts, seed=req.seed, scheme=req.init, inputs=req.inputs
        )
    return {"network": net.to_dict()}


@router.get("/network/lesson", response_model=NetworkResponse)
def lesson_network() -> dict:
    """The lesson's hand-built network y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2."""
    return {"network": lesson.handbuilt_network().to_dict()}


@router.post("/evaluate", response_model=EvaluateResponse)
def evaluate(req: EvaluateRequest) -> dict:
    """Output, each neuron's contribution, target, scores and formula on the grid."""
    net = build_network(req.network)
    problem = build_problem(req.target)
    check_inputs(net, problem)
    x = problem.grid(req.grid_points)
    # noisy or split samples (two inputs: always samples) — score on what training draws
    n = req.train_points if problem.sampled or problem.inputs > 1 else req.grid_points
    body = fit_of(net, problem, x, negligible=req.negligible, score_n=n)
    shown, plain = formulas(net)
    if problem.inputs > 1:
        axes = problem.axes(req.grid_points)
        grid = {"x": clean(axes[0]), "x2": clean(axes[1])}
        target = [] if problem.classes is not None else map_of(problem.curve(x))
    else:
        grid, target = {"x": clean(x)}, clean(problem.curve(x))
    return {
        **body,
        **grid,
        "target": target,
        "domain": list(problem.domain),
        "formula": shown,
        "formula_plain": plain,
    }


@router.post("/collapse", response_model=CollapseResponse)
def collapse_network(req: CollapseRequest) -> dict:
    """What the network is (line, polynomial or linear pieces) and its error floor."""
    net = build_network(req.network)
    problem = build_problem(req.target)
    check_inputs(net, problem)
    return collapse_view(net, problem, req.grid_points)


@router.post("/overlay", response_model=OverlayResponse)
def overlay(req: OverlayRequest) -> dict:
    """Exact linear regions and decision boundary of a 2-input network, for the map."""
    net = build_network(req.network)
    problem = build_problem(req.target)
    check_inputs(net, problem)
    if problem.inputs != 2:
        raise FieldError(
            "overlays are drawn over the map of a two-input target; this one has one",
            "target.expression",  # what decides the target's inputs
            code="overlay.one_input",
        )
    return overlay_view(net, problem, regions=req.regions, boundary=req.boundary)


@router.post("/export/torch", response_model=ExportResponse)
def export_torch(req: ExportRequest) -> dict:
    """A standalone PyTorch snippet that rebuilds the network in float64."""
    net = build_network(req.network)
    return {"filename": "actlab_network.py", "code": torch_snippet(net)}
