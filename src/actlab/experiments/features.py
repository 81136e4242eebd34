"""``features-vs-activations``: hand-made features let a line bend; activations learn them."""

from __future__ import annotations

from ..collapse.classifier import linear_floor
from ..problem import Problem
from ..targets.features import FEATURES, Features
from ._classify import population_accuracy
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment

CLAIM = Claim(
    "features-vs-activations",
    en="A linear model on raw inputs cannot separate the circle or the spiral; on the "
    "Playground's hand-made features (x1², x2², …) a linear model separates the circle, and "
    "a network with activations learns such features itself.",
    zh="原始输入上的线性模型分不开圆形和螺旋数据；用 Playground 的手工特征（x1²、x2² 等），线性模型就能分开圆形，"
    "而带激活函数的网络会自己学出这样的特征。",
)
SQUARES = ("x1^2", "x2^2")


@experiment(CLAIM.name)
def features_vs_activations(*, size: str = "full", seed: int = 0) -> Result:
    """Circle and spiral: logistic regression on raw inputs, on the squares, on all seven
    Playground features, and tanh networks on raw inputs."""
    check_size(size)
    points = 200 if size == "small" else 500
    n_seeds = 4 if size == "small" else 10
    seeds = [seed * 10_000 + i for i in range(n_seeds)]
    params = {"size": size, "seed": seed, "points": points, "seeds": n_seeds}
    shapes = {"circle": (4, 1), "spiral": (8, 2)}
    rows = []
    found: dict[str, dict[str, float]] = {}
    for name in ("circle", "spiral"):
        x, y = Problem.from_spec(name, points=points, seed=seed).train()
        found[name] = {}
        for label, feats in (
            ("raw x1, x2", None),
            ("x1², x2²", Features(SQUARES)),
            ("all seven features", Features(tuple(FEATURES))),
        ):
            fx = x if feats is None else feats(x)
            floor = linear_floor(fx, y)
            rows.append({"data": name, "model": f"linear on {label}", "accuracy": floor.accuracy,
                         "log_loss": floor.log_loss})  # fmt: skip
            found[name][label] = floor.accuracy
        width, depth = shapes[name]
        acc = population_accuracy(width, depth, "tanh", seeds, x, y, steps=150)
        model = f"tanh network {'×'.join([str(width)] * depth)} on raw x1, x2 (best of {n_seeds})"
        rows.append({"data": name, "model": model, "accuracy": float(acc.max()), "log_loss": None})
        found[name]["network"] = float(acc.max())
    c, s = found["circle"], found["spiral"]
    holds = (
        c["raw x1, x2"] < 0.9 and c["x1², x2²"] == 1.0 and c["network"] >= 0.99
        and s["raw x1, x2"] < 0.9
    )  # fmt: skip
    text = {
        "en": (
            f"Circle: a line on x1, x2 classifies {100 * c['raw x1, x2']:.0f}%, on x1², x2² "
            f"{100 * c['x1², x2²']:.0f}% (the circle is a line there), a tanh network on x1, x2 "
            f"{100 * c['network']:.0f}%. Spiral: a line on x1, x2 {100 * s['raw x1, x2']:.0f}%, on all "
            f"seven features {100 * s['all seven features']:.0f}%, a tanh network 8×8 "
            f"{100 * s['network']:.1f}%."
        ),
        "zh": (
            f"圆形：x1、x2 上的直线分对 {100 * c['raw x1, x2']:.0f}%，x1²、x2² 上 {100 * c['x1², x2²']:.0f}%"
            f"（圆在那里是一条直线），x1、x2 上的 tanh 网络 {100 * c['network']:.0f}%。螺旋：x1、x2 上的直线 "
            f"{100 * s['raw x1, x2']:.0f}%，七个特征上 {100 * s['all seven features']:.0f}%，8×8 的 tanh 网络 "
            f"{100 * s['network']:.1f}%。"
        ),
    }
    return CLAIM.result(params, rows, Verdict(bool(holds), text), findings=found)
