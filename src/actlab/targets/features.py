"""TensorFlow Playground's input features, chosen by name: the other road to a curved boundary.

The Playground feeds its network any of x1, x2, x1², x2², x1·x2, sin x1, sin x2
(its ``x``, ``y``, ``xSquared``, ``ySquared``, ``xTimesY``, ``sinX``, ``sinY``).
With hand-made nonlinear features even a *linear* model bends: on x1² and x2² the
circle's boundary x1² + x2² = r² is a straight line. ::

    f = Features.parse("x1^2,x2^2")
    f(X)            # (N, 2) → (N, 2): the squares
    f.names         # ('x1^2', 'x2^2')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import ConfigError, DataError

__all__ = ["FEATURES", "Features"]

Fn = Callable[[np.ndarray], np.ndarray]

#: Every feature by its canonical name (the Playground's seven), of inputs x1, x2.
FEATURES: dict[str, Fn] = {
    "x1": lambda x: x[:, 0],
    "x2": lambda x: x[:, 1],
    "x1^2": lambda x: x[:, 0] ** 2,
    "x2^2": lambda x: x[:, 1] ** 2,
    "x1*x2": lambda x: x[:, 0] * x[:, 1],
    "sin(x1)": lambda x: np.sin(x[:, 0]),
    "sin(x2)": lambda x: np.sin(x[:, 1]),
}

_ALIASES = {
    "x": "x1", "y": "x2", "x1**2": "x1^2", "x2**2": "x2^2", "x1²": "x1^2", "x2²": "x2^2",
    "xsquared": "x1^2", "ysquared": "x2^2", "x1x2": "x1*x2", "x1·x2": "x1*x2",
    "x2*x1": "x1*x2", "xtimesy": "x1*x2", "sinx1": "sin(x1)", "sinx2": "sin(x2)",
    "sinx": "sin(x1)", "siny": "sin(x2)", "sin x1": "sin(x1)", "sin x2": "sin(x2)",
}  # fmt: skip


def canonical(name: str) -> str:
    """The canonical name of a feature written any accepted way (``X1^2`` → ``x1^2``)."""
    key = name.strip().lower().replace(" ", "") if "sin " not in name else name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in FEATURES:
        raise ConfigError(
            f"unknown feature {name!r}; choose from {', '.join(FEATURES)} (comma-separated)"
        )
    return key


@dataclass(frozen=True)
class Features:
    """An ordered choice of Playground features: a map X (N, 2) → F (N, m)."""

    names: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.names:
            raise ConfigError("choose at least one feature")
        names = tuple(canonical(n) for n in self.names)
        if len(set(names)) != len(names):
            raise ConfigError(f"each feature at most once, got {', '.join(names)}")
        object.__setattr__(self, "names", names)

    @classmethod
    def parse(cls, text: str | Sequence[str]) -> Features:
        """Features from ``"x1^2,x2^2"`` or a list of names."""
        names = text.split(",") if isinstance(text, str) else list(text)
        return cls(tuple(n for n in names if n.strip()))

    @property
    def count(self) -> int:
        """Number of features m: the network's inputs."""
        return len(self.names)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        xa = np.asarray(x, dtype=np.float64)
        if xa.ndim != 2 or xa.shape[1] != 2:
            raise DataError(
                f"the Playground features are of two inputs x1, x2: X must be (N, 2), got "
                f"shape {xa.shape}"
            )
        return np.column_stack([FEATURES[n](xa) for n in self.names])

    def __str__(self) -> str:
        return ",".join(self.names)
