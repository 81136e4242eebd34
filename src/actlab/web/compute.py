"""The library calls behind the API: build what is fitted, evaluate a network on it.

A :class:`LabTarget` is the target on its domain plus the marked points; ``fit``
says whether scores (and training) use the target curve or the points, and
:meth:`LabTarget.problem` turns that into an :class:`actlab.problem.Problem`,
the library's one road from a target to arrays. Every library error is
reported at the request field it came from (see :func:`at`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import score, targets
from ..errors import DataError
from ..network import Network
from ..problem import Problem
from ..settings import LIMITS
from ..targets import Target
from ..targets.marked_points import merge_duplicates
from .errors import FieldError, at
from .schemas import NetworkModel, Points, TargetSpec

__all__ = [
    "LabTarget",
    "build_network",
    "build_problem",
    "check_inputs",
    "clean",
    "fit_of",
    "map_of",
    "thumbnails",
]

MAX_FORMULA_CHARS = 20_000
THUMB_POINTS = 41  # x values of each neuron's thumbnail (a coarse copy of the grid)
THUMB_SIDE = 21  # values per side of a two-input neuron's thumbnail
MAX_INPUTS = int(LIMITS["max_inputs"])
MAX_SIDE = int(LIMITS["max_grid_side"])
MAP_DECIMALS = 4  # a two-input map is drawn, not read: 4 decimals keep its JSON small


def clean(values: Any) -> list:
    """A float array as a JSON list: non-finite values become None."""
    arr = np.asarray(values, dtype=np.float64)
    out = arr.astype(object)
    out[~np.isfinite(arr)] = None
    return out.tolist()


def build_network(model: NetworkModel, field: str = "network") -> Network:
    """A :class:`Network` from its JSON model; shape mismatches are reported at ``field``."""
    with at(field):
        net = Network.from_dict(model.model_dump())
    if net.inputs > MAX_INPUTS:
        raise FieldError(
            f"the lab draws networks of one or two inputs; this network has {net.inputs} "
            f"(the first layer's weights must have one or two columns)",
            field,
            code="network.inputs",
            params={"n": net.inputs, "max": MAX_INPUTS},
        )
    return net


def check_inputs(net: Network, problem: LabTarget, field: str = "network") -> None:
    """A network and a target of different numbers of inputs are reported at ``field``."""
    if net.inputs != problem.inputs:
        raise FieldError(
            f"this network has {net.inputs} input(s) but the target has {problem.inputs}: "
            "choose a target of as many inputs, or a new random network",
            field,
            code="network.target_inputs",
            params={"network": net.inputs, "target": problem.inputs},
        )


@dataclass(frozen=True)
class LabTarget:
    """A target on its domain, optional marked points, and which of them scores use."""

    target: Target
    points: tuple[np.ndarray, np.ndarray] | None
    fit: str
    noise: float = 0.0
    test_fraction: float = 0.0

    @property
    def domain(self) -> tuple[float, float]:
        """The x interval curves are drawn on."""
        return self.target.domain

    @property
    def inputs(self) -> int:
        """Number of inputs of the target (1 or 2)."""
        return self.target.inputs

    @property
    def classes(self) -> tuple[str, ...] | None:
        """The class names of a classification target, else None."""
        return self.target.classes

    def axes(self, n: int) -> list[np.ndarray]:
        """One axis per input: ``n`` values (two inputs: at most ``max_grid_side``)."""
        side = n if self.inputs == 1 else min(n, MAX_SIDE)
        return [np.linspace(lo, hi, side) for lo, hi in self.target.bounds]

    def grid(self, n: int) -> np.ndarray:
        """``n`` evenly spaced x values over the domain; for two inputs the (side², 2)
        points of a row-major grid over the box (row r at x2 = axes[1][r])."""
        axes = self.axes(n)
        if self.inputs == 1:
            return axes[0]
        x1, x2 = np.meshgrid(*axes)
        return np.column_stack([x1.ravel(), x2.ravel()])

    def curve(self, x: np.ndarray) -> np.ndarray:
        """The target at ``x`` (an expression that is not finite there is reported)."""
        with at("target.expression"):
            return self.target(x)

    @property
    def sampled(self) -> bool:
        """Whether the training data differ from the clean curve (noise or a test split)."""
        return self.noise > 0 or self.test_fraction > 0

    def problem(self, n: int) -> Problem:
        """What is fitted and scored: the curve on ``n`` samples, or the marked points,
        with the page's noise and test split (seeded, so every request draws the same)."""
        opts = {"noise": self.noise, "test_fraction": self.test_fraction, "seed": 0}
        if self.inputs > 1:
            if self.fit == "points":
                raise FieldError(
                    "marked points are for targets of one input; fit the data of this "
                    "two-input target instead",
                    "target.fit",
                    code="points.two_inputs",
                )
            problem = Problem(self.target, points=n, **opts)
            with at("target.noise"):
                problem.train()  # draws the data once: a data set's noise is checked here
            return problem
        if self.fit == "points":
            if self.points is None or len(self.points[0]) == 0:
                raise FieldError(
                    "fit is set to the marked points, but there are none: click on the plot "
                    "to add points, upload a CSV file, or fit the curve instead",
                    "target.points",
                    code="points.none_to_fit",
                )
            with at("target.points"):
                return Problem.from_data(*self.points, **opts)
        with at("target.expression"):
            return Problem(self.target, points=n, **opts)

    def data(self, n: int) -> tuple[np.ndarray, np.ndarray, str]:
        """(x, y, "curve", "points" or "data"): the training data of :meth:`problem`
        ("data" for a target of two inputs: its data set, or samples of its expression)."""
        with at("target.expression"):
            x, y = self.problem(n).train()
        return x, y, self.fit if self.inputs == 1 else "data"

    def test_data(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The held-out points of :meth:`problem` (empty without a test split)."""
        with at("target.expression"):
            return self.problem(n).test()


def _points(model: Points | None) -> tuple[np.ndarray, np.ndarray] | None:
    if model is None:
        return None
    if len(model.x) != len(model.y):
        raise FieldError(
            f"points need as many y values as x values, got {len(model.x)} x and {len(model.y)} y",
            "target.points",
            code="points.lengths",
        )
    return np.array(model.x, dtype=np.float64), np.array(model.y, dtype=np.float64)


def build_problem(spec: TargetSpec) -> LabTarget:
    """Resolve the target text on the requested domain (preset's or [−2, 6] by default)."""
    with at("target.expression"):
        target = targets.resolve(spec.expression)
    lo = target.domain[0] if spec.x_min is None else spec.x_min
    hi = target.domain[1] if spec.x_max is None else spec.x_max
    field = "target.x_max" if spec.x_max is not None else "target.x_min"
    if not lo < hi:
        raise FieldError(
            f"the domain must have x_min < x_max, got x_min = {lo:g} and x_max = {hi:g}",
            field,
            code="domain.order",
            params={"lo": f"{lo:g}", "hi": f"{hi:g}"},
        )
    if (lo, hi) != target.domain:
        with at("target.expression"):
            target = targets.resolve(spec.expression, domain=(lo, hi))
    return LabTarget(target, _points(spec.points), spec.fit, spec.noise, spec.test_fraction)


def sorted_points(model: Points, field: str = "points") -> tuple[np.ndarray, np.ndarray]:
    """The points sorted by x; repeated x values are reported at ``field``."""
    pts = _points(model)
    assert pts is not None
    with at(field):
        if len(pts[0]) < 2:
            raise DataError(f"at least 2 points are needed, got {len(pts[0])}")
        return merge_duplicates(*pts)


def thumbnails(x: np.ndarray, post: list[np.ndarray], output: np.ndarray) -> dict[str, Any]:
    """Each neuron's output on a coarse copy of the grid, for the network graph's thumbnails.

    ``{"inputs": 1, "x": [...], "hidden": [layer][neuron][value], "output": [...]}``; a
    network of two inputs sends ``"inputs": 2`` with ``"x"`` and ``"y"`` axes and
    row-major grids (row r at y[r]) instead of curves: see :func:`thumbnails_2d`.
    """
    idx = np.unique(np.linspace(0, len(x) - 1, min(THUMB_POINTS, len(x))).round().astype(int))
    return {
        "inputs": 1,
        "x": clean(x[idx]),
        "hidden": [clean(np.swapaxes(h[idx], 0, 1)) for h in post],
        "output": clean(output[idx]),
    }


def map_of(values: np.ndarray) -> list:
    """A two-input map as JSON: rounded to :data:`MAP_DECIMALS`, non-finite values None."""
    with np.errstate(all="ignore"):
        return clean(np.round(np.asarray(values, dtype=np.float64), MAP_DECIMALS))


def thumbnails_2d(
    axes: list[np.ndarray], post: list[np.ndarray], output: np.ndarray
) -> dict[str, Any]:
    """Each neuron's output on a coarse copy of a two-input grid (row-major, row r at y[r]):
    ``{"inputs": 2, "x": [...], "y": [...], "hidden": [layer][neuron][row-major values],
    "output": [row-major values]}``."""
    nx, ny = len(axes[0]), len(axes[1])
    ix = np.unique(np.linspace(0, nx - 1, min(THUMB_SIDE, nx)).round().astype(int))
    iy = np.unique(np.linspace(0, ny - 1, min(THUMB_SIDE, ny)).round().astype(int))

    def coarse(v: np.ndarray) -> np.ndarray:  # (ny·nx, ...) → (len(iy)·len(ix), ...)
        grid = v.reshape(ny, nx, *v.shape[1:])
        return grid[iy][:, ix].reshape(len(iy) * len(ix), *v.shape[1:])

    return {
        "inputs": 2,
        "x": clean(axes[0][ix]),
        "y": clean(axes[1][iy]),
        "hidden": [[map_of(col) for col in coarse(h).T] for h in post],
        "output": map_of(coarse(output)),
    }


def _neurons(neurons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The neurons' sizes, shares and negligible flags as JSON (see :func:`score.neurons`)."""
    keep = ("size", "share")
    return [{k: clean([n[k]])[0] for k in keep} | {"negligible": n["negligible"]} for n in neurons]


def _score(net: Network, x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    s = score.score(net(x), y) if len(x) else {"mse": np.nan, "max_error": np.nan}
    return {"mse": clean([s["mse"]])[0], "max_error": clean([s["max_error"]])[0], "n": len(x)}


def fit_of(net: Network, problem: LabTarget, x: np.ndarray, *, negligible: float, score_n: int):
    """Output, contributions, each neuron's size (negligible below ``negligible``·the target's
    range, :func:`actlab.score.neurons`), each neuron's thumbnail, and the score on what is
    fitted (and on the held-out test points, when there are)."""
    if problem.inputs > 1:
        return _fit_2d(net, problem, x, negligible=negligible, score_n=score_n)
    with np.errstate(all="ignore"):
        tr = net.trace(x)
        contributions = np.swapaxes(tr.contributions, -1, -2)  # (width, N)
        sx, sy, on = problem.data(score_n)
        pred = tr.output if on == "curve" and sx.shape == x.shape and np.all(sx == x) else net(sx)
        s = score.score(pred, sy) if len(sx) else {"mse": np.nan, "max_error": np.nan}
        neurons = score.neurons(net, x, sy, fraction=negligible)
        tx, ty = problem.test_data(score_n)
        test = _score(net, tx, ty) if len(tx) else None
    samples = None
    if problem.sampled:
        samples = {"x": clean(sx), "y": clean(sy), "x_test": clean(tx), "y_test": clean(ty)}
    return {
        "output": clean(tr.output),
        "contributions": [clean(c) for c in contributions],
        "output_bias": float(net.biases[-1][0]),
        "neurons": _neurons(neurons),
        "score": {
            "mse": clean([s["mse"]])[0],
            "max_error": clean([s["max_error"]])[0],
            "on": on,
            "n": len(sx),
            "test": test,
        },
        "thumbnails": thumbnails(x, tr.activations, tr.output),
        "samples": samples,
    }


def _scores_2d(net: Network, x: np.ndarray, y: np.ndarray, classes: bool) -> dict[str, Any]:
    """MSE and largest error, or (a classifier) accuracy and log loss, on (x, y)."""
    out: dict[str, Any] = {"mse": None, "max_error": None, "n": len(x)}
    if not len(x):
        return out
    if classes:
        c = score.classify(net, x, y)
        return out | {k: clean([c[k]])[0] for k in ("accuracy", "log_loss")}
    s = score.score(net(x), y)
    return out | {k: clean([s[k]])[0] for k in ("mse", "max_error")}


def _fit_2d(
    net: Network, problem: LabTarget, x: np.ndarray, *, negligible: float, score_n: int
) -> dict[str, Any]:
    """:func:`fit_of` for two inputs: maps over the box (row-major, row r at x2 = y[r]) —
    the output (a classifier's: the probability of class 1) and each neuron's thumbnail —
    the data points, and the score (a classifier's: accuracy and log loss)."""
    side = int(np.argmax(x[1:, 1] != x[0, 1])) + 1 if len(x) > 1 else 1
    axes = [x[:side, 0], x[::side, 1]]
    classes = problem.classes is not None
    with at("target.expression"):
        p = problem.problem(score_n)
        (sx, sy), (tx, ty) = p.train(), p.test()
    with np.errstate(all="ignore"):
        tr = net.trace(x)
        shown = score.logits_to_proba(tr.output, binary=True)[..., 1] if classes else tr.output
        s = _scores_2d(net, sx, sy, classes)
        test = _scores_2d(net, tx, ty, classes) if len(tx) else None
        # sizes over the data (not the 100 × 100 map): how far each term moves the output there
        neurons = score.neurons(net, sx, sy, fraction=negligible)
    kind = "classification" if classes else "regression"
    return {
        "inputs": 2,
        "output": map_of(shown),
        "contributions": [],
        "output_bias": float(net.biases[-1][0]),
        "neurons": _neurons(neurons),
        "score": s | {"on": "data", "kind": kind, "test": test},
        "thumbnails": thumbnails_2d(axes, tr.activations, shown),
        "samples": {
            "x": clean(sx),
            "y": clean(sy),
            "x_test": clean(tx),
            "y_test": clean(ty),
        },
    }


def formulas(net: Network) -> tuple[str, str]:
    """The network's formula with its numbers, as shown and as parseable text (capped)."""
    shown, plain = net.formula(), net.formula(plain=True)
    if len(shown) > MAX_FORMULA_CHARS:
        lines = shown[:MAX_FORMULA_CHARS].rsplit("\n", 1)[0]
        rest = shown.count("\n") - lines.count("\n")
        note = f"\n… {rest} more lines (export the network to see every weight)"
        shown, plain = lines + note, plain[:MAX_FORMULA_CHARS].rsplit("\n", 1)[0] + note
    return shown, plain
