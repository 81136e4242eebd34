#!/usr/bin/env python3
"""Run actlab against scikit-learn and PyTorch side by side and write benchmarks/RESULTS.md.

    python benchmarks/run.py            # the full run (about 10 minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes, a smoke check (about a minute)

Part (a): time to accuracy on the lesson's target (widths 2, 3, 8; 20 seeds).
Part (b): population throughput (10,000 width-3 networks × 2,000 Adam steps).
GPU results, if ``benchmarks/gpu_results.jsonl`` exists (the output of
``gpu_population.py``), are copied into the report.
"""

from __future__ import annotations

import argparse
import datetime
import json
import time
from pathlib import Path
from typing import Any

import bench_fit
import bench_population
from _common import machine

HERE = Path(__file__).resolve().parent


def log(text: str) -> None:
    """Progress on stdout, flushed."""
    print(text, flush=True)


def fit_verdicts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per width and scikit-learn lbfgs setting: how much faster actlab's default fit is.

    ``speedup`` compares median times per fit; ``per_success`` compares the expected
    time to reach the target (median time / success rate, i.e. restarting until it
    succeeds). The issue's target is judged against lbfgs run to convergence, the
    setting that matches its peer numbers (about 0.055 s per fit, about half the seeds).
    """
    out = []
    for width in sorted({r["width"] for r in rows}):
        ours = next(
            (r for r in rows if r["width"] == width and r["method"].startswith("actlab (lm")), None
        )
        if ours is None:
            continue
        for peer in rows:
            if peer["width"] != width or not peer["method"].startswith("scikit-learn lbfgs"):
                continue
            ratio = peer["median_s"] / ours["median_s"]
            ours_per = ours["median_s"] / ours["success"] if ours["success"] else float("inf")
            peer_per = peer["median_s"] / peer["success"] if peer["success"] else float("inf")
            out.append(
                {
                    "width": width,
                    "peer": peer["method"],
                    "target": peer["method"] == "scikit-learn lbfgs",
                    "speedup": ratio,
                    "per_success": peer_per / ours_per,
                    "fast": ratio >= 10,
                    "reliable": ours["success"] >= 0.99,
                }
            )
    return out


def markdown(
    info: dict[str, str],
    args: argparse.Namespace,
    fits: list[dict[str, Any]],
    pops: list[dict[str, Any]],
    dist: dict[str, float] | None,
    seconds: float,
) -> str:
    """The report."""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# actlab benchmarks",
        "",
        f"Written by `python benchmarks/run.py{' --quick' if args.quick else ''}` on {now}, "
        f"every number below from that one run ({seconds / 60:.1f} minutes), peers side by side.",
        "Timings on a shared machine are noisy; ratios within one run are what to compare.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in info.items()],
        "",
        f"## (a) Time to accuracy on the lesson's target ({args.seeds} seeds)",
        "",
        "201 points on [−2, 6], one hidden sigmoid layer. Success: MSE within 1% of the",
        "best-known optimum (width 2: 0.0075280, width 3: 0.0027674) or ≤ 1e-3 (width 8).",
        "Time: median seconds per fit, restarts included (actlab's default fit keeps the best",
        "of 4 starts: the network given, one data-driven start and two jittered ones).",
        "Settings: actlab defaults (Levenberg–Marquardt); scikit-learn MLPRegressor lbfgs with",
        "tol 1e-10 and up to 5000 iterations (its default tol stops on plateaus), adam with lr",
        "0.01 and up to 2000 epochs; PyTorch float64, LBFGS (strong Wolfe, up to 1000",
        "iterations) and Adam (lr 0.01, 3000 steps). Thread counts left at their defaults.",
        "",
        "| width | method | median time | success | median MSE | worst MSE |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in fits:
        lines.append(
            f"| {r['width']} | {r['method']} | {r['median_s'] * 1e3:.2f} ms | "
            f"{100 * r['success']:.0f}% | {r['median_mse']:.7f} | {r['worst_mse']:.7f} |"
        )
    lines += [
        "",
        "Target: actlab's default fit successful from ≥ 99% of seeds and ≥ 10× faster (median "
        "time per fit) than scikit-learn lbfgs run to convergence — the setting that matches "
        "the issue's peer numbers. scikit-learn at its defaults is listed too: faster per fit "
        "but it stops early on plateaus, so 'per success' (median time ÷ success rate, the "
        "expected time when restarting until the optimum is reached) is the fair comparison "
        "there.",
        "",
        "| width | compared with | speed-up per fit | per success | actlab ≥ 99% | target |",
        "|---:|---|---:|---:|:---:|---|",
    ]
    for v in fit_verdicts(fits):
        ok = ("met" if v["fast"] and v["reliable"] else "NOT met") if v["target"] else "—"
        lines.append(
            f"| {v['width']} | {v['peer']} | {v['speedup']:.1f}× | {_times(v['per_success'])} | "
            f"{'yes' if v['reliable'] else 'no'} | {ok} |"
        )
    lines += [
        "",
        f"## (b) Population throughput ({args.population} networks × {args.steps} Adam steps)",
        "",
        "Width-3 sigmoid networks, 201 points, full batch, Adam lr 0.01, all from the same",
        "starting weights. Slow methods ran on fewer networks; networks/s is per network.",
        "",
        "| method | networks | networks/s | MSE q10 | MSE median | MSE q90 | at optimum |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in pops:
        lines.append(
            f"| {r['method']} | {r['networks']} | {r['networks_per_s']:.1f} | "
            f"{r['mse_q10']:.5f} | {r['mse_median']:.5f} | {r['mse_q90']:.5f} | "
            f"{100 * r['at_optimum']:.1f}% |"
        )
    ours = next((r for r in pops if r["method"].startswith("actlab fused kernel, float32")), None)
    peer = next((r for r in pops if r["method"] == "pytorch batched, float32"), None)
    if ours and peer:
        ratio = ours["networks_per_s"] / peer["networks_per_s"]
        lines += [
            "",
            f"actlab float32 kernel vs batched PyTorch float32: **{ratio:.1f}×** "
            f"(target ≥ 2×: {'met' if ratio >= 2 else 'NOT met'}).",
        ]
    if dist:
        lines += [
            f"Same final-MSE distribution: per network, the median relative difference between "
            f"actlab's and PyTorch's final MSE is {dist['median_rel_diff']:.2e}, and "
            f"{100 * dist['share_within_1pct']:.1f}% of networks end within 1% of each other "
            f"(medians {dist['median_a']:.5f} and {dist['median_b']:.5f}).",
        ]
    lm = next((r for r in pops if "Marquardt" in r["method"]), None)
    if lm:
        adam = ours["at_optimum"] if ours else float("nan")
        lines += [
            "'At optimum': share of networks within 1% of the width-3 optimum 0.0027674. "
            f"Levenberg–Marquardt (≤ 200 iterations) brings {100 * lm['at_optimum']:.1f}% of "
            f"the same starts there, {args.steps} Adam steps {100 * adam:.1f}%; the other "
            "networks sit in local minima (about 0.27) from which neither escapes."
        ]
    gpu = HERE / "gpu_results.jsonl"
    if gpu.exists():
        lines += ["", *gpu_section(gpu.read_text())]
    return "\n".join(lines) + "\n"


def gpu_section(text: str) -> list[str]:
    """A summary table of ``gpu_population.py``'s JSON lines, then the lines themselves."""
    records = [json.loads(ln) for ln in text.splitlines() if ln.strip().startswith("{")]
    env = next((r["env"] for r in records if "env" in r), {})
    out = [
        "## GPU (a separate run of `python3 benchmarks/gpu_population.py`)",
        "",
        f"{env.get('gpu', 'GPU')}, torch {env.get('torch', '?')}, triton {env.get('triton', '?')}.",
        "Width-3 sigmoid networks, 201 points, Adam, float32, P = 10^6 (target ≥ 5·10^8",
        "network-steps/s; a JAX vmap + scan reference reached 4.8·10^8 on an H200).",
        "",
        "| what | network-steps/s |",
        "|---|---:|",
    ]
    names = {
        "triton-adam-float32": "actlab fused Triton kernel",
        "fit_population-float32": "actlab `fit_population(backend='torch', device='cuda')`",
        "torch-eager-autograd-float32": "PyTorch eager, batched autograd + torch.optim.Adam",
        "torch-compile-float32": "PyTorch torch.compile of an analytic fused step",
    }
    for r in records:
        if r.get("bench") in names:
            out.append(f"| {names[r['bench']]} | {float(r['net_steps_per_s']):.3g} |")
    for r in records:
        if "check" in r and "max_rel_diff" in r:
            out.append("")
            out.append(
                f"CUDA vs CPU numpy, float64, {r['population']} networks × {r['steps']} "
                f"steps ({r['check']}): largest relative difference "
                f"{r['max_rel_diff']:.1e} ({'ok' if r['ok'] else 'NOT ok'}, bound 1e-8)."
            )
    out += ["", "```", *[ln for ln in text.splitlines() if ln.strip()], "```"]
    return out


