"""Sweep specifications: a grid of targets × activations × widths × depths × optimizers × seeds.

A spec is a TOML or YAML file (or a dict) with these keys; lists may be given
as a single value::

    targets = ["seed", "sin"]        # preset names or expressions in x
    activations = ["sigmoid", "tanh"]
    widths = [1, 2, 4, 8]
    depths = [1]                     # hidden layers
    optimizers = ["lm"]              # lm | lbfgs | adam | sgd
    seeds = 20                       # a count (0..19), or an explicit list
    steps = 300                      # optimizer steps per run (default: the optimizer's)
    points = 201                     # training points on the target's domain
    noise = 0.0                      # Gaussian noise σ on the training targets
    data_seed = 0                    # seed of the noise

Every combination is a *cell*; the seeds of a cell share a shape and are
trained together as one population.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import activations
from .._files import parse_toml, parse_yaml, read_text
from .._validate import check_int, check_real
from ..errors import ConfigError, SchemaError
from ..settings import OPTIMIZERS

__all__ = ["OPTIMIZERS", "Cell", "SweepSpec", "load_spec"]

MAX_RUNS = 10_000_000
_KEYS = (
    "targets",
    "activations",
    "widths",
    "depths",
    "optimizers",
    "seeds",
    "steps",
    "points",
    "noise",
    "data_seed",
)


@dataclass(frozen=True)
class Cell:
    """One grid point of a sweep: every seed in it is trained as one population."""

    index: int
    target: str
    activation: str
    width: int
    depth: int
    optimizer: str
    seeds: tuple[int, ...]
    steps: int | None
    points: int
    noise: float
    data_seed: int

    @property
    def key(self) -> tuple[str, str, int, int, str]:
        """What identifies the cell in a results table."""
        return (self.target, self.activation, self.width, self.depth, self.optimizer)


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep grid; :meth:`cells` expands it."""

    targets: tuple[str, ...]
    activations: tuple[str, ...]
    widths: tuple[int, ...]
    depths: tuple[int, ...] = (1,)
    optimizers: tuple[str, ...] = ("lm",)
    seeds: tuple[int, ...] = tuple(range(10))
    steps: int | None = None
    points: int = 201
    noise: float = 0.0
    data_seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SweepSpec:
        """Validate a mapping (from TOML/YAML) into a spec; errors name the key."""
        if not isinstance(data, Mapping):
            raise SchemaError("a sweep spec must be a table of keys (TOML) or a mapping (YAML)")
        data = dict(data.get("sweep", data))
        unknown = sorted(set(data) - set(_KEYS))
        if unknown:
            raise SchemaError(
                f"unknown sweep key(s) {', '.join(unknown)}; allowed: {', '.join(_KEYS)}"
            )
        for key in ("targets", "activations", "widths"):
            if key not in data:
                raise SchemaError(f"the sweep spec needs {key!r}")
        targets = tuple(_strings("targets", data["targets"]))
        _check_targets(targets)
        acts = tuple(activations.get(a).name for a in _strings("activations", data["activations"]))
        for a in acts:
            if not activations.get(a).trainable:
                raise ConfigError(f"activation {a!r} cannot be trained by gradients; remove it")
        widths = tuple(check_int("widths", w, 1, 4096) for w in _list(data["widths"]))
        depths = tuple(check_int("depths", d, 0, 16) for d in _list(data.get("depths", [1])))
        opts = tuple(_strings("optimizers", data.get("optimizers", ["lm"])))
        for o in opts:
            if o not in OPTIMIZERS:
                raise ConfigError(
                    f"the 'optimizers' entries must be among {', '.join(OPTIMIZERS)}; got {o!r}"
                )
        raw_seeds = data.get("seeds", 10)
        if isinstance(raw_seeds, int) and not isinstance(raw_seeds, bool):
            seeds = tuple(range(check_int("seeds", raw_seeds, 1, 1_000_000)))
        else:
            seeds = tuple(check_int("seeds", s, 0, 2**63 - 1) for s in _list(raw_seeds))
        if len(set(seeds)) != len(seeds):
            raise ConfigError("the 'seeds' list has repeated seeds")
        steps = data.get("steps")
        spec = cls(
            targets=targets,
            activations=acts,
            widths=widths,
            depths=depths,
            optimizers=opts,
            seeds=seeds,
            steps=None if steps is None else check_int("steps", steps, 1, 1_000_000),
            points=check_int("points", data.get("points", 201), 2, 100_000),
            noise=check_real("noise", data.get("noise", 0.0), 0.0, 1e6),
            data_seed=check_int("data_seed", data.get("data_seed", 0), 0, 2**63 - 1),
        )
        if spec.n_runs > MAX_RUNS:
            raise ConfigError(f"the sweep has {spec.n_runs} runs; at most {MAX_RUNS} are allowed")
        return spec

    @property
    def n_runs(self) -> int:
        """Number of trained networks (cells × seeds)."""
        return self.n_cells * len(self.seeds)

    @property
    def n_cells(self) -> int:
        """Number of grid points."""
        sizes = (self.targets, self.activations, self.widths, self.depths, self.optimizers)
        n = 1
        for s in sizes:
            n *= len(s)
        return n

    def cells(self) -> list[Cell]:
        """Every grid point, in a fixed order."""
        grid = itertools.product(
            self.targets, self.activations, self.widths, self.depths, self.optimizers
        )
        return [
            Cell(i, t, a, w, d, o, self.seeds, self.steps, self.points, self.noise, self.data_seed)
            for i, (t, a, w, d, o) in enumerate(grid)
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (also what :meth:`fingerprint` hashes)."""
        d = asdict(self)
        d.pop("extra")
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    def fingerprint(self) -> str:
        """A short hash identifying the spec, stored beside a results table."""
        text = json.dumps(self.to_dict(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _strings(key: str, value: Any) -> list[str]:
    items = _list(value)
    if not items:
        raise ConfigError(f"the {key!r} list must not be empty")
    for item in items:
        if not isinstance(item, str):
            raise ConfigError(f"the {key!r} entries must be strings, got {item!r}")
    return items


def _check_targets(targets: tuple[str, ...]) -> None:
    from ..targets import resolve

    for t in targets:
        resolve(t)  # raises ExpressionError with a caret if the text is bad


MAX_SPEC_BYTES = 1024 * 1024


def load_spec(path: str | Path) -> SweepSpec:
    """Read a TOML (``.toml``) or YAML (``.yaml``/``.yml``) sweep spec."""
    p = Path(path)
    text = read_text(p, "sweep spec", MAX_SPEC_BYTES)
    if p.suffix.lower() in (".yaml", ".yml"):
        data = parse_yaml(text, str(p))
    else:
        data = parse_toml(text, str(p))
    return SweepSpec.from_dict(data)
