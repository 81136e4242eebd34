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


def torch_adam(
    depth: int, width: int, x: Any, y: Any, steps: int, dtype: str, threads: int = 2
) -> float:
    import torch

    torch.set_num_threads(threads)
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
    # PyTorch's intra-op threads spin-wait: on small networks, or next to a busy process,
    # one thread is much faster than two, so it is timed both ways and judged by its best
    "pytorch-1": lambda *a: torch_adam(*a, threads=1),
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


def _sk_lbfgs(widths: tuple[int, ...], seed: int) -> Any:
    """scikit-learn's MLPRegressor, logistic, lbfgs run to convergence (tol 1e-10, ≤ 5000)."""
    from sklearn.neural_network import MLPRegressor

    return MLPRegressor(
        hidden_layer_sizes=widths, activation="logistic", solver="lbfgs", max_iter=5000,
        tol=1e-10, random_state=seed,
    )  # fmt: skip


def _sk_timed(model: Any, x: Any, y: Any) -> tuple[float, Any]:
    """scikit-learn's fit timed with BLAS on one thread: its fastest setting for these tiny
    problems (two OpenBLAS threads next to other work spin-wait, 10-50× slower)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return timed(lambda: model.fit(x[:, None], y))


def lbfgs(seeds: int, log: Callable[[str], None]) -> list[dict]:
    """Per fit on the lesson's 201 points: actlab lbfgs (defaults: 4 starts) vs scikit-learn
    lbfgs (one start, tol 1e-10, up to 5000 iterations), sigmoid, depth 1 and 2."""
    x, y = lesson.GRID.values(), lesson.target(lesson.GRID.values())
    out = []
    for depth in (1, 2):
        for width in (2, 3, 8):
            times: dict[str, list[float]] = {"actlab": [], "scikit-learn": []}
            mses: dict[str, list[float]] = {"actlab": [], "scikit-learn": []}
            for seed in [-1, *range(seeds)]:  # seed −1: warm-up
                net = Network.init(width, depth, "sigmoid", seed=max(seed, 0))
                s = max(seed, 0)
                t, res = timed(lambda n=net, s=s: fit(n, x, y, optimizer="lbfgs", seed=s))
                model = _sk_lbfgs((width,) * depth, s)
                t2, _ = _sk_timed(model, x, y)
                if seed >= 0:
                    times["actlab"].append(t)
                    times["scikit-learn"].append(t2)
                    mses["actlab"].append(res.mse)
                    mses["scikit-learn"].append(
                        float(np.mean((model.predict(x[:, None]) - y) ** 2))
                    )
            row = {"depth": depth, "width": width}
            for k in times:
                row[k] = float(np.median(times[k]))
                row[k + " mse"] = float(np.median(mses[k]))
            out.append(row)
            log(f"  lbfgs {depth} × {width}: actlab {row['actlab'] * 1e3:.1f} ms "
                f"(median MSE {row['actlab mse']:.2e}), scikit-learn "
                f"{row['scikit-learn'] * 1e3:.1f} ms ({row['scikit-learn mse']:.2e})")  # fmt: skip
    return out


def lm(seeds: int, log: Callable[[str], None]) -> list[dict]:
    """Time to the best-known MSE, 1-8-8-1 and 1-8-8-8-1 sigmoid on 'complex' (201 points):
    actlab's default fit (LM, 4 starts) vs scikit-learn lbfgs to convergence. Best known:
    the lowest MSE any run of this benchmark reached; success: within 1% of it."""
    from actlab.problem import Problem

    x, y = Problem.from_spec("complex", points=201).train()
    out = []
    for depth in (2, 3):
        res: dict[str, list[tuple[float, float]]] = {"actlab": [], "scikit-learn": []}
        for seed in [-1, *range(seeds)]:
            net = Network.init(8, depth, "sigmoid", seed=max(seed, 0))
            t, r = timed(lambda n=net, s=seed: fit(n, x, y, seed=max(s, 0)))
            model = _sk_lbfgs((8,) * depth, max(seed, 0))
            t2, _ = _sk_timed(model, x, y)
            if seed >= 0:
                res["actlab"].append((t, r.mse))
                res["scikit-learn"].append(
                    (t2, float(np.mean((model.predict(x[:, None]) - y) ** 2)))
                )
        best = min(m for v in res.values() for _, m in v)
        row: dict[str, Any] = {"depth": depth, "best_known": best}
        for k, v in res.items():
            row[k] = float(np.median([t for t, _ in v]))
            row[k + " success"] = float(np.mean([m <= best * 1.01 for _, m in v]))
            row[k + " mse"] = float(np.median([m for _, m in v]))
        out.append(row)
        log(f"  lm depth {depth}: best known {best:.3e}; actlab {row['actlab']:.3f} s "
            f"({100 * row['actlab success']:.0f}%), scikit-learn {row['scikit-learn']:.3f} s "
            f"({100 * row['scikit-learn success']:.0f}%)")  # fmt: skip
    return out


def sweep(tmp: str) -> float:
    """Seconds for the depth-2 LM sweep: 3 targets × 3 activations × widths 2-16 × 8 seeds."""
    from actlab.experiments.spec import SweepSpec
    from actlab.experiments.sweep import run_sweep

    spec = SweepSpec.from_dict({
        "targets": ["lesson", "complex", "sin"], "activations": ["sigmoid", "tanh", "relu"],
        "widths": [2, 4, 8, 16], "depths": [2], "optimizers": ["lm"], "seeds": 8,
    })  # fmt: skip
    t, _ = timed(lambda: run_sweep(spec, f"{tmp}/sweep.csv", restart=True))
    return t


def depth_experiment() -> float:
    """Seconds for ``actlab experiment depth`` (full)."""
    from actlab.experiments.depth import depth

    t, _ = timed(lambda: depth(size="full"))
    return t


def main() -> int:
    """Run every part (quiet, then the sweep, the experiment and two grid rows next to a busy
    process) and print the results as JSON lines and markdown tables."""
    import json
    import os
    import tempfile

    quick = "--quick" in sys.argv
    rows = QUICK_GRID if quick else GRID[:8]
    log = print
    out: dict[str, Any] = {"load_before": os.getloadavg()}
    log(f"load average before: {out['load_before']}")
    out["grid"] = grid(rows, log)
    out["lbfgs"] = lbfgs(3 if quick else 10, log)
    out["lm"] = lm(3 if quick else 20, log)
    with tempfile.TemporaryDirectory() as tmp:
        out["sweep"] = sweep(tmp)
        log(f"  sweep depth 2 (288 networks): {out['sweep']:.1f} s")
        out["depth"] = depth_experiment()
        log(f"  experiment depth (full): {out['depth']:.1f} s")
        with busy():
            out["sweep_busy"] = sweep(tmp)
            log(f"  busy: sweep {out['sweep_busy']:.1f} s")
            out["depth_busy"] = depth_experiment()
            log(f"  busy: experiment depth {out['depth_busy']:.1f} s")
            out["grid_busy"] = grid(rows[:2], log)
    out["load_after"] = os.getloadavg()
    log(f"load average after: {out['load_after']}")
    log(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
