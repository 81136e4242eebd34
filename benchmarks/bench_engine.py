"""Deep and wide networks: actlab against PyTorch and scikit-learn, quiet and next to a busy one.

Parts (each one run, peers side by side, ratios = peer time / actlab time):

* grid: Adam, full batch, tanh, one input, depth × width × points, float64 and float32,
  against PyTorch of the same dtype (``torch.set_num_threads(2)``) and scikit-learn
  (float64: MLPRegressor adam with batch_size = every point, every epoch run);
* lbfgs: actlab's L-BFGS fit (4 starts, its defaults) against scikit-learn lbfgs run to
  convergence, per fit, on the lesson's target;
* lm: Levenberg–Marquardt time to the best-known MSE at depth 2 and 3 (1-8-8-1,
  1-8-8-8-1 sigmoid on the ``complex`` target) against scikit-learn lbfgs;
* sweep: 3 targets × 3 activations × widths 2, 4, 8, 16 × 8 seeds at depth 2 (LM);
* depth: ``actlab experiment depth`` (full).

``busy()`` starts a ``while True: pass`` subprocess for the "next to a busy process" runs.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from _common import timed
from actlab import Network, lesson
from actlab.train import fit

# (depth, width, points, steps): the six rows first, then the rest of the grid's corners
GRID = [
    (2, 16, 201, 2000),
    (2, 64, 1000, 1000),
    (3, 64, 1000, 1000),
    (2, 256, 1000, 300),
    (4, 128, 10000, 100),
    (1, 1024, 10000, 100),
    (1, 3, 201, 2000),
    (3, 3, 1000, 2000),
    (4, 16, 1000, 1000),
    (3, 16, 10000, 200),
    (4, 64, 201, 1000),
    (1, 256, 201, 1000),
    (3, 256, 10000, 30),
    (2, 1024, 1000, 20),
]
QUICK_GRID = [(2, 16, 201, 200), (2, 64, 1000, 100), (1, 1024, 10000, 10)]


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """A second CPU-bound process for the duration of the block."""
    proc = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        yield
    finally:
        proc.kill()
        proc.wait()


def data(points: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(-2.0, 6.0, points)
    return x, lesson.target(x)


def actlab_adam(depth: int, width: int, x: Any, y: Any, steps: int, dtype: str) -> float:
    net = Network.init(width, depth, "tanh", seed=0)
    res = fit(net, x, y, optimizer="adam", steps=steps, tol=0, restarts=1, dtype=dtype, lr=1e-3)
    return float(res.mse)


def torch_adam(depth: int, width: int, x: Any, y: Any, steps: int, dtype: str) -> float:
    import torch

    torch.set_num_threads(2)
    torch.manual_seed(0)
    dt = torch.float64 if dtype == "float64" else torch.float32
    layers: list[Any] = []
    n_in = 1
    for _ in range(depth):
        layers += [torch.nn.Linear(n_in, width), torch.nn.Tanh()]
        n_in = width
    model = torch.nn.Sequential(*layers, torch.nn.Linear(n_in, 1)).to(dt)
    xt = torch.as_tensor(x[:, None], dtype=dt)
    yt = torch.as_tensor(y[:, None], dtype=dt)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(steps):
        opt.zero_grad()
        loss = ((model(xt) - yt) ** 2).mean()
        loss.backward()
        opt.step()
    return float(loss)


def sklearn_adam(depth: int, width: int, x: Any, y: Any, steps: int, dtype: str) -> float:
    from sklearn.neural_network import MLPRegressor

    model = MLPRegressor(
        hidden_layer_sizes=(width,) * depth, activation="tanh", solver="adam",
        batch_size=x.size, max_iter=steps, tol=0.0, n_iter_no_change=steps + 1,
        shuffle=False, learning_rate_init=1e-3, random_state=0,
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x[:, None].astype(dtype), y.astype(dtype))
    return float(np.mean((model.predict(x[:, None].astype(dtype)) - y) ** 2))


PEERS: dict[str, Callable[..., float]] = {
    "actlab": actlab_adam,
    "pytorch": torch_adam,
    "scikit-learn": sklearn_adam,
}


def grid(rows: list[tuple[int, int, int, int]], log: Callable[[str], None]) -> list[dict]:
    """Every row in float64 and float32, every peer; one timing each (after a warm-up)."""
    out = []
    for depth, width, points, steps in rows:
        x, y = data(points)
        for dtype in ("float64", "float32"):
            row: dict[str, Any] = {"depth": depth, "width": width, "points": points,
                                   "steps": steps, "dtype": dtype}  # fmt: skip
            for name, fn in PEERS.items():
                if name == "scikit-learn" and dtype == "float32":
                    continue  # compared in float64 (scikit-learn's own dtype)
                args = (depth, width, x, y, steps, dtype)
                timed(lambda fn=fn, a=args: fn(*a[:2], a[2][:50], a[3][:50], 2, a[5]))  # warm-up
                t, _ = timed(lambda fn=fn, a=args: fn(*a))
                row[name] = t
            out.append(row)
            log(
                f"  {depth} × {width:<5} {points:>6} pts {steps:>5} steps {dtype}: "
                + "  ".join(f"{k} {row[k]:.3f} s" for k in PEERS if k in row)
            )
    return out
