"""TensorFlow Playground's two regression data sets, ``plane`` and ``gauss``, in numpy.

Re-implemented from the definitions in the Playground's ``src/dataset.ts``
(``regressPlane``, ``regressGaussian``; github.com/tensorflow/playground,
Apache 2.0): points uniform on [−6, 6]², each labelled at the point moved by
``noise`` · U(−6, 6) per coordinate (the Playground's noise slider 0–50 is
``noise`` 0–0.5), so the noise blurs the inputs, not the labels.

- plane: y = (x1 + x2) / 10, from −1.2 to 1.2;
- gauss: six bumps of radius 2 at (−4, ±2.5), (0, ±2.5), (4, ±2.5) with
  alternating signs; y is the bump largest in absolute value, max(0, 1 − d/2)
  signed, d the distance to its centre.

Our own seeded generator replaces the Playground's Math.random, so the points
differ from the Playground's but follow the same law.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._validate import check_int, check_real, check_seed
from .table import from_table
from .target import Target

__all__ = ["GAUSSIANS", "PLAYGROUND", "gauss", "gauss_label", "plane", "plane_label"]

RADIUS = 6.0
DEFAULT_SAMPLES = 1200  # a generous default; the Playground's own count is a UI setting
GAUSSIANS = ((-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0),
             (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0))  # fmt: skip


def plane_label(x: np.ndarray) -> np.ndarray:
    """(x1 + x2) / 10: the Playground's map of [−10, 10] onto [−1, 1], not clamped."""
    return (x[..., 0] + x[..., 1]) / 10.0


def gauss_label(x: np.ndarray) -> np.ndarray:
    """The signed bump of the six largest in absolute value (the first on a tie)."""
    out = np.zeros(x.shape[:-1])
    for cx, cy, sign in GAUSSIANS:
        d = np.hypot(x[..., 0] - cx, x[..., 1] - cy)
        value = sign * np.clip(1.0 - d / 2.0, 0.0, 1.0)
        out = np.where(np.abs(value) > np.abs(out), value, out)
    return out


def _dataset(
    name: str, label: Callable[[np.ndarray], np.ndarray], n: int, noise: float, seed: int
) -> Target:
    n = check_int("n", n, 2, 1_000_000)
    noise = check_real("noise", noise, 0.0, 0.5)
    rng = np.random.default_rng(check_seed(seed))
    x = rng.uniform(-RADIUS, RADIUS, (n, 2))
    shift = rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    formula = f"TensorFlow Playground '{name}', {n} points, noise {noise:g}, seed {seed}"
    base = from_table(x, label(x + shift), name=name, formula=formula)
    box = ((-RADIUS, RADIUS), (-RADIUS, RADIUS))
    # the law behind the points is known: the target is it, without the noise
    return Target(name, formula, (-RADIUS, RADIUS), label, points=base.points, inputs=2, box=box)


def plane(n: int = DEFAULT_SAMPLES, noise: float = 0.0, seed: int = 0) -> Target:
    """The Playground's ``plane`` data set: points (X (n, 2), y (n,)) and its law."""
    return _dataset("plane", plane_label, n, noise, seed)


def gauss(n: int = DEFAULT_SAMPLES, noise: float = 0.0, seed: int = 0) -> Target:
    """The Playground's ``gauss`` data set (six Gaussian bumps): points and its law."""
    return _dataset("gauss", gauss_label, n, noise, seed)


PLAYGROUND: dict[str, Callable[..., Target]] = {"plane": plane, "gauss": gauss}
