"""Pydantic models of the JSON API: every size, count and number bounded.

Request fields that are user settings take their type and bounds from
:mod:`actlab.settings` (``setting_type``), so the OpenAPI schema, the page and the
command line share one declaration. Response numbers that can overflow are
``float | None``: JSON has no infinity, so a non-finite value is sent as null.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .. import activations as act
from .. import settings

L = settings.LIMITS
ABS = L["max_abs_value"]
MAX_WIDTH = int(L["max_width"])
MAX_DEPTH = int(L["max_depth"])
MAX_POINTS = int(L["max_points"])
MAX_GRID = int(L["max_grid_points"])


def _integral(value: Any) -> Any:
    """JSON Schema counts 3.0 as an integer; strict pydantic would not."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def setting_type(name: str) -> Any:
    """The annotated pydantic type of a setting: its bounds, choices and help."""
    s = settings.get(name)
    meta: dict[str, Any] = {"description": s.help}
    if s.kind in ("int", "float"):
        meta["gt" if s.lo_open else "ge"] = s.lo
        meta["lt" if s.hi_open else "le"] = s.hi
    if s.kind == "int":
        # constraints before the validator, or pydantic leaves them out of the JSON schema
        t: Any = Annotated[int, Field(**meta), BeforeValidator(_integral)]
    elif s.kind == "float":
        t = Annotated[float, Field(allow_inf_nan=False, **meta)]
    elif s.kind == "choice":
        t = Annotated[Literal[s.choices], Field(**meta)]  # type: ignore[valid-type]
    elif s.kind == "choices":
        item = Literal[s.choices]  # type: ignore[valid-type]
        t = Annotated[list[item], Field(min_length=1, max_length=s.max_length, **meta)]
    elif s.kind == "bool":
        t = Annotated[bool, Field(**meta)]
    else:
        t = Annotated[str, Field(min_length=1, max_length=s.max_length, **meta)]
    return t | None if s.optional else t


def default(name: str) -> Any:
    """A setting's default (lists copied)."""
    d = settings.get(name).default
    return list(d) if isinstance(d, list) else d


class Model(BaseModel):
    """Base of every request: strict types (no "3" for 3), unknown fields rejected."""

    model_config = ConfigDict(extra="forbid", strict=True)


Value = Annotated[float, Field(ge=-ABS, le=ABS, allow_inf_nan=False)]
MaybeFloat = float | None
ActivationName = Literal[tuple(act.names())]  # type: ignore[valid-type]
Row = Annotated[list[Value], Field(min_length=1, max_length=MAX_WIDTH)]


# ----------------------------------------------------------------- errors
class ErrorDetail(BaseModel):
    """What went wrong, where the user acted (``field``) and, for expressions, where in it."""

    message: str
    field: str | None = None
    position: int | None = None
    text: str | None = None
    code: str = "error.invalid"
    params: dict[str, Any] = {}


class ErrorBody(BaseModel):
    """Every 4xx response: ``{"detail": {"message", "field", "position", "text", "code",
    "params"}}``; ``code`` and ``params`` name the message in any language."""

    detail: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The request cannot be served (e.g. too large)"},
    413: {"model": ErrorBody, "description": "The request body is larger than allowed"},
    422: {"model": ErrorBody, "description": "A value is outside what is allowed"},
}


# ---------------------------------------------------------------- network
class HiddenLayer(Model):
    """One hidden layer: W (width × n_in, as torch.nn.Linear), b (width) and φ."""

    activation: ActivationName
    weights: Annotated[list[Row], Field(min_length=1, max_length=MAX_WIDTH)]
    bias: Row


class OutputLayer(Model):
    """The linear output layer: W (1 × n_in) and b (1)."""

    weights: Annotated[list[Row], Field(min_length=1, max_length=1)]
    bias: Annotated[list[Value], Field(min_length=1, max_length=1)]


class NetworkModel(Model):
    """A single network in actlab's JSON format (``Network.to_dict``), at most 4 × 64."""

    format: Literal["actlab.network"] = "actlab.network"
    version: Literal[1] = 1
    population: None = None
    hidden: Annotated[list[HiddenLayer], Field(max_length=MAX_DEPTH)]
    output: OutputLayer


