"""``xor``: no straight line separates XOR; two hidden neurons with an activation do."""

from __future__ import annotations

import warnings

import numpy as np

from ..collapse.classifier import linear_floor
from ..network import Network
from ..problem import Problem
from ..train import ConvergenceWarning, fit
from ..train.classification import quality
from ._classify import population_accuracy
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment

CLAIM = Claim(
    "xor",
    en="No straight line separates XOR, so no network without activations can, however "
    "deep; two hidden neurons with an activation can.",
    zh="没有一条直线能分开 XOR，所以没有激活函数的网络无论多深都做不到；两个带激活函数的隐藏神经元就能做到。",
)
ACTIVATIONS = ("identity", "tanh", "sigmoid", "relu")


def default_fit_share(activation: str, seeds: list[int], x: np.ndarray, y: np.ndarray) -> float:
    """Share of seeds whose default fit (``fit`` with the log loss: best of the classifier's
    default starts, ``settings.CLASSIFIER_RESTARTS`` and ``CLASSIFIER_ROUNDS``) of two hidden
    neurons classifies every point right."""
    ok = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for s in seeds:
            net = fit(Network.init(2, 1, activation, inputs=2, seed=s), x, y, loss="log_loss",
                      seed=s).network  # fmt: skip
            ok += quality(net(x), y, "log_loss")[2] == 1.0
    return ok / len(seeds)


@experiment(CLAIM.name)
def xor(*, size: str = "full", seed: int = 0) -> Result:
    """The four points of XOR: the linear floor, then the share of seeds that separate them
    for each activation and hidden width."""
    check_size(size)
    x, y = Problem.from_spec("xor4").train()
    floor = linear_floor(x, y)
    widths = [1, 2] if size == "small" else [1, 2, 3, 4]
    n_seeds = 20 if size == "small" else 100
    seeds = [seed * 10_000 + i for i in range(n_seeds)]
    params = {"size": size, "seed": seed, "widths": widths, "seeds": n_seeds}
    rows = [
        {"model": "logistic regression (best line)", "activation": "-", "width": 0,
         "depth": 0, "separated": float(floor.accuracy == 1.0), "accuracy": floor.accuracy,
         "log_loss": floor.log_loss},
    ]  # fmt: skip
    needs: dict[str, int | None] = {}
    for act in ACTIVATIONS:
        depth = 3 if act == "identity" else 1
        needs[act] = None
        for width in widths:
            acc = population_accuracy(width, depth, act, seeds, x, y)
            share = float(np.mean(acc == 1.0))
            rows.append(
                {"model": "network", "activation": act, "width": width, "depth": depth,
                 "separated": share, "accuracy": float(np.max(acc)), "log_loss": None}
            )  # fmt: skip
            if needs[act] is None and share > 0:
                needs[act] = width
    linear_best = max(r["accuracy"] for r in rows if r["activation"] in ("-", "identity"))
    nonlinear = [w for a, w in needs.items() if a != "identity" and w is not None]
    smallest = min(nonlinear) if nonlinear else None
    holds = linear_best < 1.0 and smallest is not None and smallest <= 2
    share2 = {
        r["activation"]: r["separated"]
        for r in rows
        if r["model"] == "network" and r["width"] == 2 and r["activation"] != "identity"
    }
    rates = ", ".join(f"{a} {100 * s:.0f}%" for a, s in share2.items())
    default = {a: default_fit_share(a, seeds, x, y) for a in share2}
    findings = {"floor": floor.to_dict(), "needs": needs, "linear_best": linear_best,
                "default_fit": default}  # fmt: skip
    rates_default = ", ".join(f"{a} {100 * s:.0f}%" for a, s in default.items())
    text = {
        "en": (
            f"The best line classifies {100 * floor.accuracy:.0f}% of the four points "
            f"(log loss {floor.log_loss:.3f} = ln 2: it gives up) and identity networks of depth 3 "
            f"reach at most {100 * linear_best:.0f}%; with an activation the smallest network "
            f"that separates XOR has {smallest} hidden neurons (seeds separating it at width 2 "
            f"from one start: {rates}; with the default fit's restarts: {rates_default})."
        ),
        "zh": (
            f"最佳直线只分对四个点中的 {100 * floor.accuracy:.0f}%（对数损失 {floor.log_loss:.3f} = ln 2：它放弃了），"
            f"三层的恒等网络最多 {100 * linear_best:.0f}%；有激活函数时，能分开 XOR 的最小网络有 {smallest} 个隐藏神经元"
            f"（宽度 2 时单次起点成功的种子比例：{rates}；默认拟合（多次重启）：{rates_default}）。"
        ),
    }
    if not holds:
        text = {
            "en": f"Unexpected: linear best {100 * linear_best:.0f}%, smallest separating width {smallest}.",
            "zh": f"意外：线性最佳 {100 * linear_best:.0f}%，最小可分宽度 {smallest}。",
        }
    figure = {"x": x, "y": y, "floor": floor.to_dict()}
    return CLAIM.result(params, rows, Verdict(holds, text), findings, figure)
