"""``redundant-neuron``: does a third sigmoid neuron really "learn its parameters to 0"?"""

from __future__ import annotations

import numpy as np

from ..network import Network
from ._common import contribution_sizes, lesson_data, mse_of, train_population
from .base import Result, Verdict, check_size, experiment

CLAIM = {
    "en": "Two sigmoid neurons suffice; a third would learn its parameters to 0, as if absent.",
    "zh": "两个 sigmoid 神经元就够了；第三个神经元会把参数学成 0，相当于不存在。",
}
NEGLIGIBLE = 0.01  # a contribution under 1% of the target's range


def prune_weakest(net: Network, x: np.ndarray) -> Network:
    """Drop the weakest last-hidden neuron of a one-hidden-layer network.

    Its contribution is replaced by its mean over ``x`` (added to the output
    bias): the best constant stand-in, so the cost measured is that of the shape.
    """
    sizes = contribution_sizes(net, x)
    k = int(np.argmin(sizes))
    keep = [i for i in range(net.widths[0]) if i != k]
    contrib = net.contributions(x)[:, k]
    w, b = net.weights[0][keep], net.biases[0][keep]
    c = net.weights[1][:, keep]
    c0 = net.biases[1] + contrib.mean()
    return Network([w, c], [b, c0], net.activations)


@experiment("redundant-neuron")
def redundant_neuron(*, size: str = "full", seed: int = 0) -> Result:
    """Train many width-3 sigmoid networks; measure each neuron's contribution and pruning."""
    check_size(size)
    x, y = lesson_data()
    n = 60 if size == "small" else 1000
    seeds3 = [seed * 1_000_003 + i for i in range(n)]
    seeds2 = [seed * 1_000_003 + n + i for i in range(max(20, n // 10))]
    pop3 = train_population(3, 1, "sigmoid", seeds3, x, y, optimizer="lm")
    pop2 = train_population(2, 1, "sigmoid", seeds2, x, y, optimizer="lm")
    mse3 = mse_of(pop3, x, y)
    mse2 = mse_of(pop2, x, y)
    best2, best3 = float(mse2.min()), float(mse3.min())
    target_range = float(y.max() - y.min())
    rel = np.sort(contribution_sizes(pop3, x) / target_range, axis=-1)  # (n, 3) ascending
    rows = []
    pruned = np.empty(n)
    for p in range(n):
        pruned[p] = float(mse_of(prune_weakest(pop3[p], x), x, y))
        rows.append(
            {
                "seed": seeds3[p],
                "mse": float(mse3[p]),
                "weakest": float(rel[p, 0]),
                "middle": float(rel[p, 1]),
                "strongest": float(rel[p, 2]),
                "pruned_mse": float(pruned[p]),
            }
        )
    negligible = rel[:, 0] < NEGLIGIBLE
    at_opt = mse3 <= best3 * 1.01
    frac_neg = float(negligible.mean())
    frac_neg_opt = float(negligible[at_opt].mean()) if at_opt.any() else float("nan")
    gain = 1.0 - best3 / best2
    cost = float(np.median(pruned[at_opt] / mse3[at_opt])) if at_opt.any() else float("nan")
    holds: bool | None
    if frac_neg >= 0.5 and gain < 0.05:
        holds = True
    elif frac_neg < 0.1 and gain > 0.05:
        holds = False
    else:
        holds = None
    lead = {True: "The claim holds", False: "The claim is wrong", None: "The claim is half true"}
    lead_zh = {True: "说法成立", False: "说法不成立", None: "说法只对一半"}
    text = {
        "en": (
            f"{lead[holds]}: in {frac_neg:.1%} of {n} trained width-3 networks a neuron is "
            f"negligible (< {NEGLIGIBLE:.0%} of the target's range); the width-3 optimum "
            f"(MSE {best3:.6f}) is {gain:.0%} below the width-2 optimum ({best2:.6f}), so the "
            f"third neuron is used, and pruning the weakest neuron of an optimal network "
            f"multiplies its MSE by {cost:.1f} (median)."
        ),
        "zh": (
            f"{lead_zh[holds]}：{n} 个训练好的 3 神经元网络中，{frac_neg:.1%} 有一个可忽略的神经元"
            f"（贡献小于目标值域的 {NEGLIGIBLE:.0%}）；3 个神经元的最优 MSE（{best3:.6f}）比 2 个的"
            f"（{best2:.6f}）低 {gain:.0%}，第三个神经元被用上了；剪掉最优网络里最弱的神经元，"
            f"MSE 变为原来的 {cost:.1f} 倍（中位数）。"
        ),
    }
    return Result(
        name="redundant-neuron",
        claim=CLAIM,
        params={"size": size, "seed": seed, "networks": n, "threshold": NEGLIGIBLE},
        columns=["seed", "mse", "weakest", "middle", "strongest", "pruned_mse"],
        rows=rows,
        verdict=Verdict(holds, text),
        findings={
            "networks": n,
            "fraction_negligible": frac_neg,
            "fraction_negligible_at_optimum": frac_neg_opt,
            "fraction_at_optimum": float(at_opt.mean()),
            "width2_optimum_mse": best2,
            "width3_optimum_mse": best3,
            "improvement": gain,
            "median_pruning_cost": cost,
        },
        figure={"weakest": rel[:, 0], "threshold": NEGLIGIBLE, "best": pop3[int(np.argmin(mse3))]},
    )
