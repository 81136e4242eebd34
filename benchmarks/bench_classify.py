"""Classification: the Playground's spiral and the four-point XOR, actlab beside its peers.

Spiral: 500 points, noise 0 (seed 0), two hidden tanh layers of 8. Each method fits
from seeds 0..S−1; a fit succeeds at ≥ 99% training accuracy (the spiral's two arms
share the point (0, 0), so 99.8% is the most any classifier can reach). Reported:
median seconds per fit (restarts included), success rate, median accuracy. Peers:
scikit-learn MLPClassifier (adam, lr 0.01, up to 2000 epochs, its stopping rule; lbfgs,
up to 2000 iterations), and a PyTorch float64 full-batch Adam loop (lr 0.01, 3000 steps).
Every library runs on 2 threads.

XOR: the four points, 2 hidden neurons, actlab's default fit; success is 100% accuracy.

    python benchmarks/bench_classify.py [--seeds 100] [--peer-seeds 10]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from typing import Any

import numpy as np

from _common import machine, timed
from actlab import Network, score
from actlab.problem import Problem
from actlab.train import fit

THREADS = 2
X, Y = Problem.from_spec("spiral", points=500).train()
Fit = Callable[[int], float]  # seed → training accuracy


def actlab_spiral(**kw: Any) -> Fit:
    def run(seed: int) -> float:
        net = Network.init(8, 2, "tanh", inputs=2, seed=seed)
        res = fit(net, X, Y, loss="log_loss", seed=seed, **kw)
        return score.classify(res.network, X, Y)["accuracy"]

    return run


def sklearn_spiral(solver: str) -> Fit:
    from sklearn.neural_network import MLPClassifier

    opts = {"adam": {"learning_rate_init": 0.01, "max_iter": 2000}, "lbfgs": {"max_iter": 2000}}

    def run(seed: int) -> float:
        model = MLPClassifier(
            (8, 8), activation="tanh", solver=solver, random_state=seed, **opts[solver]
        )
        model.fit(X, Y.astype(int))
        return float(np.mean(model.predict(X) == Y.astype(int)))

    return run


def torch_spiral(steps: int = 3000) -> Fit:
    import torch

    def run(seed: int) -> float:
        torch.manual_seed(seed)
        model = torch.nn.Sequential(
            torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 8), torch.nn.Tanh(),
            torch.nn.Linear(8, 1),
        ).double()  # fmt: skip
        xt, yt = torch.tensor(X), torch.tensor(Y)
        opt = torch.optim.Adam(model.parameters(), lr=0.01)
        lossf = torch.nn.BCEWithLogitsLoss()
        for _ in range(steps):
            opt.zero_grad()
            loss = lossf(model(xt)[:, 0], yt)
            loss.backward()
            opt.step()
        with torch.no_grad():
            return float(((model(xt)[:, 0] > 0).double() == yt).double().mean())

    return run


def measure(fn: Fit, seeds: int) -> dict[str, Any]:
    times, accs = [], []
    for seed in range(seeds):
        t, acc = timed(lambda s=seed: fn(s))
        times.append(t)
        accs.append(acc)
    ok = sum(a >= 0.99 for a in accs)
    return {
        "time": statistics.median(times),
        "ok": ok,
        "seeds": seeds,
        "accuracy": statistics.median(accs),
        "worst": min(accs),
    }


def xor_rate(seeds: int) -> dict[str, Any]:
    """Share of seeds whose default fit (2 hidden neurons) classifies the four points right."""
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    out = {}
    for act in ("tanh", "sigmoid"):

        def run(seed: int, act: str = act) -> float:
            net = Network.init(2, 1, act, inputs=2, seed=seed)
            res = fit(net, x, y, loss="log_loss", seed=seed)
            return score.classify(res.network, x, y)["accuracy"]

        times, accs = [], []
        for seed in range(seeds):
            t, acc = timed(lambda s=seed: run(s))
            times.append(t)
            accs.append(acc)
        out[act] = {"ok": sum(a == 1.0 for a in accs), "seeds": seeds,
                    "time": statistics.median(times)}  # fmt: skip
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=100)
    ap.add_argument("--peer-seeds", type=int, default=10)
    args = ap.parse_args()
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(THREADS)
    rows = []
    with threadpool_limits(THREADS):
        methods: list[tuple[str, Fit, int]] = [
            ("actlab (default: lm, 8 starts)", actlab_spiral(), args.seeds),
            ("scikit-learn MLPClassifier adam", sklearn_spiral("adam"), args.peer_seeds),
            ("scikit-learn MLPClassifier lbfgs", sklearn_spiral("lbfgs"), args.peer_seeds),
            ("PyTorch Adam loop (3000 steps)", torch_spiral(), args.peer_seeds),
        ]
        for name, fn, seeds in methods:
            m = measure(fn, seeds)
            rows.append((name, m))
            print(f"{name}: {m}", flush=True)
        xor = xor_rate(args.seeds)
    fastest_peer = min(m["time"] for name, m in rows if not name.startswith("actlab"))
    print("\n| method | median time | ≥ 99% accuracy | median accuracy | worst |")
    print("|---|---:|---:|---:|---:|")
    for name, m in rows:
        print(
            f"| {name} | {m['time']:.3f} s | {m['ok']}/{m['seeds']} | {m['accuracy']:.3f} "
            f"| {m['worst']:.3f} |"
        )
    for name, m in rows:
        if name.startswith("actlab"):
            print(f"\n{name}: median time / fastest peer's = {m['time'] / fastest_peer:.3f}")
    print("\nXOR, 2 hidden neurons, default fit:")
    for act, m in xor.items():
        print(f"  {act}: {m['ok']}/{m['seeds']} seeds at 100%, median {m['time']:.3f} s")
    print("\nmachine:", machine())


if __name__ == "__main__":
    main()
