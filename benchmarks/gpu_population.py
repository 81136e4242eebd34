#!/usr/bin/env python3
"""GPU check and throughput of actlab's torch backend on populations (one JSON object a line).

1. Correctness: Adam on 64 width-3 sigmoid networks, float64, on CUDA (fused
   Triton kernel, then the eager torch loop) against the numpy backend on the
   CPU: largest relative difference of the weights (must be ≤ 1e-8).
2. Throughput: P = 10^6 width-3 networks, 201 points, Adam, float32, with the
   fused kernel (a few block sizes tried, the best timed), in network-steps per
   second (target ≥ 5·10^8); then the same through ``fit_population``.
3. Baselines on the same data: eager PyTorch autograd on the whole batch, and
   torch.compile of an analytic fused step, each for a few steps.

Self-contained: imports actlab from this checkout's ``src``, downloads
nothing, stays under about three minutes, and prints what it skipped and why.
Run from the repository root: ``python3 benchmarks/gpu_population.py``.
``--device cpu --small`` exercises the same code on the CPU (with
``TRITON_INTERPRET=1`` for the kernel) for a dry run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

os.environ.setdefault("ACTLAB_NO_NUMBA", "1")  # the CPU reference needs no compile step
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

START = time.perf_counter()
BUDGET_S = 170.0


def emit(**data: Any) -> None:
    """Print one JSON line, flushed at once."""
    data["elapsed_s"] = round(time.perf_counter() - START, 2)
    print(json.dumps(data, default=str), flush=True)


def left() -> float:
    """Seconds left in the budget."""
    return BUDGET_S - (time.perf_counter() - START)


def sync(torch: Any, device: str) -> None:
    """Wait for the device."""
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def check_float64(torch: Any, device: str, population: int, steps: int) -> None:
    """CUDA results against the numpy backend in float64."""
    import numpy as np

    from actlab import Network, lesson
    from actlab.train import fit_population
    from actlab.train.backends import cuda_fused

    x = lesson.GRID.values()
    y = lesson.target(x)
    pop = Network.init(3, seed=list(range(population)))
    opts = {"optimizer": "adam", "steps": steps, "tol": 0.0, "l2": 1e-4}
    ref = fit_population(pop, x, y, **opts)
    engines = [("triton", True), ("torch-eager", False)]
    for engine, use_triton in engines:
        if engine == "triton" and not cuda_fused.available():
            emit(check=engine, skipped="triton is not importable")
            continue
        saved = cuda_fused.triton
        try:
            if not use_triton:
                cuda_fused.triton = None  # the generic loop on the torch backend
            t0 = time.perf_counter()
            got = fit_population(pop, x, y, backend="torch", device=device, **opts)
            wall = time.perf_counter() - t0
        except Exception as e:
            emit(check=engine, error=repr(e), trace=traceback.format_exc(limit=3))
            continue
        finally:
            cuda_fused.triton = saved
        rel = max(
            float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12)))
            for a, b in zip(
                got.network.weights + got.network.biases,
                ref.network.weights + ref.network.biases,
                strict=True,
            )
        )
        emit(
            check=engine,
            dtype="float64",
            population=population,
            steps=steps,
            max_rel_diff=rel,
            ok=rel <= 1e-8,
            median_mse=float(np.median(got.mse)),
            seconds=round(wall, 3),
        )


def throughput(torch: Any, device: str, population: int, steps: int) -> None:
    """Fused-kernel network-steps per second in float32, block sizes tried first."""
    import numpy as np

    from actlab import Network, lesson
    from actlab.train import Layout, fit_population
    from actlab.train.backends import cuda_fused

    if not cuda_fused.available():
        emit(bench="triton", skipped="triton is not importable")
        return
    x = torch.as_tensor(lesson.GRID.values(), dtype=torch.float32, device=device)
    y = torch.as_tensor(lesson.target(lesson.GRID.values()), dtype=torch.float32, device=device)
    pop = Network.init(3, seed=0, population=population)
    theta0 = torch.as_tensor(Layout.of(pop).pack(pop), dtype=torch.float32, device=device)
    hyper = (0.01, (0.9, 0.999), 1e-8, 0.0)

    def rate(block: int, warps: int, k: int, launches: int) -> tuple[float, Any]:
        runner = cuda_fused.AdamRunner(torch, theta0.clone(), x, y, 3, "sigmoid")
        # warm-up with the same step count: Triton specialises integer arguments (1, ÷16)
        runner.run(k, *hyper, block=block, warps=warps)
        sync(torch, device)
        t0 = time.perf_counter()
        for _ in range(launches):
            runner.run(k, *hyper, block=block, warps=warps)
        sync(torch, device)
        return population * k * launches / (time.perf_counter() - t0), runner

    best = None
    for block, warps in [(128, 4), (256, 4), (64, 2), (256, 8), (512, 8), (128, 2)]:
        if left() < 60:
            break
        try:
            r, _ = rate(block, warps, 10, 1)
        except Exception as e:
            emit(bench="triton-config", block=block, warps=warps, error=repr(e))
            continue
        emit(bench="triton-config", block=block, warps=warps, net_steps_per_s=f"{r:.3e}")
        if best is None or r > best[0]:
            best = (r, block, warps)
    if best is None:
        return
    _, block, warps = best
    k = max(1, min(250, steps))
    launches = max(1, steps // k)
    r, runner = rate(block, warps, k, launches)
    loss = runner.loss.float().cpu().numpy()
    quartiles = np.quantile(loss, [0.1, 0.5, 0.9]).tolist()
    emit(
        bench="triton-adam-float32",
        population=population,
        points=int(x.shape[0]),
        steps=k * launches,
        block=block,
        warps=warps,
        net_steps_per_s=f"{r:.3e}",
        target=5e8,
        ok=r >= 5e8,
        loss_quartiles=quartiles,
    )
    # the same through the public API, transfers and bookkeeping included
    if left() > 40:
        cuda_fused.BLOCK, cuda_fused.WARPS = block, warps
        xs, ys = lesson.GRID.values(), lesson.target(lesson.GRID.values())
        n_api = max(1, min(steps, 500))
        sync(torch, device)
        t0 = time.perf_counter()
        res = fit_population(
            pop,
            xs,
            ys,
            optimizer="adam",
            steps=n_api,
            tol=0.0,
            backend="torch",
            device=device,
            dtype="float32",
        )
        wall = time.perf_counter() - t0
        emit(
            bench="fit_population-float32",
            population=population,
            steps=n_api,
            seconds=round(wall, 2),
            net_steps_per_s=f"{population * n_api / wall:.3e}",
            median_mse=float(np.median(res.mse)),
        )


def eager(torch: Any, device: str, population: int, steps: int) -> None:
    """Batched autograd Adam, the usual PyTorch way."""
    from actlab import lesson

    g = torch.Generator(device="cpu").manual_seed(0)
    x = torch.as_tensor(lesson.GRID.values(), dtype=torch.float32, device=device)
    y = torch.as_tensor(lesson.target(lesson.GRID.values()), dtype=torch.float32, device=device)
    params = [
        (torch.rand(population, 3, generator=g) * 2 - 1).to(device).requires_grad_()
        for _ in range(2)
    ]
    params.append(((torch.rand(population, 3, generator=g) * 2 - 1) / 3**0.5).to(device))
    params[-1].requires_grad_()
    params.append(((torch.rand(population, generator=g) * 2 - 1) / 3**0.5).to(device))
    params[-1].requires_grad_()
    opt = torch.optim.Adam(params, lr=0.01)

    def step() -> None:
        w, b, c, d = params
        opt.zero_grad(set_to_none=True)
        a = torch.sigmoid(x[None, :, None] * w[:, None, :] + b[:, None, :])
        loss = (((a * c[:, None, :]).sum(-1) + d[:, None] - y) ** 2).mean(1).sum()
        loss.backward()
        opt.step()

    step()
    sync(torch, device)
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    sync(torch, device)
    r = population * steps / (time.perf_counter() - t0)
    emit(
        bench="torch-eager-autograd-float32",
        population=population,
        steps=steps,
        net_steps_per_s=f"{r:.3e}",
    )


def compiled(torch: Any, device: str, population: int, steps: int) -> None:
    """torch.compile of an analytic forward + backward + Adam step (no autograd)."""
    from actlab import lesson

    x = torch.as_tensor(lesson.GRID.values(), dtype=torch.float32, device=device)
    y = torch.as_tensor(lesson.target(lesson.GRID.values()), dtype=torch.float32, device=device)
    g = torch.Generator(device="cpu").manual_seed(0)
    theta = [(torch.rand(population, 3, generator=g) * 2 - 1).to(device) for _ in range(3)]
    theta.append((torch.rand(population, 1, generator=g) * 2 - 1).to(device))
    m = [torch.zeros_like(t) for t in theta]
    v = [torch.zeros_like(t) for t in theta]

    def step(theta: list, m: list, v: list, c1: Any, c2: Any) -> None:
        w, b, c, d = theta
        a = torch.sigmoid(x[None, :, None] * w[:, None, :] + b[:, None, :])
        r = (a * c[:, None, :]).sum(-1) + d - y
        rr = r[:, :, None] * (2.0 / x.shape[0])
        sd = rr * c[:, None, :] * a * (1 - a)
        grads = [
            (sd * x[None, :, None]).sum(1),
            sd.sum(1),
            (rr * a).sum(1),
            rr[:, :, 0].sum(1, keepdim=True),
        ]
        for p, mm, vv, gg in zip(theta, m, v, grads, strict=True):
            mm.mul_(0.9).add_(gg, alpha=0.1)
            vv.mul_(0.999).addcmul_(gg, gg, value=0.001)
            p.sub_(0.01 / c1 * mm / (vv.sqrt() / c2 + 1e-8))

    fn = torch.compile(step)
    # bias corrections as tensors: Python floats would be baked in, one compile per step
    c1s = torch.tensor([1 - 0.9**k for k in range(1, steps + 2)], device=device)
    c2s = torch.tensor([(1 - 0.999**k) ** 0.5 for k in range(1, steps + 2)], device=device)
    t0 = time.perf_counter()
    fn(theta, m, v, c1s[0], c2s[0])
    sync(torch, device)
    emit(bench="torch-compile-step", compile_s=round(time.perf_counter() - t0, 1))
    t0 = time.perf_counter()
    for k in range(1, steps + 1):
        fn(theta, m, v, c1s[k], c2s[k])
    sync(torch, device)
    r = population * steps / (time.perf_counter() - t0)
    emit(
        bench="torch-compile-float32",
        population=population,
        steps=steps,
        net_steps_per_s=f"{r:.3e}",
    )


def main() -> int:
    """Run every part that the budget and the machine allow."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--small", action="store_true", help="tiny sizes for a dry run")
    args = parser.parse_args()
    try:
        import numpy as np
        import torch
    except ImportError as e:
        emit(skipped=f"missing package: {e}")
        return 0
    info: dict[str, Any] = {"torch": torch.__version__, "numpy": np.__version__}
    try:
        import triton

        info["triton"] = triton.__version__
    except ImportError:
        info["triton"] = None
    if args.device.startswith("cuda"):
        if not torch.cuda.is_available():
            emit(skipped="no CUDA device", **info)
            return 0
        info["gpu"] = torch.cuda.get_device_name(0)
    emit(env=info, device=args.device)
    big = 2_000 if args.small else 1_000_000
    parts = [
        (check_float64, 8 if args.small else 64, 5 if args.small else 200),
        (throughput, big, 4 if args.small else 1000),
        (eager, big, 2 if args.small else 10),
        (compiled, big, 2 if args.small else 20),
    ]
    for fn, population, steps in parts:
        if left() < 25:
            emit(part=fn.__name__, skipped="time budget spent")
            continue
        try:
            fn(torch, args.device, population, steps)
        except Exception as e:
            emit(part=fn.__name__, error=repr(e), trace=traceback.format_exc(limit=4))
        finally:
            if args.device.startswith("cuda"):
                torch.cuda.empty_cache()
    emit(done=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
