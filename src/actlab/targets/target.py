"""The :class:`Target` type: what is being fitted, as a vectorised function of x (or X).

A target of one input has ``domain`` (a, b). A target of k > 1 inputs has
``inputs=k`` and ``box``, one (lo, hi) per input; its ``domain`` is then the
smallest (a, b) holding every input's range. ``bounds`` is the box for any k.
Fixed data sets (``points``) hold (X of shape (N, k), y of shape (N,)) for k > 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError

__all__ = ["DEFAULT_DOMAIN", "Target", "check_box", "check_domain"]

Array = np.ndarray

DEFAULT_DOMAIN = (-2.0, 6.0)  # the lesson's domain; expressions use it unless told otherwise
MAX_ABS_DOMAIN = 1e6


def check_domain(domain: Any, name: str = "domain") -> tuple[float, float]:
    """Return ``domain`` as two finite floats ``(a, b)`` with ``a < b`` or raise ConfigError."""
    try:
        a, b = (float(v) for v in domain)
    except (TypeError, ValueError):
        raise ConfigError(
            f"the {name!r} parameter must be two numbers (a, b) with a < b, got {domain!r} instead"
        ) from None
    ok = math.isfinite(a) and math.isfinite(b) and a < b
    if not ok or max(abs(a), abs(b)) > MAX_ABS_DOMAIN:
        raise ConfigError(
            f"the {name!r} parameter must be two finite numbers (a, b) with a < b and "
            f"|a|, |b| ≤ {MAX_ABS_DOMAIN:g}, got ({a!r}, {b!r}) instead"
        )
    return (a, b)


def check_box(box: Any, inputs: int, name: str = "domain") -> tuple[tuple[float, float], ...]:
    """A box for ``inputs`` inputs: one (a, b) for every input, or k of them, checked."""
    pairs = list(box) if isinstance(box, list | tuple | np.ndarray) else None
    if pairs is not None and len(pairs) == 2 and all(np.ndim(v) == 0 for v in pairs):
        pairs = [pairs] * inputs  # one interval shared by every input
    if pairs is None or len(pairs) != inputs:
        raise ConfigError(
            f"the {name!r} parameter must be (a, b) for every input or {inputs} pairs "
            f"((a1, b1), …) one per input, got {box!r} instead"
        )
    return tuple(check_domain(p, f"{name}[{i}]") for i, p in enumerate(pairs))


@dataclass(frozen=True, eq=False)
class Target:
    """A named function of x with its natural domain, display formula and known kinks.

    ``formula`` is for people; ``expression`` (when not None) is plain text that
    :func:`actlab.targets.resolve` parses back to the same function. ``points``
    holds the ``(x, y)`` arrays a target made from points or a CSV file came from:
    for ``inputs`` k > 1, X of shape (N, k) and y of shape (N,); ``box`` then holds
    one (lo, hi) per input (see the module docstring).
    """

    name: str
    formula: str
    domain: tuple[float, float]
    fn: Callable[[Array], Array] = field(repr=False)
    kinks: tuple[float, ...] = ()
    points: tuple[Array, Array] | None = field(default=None, repr=False)
    expression: str | None = None
    inputs: int = 1
    box: tuple[tuple[float, float], ...] | None = None
    #: a classification target's class names; y then holds class indices 0 … K−1
    classes: tuple[str, ...] | None = None
    #: a data set drawn afresh: ``generate(n, noise, seed)`` → (X, y) (the Playground's)
    generate: Callable[[int, float, int], tuple[Array, Array]] | None = field(
        default=None, repr=False
    )

    @property
    def is_classification(self) -> bool:
        """Whether y holds class indices (``classes`` names them)."""
        return self.classes is not None

    @property
    def bounds(self) -> tuple[tuple[float, float], ...]:
        """One (lo, hi) per input: ``(domain,)`` for one input, else ``box``."""
        return (self.domain,) if self.box is None else self.box

    def __call__(self, x: Array | float) -> Array:
        """f(x) as float64, same shape as ``x``; for k inputs, X (..., N, k) gives (..., N)."""
        xs = np.asarray(x, dtype=np.float64)
        shape = xs.shape
        if self.inputs > 1:
            if xs.ndim == 0 or xs.shape[-1] != self.inputs:
                cols = 1 if xs.ndim < 2 else xs.shape[-1]
                raise DataError(
                    f"X has {cols} column{'s' * (cols != 1)} but the target {self.name!r} has "
                    f"{self.inputs} inputs; got shape {xs.shape}"
                )
            shape = xs.shape[:-1]
        y = np.asarray(self.fn(xs), dtype=np.float64)
        return np.broadcast_to(y, shape).copy() if y.shape != shape else y

    def grid(self, n: int = 201) -> Array:
        """``n`` evenly spaced points over the domain, both ends included.

        For k inputs: every combination of ``n`` points per input, shape (n**k, k).
        """
        if self.inputs == 1:
            return np.linspace(self.domain[0], self.domain[1], n)
        axes = [np.linspace(a, b, n) for a, b in self.bounds]
        return np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, self.inputs)

    def with_domain(self, domain: Any) -> Target:
        """The same function on another domain (kinks outside it are kept).

        For k inputs ``domain`` is one (a, b) for every input or k pairs.
        """
        if self.inputs == 1:
            return replace(self, domain=check_domain(domain))
        box = check_box(domain, self.inputs)
        return replace(self, domain=hull(box), box=box)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (no function): name, formula, expression, domain, kinks."""
        out: dict[str, Any] = {
            "name": self.name,
            "formula": self.formula,
            "expression": self.expression,
            "domain": list(self.domain),
            "kinks": list(self.kinks),
        }
        if self.inputs > 1:
            out["inputs"] = self.inputs
            out["box"] = [list(p) for p in self.bounds]
        if self.classes is not None:
            out["classes"] = list(self.classes)
        if self.points is not None:
            out["points"] = {"x": self.points[0].tolist(), "y": self.points[1].tolist()}
        return out


def hull(box: tuple[tuple[float, float], ...]) -> tuple[float, float]:
    """The smallest (a, b) that holds every (lo, hi) of ``box``."""
    return (min(p[0] for p in box), max(p[1] for p in box))
