"""The :class:`Target` type: what is being fitted, as a vectorised function of x."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..errors import ConfigError

__all__ = ["DEFAULT_DOMAIN", "Target", "check_domain"]

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


@dataclass(frozen=True, eq=False)
class Target:
    """A named function of x with its natural domain, display formula and known kinks.

    ``formula`` is for people; ``expression`` (when not None) is plain text that
    :func:`actlab.targets.resolve` parses back to the same function. ``points``
    holds the ``(x, y)`` arrays a target made from points or a CSV file came from.
    """

    name: str
    formula: str
    domain: tuple[float, float]
    fn: Callable[[Array], Array] = field(repr=False)
    kinks: tuple[float, ...] = ()
    points: tuple[Array, Array] | None = field(default=None, repr=False)
    expression: str | None = None

    def __call__(self, x: Array | float) -> Array:
        """f(x) as float64, same shape as ``x``."""
        xs = np.asarray(x, dtype=np.float64)
        y = np.asarray(self.fn(xs), dtype=np.float64)
        return np.broadcast_to(y, xs.shape).copy() if y.shape != xs.shape else y

    def grid(self, n: int = 201) -> Array:
        """``n`` evenly spaced points over the domain, both ends included."""
        return np.linspace(self.domain[0], self.domain[1], n)

    def with_domain(self, domain: tuple[float, float]) -> Target:
        """The same function on another domain (kinks outside it are kept)."""
        return replace(self, domain=check_domain(domain))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (no function): name, formula, expression, domain, kinks."""
        out: dict[str, Any] = {
            "name": self.name,
            "formula": self.formula,
            "expression": self.expression,
            "domain": list(self.domain),
            "kinks": list(self.kinks),
        }
        if self.points is not None:
            out["points"] = {"x": self.points[0].tolist(), "y": self.points[1].tolist()}
        return out
