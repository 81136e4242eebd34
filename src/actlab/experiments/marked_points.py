"""``marked-points``: mark more points on a harder curve, use more neurons, fit better."""

from __future__ import annotations

import numpy as np

from .._stats import loglog_slope
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment
from .training import train_population

CLAIM = Claim(
    "marked-points",
    en="A harder curve is fitted by marking points on it and using more neurons.",
    zh="更复杂的曲线，只要在上面多取一些点、用更多神经元，就能拟合。",
)
TARGET = "complex"


@experiment(CLAIM.name)
def marked_points(*, size: str = "full", seed: int = 0) -> Result:
    """Error vs number of marked points for relu/sigmoid constructions, then trained from them."""
    from ..construct import relu_network, sigmoid_network
    from ..targets import resolve

    check_size(size)
    target = resolve(TARGET)
    x = np.linspace(*target.domain, 401)
    y = target(x)
    counts = [4, 8, 16] if size == "small" else [4, 6, 8, 12, 16, 24, 32, 48, 64]
    params = {"size": size, "seed": seed, "target": TARGET, "counts": counts}
    rows = []
    for n in counts:
        xs = np.linspace(*target.domain, n)
        for act, build in (("relu", relu_network), ("sigmoid", sigmoid_network)):
            net = build(xs, target(xs))
            err = net(x) - y
            trained = train_population(
                net.widths, 1, act, [seed], x, y, optimizer="lm", start=_as_population(net)
            )[0]
            terr = trained(x) - y
            rows.append(
                {
                    "points": n,
                    "activation": act,
                    "neurons": net.widths[0],
                    "construct_mse": float(np.mean(err**2)),
                    "construct_max_error": float(np.abs(err).max()),
                    "trained_mse": float(np.mean(terr**2)),
                }
            )
    slopes = {
        a: loglog_slope(
            [r["points"] for r in rows if r["activation"] == a],
            [r["construct_mse"] for r in rows if r["activation"] == a],
        )
        for a in ("relu", "sigmoid")
    }
    improved = float(np.mean([r["trained_mse"] <= r["construct_mse"] * 1.000001 for r in rows]))
    holds = bool(max(slopes.values()) < -1.0)
    findings = {"slopes": slopes, "fraction_improved_by_training": improved}
    first = {a: next(r for r in rows if r["activation"] == a) for a in slopes}
    last = {a: [r for r in rows if r["activation"] == a][-1] for a in slopes}
    text = {
        "en": (
            f"On the harder curve, going from {counts[0]} to {counts[-1]} marked points takes the "
            f"relu construction's MSE from {first['relu']['construct_mse']:.2e} to "
            f"{last['relu']['construct_mse']:.2e} (log-log slope {slopes['relu']:.2f}) and the "
            f"sigmoid one's from {first['sigmoid']['construct_mse']:.2e} to "
            f"{last['sigmoid']['construct_mse']:.2e} (slope {slopes['sigmoid']:.2f}); training "
            f"from the construction lowers the error further in {improved:.0%} of cases."
        ),
        "zh": (
            f"在更复杂的曲线上，标记点从 {counts[0]} 个增加到 {counts[-1]} 个，relu 构造的 MSE 从 "
            f"{first['relu']['construct_mse']:.2e} 降到 {last['relu']['construct_mse']:.2e}"
            f"（双对数斜率 {slopes['relu']:.2f}），sigmoid 构造从 "
            f"{first['sigmoid']['construct_mse']:.2e} 降到 {last['sigmoid']['construct_mse']:.2e}"
            f"（斜率 {slopes['sigmoid']:.2f}）；以构造为起点再训练，{improved:.0%} 的情况误差进一步下降。"
        ),
    }
    figure = {"rows": rows, "target": TARGET}
    return CLAIM.result(params, rows, Verdict(holds, text), findings, figure)


def _as_population(net):
    from ..network import Network

    return Network.stack([net])
