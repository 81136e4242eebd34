"""Training with k inputs costs what its parameters and points cost: k = 1, 2, 8 side by side.

One Adam run (fixed steps, full batch, float64) per network shape, on N points of a
smooth function of k inputs; the number printed is nanoseconds per (parameter × point ×
step), which should not grow with k (the same kernels run whatever the input count).
A PyTorch float64 loop with the same shapes, steps and threads is timed beside it.

    python benchmarks/bench_inputs.py [--steps 300] [--points 1000]
"""

from __future__ import annotations

import argparse
import itertools
import time
import warnings

import numpy as np

from _common import machine
from actlab import Network, fit

SHAPES = [(16, 1), (16, 2), (64, 2)]  # (width, depth)
INPUTS = [1, 2, 8]


def data(k: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """N points of sin(Σ x_j / √k) on [−2, 2]^k, seeded."""
    x = np.random.default_rng(k).uniform(-2, 2, (n, k))
    return (x[:, 0] if k == 1 else x), np.sin(x.sum(axis=1) / np.sqrt(k))


def actlab_time(width: int, depth: int, k: int, n: int, steps: int) -> tuple[float, int]:
    x, y = data(k, n)
    net = Network.init(width, depth, "tanh", inputs=k, seed=0)
    fit(net, x, y, optimizer="adam", steps=5, tol=0, restarts=1)  # compile and warm up
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        fit(net, x, y, optimizer="adam", steps=steps, tol=0, restarts=1)
    return time.perf_counter() - t0, net.n_parameters


def torch_time(width: int, depth: int, k: int, n: int, steps: int) -> float:
    import torch

    torch.set_num_threads(2)
    x, y = data(k, n)
    xt = torch.tensor(x.reshape(n, k), dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    layers: list[torch.nn.Module] = []
    sizes = [k, *([width] * depth)]
    for a, b in itertools.pairwise(sizes):
        layers += [torch.nn.Linear(a, b), torch.nn.Tanh()]
    model = torch.nn.Sequential(*layers, torch.nn.Linear(width, 1)).double()
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    t0 = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.mean((model(xt)[:, 0] - yt) ** 2)
        loss.backward()
        opt.step()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--points", type=int, default=1000)
    args = ap.parse_args()
    print("machine:", machine())
    print(f"Adam, {args.steps} steps, {args.points} points, float64, tanh")
    print(f"{'shape':>12} {'k':>2} {'params':>7} {'actlab s':>9} {'ns/(p·N·step)':>14} "
          f"{'torch s':>8} {'ratio':>6}")  # fmt: skip
    for width, depth in SHAPES:
        for k in INPUTS:
            t, p = actlab_time(width, depth, k, args.points, args.steps)
            tt = torch_time(width, depth, k, args.points, args.steps)
            per = t / (p * args.points * args.steps) * 1e9
            print(f"{f'{depth}×{width}':>12} {k:>2} {p:>7} {t:>9.3f} {per:>14.3f} "
                  f"{tt:>8.3f} {tt / t:>5.1f}×")  # fmt: skip


if __name__ == "__main__":
    main()
