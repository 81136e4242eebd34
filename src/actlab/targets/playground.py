"""TensorFlow Playground's data sets in numpy: two regression sets, four classification sets.

Re-implemented from the definitions in the Playground's ``src/dataset.ts``
(``regressPlane``, ``regressGaussian``, ``classifyCircleData``, ``classifyXORData``,
``classifyTwoGaussData``, ``classifySpiralData``; github.com/tensorflow/playground,
Apache 2.0). The Playground's noise slider 0–50 is ``noise`` 0–0.5.

Regression (``plane`` — also ``reg-plane`` — and ``reg-gauss``, the Playground's
own names): points uniform on [−6, 6]², each labelled at the point moved by
``noise`` · U(−6, 6) per coordinate, so the noise blurs the inputs, not the labels.

- plane: y = (x1 + x2) / 10, from −1.2 to 1.2;
- reg-gauss: six bumps of radius 2 at (−4, ±2.5), (0, ±2.5), (4, ±2.5) with
  alternating signs; y is the bump largest in absolute value, max(0, 1 − d/2)
  signed, d the distance to its centre.

Classification (labels −1 and +1 become classes 0 and 1, named ``-1`` and ``+1``;
half the points in each class, class 1 first as the Playground draws them):

- circle: class +1 uniform in radius and angle inside r < 2.5, class −1 in
  3.5 < r < 5; each point labelled by whether it lies inside r < 2.5 after a
  shift of ``noise``·U(−5, 5) per coordinate;
- xor: x1, x2 uniform on (−5, 5), pushed 0.3 away from the axes; label +1 where
  x1·x2 ≥ 0 at the point shifted by ``noise``·U(−5, 5);
- gauss: two Gaussian clouds at (2, 2) (+1) and (−2, −2) (−1), variance
  0.5 + 7·noise (0.5 to 4 as noise goes 0 to 0.5);
- spiral: two arms, point i of n/2 at radius 5i/(n/2) and angle
  1.75·2π·i/(n/2) (+π for class −1), x1 = r sin t, x2 = r cos t, each
  coordinate moved by ``noise``·U(−1, 1).

Our own seeded generator replaces the Playground's Math.random, so the points
differ from the Playground's but follow the same law.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._validate import check_int, check_real, check_seed
from .table import from_table
from .target import Target

__all__ = [
    "CLASSIFY",
    "GAUSSIANS",
    "PLAYGROUND",
    "circle",
    "gauss",
    "plane",
    "plane_label",
    "reg_gauss",
    "reg_gauss_label",
    "spiral",
    "xor",
    "xor4",
]

RADIUS = 6.0
DEFAULT_SAMPLES = 1200  # a generous default; the Playground's own count is a UI setting
GAUSSIANS = ((-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0),
             (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0))  # fmt: skip


def plane_label(x: np.ndarray) -> np.ndarray:
    """(x1 + x2) / 10: the Playground's map of [−10, 10] onto [−1, 1], not clamped."""
    return (x[..., 0] + x[..., 1]) / 10.0


def reg_gauss_label(x: np.ndarray) -> np.ndarray:
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


def reg_gauss(n: int = DEFAULT_SAMPLES, noise: float = 0.0, seed: int = 0) -> Target:
    """The Playground's ``reg-gauss`` data set (six Gaussian bumps): points and its law."""
    return _dataset("reg-gauss", reg_gauss_label, n, noise, seed)


# ---------------------------------------------------------------- classification
CLASS_NAMES = ("-1", "+1")  # class 0 is the Playground's label −1, class 1 its +1
CLASSIFY_SAMPLES = 500  # the Playground's own default number of points


def _halves(n: int) -> int:
    """Points per class: the Playground's loops run i < n/2."""
    return -(-n // 2)


def circle_points(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``classifyCircleData``: X (about n, 2), labels 0/1."""
    radius = 5.0
    parts, labels = [], []
    for lo, hi in ((0.0, 0.5 * radius), (0.7 * radius, radius)):
        m = _halves(n)
        r = rng.uniform(lo, hi, m)
        angle = rng.uniform(0.0, 2 * np.pi, m)
        pts = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
        shift = rng.uniform(-radius, radius, (m, 2)) * noise
        labels.append(np.hypot(*(pts + shift).T) < 0.5 * radius)
        parts.append(pts)
    return np.concatenate(parts), np.concatenate(labels).astype(np.float64)


def xor_points(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``classifyXORData``: X (n, 2), labels 0/1 (1 where x1·x2 ≥ 0)."""
    pts = rng.uniform(-5.0, 5.0, (n, 2))
    pts += np.where(pts > 0, 0.3, -0.3)  # padding away from the axes
    shift = rng.uniform(-5.0, 5.0, (n, 2)) * noise
    moved = pts + shift
    return pts, (moved[:, 0] * moved[:, 1] >= 0).astype(np.float64)


def gauss_points(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``classifyTwoGaussData``: X (about n, 2), labels 0/1 (1 for the cloud at (2, 2))."""
    variance = 0.5 + (4.0 - 0.5) * noise / 0.5  # d3.scaleLinear [0, 0.5] → [0.5, 4]
    m = _halves(n)
    pos = rng.normal(2.0, np.sqrt(variance), (m, 2))
    neg = rng.normal(-2.0, np.sqrt(variance), (m, 2))
    return np.concatenate([pos, neg]), np.concatenate([np.ones(m), np.zeros(m)])


def spiral_points(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``classifySpiralData``: X (about n, 2), labels 0/1 (1 for the arm at angle 0)."""
    half = n / 2
    i = np.arange(_halves(n))
    r = i / half * 5.0
    parts = []
    for delta in (0.0, np.pi):
        t = 1.75 * i / half * 2 * np.pi + delta
        jitter = rng.uniform(-1.0, 1.0, (len(i), 2)) * noise
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]) + jitter)
    return np.concatenate(parts), np.concatenate([np.ones(len(i)), np.zeros(len(i))])


