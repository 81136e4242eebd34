"""Input checks and small helpers shared by the figure functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError
from ..lesson import Grid
from ..network import Network
from ..network.formula import MINUS, number

Array = np.ndarray
DEFAULT_POINTS = 401


def grid(domain: Any, n: int = DEFAULT_POINTS) -> Array:
    """x values from a (start, stop) pair, a :class:`~actlab.lesson.Grid`, or an array of x."""
    if isinstance(domain, Grid):
        return domain.values()
    values = np.asarray(domain, dtype=np.float64) if _numeric(domain) else None
    if values is None or values.ndim != 1 or values.size < 2 or not np.all(np.isfinite(values)):
        raise ConfigError(
            "the 'domain' parameter must be a (start, stop) pair, a Grid or an array of x "
            f"values, got {domain!r} instead"
        )
    if values.size == 2:
        if not values[0] < values[1]:
            raise ConfigError(f"the 'domain' needs start < stop, got {tuple(values.tolist())}")
        return np.linspace(values[0], values[1], n)
    return values


def _numeric(value: Any) -> bool:
    try:
        np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return True


def array1d(name: str, values: Any, size: int | None = None) -> Array:
    """``values`` as a finite 1-D float array (of ``size`` entries when given)."""
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise DataError(f"the {name!r} parameter must hold numbers") from None
    if arr.ndim != 1 or arr.size == 0:
        raise DataError(f"the {name!r} parameter must be a non-empty 1-D array, got {arr.shape}")
    if size is not None and arr.size != size:
        raise DataError(
            f"the {name!r} parameter must have {size} values (one per x), got {arr.size}"
        )
    if not np.all(np.isfinite(arr)):
        raise DataError(f"the {name!r} parameter holds NaN or infinite values")
    return arr


def evaluate(name: str, source: Any, x: Array) -> Array:
    """y at ``x`` from a Network, a callable f(x) or an array already sampled at ``x``."""
    if isinstance(source, Network):
        return single(source, name)(x)
    if callable(source):
        return array1d(name, np.broadcast_to(source(x), x.shape), x.size)
    return array1d(name, source, x.size)


def single(network: Any, name: str = "network") -> Network:
    """``network`` if it is a single Network (not a population)."""
    if not isinstance(network, Network):
        raise ConfigError(
            f"the {name!r} parameter must be an actlab Network, got {type(network).__name__}"
        )
    if network.population is not None:
        raise ConfigError(f"the {name!r} parameter is a population; index one member first")
    return network


def points_xy(points: Any, f: Callable[[Array], Array] | None = None) -> tuple[Array, Array]:
    """Marked points as (xs, ys): an (N, 2) array, a pair (xs, ys), or xs with ys = f(xs)."""
    arr = np.asarray(points, dtype=np.float64)
    if arr.ndim == 2 and arr.shape[1] == 2 and arr.shape[0] != 2:
        xs, ys = arr[:, 0], arr[:, 1]
    elif arr.ndim == 2 and arr.shape[0] == 2:
        xs, ys = arr[0], arr[1]
    elif arr.ndim == 1 and f is not None:
        xs = arr
        ys = np.broadcast_to(np.asarray(f(xs), dtype=np.float64), xs.shape)
    else:
        raise DataError(
            "the 'points' parameter must be (xs, ys), an (N, 2) array"
            + (" or a list of x values" if f is not None else "")
            + f"; got shape {arr.shape}"
        )
    if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
        raise DataError("the 'points' parameter holds NaN or infinite values")
    return np.array(xs), np.array(ys)


def line_formula(a: float, b: float, digits: int = 3) -> str:
    """'y = 1.5x − 2' for the line a·x + b, in the typography of Network.formula."""
    slope = "" if number(a, digits) == "1" else number(a, digits)
    if number(a, digits) == "0":
        body = f"{MINUS if b < 0 else ''}{number(b, digits)}"
    else:
        body = f"{MINUS if a < 0 else ''}{slope}x"
        if number(b, digits) != "0":
            body += f" {MINUS if b < 0 else '+'} {number(b, digits)}"
    return f"y = {body}"


def neuron_formula(network: Network, i: int, extra: float = 0.0, digits: int = 3) -> str:
    """One hidden neuron's term c·φ(w·x + b) (+ extra) of a one-hidden-layer network."""
    term = Network.shallow(
        [network.weights[0][i, 0]],
        [network.biases[0][i]],
        [network.weights[1][0, i]],
        extra,
        network.activations[0],
    )
    return term.formula(digits=digits).removeprefix("y = ")
