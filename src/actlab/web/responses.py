"""Pydantic models of the API's responses (documented in its OpenAPI schema).

Numbers that can overflow (a network's output, a score) are ``float | None``:
a non-finite value is sent as null and the page says so.
"""

from typing import Any, Literal

from pydantic import BaseModel

from .schemas import NetworkModel, Points

MaybeFloat = float | None


class SettingInfo(BaseModel):
    """One user setting as declared in :mod:`actlab.settings`."""

    name: str
    kind: str
    default: Any
    help: str
    group: str
    min: float | None
    max: float | None
    min_exclusive: bool
    max_exclusive: bool = False
    choices: list[str]
    max_length: int | None
    optional: bool
    log: bool


class SettingsResponse(BaseModel):
    """Every setting and every documented limit."""

    settings: list[SettingInfo]
    limits: dict[str, float]


class Coded(BaseModel):
    """A message named by a stable code and its parameters (words in any language)."""

    code: str
    params: dict[str, Any] = {}


class StateResponse(BaseModel):
    """Validated settings and a message (and its code) for each value that was rejected."""

    values: dict[str, Any]
    errors: dict[str, str]
    codes: dict[str, Coded] = {}


class ActivationInfo(BaseModel):
    """One row of the activation table."""

    name: str
    symbol: str
    plain: str
    latex: str
    bounded: bool
    monotone: bool
    polynomial: bool
    piecewise_linear: bool
    trainable: bool
    constructible: bool


class PresetInfo(BaseModel):
    """A preset target: its expression and natural domain."""

    name: str
    formula: str
    expression: str | None
    domain: list[float]
    kinks: list[float]
    aliases: list[str] = []
    inputs: int = 1
    classes: list[str] | None = None


class TargetResponse(BaseModel):
    """A parsed target and its values on the grid."""

    name: str
    formula: str
    expression: str | None
    domain: list[float]
    kinks: list[float]
    x: list[float]
    y: list[float]
    inputs: int = 1
    box: list[list[float]] = []
    classes: list[str] | None = None


class TestScore(BaseModel):
    """The error on the held-out test points (a classifier's: accuracy and log loss)."""

    mse: MaybeFloat
    max_error: MaybeFloat
    n: int
    accuracy: MaybeFloat = None
    log_loss: MaybeFloat = None


class Score(BaseModel):
    """Mean squared error and largest absolute error on what is fitted (the curve's training
    samples or the points), and on the held-out test points when there are. A classifier
    (``kind`` classification) is scored by accuracy and log loss instead (mse null)."""

    mse: MaybeFloat
    max_error: MaybeFloat
    on: Literal["curve", "points", "data"]
    n: int
    test: TestScore | None = None
    kind: Literal["regression", "classification"] = "regression"
    accuracy: MaybeFloat = None
    log_loss: MaybeFloat = None


class Thumbnails(BaseModel):
    """Each neuron's output on a coarse grid (the network graph's small pictures): one curve
    per hidden neuron (``hidden[layer][neuron]``) and the output's, over ``x``; for two
    inputs, row-major maps over the ``x`` × ``y`` grid (row r at ``y[r]``)."""

    inputs: Literal[1, 2]
    x: list[MaybeFloat]
    y: list[MaybeFloat] | None = None
    hidden: list[list[list[MaybeFloat]]]
    output: list[MaybeFloat]


class Samples(BaseModel):
    """The training and test points, when noise or a test split makes them differ from the
    curve; for two inputs always, x as [x1, x2] pairs (a classifier's y: class 0 or 1)."""

    x: list[MaybeFloat] | list[list[MaybeFloat]]
    y: list[MaybeFloat]
    x_test: list[MaybeFloat] | list[list[MaybeFloat]]
    y_test: list[MaybeFloat]


class Neuron(BaseModel):
    """A last-hidden-layer neuron: its contribution size (|c|·range of φ over the grid),
    its share of all sizes, and whether it is negligible (see :mod:`actlab.score`)."""

    size: MaybeFloat
    share: MaybeFloat
    negligible: bool


class Fit(BaseModel):
    """A network on the grid: output, each neuron's contribution (Σ + bias = output), score.

    Two inputs (``inputs`` 2): ``output`` is a row-major map over the grid (a classifier's:
    the probability of class 1) and ``contributions`` is empty."""

    inputs: Literal[1, 2] = 1
    output: list[MaybeFloat]
    contributions: list[list[MaybeFloat]]
    output_bias: float
    neurons: list[Neuron]
    score: Score | None
    thumbnails: Thumbnails | None = None
    samples: Samples | None = None


class EvaluateResponse(Fit):
    """:class:`Fit` plus the grid, the target's values and the network's formula (two
    inputs: ``x`` and ``x2`` are the grid's axes, ``target`` a row-major map, empty for a
    classifier)."""

    x: list[float]
    x2: list[float] | None = None
    target: list[MaybeFloat]
    domain: list[float]
    formula: str
    formula_plain: str


class CollapseResponse(BaseModel):
    """What the network is (line, polynomial, pieces) and its error floor on the target."""

    supported: bool
    kind: Literal["line", "polynomial", "pieces"] | None
    text: str
    result: dict[str, Any] | None
    derivation: str | None
    floor: dict[str, Any] | None
    floor_curve: list[MaybeFloat] | None
    message: str | None
    code: str | None = None
    params: dict[str, Any] = {}


class OverlayNote(BaseModel):
    """Why an overlay is not drawn: a code for the page, its parameters, the English."""

    code: str
    message: str
    params: dict[str, Any] = {}


class OverlayResponse(BaseModel):
    """Exact overlays of a 2-input network over the target's box: its linear regions
    (``count`` exact; ``regions`` their polygons, None past the drawing cap or when not
    asked) and a classifier's decision boundary (segments [[x1, y1], [x2, y2]]; a network
    without activations: its one straight line, with its ``equation``)."""

    count: int | None
    regions: list[list[list[MaybeFloat]]] | None
    boundary: list[list[list[MaybeFloat]]] | None
    equation: str | None
    notes: list[OverlayNote]


class NetworkResponse(BaseModel):
    """A network in actlab's JSON format."""

    network: NetworkModel


class ConstructResponse(BaseModel):
    """The network built through the points, and a one-line account of it."""

    network: NetworkModel
    activation: str
    width: int
    message: str
    code: str = "construct.done"
    params: dict[str, Any] = {}


class ExportResponse(BaseModel):
    """Python code that rebuilds the network in PyTorch."""

    filename: str
    code: str


class CsvResponse(BaseModel):
    """Points read from CSV text."""

    points: Points
    skipped: int


class TrainResponse(BaseModel):
    """The network after ``step`` optimizer steps, the loss after each, its fit, the loss
    on the held-out test points (null without them) and its formula (null when too big to
    write out at every update)."""

    network: NetworkModel
    step: int
    losses: list[MaybeFloat]
    fit: Fit
    test_loss: MaybeFloat = None
    formula: str | None = None
    formula_plain: str | None = None


class TrainProgress(BaseModel):
    """The data of a ``progress`` event of the training stream (``test_loss``, ``formula``
    as in :class:`TrainResponse`)."""

    step: int
    loss: float
    network: NetworkModel
    fit: Fit
    test_loss: MaybeFloat = None
    formula: str | None = None
    formula_plain: str | None = None


class TrainDone(BaseModel):
    """The data of the ``done`` event that ends a training stream."""

    step: int
    reason: Literal["steps", "time"]