def _circle_law(x: np.ndarray) -> np.ndarray:
    return (np.hypot(x[..., 0], x[..., 1]) < 2.5).astype(np.float64)


def _xor_law(x: np.ndarray) -> np.ndarray:
    return (x[..., 0] * x[..., 1] >= 0).astype(np.float64)


def _gauss_law(x: np.ndarray) -> np.ndarray:  # the nearer centre: the bisector x1 + x2 = 0
    return (x[..., 0] + x[..., 1] > 0).astype(np.float64)


def _spiral_law(x: np.ndarray) -> np.ndarray:
    """The arm nearest to x (of a dense noise-free spiral)."""
    pts, labels = spiral_points(4000, 0.0, np.random.default_rng(0))
    flat = np.asarray(x, dtype=np.float64).reshape(-1, 2)
    out = np.empty(len(flat))
    for i in range(0, len(flat), 2048):
        block = flat[i : i + 2048]
        d = (block * block).sum(1)[:, None] - 2 * block @ pts.T + (pts * pts).sum(1)[None]
        out[i : i + 2048] = labels[np.argmin(d, axis=1)]
    return out.reshape(np.shape(x)[:-1])


_GENERATORS = {
    "circle": (circle_points, _circle_law, 5.0),
    "xor": (xor_points, _xor_law, 5.3),
    "gauss": (gauss_points, _gauss_law, 6.0),
    "spiral": (spiral_points, _spiral_law, 5.0),
}


def _classify(name: str, n: int, noise: float, seed: int) -> Target:
    draw, law, half = _GENERATORS[name]

    def generate(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
        n = check_int("points", n, 2, 1_000_000)
        noise = check_real("noise", noise, 0.0, 0.5)
        return draw(n, noise, np.random.default_rng(check_seed(seed)))

    x, y = generate(n, noise, seed)
    x.setflags(write=False)
    y.setflags(write=False)
    formula = f"TensorFlow Playground '{name}' (classification), noise {noise:g}, seed {seed}"
    box = ((-half, half), (-half, half))
    return Target(
        name, formula, (-half, half), law, points=(x, y), inputs=2, box=box,
        classes=CLASS_NAMES, generate=generate,
    )  # fmt: skip


def circle(n: int = CLASSIFY_SAMPLES, noise: float = 0.0, seed: int = 0) -> Target:
    """The Playground's ``circle``: a disc of class +1 inside a ring of class −1."""
    return _classify("circle", n, noise, seed)


def xor(n: int = CLASSIFY_SAMPLES, noise: float = 0.0, seed: int = 0) -> Target:
    """The Playground's ``xor``: class +1 in the quadrants where x1·x2 ≥ 0."""
    return _classify("xor", n, noise, seed)


def gauss(n: int = CLASSIFY_SAMPLES, noise: float = 0.0, seed: int = 0) -> Target:
    """The Playground's ``gauss``: two Gaussian clouds, +1 at (2, 2), −1 at (−2, −2)."""
    return _classify("gauss", n, noise, seed)


def spiral(n: int = CLASSIFY_SAMPLES, noise: float = 0.0, seed: int = 0) -> Target:
    """The Playground's ``spiral``: two interleaved arms of 1.75 turns."""
    return _classify("spiral", n, noise, seed)


def xor4() -> Target:
    """The four-point XOR: (0, 0) and (1, 1) are class 0, (0, 1) and (1, 0) class 1."""
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    x.setflags(write=False)
    y.setflags(write=False)

    def law(q: np.ndarray) -> np.ndarray:
        return ((q[..., 0] > 0.5) != (q[..., 1] > 0.5)).astype(np.float64)

    box = ((-0.5, 1.5), (-0.5, 1.5))
    return Target(
        "xor4", "XOR of two bits: y = x1 xor x2 at (0, 0), (0, 1), (1, 0), (1, 1)",
        (-0.5, 1.5), law, points=(x, y), inputs=2, box=box, classes=("0", "1"),
    )  # fmt: skip


PLAYGROUND: dict[str, Callable[..., Target]] = {
    "plane": plane,
    "reg-plane": plane,
    "reg-gauss": reg_gauss,
}
#: The classification data sets, by name (``xor4``: the four points of XOR).
CLASSIFY: dict[str, Callable[..., Target]] = {
    "circle": circle,
    "xor": xor,
    "gauss": gauss,
    "spiral": spiral,
    "xor4": xor4,
}
