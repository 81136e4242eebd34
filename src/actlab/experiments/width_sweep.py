"""``width-sweep``: error against the number of hidden neurons, per activation."""

from __future__ import annotations

import numpy as np

from .._stats import loglog_slope
from ..problem import Problem
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment
from .training import best_of

CLAIM = Claim(
    "width-sweep",
    en="More neurons approximate better — with a nonlinear, non-polynomial activation.",
    zh="神经元越多逼近越好——前提是激活函数非线性且不是多项式。",
)
TRAINED = ("identity", "square", "sigmoid", "tanh", "relu")


def _construct(method: str, width: int, x: np.ndarray, y: np.ndarray, fn) -> np.ndarray | None:
    """Output of a construction with ``width`` hidden neurons through uniform marked points."""
    from ..construct import relu_network, sigmoid_network

    if method == "construct-relu":
        xs = np.linspace(x[0], x[-1], width)
        if width < 2:
            return None
        return relu_network(xs, fn(xs))(x)
    xs = np.linspace(x[0], x[-1], width + 1)
    return sigmoid_network(xs, fn(xs))(x)


@experiment(CLAIM.name)
def width_sweep(*, size: str = "full", seed: int = 0) -> Result:
    """Best-of-restarts error vs width per activation, and for constructions."""
    check_size(size)
    targets = ["lesson", "sin"] if size == "small" else ["lesson", "sin", "runge"]
    widths = [1, 2, 4, 8] if size == "small" else [1, 2, 4, 8, 16, 32, 64]
    n_seeds = 4 if size == "small" else 8
    params = {"size": size, "seed": seed, "targets": targets, "widths": widths, "seeds": n_seeds}
    rows = []
    for name in targets:
        x, y = Problem.from_spec(name).train()
        from ..targets import resolve

        fn = resolve(name)
        for act in TRAINED:
            for width in widths:
                net, mse = best_of(width, 1, act, x, y, seed=seed, restarts=n_seeds)
                err = np.abs(net(x) - y).max()
                rows.append(_row(name, act, width, mse, float(err)))
        for method in ("construct-relu", "construct-sigmoid"):
            for width in widths:
                out = _construct(method, width, x, y, fn)
                if out is None:
                    continue
                err = out - y
                rows.append(
                    _row(name, method, width, float(np.mean(err**2)), float(np.abs(err).max()))
                )
    slopes = {}
    for name in targets:
        for method in (*TRAINED, "construct-relu", "construct-sigmoid"):
            sel = [r for r in rows if r["target"] == name and r["method"] == method]
            slopes[f"{name}/{method}"] = loglog_slope(
                [r["width"] for r in sel], [r["mse"] for r in sel]
            )
    flat = [slopes[f"{t}/{m}"] for t in targets for m in ("identity", "square")]
    falling = [slopes[f"{t}/{m}"] for t in targets for m in ("sigmoid", "tanh", "relu")]
    holds = bool(max(abs(s) for s in flat) < 0.2 and max(falling) < -0.5)
    mean_nl = float(np.median(falling))
    findings = {"slopes": slopes}
    text = {
        "en": (
            f"Identity and square networks stay flat (log-log slopes between {min(flat):.2f} and "
            f"{max(flat):.2f}: a line and a parabola, whatever the width), while sigmoid, tanh and "
            f"relu errors fall with width (median slope {mean_nl:.2f}, shallowest {max(falling):.2f})."
        ),
        "zh": (
            f"恒等和平方激活的网络误差不随宽度下降（双对数斜率在 {min(flat):.2f} 到 {max(flat):.2f}"
            f" 之间：再宽也只是直线和抛物线）；sigmoid、tanh、relu 的误差随宽度下降"
            f"（斜率中位数 {mean_nl:.2f}，最平缓 {max(falling):.2f}）。"
        ),
    }
    figure = {"rows": rows, "slopes": slopes}
    return CLAIM.result(params, rows, Verdict(holds, text), findings, figure)


def _row(target: str, method: str, width: int, mse: float, max_error: float) -> dict:
    return {"target": target, "method": method, "width": width, "mse": mse, "max_error": max_error}