def _times(ratio: float) -> str:
    """``12.3×``; a peer that never succeeds has no finite time per success."""
    if ratio != ratio or ratio == float("inf"):
        return "∞ (peer never succeeds)"
    return f"{ratio:.1f}×"


def _jsonable(value: Any) -> Any:
    """numpy values in the raw results, as JSON."""
    return value.tolist() if hasattr(value, "tolist") else str(value)


def main() -> int:
    """Run both parts and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke check")
    parser.add_argument("--seeds", type=int, help="seeds per width (default 20; quick 3)")
    parser.add_argument("--population", type=int, help="networks (default 10000; quick 200)")
    parser.add_argument("--steps", type=int, help="Adam steps (default 2000; quick 200)")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"), help="report path")
    args = parser.parse_args()
    args.seeds = args.seeds or (3 if args.quick else 20)
    args.population = args.population or (200 if args.quick else 10_000)
    args.steps = args.steps or (200 if args.quick else 2000)
    small = min(args.population, 100 if args.quick else 1000)
    start = time.perf_counter()
    info = machine()
    log(json.dumps(info))
    log(f"(a) time to accuracy, {args.seeds} seeds")
    fits = bench_fit.run((2, 3, 8), args.seeds, list(bench_fit.METHODS), log)
    for v in fit_verdicts(fits):
        log(
            f"  width {v['width']}: actlab default is {v['speedup']:.1f}× faster than "
            f"{v['peer']} ({_times(v['per_success'])} per success); reliable: {v['reliable']}"
        )
    log(f"(b) population throughput, {args.population} networks × {args.steps} Adam steps")
    pops = bench_population.run(args.population, args.steps, small, log)
    ours = next((r for r in pops if r["method"].startswith("actlab fused kernel, float32")), None)
    peer = next((r for r in pops if r["method"] == "pytorch batched, float32"), None)
    dist = None
    if ours and peer:
        ratio = ours["networks_per_s"] / peer["networks_per_s"]
        log(f"  actlab float32 / pytorch batched: {ratio:.2f}×")
        dist = bench_population.same_distribution(ours["mse"], peer["mse"])
        log(f"  final-MSE agreement: {json.dumps(dist)}")
    seconds = time.perf_counter() - start
    raw = {"info": info, "fits": fits, "pops": pops, "dist": dist, "seconds": seconds}
    (HERE / "results.json").write_text(json.dumps(raw, default=_jsonable, indent=1) + "\n")
    Path(args.out).write_text(markdown(info, args, fits, pops, dist, seconds), encoding="utf-8")
    log(f"wrote {args.out} ({seconds / 60:.1f} minutes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
