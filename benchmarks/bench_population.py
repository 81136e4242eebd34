"""Population throughput: P width-3 sigmoid networks × S full-batch Adam steps on 201 points.

Every method starts from the same weights (``Network.init(3, seed=0,
population=P)``, torch's default scheme) with Adam at lr = 0.01. Reported:
networks per second (P / seconds for S steps) and the final-MSE
distribution. The slow one-network-at-a-time loops run on a few networks and
their rate is per network. Levenberg–Marquardt on the same population shows
the optima that S Adam steps miss.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from _common import OPTIMUM, X, Y, timed
from actlab import Network
from actlab.train import fit_population

LR = 0.01


def population(p: int) -> Network:
    """The shared starting weights."""
    return Network.init(3, seed=0, population=p)


def actlab_adam(pop: Network, steps: int, dtype: str) -> np.ndarray:
    """actlab's fused kernel (numba, every core)."""
    return fit_population(pop, X, Y, optimizer="adam", lr=LR, steps=steps, tol=0.0, dtype=dtype).mse


def actlab_lm(pop: Network, steps: int) -> np.ndarray:
    """actlab's population Levenberg–Marquardt (default stopping rule, ≤ ``steps`` iterations)."""
    return fit_population(pop, X, Y, optimizer="lm", steps=steps).mse


def torch_batched(pop: Network, steps: int) -> np.ndarray:
    """All networks as one batched float32 autograd computation, torch.optim.Adam."""
    import torch

    f32 = torch.float32
    w = torch.tensor(pop.weights[0][:, :, 0], dtype=f32, requires_grad=True)
    b = torch.tensor(pop.biases[0], dtype=f32, requires_grad=True)
    c = torch.tensor(pop.weights[1][:, 0, :], dtype=f32, requires_grad=True)
    d = torch.tensor(pop.biases[1][:, 0], dtype=f32, requires_grad=True)
    x, y = torch.tensor(X, dtype=f32), torch.tensor(Y, dtype=f32)
    opt = torch.optim.Adam([w, b, c, d], lr=LR)
    for _ in range(steps):
        opt.zero_grad()
        a = torch.sigmoid(x[None, :, None] * w[:, None, :] + b[:, None, :])
        loss = (((a * c[:, None, :]).sum(-1) + d[:, None] - y) ** 2).mean(1)
        loss.sum().backward()
        opt.step()
    with torch.no_grad():
        a = torch.sigmoid(x[None, :, None] * w[:, None, :] + b[:, None, :])
        return (((a * c[:, None, :]).sum(-1) + d[:, None] - y) ** 2).mean(1).double().numpy()


def numpy_batched(pop: Network, steps: int) -> np.ndarray:
    """All networks as one batched float32 numpy computation, backprop and Adam by hand."""
    f32 = np.float32
    theta = [pop.weights[0][:, :, 0], pop.biases[0], pop.weights[1][:, 0, :], pop.biases[1][:, 0]]
    theta = [t.astype(f32) for t in theta]
    m = [np.zeros_like(t) for t in theta]
    v = [np.zeros_like(t) for t in theta]
    x, y = X.astype(f32), Y.astype(f32)
    n = x.size
    for k in range(1, steps + 1):
        w, b, c, d = theta
        a = 1.0 / (1.0 + np.exp(-(x[None, :, None] * w[:, None, :] + b[:, None, :])))
        r = (a * c[:, None, :]).sum(-1) + d[:, None] - y
        rr = (2.0 / n) * r[:, :, None]
        sd = rr * c[:, None, :] * a * (1 - a)
        grads = [(sd * x[None, :, None]).sum(1), sd.sum(1), (rr * a).sum(1), rr[:, :, 0].sum(1)]
        c1, c2 = 1 - 0.9**k, np.sqrt(1 - 0.999**k)
        for t, mm, vv, g in zip(theta, m, v, grads, strict=True):
            mm *= 0.9
            mm += 0.1 * g
            vv *= 0.999
            vv += 0.001 * g * g
            t -= (LR / c1) * mm / (np.sqrt(vv) / c2 + 1e-8)
    w, b, c, d = theta
    a = 1.0 / (1.0 + np.exp(-(x[None, :, None] * w[:, None, :] + b[:, None, :])))
    return (((a * c[:, None, :]).sum(-1) + d[:, None] - y) ** 2).mean(1).astype(float)