class Points(Model):
    """Marked points: x and y of equal length, at most 1000."""

    x: Annotated[list[Value], Field(max_length=MAX_POINTS)]
    y: Annotated[list[Value], Field(max_length=MAX_POINTS)]


class TargetSpec(Model):
    """What is fitted: a preset or expression on a domain, and optionally marked points."""

    expression: setting_type("target") = default("target")
    x_min: setting_type("x_min") = None
    x_max: setting_type("x_max") = None
    points: Points | None = None
    fit: setting_type("fit") = default("fit")
    noise: setting_type("noise") = default("noise")
    test_fraction: setting_type("test_fraction") = default("test_fraction")


# --------------------------------------------------------------- requests
class TargetRequest(Model):
    """Parse a target and sample it on a grid."""

    target: TargetSpec = Field(default_factory=TargetSpec)
    grid_points: setting_type("grid_points") = default("grid_points")


class InitRequest(Model):
    """A randomly initialised network of the given shape and seed."""

    depth: setting_type("depth") = default("depth")
    width: setting_type("width") = default("width")
    activation: setting_type("activation") = Field(default_factory=lambda: default("activation"))
    seed: setting_type("seed") = default("seed")
    init: setting_type("init") = default("init")
    inputs: Annotated[
        int,
        Field(ge=1, le=int(L["max_inputs"]), description="inputs of the network (the target's)"),
        BeforeValidator(_integral),
    ] = 1


class CollapseRequest(Model):
    """A network to collapse, and the target whose error floor to report."""

    network: NetworkModel
    target: TargetSpec = Field(default_factory=TargetSpec)
    grid_points: setting_type("grid_points") = default("grid_points")


class OverlayRequest(Model):
    """A 2-input network and its target: which exact overlays to draw over the map."""

    network: NetworkModel
    target: TargetSpec = Field(default_factory=TargetSpec)
    regions: bool = True
    boundary: bool = True


class EvaluateRequest(CollapseRequest):
    """A network and a target, evaluated on ``grid_points`` x values over the domain."""

    train_points: setting_type("train_points") = default("train_points")
    negligible: setting_type("negligible") = default("negligible")


class ConstructRequest(Model):
    """Build a one-hidden-layer network through marked points (sorted by x here), or, with
    ``tolerance``, the fewest neurons within that largest error of the target."""

    points: Points | None = None
    activation: setting_type("construct") = default("construct")
    tolerance: setting_type("tolerance") = default("tolerance")
    target: TargetSpec = Field(default_factory=TargetSpec)


class ExportRequest(Model):
    """A network to write out as PyTorch code."""

    network: NetworkModel


class TrainRequest(EvaluateRequest):
    """Train a network on a target: a bounded number of steps, or a bounded stream."""

    optimizer: setting_type("optimizer") = default("optimizer")
    learning_rate: setting_type("learning_rate") = default("learning_rate")
    steps: setting_type("steps") = default("steps")
    momentum: setting_type("momentum") = default("momentum")
    l2: setting_type("l2") = default("l2")
    batch_size: setting_type("batch_size") = default("batch_size")
    updates_per_second: Annotated[int, Field(ge=1, le=60), BeforeValidator(_integral)] = 30
    max_seconds: Annotated[float, Field(gt=0, le=L["max_stream_seconds"], allow_inf_nan=False)] = (
        120.0
    )


class TrainStepRequest(TrainRequest):
    """Train for a bounded number of steps in one request (more: use the stream)."""

    steps: Annotated[
        int,
        Field(
            ge=1,
            le=int(L["max_step_request"]),
            description=f"Optimizer steps of this request (at most {L['max_step_request']:g}; "
            "/api/train/stream runs more).",
        ),
        BeforeValidator(_integral),
    ] = min(default("steps"), int(L["max_step_request"]))


class StateRequest(Model):
    """Settings as text (a URL's query), to validate all at once."""

    values: Annotated[dict[Annotated[str, Field(max_length=64)], Annotated[
        str, Field(max_length=int(L["max_expression_length"]) * 2)
    ]], Field(max_length=64)]  # fmt: skip


class CsvRequest(Model):
    """CSV text of x,y rows (a header row is allowed)."""

    text: Annotated[str, Field(min_length=1, max_length=int(L["max_csv_bytes"]))]
