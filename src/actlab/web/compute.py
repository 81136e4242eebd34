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
from ..targets import Target
from ..targets.marked_points import merge_duplicates
from .errors import FieldError, at
from .schemas import NetworkModel, Points, TargetSpec

__all__ = ["LabTarget", "build_network", "build_problem", "clean", "fit_of", "thumbnails"]

MAX_FORMULA_CHARS = 20_000
THUMB_POINTS = 41  # x values of each neuron's thumbnail (a coarse copy of the grid)


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
        if net.inputs != 1:
            raise DataError(
                f"the lab draws networks of one input; this network has {net.inputs} "
                "(hidden[0].weights must have one column)"
            )
        return net


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

    def grid(self, n: int) -> np.ndarray:
        """``n`` evenly spaced x values over the domain."""
        return np.linspace(self.domain[0], self.domain[1], n)

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
        """(x, y, "curve" or "points"): the training data of :meth:`problem`."""
        with at("target.expression"):
            x, y = self.problem(n).train()
        return x, y, self.fit

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
    network of two inputs will send ``"inputs": 2`` with a ``"y"`` axis and row-major
    grids instead of curves.
    """
    idx = np.unique(np.linspace(0, len(x) - 1, min(THUMB_POINTS, len(x))).round().astype(int))
    return {
        "inputs": 1,
        "x": clean(x[idx]),
        "hidden": [clean(np.swapaxes(h[idx], 0, 1)) for h in post],
        "output": clean(output[idx]),
    }


def _score(net: Network, x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    s = score.score(net(x), y) if len(x) else {"mse": np.nan, "max_error": np.nan}
    return {"mse": clean([s["mse"]])[0], "max_error": clean([s["max_error"]])[0], "n": len(x)}


def fit_of(net: Network, problem: LabTarget, x: np.ndarray, *, negligible: float, score_n: int):
    """Output, contributions, each neuron's size (negligible below ``negligible``·the target's
    range, :func:`actlab.score.neurons`), each neuron's thumbnail, and the score on what is
    fitted (and on the held-out test points, when there are)."""
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
        "neurons": [
            {
                "size": clean([n["size"]])[0],
                "share": clean([n["share"]])[0],
                "negligible": n["negligible"],
            }
            for n in neurons
        ],
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


def formulas(net: Network) -> tuple[str, str]:
    """The network's formula with its numbers, as shown and as parseable text (capped)."""
    shown, plain = net.formula(), net.formula(plain=True)
    if len(shown) > MAX_FORMULA_CHARS:
        lines = shown[:MAX_FORMULA_CHARS].rsplit("\n", 1)[0]
        rest = shown.count("\n") - lines.count("\n")
        note = f"\n… {rest} more lines (export the network to see every weight)"
        shown, plain = lines + note, plain[:MAX_FORMULA_CHARS].rsplit("\n", 1)[0] + note
    return shown, plain
