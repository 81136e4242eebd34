"""``spiral-depth``: on the spiral, accuracy against width and depth at equal parameter counts."""

from __future__ import annotations

import numpy as np

from ..network import Network
from ..problem import Problem
from ._classify import population_accuracy
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment

CLAIM = Claim(
    "spiral-depth",
    en="At an equal number of parameters, deeper tanh networks classify the spiral better "
    "than one wide layer.",
    zh="参数数目相同时，更深的 tanh 网络比单个宽层更能分开螺旋数据。",
)
#: (width, depth) of about 100 parameters each: 101, 105, 109, 111
SHAPES = ((25, 1), (8, 2), (6, 3), (5, 4))


@experiment(CLAIM.name)
def spiral_depth(*, size: str = "full", seed: int = 0) -> Result:
    """Tanh networks of about 100 parameters, one to four layers, on the Playground's spiral."""
    check_size(size)
    points = 200 if size == "small" else 500
    n_seeds = 2 if size == "small" else 10
    steps = 100 if size == "small" else 300
    seeds = [seed * 10_000 + i for i in range(n_seeds)]
    params = {"size": size, "seed": seed, "points": points, "seeds": n_seeds, "steps": steps}
    x, y = Problem.from_spec("spiral", points=points, seed=seed).train()
    rows = []
    for width, depth in SHAPES:
        acc = population_accuracy(width, depth, "tanh", seeds, x, y, steps=steps)
        n_params = Network.init(width, depth, "tanh", inputs=2, seed=0).n_parameters
        rows.append({"width": width, "depth": depth, "parameters": n_params,
                     "best_accuracy": float(acc.max()), "median_accuracy": float(np.median(acc)),
                     "reached_99": float(np.mean(acc >= 0.99))})  # fmt: skip
    shallow = rows[0]["median_accuracy"]
    deep = max(r["median_accuracy"] for r in rows[1:])
    best = max(rows, key=lambda r: (r["median_accuracy"], -r["depth"]))
    holds: bool | None = True if deep > shallow + 0.02 else (False if deep < shallow else None)
    findings = {"shallow_median": shallow, "deep_median": deep}
    text = {
        "en": (
            f"With about 100 parameters, one layer of 25 reaches a median {100 * shallow:.1f}% "
            f"and the best deeper shape a median {100 * deep:.1f}%; best: depth {best['depth']}, "
            f"width {best['width']} ({n_seeds} seeds, {points} points)."
        ),
        "zh": (
            f"约 100 个参数时，25 个神经元的单层中位准确率 {100 * shallow:.1f}%，更深结构中最好的中位 "
            f"{100 * deep:.1f}%；最佳：深度 {best['depth']}、宽度 {best['width']}（{n_seeds} 个种子，{points} 个点）。"
        ),
    }
    return CLAIM.result(params, rows, Verdict(holds, text), findings)
