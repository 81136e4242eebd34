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

from .._record import Record
from .._validate import check_int
from ..errors import DataError

__all__ = ["LineFloor", "PolynomialFloor", "best_line", "best_polynomial"]

MAX_FLOOR_DEGREE = 4096
MAX_LISTED_DEGREE = 20  # power-basis coefficients listed up to this degree


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
class LineFloor(Record):
    """The least-squares line y = a·x + b on some points and its mean squared error."""

    KEYS = ("mse", "a", "b")  # to_dict: {"mse", "a", "b"}

    a: float
    b: float
    mse: float


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

    ``coefficients`` are in increasing power order, c0 + c1·x + c2·x² + …; above
    degree 20 the power basis is too ill-conditioned to be worth listing (None),
    while the MSE, computed with discrete orthogonal polynomials, stays accurate.
    """

    degree: int
    coefficients: list[float] | None
    mse: float

    def to_dict(self) -> dict[str, Any]:
        """``{"mse", "degree", "coefficients"}``."""
        return {"mse": self.mse, "degree": self.degree, "coefficients": self.coefficients}


def _residual(x: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    """y minus its projection on polynomials of degree ≤ ``degree`` at the points x.

    Builds polynomials orthonormal on the points by the Stieltjes recurrence
    (q_{k+1} ∝ t·q_k − α_k q_k − β_k q_{k−1}, t = x mapped to [−1, 1]) with full
    re-orthogonalisation, which stays accurate up to degree n − 1 where
    Vandermonde matrices do not.
    """
    t = (2 * x - (x.min() + x.max())) / (x.max() - x.min())
    basis = np.empty((degree + 1, x.size))
    basis[0] = 1 / np.sqrt(x.size)
    for k in range(degree):
        v = t * basis[k]
        for _ in range(2):  # Gram–Schmidt twice: "twice is enough" (Kahan)
            v -= basis[: k + 1].T @ (basis[: k + 1] @ v)
        basis[k + 1] = v / np.linalg.norm(v)
    r = y - basis.T @ (basis @ y)
    return r - basis.T @ (basis @ r)


def best_polynomial(x: Any, y: Any, degree: int) -> PolynomialFloor:
    """Least-squares polynomial of degree ≤ ``degree`` (capped at distinct points − 1)."""
    degree = check_int("degree", degree, 0, MAX_FLOOR_DEGREE)
    xa, ya = _points(x, y)
    # with n distinct x values a polynomial of degree n − 1 interpolates: higher adds nothing
    deg = min(degree, np.unique(xa).size - 1)
    mse = float(np.mean(_residual(xa, ya, deg) ** 2))
    coefficients = None
    if deg <= MAX_LISTED_DEGREE:
        fit = Chebyshev.fit(xa, ya, deg)  # Chebyshev basis on the data's interval
        coef = fit.convert(kind=Polynomial).coef
        coefficients = [float(c) for c in np.pad(coef, (0, deg + 1 - coef.size))]
    return PolynomialFloor(deg, coefficients, mse)
