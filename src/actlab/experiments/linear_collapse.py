"""``linear-collapse``: deep and wide identity networks all stop at the best line's floor."""

from __future__ import annotations

import numpy as np

from .. import score
from ..collapse import best_line, fold_linear
from ..problem import Problem
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment
from .training import train_population

CLAIM = Claim(
    "linear-collapse",
    en="Without activations a network is a single line, however many layers and neurons.",
    zh="没有激活函数，无论多少层、多少神经元，网络都只是一条直线。",
)


@experiment(CLAIM.name)
def linear_collapse(*, size: str = "full", seed: int = 0) -> Result:
    """Identity networks of many shapes trained on the lesson's target vs the best line."""
    check_size(size)
    x, y = Problem.lesson().train()
    floor = best_line(x, y)
    depths = [1, 2, 3] if size == "small" else [1, 2, 3, 4, 6]
    widths = [1, 3, 8]
    n_seeds = 3 if size == "small" else 5
    seeds = [seed * 1000 + i for i in range(n_seeds)]
    params = {"size": size, "seed": seed, "depths": depths, "widths": widths, "seeds": n_seeds}
    rows = []
    for depth in depths:
        for width in widths:
            pop = train_population(width, depth, "identity", seeds, x, y, optimizer="lm")
            mse = score.mse(pop(x), y)
            best = int(np.argmin(mse))
            line = fold_linear(pop[best])
            rows.append(
                {
                    "depth": depth,
                    "width": width,
                    "parameters": pop.n_parameters,
                    "best_mse": float(mse.min()),
                    "median_mse": float(np.median(mse)),
                    "floor_mse": floor.mse,
                    "a": line.a,
                    "b": line.b,
                }
            )
    gaps = np.array([r["best_mse"] - floor.mse for r in rows])
    below = float(gaps.min())
    worst = float(np.max(np.abs(gaps)))
    tol = 1e-9 * max(1.0, floor.mse)
    holds = bool(below >= -tol)
    reached = int(np.sum(np.abs(gaps) <= 1e-6))
    findings = {"floor": floor.to_dict(), "lowest_gap": below, "largest_gap": worst}
    text = {
        "en": (
            f"All {len(rows)} shapes (up to depth {max(depths)}, width {max(widths)}, "
            f"{max(r['parameters'] for r in rows)} parameters) end at a line; none goes below "
            f"the best line's MSE {floor.mse:.5f} (lowest gap {below:.2e}); "
            f"{reached} of {len(rows)} reach it to 1e-6 (largest gap {worst:.2e})."
        ),
        "zh": (
            f"全部 {len(rows)} 种结构（最深 {max(depths)} 层、最宽 {max(widths)}、"
            f"最多 {max(r['parameters'] for r in rows)} 个参数）训练后都是一条直线；"
            f"没有一个低于最佳直线的 MSE {floor.mse:.5f}（最小差 {below:.2e}）；"
            f"{reached}/{len(rows)} 在 1e-6 内达到它（最大差 {worst:.2e}）。"
        ),
    }
    if not holds:
        text = {
            "en": f"A linear network went below the best line by {-below:.2e}: check the solver.",
            "zh": f"有线性网络比最佳直线低 {-below:.2e}：请检查求解器。",
        }
    figure = {"x": x, "y": y, "floor": floor.to_dict()}
    return CLAIM.result(params, rows, Verdict(holds, text), findings, figure)