def torch_loop(pop: Network, steps: int) -> np.ndarray:
    """One nn.Sequential at a time, torch.optim.Adam, float32."""
    import torch

    from actlab.interop.torch import to_torch

    xt = torch.tensor(X[:, None], dtype=torch.float32)
    yt = torch.tensor(Y[:, None], dtype=torch.float32)
    out = []
    for i in range(pop.population or 1):
        model = to_torch(pop[i], dtype=torch.float32)
        opt = torch.optim.Adam(model.parameters(), lr=LR)
        for _ in range(steps):
            opt.zero_grad()
            loss = ((model(xt) - yt) ** 2).mean()
            loss.backward()
            opt.step()
        with torch.no_grad():
            out.append(float(((model(xt) - yt) ** 2).mean()))
    return np.array(out)


def sklearn_loop(pop: Network, steps: int) -> np.ndarray:
    """One MLPRegressor at a time: solver adam, full batch, ``steps`` epochs (its own init)."""
    from sklearn.neural_network import MLPRegressor

    out = []
    for i in range(pop.population or 1):
        model = MLPRegressor(
            hidden_layer_sizes=(3,),
            activation="logistic",
            solver="adam",
            learning_rate_init=LR,
            batch_size=X.size,
            max_iter=steps,
            tol=0.0,
            n_iter_no_change=steps + 1,
            shuffle=False,
            random_state=i,
        )
        model.fit(X[:, None], Y)
        out.append(float(np.mean((model.predict(X[:, None]) - Y) ** 2)))
    return np.array(out)


def _row(name: str, p: int, steps: int, fn: Callable[[], np.ndarray]) -> dict[str, Any]:
    seconds, mse = timed(fn)
    q = np.quantile(mse, [0.1, 0.5, 0.9])
    at_optimum = float(np.mean(mse <= OPTIMUM[3] * 1.01))
    return {
        "method": name,
        "networks": p,
        "steps": steps,
        "seconds": seconds,
        "networks_per_s": p / seconds,
        "mse_q10": q[0],
        "mse_median": q[1],
        "mse_q90": q[2],
        "at_optimum": at_optimum,
        "mse": mse,
    }


def run(p: int, steps: int, small: int, log: Callable[[str], None]) -> list[dict[str, Any]]:
    """Every method; the slow loops and float64 on ``small`` networks."""
    import torch

    torch.set_num_threads(2)
    pop, few = population(p), population(small)
    timed(lambda: actlab_adam(population(4), 5, "float32"))  # load the compiled kernels
    timed(lambda: actlab_adam(population(4), 5, "float64"))
    plan = [
        ("actlab fused kernel, float32", p, lambda: actlab_adam(pop, steps, "float32")),
        ("actlab fused kernel, float64", small, lambda: actlab_adam(few, steps, "float64")),
        ("pytorch batched, float32", p, lambda: torch_batched(pop, steps)),
        ("numpy batched, float32", small, lambda: numpy_batched(few, steps)),
        (
            "pytorch loop, float32",
            max(2, small // 100),
            lambda: torch_loop(population(max(2, small // 100)), steps),
        ),
        (
            "scikit-learn loop",
            max(2, small // 100),
            lambda: sklearn_loop(population(max(2, small // 100)), steps),
        ),
        ("actlab Levenberg–Marquardt", p, lambda: actlab_lm(pop, 200)),
    ]
    rows = []
    for name, n, fn in plan:
        try:
            row = _row(name, n, 200 if "Marquardt" in name else steps, fn)
        except ImportError as e:
            log(f"  skip {name}: {e}")
            continue
        rows.append(row)
        log(
            f"  {name:<32} {row['networks_per_s']:10.1f} networks/s  ({n} networks, "
            f"{row['seconds']:.1f} s)  MSE q10/median/q90 {row['mse_q10']:.4f} / "
            f"{row['mse_median']:.4f} / {row['mse_q90']:.4f}"
        )
    return rows


def same_distribution(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    """How close two final-MSE samples from the same starts are."""
    rel = np.abs(a - b) / np.maximum(np.abs(b), 1e-12)
    return {
        "median_rel_diff": float(np.median(rel)),
        "share_within_1pct": float(np.mean(rel <= 0.01)),
        "median_a": float(np.median(a)),
        "median_b": float(np.median(b)),
    }
