"""What is being fitted, and the one road from it to arrays.

A :class:`Problem` is a target on its domain — a function, or data points — and
how it is sampled: how many points, on a grid or at random, with what noise and
what share held out for testing, from which seed. Every command, experiment,
report section and page request gets its training and evaluation data here::

    p = Problem.from_spec("sin", points=50, noise=0.1, test_fraction=0.2, seed=0)
    x, y = p.train()          # noisy training points
    xt, yt = p.test()         # the held-out points
    p.clean(x)                # the noise-free target at x
    p.curve(400)              # 400 x values over the domain and the target there

Data targets (marked points, a CSV file, a data set) are fitted on their own points
unless a number of points is asked for, which samples the polyline through them
instead (one input only). A target of k > 1 inputs gives X of shape (N, k): on a
grid for two inputs (⌈√N⌉ per side, so N is rounded up to a square), at random in
its box otherwise.

Classification targets (the Playground's ``circle``, ``xor``, ``gauss``, ``spiral``,
the four-point ``xor4``, a CSV with a label column) give y as class indices 0 … K−1,
named by :attr:`Problem.classes`. A Playground set is drawn afresh from the
problem's ``points`` (default 500), ``noise`` (the Playground's, 0–0.5: it moves
the inputs, never flips a label at random) and ``seed``; fixed labelled data take
no noise and no number of points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ._validate import check_choice, check_int, check_real, check_seed
from .errors import ConfigError
from .targets import MAX_SAMPLES, Sample, Target, resolve, sample, sample_points

__all__ = ["DEFAULT_POINTS", "Problem"]

DEFAULT_POINTS = 201  # the lesson's grid: 201 points over [−2, 6], one every 0.04


@dataclass(frozen=True, eq=False)
class Problem:
    """A target (or fixed data points) and how training and evaluation data come from it.

    ``points``: how many x values to sample (default: the target's own data points
    if it has them, else :data:`DEFAULT_POINTS`); ``grid``: evenly spaced x (both
    ends included) or uniform at random; ``noise``: σ of Gaussian noise added to
    the training and test y; ``test_fraction``: share held out, at random or, with
    ``split="time"``, the last points of a series; ``seed``: the only source of randomness.
    """

    target: Target | None
    points: int | None = None
    grid: bool = True
    noise: float = 0.0
    test_fraction: float = 0.0
    seed: int = 0
    split: str = "random"
    data: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.target is None and self.data is None:
            raise ConfigError("a problem needs a target or data points")
        if self.points is not None:
            check_int("points", self.points, 2, MAX_SAMPLES)
        check_real("noise", self.noise, 0.0)
        check_real("test_fraction", self.test_fraction, 0.0, 1.0, hi_open=True)
        check_seed(self.seed)
        check_choice("split", self.split, ("random", "time"))

    # ------------------------------------------------------------ building
    @classmethod
    def from_spec(
        cls, spec: str, *, domain: tuple[float, float] | None = None, **options: Any
    ) -> Problem:
        """The problem of a target written as text: a preset, ``points: …``, a CSV file or an
        expression (see :func:`actlab.targets.resolve`)."""
        return cls(resolve(spec, domain), **options)

    @classmethod
    def from_data(cls, x: Any, y: Any, **options: Any) -> Problem:
        """A problem whose training data are exactly the points (x, y), in their order.

        ``x`` is (N,) for one input or (N, k) for k inputs; ``y`` is (N,).
        """
        xa = np.asarray(x, dtype=np.float64)
        xa = xa.reshape(-1) if xa.ndim < 2 or xa.shape[1] == 1 else xa
        ya = np.asarray(y, dtype=np.float64).reshape(-1)
        if xa.ndim > 2 or len(xa) != len(ya):
            raise ConfigError(
                f"x must be (N,) or (N, k) with one y per row, got x of shape {xa.shape} and "
                f"{ya.size} y values"
            )
        return cls(None, data=(xa, ya), **options)

    @classmethod
    def lesson(cls) -> Problem:
        """The lesson's problem: its target on 201 evenly spaced points over [−2, 6]."""
        return cls.from_spec("lesson")

    # ------------------------------------------------------------ what it is
    @property
    def name(self) -> str:
        """The target's name (``points`` for bare data)."""
        return "points" if self.target is None else self.target.name

    @property
    def classes(self) -> tuple[str, ...] | None:
        """The class names of a classification problem (y holds their indices), else None."""
        return None if self.target is None else self.target.classes

    @property
    def is_classification(self) -> bool:
        """Whether y holds class indices."""
        return self.classes is not None

    @property
    def inputs(self) -> int:
        """Number of input variables."""
        if self.target is not None:
            return self.target.inputs
        assert self.data is not None
        return 1 if self.data[0].ndim == 1 else int(self.data[0].shape[1])

    @property
    def domain(self) -> tuple[float, float]:
        """The x interval the target is defined on (the data's range for bare data)."""
        if self.target is not None:
            return self.target.domain
        assert self.data is not None
        x = self.data[0]
        return (float(x.min()), float(x.max())) if x.size else (0.0, 0.0)

    @property
    def bounds(self) -> tuple[tuple[float, float], ...]:
        """One (lo, hi) per input: the target's box, or the data's ranges."""
        if self.target is not None:
            return self.target.bounds
        x = self.train()[0].reshape(len(self.train()[0]), -1)
        if not x.size:
            return ((0.0, 0.0),) * self.inputs
        return tuple((float(lo), float(hi)) for lo, hi in zip(x.min(0), x.max(0), strict=True))

    # ------------------------------------------------------------ data
    @cached_property
    def sample(self) -> Sample:
        """The training and test points, drawn once."""
        opts = {"seed": self.seed, "noise": self.noise, "test_fraction": self.test_fraction}
        if self.target is not None and self.target.classes is not None:
            return self._classification_sample(opts)
        given = self.data
        if given is None and self.points is None and self.target is not None:
            given = self.target.points
        if given is not None:
            return sample_points(given[0], given[1], split=self.split, **opts)
        assert self.target is not None
        n = DEFAULT_POINTS if self.points is None else self.points
        if self.target.inputs > 1:
            x = _box_points(self.target.bounds, n, self.grid, self.seed)
            return sample_points(x, self.target(x), split=self.split, **opts)
        return sample(self.target, n, grid=self.grid, **opts)

    def _classification_sample(self, opts: dict[str, Any]) -> Sample:
        """Class labels: a data set drawn by its generator, or fixed labelled points."""
        assert self.target is not None
        opts = opts | {"noise": 0.0}  # the noise is the generator's; labels are never blurred
        if self.target.generate is not None:
            assert self.target.points is not None
            n = len(self.target.points[0]) if self.points is None else self.points
            x, y = self.target.generate(n, self.noise, self.seed)
            return sample_points(x, y, split=self.split, **opts)
        if self.noise or self.points is not None:
            raise ConfigError(
                f"the classification data {self.name!r} are fixed points: they take no 'noise' "
                "and no 'points' (the Playground's circle, xor, gauss and spiral take both)"
            )
        assert self.target.points is not None
        return sample_points(*self.target.points, split=self.split, **opts)

    def train(self) -> tuple[np.ndarray, np.ndarray]:
        """The training points (x, y)."""
        return self.sample.x_train, self.sample.y_train

    def test(self) -> tuple[np.ndarray, np.ndarray]:
        """The held-out points (x, y); empty without a test fraction."""
        return self.sample.x_test, self.sample.y_test

    def clean(self, x: np.ndarray) -> np.ndarray:
        """The noise-free target at ``x`` (bare 1-D data: the polyline through the points)."""
        if self.target is None:
            assert self.data is not None
            if self.inputs > 1:
                raise ConfigError("bare data of several inputs have no values between points")
            return np.interp(x, *_sorted(*self.data)) if self.data[0].size else np.zeros(0)
        return self.target(x)

    def curve(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """``n`` evenly spaced x over the domain and the noise-free target there."""
        lo, hi = self.domain
        x = np.linspace(lo, hi, check_int("n", n, 1, MAX_SAMPLES))
        return x, self.clean(x)

    def describe(self) -> dict[str, Any]:
        """``{"name", "points", "domain"}`` of the training data, for JSON output
        (``domain`` is [lo, hi] for one input, [[lo, hi], …] for several; ``inputs`` then too)."""
        x = self.train()[0]
        if self.inputs > 1:
            box = [[float(a), float(b)] for a, b in self.bounds]
            out = {"name": self.name, "points": len(x), "domain": box, "inputs": self.inputs}
            if self.classes is not None:
                out["classes"] = list(self.classes)
            return out
        lo, hi = (float(x.min()), float(x.max())) if x.size else self.domain
        return {"name": self.name, "points": int(x.size), "domain": [lo, hi]}


def _box_points(
    bounds: tuple[tuple[float, float], ...], n: int, grid: bool, seed: int
) -> np.ndarray:
    """About ``n`` points in a box: a square grid for two inputs, else uniform at random."""
    if grid and len(bounds) == 2:
        side = int(np.ceil(np.sqrt(n)))
        (a1, b1), (a2, b2) = bounds
        g1, g2 = np.meshgrid(np.linspace(a1, b1, side), np.linspace(a2, b2, side), indexing="ij")
        return np.column_stack([g1.ravel(), g2.ravel()])
    rng = np.random.default_rng([seed, 1])  # a stream apart from the noise's
    lo = np.array([a for a, _ in bounds])
    hi = np.array([b for _, b in bounds])
    return lo + (hi - lo) * rng.random((n, len(bounds)))


def _sorted(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(x, kind="stable")
    return x[order], y[order]
