"""Training data from a target: n points on a grid or at random, noise, a train/test split."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .._validate import check_choice, check_int, check_real, check_seed
from ..errors import ConfigError
from .target import Target, check_domain

__all__ = ["MAX_SAMPLES", "Sample", "sample", "sample_points"]

MAX_SAMPLES = 10_000_000


@dataclass(frozen=True, eq=False)
class Sample:
    """Train and test points (each sorted by x) drawn from a target."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    domain: tuple[float, float]
    noise: float


def sample(
    target: Target | Callable[[np.ndarray], np.ndarray],
    n: int,
    *,
    seed: int,
    domain: tuple[float, float] | None = None,
    grid: bool = True,
    noise: float = 0.0,
    test_fraction: float = 0.0,
) -> Sample:
    """Sample ``n`` points of ``target`` over ``domain`` (default: the target's own).

    Arguments:
        grid: evenly spaced x (both ends included) if True, else uniform at random.
        noise: standard deviation σ of the Gaussian noise added to y.
        test_fraction: share of the n points held out, chosen at random.
        seed: the only source of randomness; the same seed gives the same data.
    """
    n = check_int("n", n, 1, MAX_SAMPLES)
    seed = check_seed(seed)
    noise = check_real("noise", noise, 0.0)
    test_fraction = check_real("test_fraction", test_fraction, 0.0, 1.0, hi_open=True)
    if domain is None:
        if not isinstance(target, Target):
            raise ConfigError("the 'domain' parameter is required when the target is a function")
        domain = target.domain
    a, b = check_domain(domain)
    n_test = round(n * test_fraction)
    if n - n_test < 1:
        raise ConfigError(
            f"the 'test_fraction' parameter leaves no training point out of n = {n}, "
            f"got {test_fraction!r} instead"
        )
    rng = np.random.default_rng(seed)
    x = np.linspace(a, b, n) if grid else np.sort(rng.uniform(a, b, n))
    return _noisy_split(x, np.asarray(target(x), dtype=np.float64), rng, noise, n_test, (a, b))


def sample_points(
    x: np.ndarray,
    y: np.ndarray,
    *,
    seed: int,
    noise: float = 0.0,
    test_fraction: float = 0.0,
    split: str = "random",
) -> Sample:
    """Given points (x, y) with the noise and train/test split of :func:`sample`.

    The points keep their order; ``noise`` and ``test_fraction`` mean what they
    mean for :func:`sample`, drawn from ``seed`` in the same order. ``split="time"``
    holds out the *last* points instead of random ones (a series: train on the past,
    test on the future).
    """
    check_choice("split", split, ("random", "time"))
    seed = check_seed(seed)
    noise = check_real("noise", noise, 0.0)
    test_fraction = check_real("test_fraction", test_fraction, 0.0, 1.0, hi_open=True)
    xa = np.asarray(x, dtype=np.float64)
    ya = np.asarray(y, dtype=np.float64)
    n = len(xa)
    n_test = round(n * test_fraction)
    if n_test and n - n_test < 1:
        raise ConfigError(
            f"the 'test_fraction' parameter leaves no training point out of n = {n}, "
            f"got {test_fraction!r} instead"
        )
    domain = (float(xa.min()), float(xa.max())) if n else (0.0, 0.0)
    return _noisy_split(xa, ya, np.random.default_rng(seed), noise, n_test, domain, split)


def _noisy_split(
    x: np.ndarray,
    y: np.ndarray,
    rng: np.random.Generator,
    noise: float,
    n_test: int,
    domain: tuple[float, float],
    split: str = "random",
) -> Sample:
    """Add N(0, noise²) to y, then hold out ``n_test`` points: at random, or the last ones."""
    n = len(x)
    if noise > 0:
        y = y + rng.normal(0.0, noise, n)
    if n_test == 0:
        return Sample(x, y, x[:0], y[:0], domain, noise)
    test = np.zeros(n, dtype=bool)
    if split == "time":
        test[n - n_test :] = True
    else:
        test[rng.permutation(n)[:n_test]] = True
    return Sample(x[~test], y[~test], x[test], y[test], domain, noise)
