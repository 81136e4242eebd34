"""Error floors: the best line, or best polynomial, for a target on given points.

Every identity network is a line, so no identity network of any size can have a
smaller mean squared error on points (x, y) than the least-squares line. In the
same way a network whose activations are identity or square is a polynomial of
degree at most 2^k (k square layers), so the least-squares polynomial of that
degree bounds it from below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.polynomial import Chebyshev, Polynomial

from .._validate import check_int
from ..errors import DataError

__all__ = ["LineFloor", "PolynomialFloor", "best_line", "best_polynomial"]

MAX_FLOOR_DEGREE = 4096


def _points(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validated 1-D float arrays of the same length with two distinct x values."""
    xa = np.asarray(x, dtype=np.float64).reshape(-1)
    ya = np.asarray(y, dtype=np.float64).reshape(-1)
    if xa.shape != ya.shape:
        raise DataError(f"x and y must have the same length, got {xa.size} and {ya.size}")
    if not (np.all(np.isfinite(xa)) and np.all(np.isfinite(ya))):
        raise DataError("x and y must be finite numbers (no NaN or infinity)")
    if np.unique(xa).size < 2:
        raise DataError("a floor needs points at two or more distinct x values")
    return xa, ya


@dataclass(frozen=True)
class LineFloor:
    """The least-squares line y = a·x + b on some points and its mean squared error."""

    a: float
    b: float
    mse: float

    def to_dict(self) -> dict[str, float]:
        """``{"mse", "a", "b"}``."""
        return {"mse": self.mse, "a": self.a, "b": self.b}


def best_line(x: Any, y: Any) -> LineFloor:
    """Least squares: a = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)², b = ȳ − a·x̄, and the MSE it leaves."""
    xa, ya = _points(x, y)
    dx = xa - xa.mean()
    a = float(np.dot(dx, ya - ya.mean()) / np.dot(dx, dx))
    b = float(ya.mean() - a * xa.mean())
    return LineFloor(a, b, float(np.mean((a * xa + b - ya) ** 2)))


@dataclass(frozen=True)
class PolynomialFloor:
    """The least-squares polynomial of degree ≤ ``degree`` and its mean squared error.

    ``coefficients`` are in increasing power order, c0 + c1·x + c2·x² + …; for high
    degrees they are ill-conditioned, the MSE (computed in a Chebyshev basis) is not.
    """

    degree: int
    coefficients: list[float]
    mse: float

    def to_dict(self) -> dict[str, Any]:
        """``{"mse", "degree", "coefficients"}``."""
        return {"mse": self.mse, "degree": self.degree, "coefficients": self.coefficients}


def best_polynomial(x: Any, y: Any, degree: int) -> PolynomialFloor:
    """Least-squares polynomial of degree ≤ ``degree`` (capped at distinct points − 1)."""
    degree = check_int("degree", degree, 0, MAX_FLOOR_DEGREE)
    xa, ya = _points(x, y)
    # with n distinct x values a polynomial of degree n − 1 interpolates: higher adds nothing
    deg = min(degree, np.unique(xa).size - 1)
    fit = Chebyshev.fit(xa, ya, deg)  # Chebyshev basis on the data's interval: well conditioned
    mse = float(np.mean((fit(xa) - ya) ** 2))
    coefficients = fit.convert(kind=Polynomial).coef
    coefficients = np.pad(coefficients, (0, deg + 1 - coefficients.size))
    return PolynomialFloor(deg, [float(c) for c in coefficients], mse)
