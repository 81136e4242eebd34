"""``redundant-neuron``: does a third sigmoid neuron really "learn its parameters to 0"?"""

from __future__ import annotations

import numpy as np

from ..network import Network
from ..problem import Problem
from ..score import NEGLIGIBLE, contribution_sizes, mse, negligible
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment
from .training import train_population

CLAIM = Claim(
    "redundant-neuron",
    en="Two sigmoid neurons suffice; a third would learn its parameters to 0, as if absent.",
    zh="两个 sigmoid 神经元就够了；第三个神经元会把参数学成 0，相当于不存在。",
)


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


@experiment(CLAIM.name)
def redundant_neuron(*, size: str = "full", seed: int = 0) -> Result:
    """Train many width-3 sigmoid networks; measure each neuron's contribution and pruning."""
    check_size(size)
    x, y = Problem.lesson().train()
    n = 60 if size == "small" else 1000
    params = {"size": size, "seed": seed, "networks": n, "threshold": NEGLIGIBLE}
    seeds3 = [seed * 1_000_003 + i for i in range(n)]
    seeds2 = [seed * 1_000_003 + n + i for i in range(max(20, n // 10))]
    pop3 = train_population(3, 1, "sigmoid", seeds3, x, y, optimizer="lm")
    pop2 = train_population(2, 1, "sigmoid", seeds2, x, y, optimizer="lm")
    mse3 = mse(pop3(x), y)
    mse2 = mse(pop2(x), y)
    best2, best3 = float(mse2.min()), float(mse3.min())
    target_range = float(y.max() - y.min())
    sizes = contribution_sizes(pop3, x)  # (n, 3)
    rel = np.sort(sizes / target_range, axis=-1)  # ascending: rel[:, 0] is the weakest
    weak = negligible(sizes, target_range).any(axis=-1)
    at_opt = mse3 <= best3 * 1.01
    like2 = ~at_opt & (np.abs(mse3 - best2) <= 0.01 * best2)
    outcome = np.where(at_opt, "optimum", np.where(like2, "two-neuron fit", "other minimum"))
    rows = []
    pruned = np.empty(n)
    for p in range(n):
        pruned[p] = mse(prune_weakest(pop3[p], x)(x), y)
        rows.append(
            {
                "seed": seeds3[p],
                "mse": float(mse3[p]),
                "outcome": str(outcome[p]),
                "weakest": float(rel[p, 0]),
                "middle": float(rel[p, 1]),
                "strongest": float(rel[p, 2]),
                "pruned_mse": float(pruned[p]),
            }
        )
    frac_neg = float(weak.mean())
    frac_opt = float(at_opt.mean())
    frac_neg_opt = float(weak[at_opt].mean()) if at_opt.any() else float("nan")
    weakest_opt = float(rel[at_opt, 0].min()) if at_opt.any() else float("nan")
    stuck_mse = float(np.median(mse3[weak])) if weak.any() else float("nan")
    gain = 1.0 - best3 / best2
    cost = float(np.median(pruned[at_opt] / mse3[at_opt])) if at_opt.any() else float("nan")
    holds: bool | None
    if frac_neg_opt >= 0.5 and gain < 0.05:
        holds = True
    elif frac_neg_opt < 0.1 and gain > 0.05:
        holds = False
    else:
        holds = None
    findings = {
        "networks": n,
        "fraction_negligible": frac_neg,
        "fraction_negligible_at_optimum": frac_neg_opt,
        "fraction_at_optimum": frac_opt,
        "fraction_two_neuron_fit": float(like2.mean()),
        "weakest_at_optimum": weakest_opt,
        "median_mse_with_negligible_neuron": stuck_mse,
        "width2_optimum_mse": best2,
        "width3_optimum_mse": best3,
        "improvement": gain,
        "median_pruning_cost": cost,
    }
    lead = {True: "The claim holds", False: "The claim is wrong", None: "The claim is half true"}
    lead_zh = {True: "说法成立", False: "说法不成立", None: "说法只对一半"}
    text = {
        "en": (
            f"{lead[holds]}. The best width-3 network (MSE {best3:.6f}) is {gain:.0%} better than "
            f"the best width-2 one ({best2:.6f}), and in every run that reached it "
            f"({frac_opt:.1%} of {n}) all three neurons matter: the weakest still moves the "
            f"output by {weakest_opt:.0%} of the target's range or more, and pruning it multiplies "
            f"the MSE by {cost:.0f} (median). A neuron that looks 'learned to 0' (under "
            f"{NEGLIGIBLE:.0%}) appears only in runs stuck away from the optimum — {frac_neg:.1%} "
            f"of all runs, median MSE {stuck_mse:.4f}."
        ),
        "zh": (
            f"{lead_zh[holds]}。最好的 3 神经元网络（MSE {best3:.6f}）比最好的 2 神经元网络"
            f"（{best2:.6f}）好 {gain:.0%}；在所有达到它的训练中（{n} 次中的 {frac_opt:.1%}），"
            f"三个神经元都有用：最弱的一个仍能把输出移动目标值域的 {weakest_opt:.0%} 以上，剪掉它"
            f"会让 MSE 变为 {cost:.0f} 倍（中位数）。看起来“学成 0”的神经元（贡献低于 "
            f"{NEGLIGIBLE:.0%}）只出现在没有到达最优解、卡在别处的训练里——占全部的 {frac_neg:.1%}，"
            f"它们的 MSE 中位数为 {stuck_mse:.4f}。"
        ),
    }
    figure = {
        # values far below the threshold are drawn at 1e-6: their exact size says nothing
        "weakest": np.maximum(rel[:, 0], 1e-6),
        "threshold": NEGLIGIBLE,
        "best": pop3[int(np.argmin(mse3))],
    }
    return CLAIM.result(params, rows, Verdict(holds, text), findings, figure)
