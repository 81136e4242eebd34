"""``depth``: deep-narrow vs shallow-wide relu networks at equal parameter counts."""

from __future__ import annotations

import numpy as np

from .. import score
from ..collapse import linear_pieces
from ..network import Network
from ..problem import Problem
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment
from .training import train_population

CLAIM = Claim(
    "depth",
    en="More neurons and more layers let a network follow a more complex curve.",
    zh="更多的神经元和更多的层，能让网络贴合更复杂的曲线。",
)


def shallow_width(parameters: int) -> int:
    """Width of a one-hidden-layer network with about ``parameters`` parameters (3w + 1)."""
    return max(1, round((parameters - 1) / 3))


@experiment(CLAIM.name)
def depth(*, size: str = "full", seed: int = 0) -> Result:
    """Linear pieces (random and trained) and error of deep vs shallow relu networks."""
    check_size(size)
    shapes = [(4, 2), (4, 3)] if size == "small" else [(4, 2), (4, 3), (6, 3), (8, 3), (8, 4)]
    n_seeds = 4 if size == "small" else 16
    target = "complex"
    params = {"size": size, "seed": seed, "shapes": shapes, "seeds": n_seeds, "target": target}
    x, y = Problem.from_spec(target, points=401).train()
    rows = []
    for width, layers in shapes:
        deep_widths = [width] * layers
        n_params = Network.init(deep_widths, activation="relu", seed=0).n_parameters
        wide = shallow_width(n_params)
        for label, widths in (("deep", deep_widths), ("shallow", [wide])):
            seeds = [seed * 31337 + i for i in range(n_seeds)]
            start = Network.init(widths, activation="relu", seed=seeds)
            init_pieces = [linear_pieces(start[p]).count for p in range(n_seeds)]
            pop = train_population(widths, len(widths), "relu", seeds, x, y, start=start)
            mse = score.mse(pop(x), y)
            best = int(np.argmin(mse))
            rows.append(
                {
                    "shape": "-".join(map(str, [1, *widths, 1])),
                    "kind": label,
                    "parameters": pop.n_parameters,
                    "init_pieces_median": float(np.median(init_pieces)),
                    "init_pieces_max": int(max(init_pieces)),
                    "trained_pieces": linear_pieces(pop[best]).count,
                    "best_mse": float(mse[best]),
                    "median_mse": float(np.median(mse)),
                }
            )
    deep = [r for r in rows if r["kind"] == "deep"]
    shallow = [r for r in rows if r["kind"] == "shallow"]
    wins = sum(d["best_mse"] < s["best_mse"] for d, s in zip(deep, shallow, strict=True))
    more_pieces = sum(
        d["init_pieces_max"] > s["init_pieces_max"] for d, s in zip(deep, shallow, strict=True)
    )
    holds = bool(min(r["best_mse"] for r in rows) < rows[0]["best_mse"])
    findings = {"deep_wins": wins, "deep_more_pieces": more_pieces, "budgets": len(deep)}
    text = {
        "en": (
            f"At equal parameter counts, deep-narrow relu networks cut the line into more pieces "
            f"in {more_pieces} of {len(deep)} budgets at initialisation, and reach the lower "
            f"error in {wins} of {len(deep)} after training on the '{target}' curve; the best "
            f"error falls from {rows[0]['best_mse']:.2e} to {min(r['best_mse'] for r in rows):.2e} "
            f"as the budget grows."
        ),
        "zh": (
            f"参数量相同时，深而窄的 relu 网络在 {len(deep)} 个预算中有 {more_pieces} 个在初始化时"
            f"切出更多线性段，训练后（曲线 '{target}'）有 {wins} 个误差更低；随着预算增大，"
            f"最好误差从 {rows[0]['best_mse']:.2e} 降到 {min(r['best_mse'] for r in rows):.2e}。"
        ),
    }
    return CLAIM.result(params, rows, Verdict(holds, text), findings, figure={"rows": rows})
