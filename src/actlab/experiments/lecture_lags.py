"""``lecture-lags``: the lecture's multi-feature model on a real series, split by time.

Predict each year's sunspot number from the years before it (``lags:sunspots:K``):
train on the earlier 80 % of the years, test on the later 20 %. A linear model on
one lag and on K lags (the lecture: "1 day" and "7 days"), then sigmoid and relu
networks of growing width and depth on the K lags; train and test error per
model in one table, as the lecture's (linear, 1 day: 480 / 580; 7 days: 380 /
490 — its own series; these numbers are ours). The inputs and the target are
standardised with the training years' mean and spread before fitting (a linear
model is unchanged by it); errors are reported in the series' units (MSE, counts²).
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np

from ..network import Network
from ..problem import Problem
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment

CLAIM = Claim(
    "lecture-lags",
    en=(
        "With many inputs a linear model is a plane that cannot bend: an activation helps; "
        "deeper networks do better on the training data, not always on new data."
    ),
    zh="输入再多，线性模型也只是一个不会弯曲的平面：加上激活函数会更好；更深的网络在训练数据上更好，但在新数据上不一定。",
)
SERIES = "sunspots"
TEST_FRACTION = 0.2


def _standardise(x: np.ndarray, y: np.ndarray, xt: np.ndarray, yt: np.ndarray):
    mx, sx = x.mean(axis=0), x.std(axis=0)
    my, sy = y.mean(), y.std()
    sx = np.where(sx > 0, sx, 1.0)
    sy = float(sy) if sy > 0 else 1.0
    return (x - mx) / sx, (y - my) / sy, (xt - mx) / sx, (yt - my) / sy, sy


def _row(model: str, lags: int, activation: str, width: int, depth: int, params: int,
         predict, data) -> dict:  # fmt: skip
    x, y, xt, yt, sy = data
    return {
        "model": model,
        "lags": lags,
        "activation": activation,
        "width": width,
        "depth": depth,
        "parameters": params,
        "train_mse": float(np.mean((predict(x) - y) ** 2) * sy**2),
        "test_mse": float(np.mean((predict(xt) - yt) ** 2) * sy**2),
    }


def _linear_row(lags: int, data) -> dict:
    """The linear model: the least-squares plane on the training years (exact)."""
    from ..collapse import best_plane

    floor = best_plane(data[0], data[1])
    a = np.array(floor.a)
    return _row("linear", lags, "identity", 0, 0, lags + 1, lambda x: x @ a + floor.b, data)


def _network_row(lags, activation, width, depth, data, seed, restarts) -> dict:
    """The best of ``restarts`` trainings (actlab's default fit) on the training years."""
    from ..train import ConvergenceWarning, fit

    x, y = data[0], data[1]
    net = Network.init(width, depth, activation, inputs=lags, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        net = fit(net, x, y, restarts=restarts, seed=seed).network
    return _row("network", lags, activation, width, depth, net.n_parameters, net, data)


def _data(lags: int) -> tuple:
    p = Problem.from_spec(f"lags:{SERIES}:{lags}", test_fraction=TEST_FRACTION, split="time")
    x, y = p.train()
    xt, yt = p.test()
    x, xt = x.reshape(len(x), -1), xt.reshape(len(xt), -1)
    return _standardise(x, y, xt, yt)


@experiment(CLAIM.name)
def lecture_lags(*, size: str = "full", seed: int = 0) -> Result:
    """Linear on 1 and K lags, then sigmoid and relu networks of growing width and depth."""
    check_size(size)
    k = 7
    if size == "small":
        shapes, restarts = [(2, 1), (8, 1), (8, 2)], 4
    else:
        shapes, restarts = [(2, 1), (4, 1), (8, 1), (16, 1), (8, 2), (8, 3)], 6
    params = {
        "size": size,
        "seed": seed,
        "series": SERIES,
        "lags": k,
        "test_fraction": TEST_FRACTION,
        "split": "time",
        "shapes": shapes,
        "restarts": restarts,
    }
    one, many = _data(1), _data(k)
    rows = [
        _linear_row(1, one),
        _linear_row(k, many),
    ]
    for activation in ("sigmoid", "relu"):
        for width, depth in shapes:
            rows.append(_network_row(k, activation, width, depth, many, seed, restarts))
    lin1, link = rows[0], rows[1]
    nets = rows[2:]
    best = min(nets, key=lambda r: r["test_mse"])
    best_train = min(nets, key=lambda r: r["train_mse"])
    helps = best["test_mse"] < link["test_mse"] and best_train["train_mse"] < link["train_mse"]
    lags_help = link["test_mse"] < lin1["test_mse"]
    # depth at the widest width that has several depths: train falls, test need not
    deep_w = max(w for w, d in shapes if d > 1)
    chains = {
        a: sorted(
            (r for r in nets if r["activation"] == a and r["width"] == deep_w),
            key=lambda r: r["depth"],
        )
        for a in ("sigmoid", "relu")
    }
    train_falls = all(c[-1]["train_mse"] < c[0]["train_mse"] for c in chains.values())
    test_rises = [
        f"{a} {deep_w}×{lo['depth']}→{deep_w}×{hi['depth']}"
        for a, c in chains.items()
        for lo, hi in itertools.pairwise(c)
        if hi["test_mse"] > lo["test_mse"]
    ]
    deeper = train_falls and bool(test_rises)
    holds: bool | None = True if (helps and deeper) else (None if (helps or deeper) else False)
    findings = {
        "activation_helps": bool(helps),
        "lags_help": bool(lags_help),
        "deeper_train_falls": bool(train_falls),
        "deeper_test_rises": test_rises,
        "best": {key: best[key] for key in ("activation", "width", "depth", "test_mse")},
        "lecture": {"linear_1": [480, 580], "linear_7": [380, 490]},
    }
    shape = f"{best['activation']} {k}-{'-'.join([str(best['width'])] * best['depth'])}-1"
    rises_en = "; ".join(test_rises) if test_rises else "none"
    text = {
        "en": (
            f"Trained on the first {100 - round(100 * TEST_FRACTION)}% of the years and tested "
            f"on the rest: the linear model has train / test MSE {lin1['train_mse']:.0f} / "
            f"{lin1['test_mse']:.0f} on 1 lag and {link['train_mse']:.0f} / "
            f"{link['test_mse']:.0f} on {k} lags (more inputs "
            f"{'help' if lags_help else 'do not help'} on new years). "
            f"An activation {'helps' if helps else 'does not help'}: the best network "
            f"({shape}) reaches {best['train_mse']:.0f} / {best['test_mse']:.0f}. "
            f"Deeper {'is' if train_falls else 'is not always'} better on train "
            f"(width {deep_w}, depth 1 → {chains['relu'][-1]['depth']}), and the test error "
            f"rises with depth in: {rises_en}."
        ),
        "zh": (
            f"用前 {100 - round(100 * TEST_FRACTION)}% 的年份训练、其余年份测试：线性模型用 1 个滞后值时"
            f"训练/测试 MSE 为 {lin1['train_mse']:.0f} / {lin1['test_mse']:.0f}，用 {k} 个时为 "
            f"{link['train_mse']:.0f} / {link['test_mse']:.0f}（输入更多，在新年份上"
            f"{'更好' if lags_help else '并没有更好'}）。激活函数{'有帮助' if helps else '没有帮助'}："
            f"最好的网络（{shape}）达到 {best['train_mse']:.0f} / {best['test_mse']:.0f}。"
            f"加深{'在训练集上更好' if train_falls else '在训练集上也不总是更好'}（宽度 {deep_w}，"
            f"深度 1 → {chains['relu'][-1]['depth']}），测试误差随深度上升的有："
            f"{rises_en if test_rises else '无'}。"
        ),
    }
    return CLAIM.result(params, rows, Verdict(holds, text), findings, figure={"rows": rows})
