# ruff: noqa: E501  (Chinese text counts double in ruff's line width, as in report/strings.py)
"""The report's section "XOR: a line cannot do it", with its own sentences in both languages.

It runs the ``xor``, ``features-vs-activations`` and ``spiral-depth`` experiments at
their small size (a few seconds) and draws a linear network's single boundary, a
tanh network's decision regions and its hidden neurons' maps on the Playground's XOR.
"""

from __future__ import annotations

import warnings

import numpy as np

from .. import figures, score
from ..collapse.classifier import linear_boundary
from ..experiments import run
from ..network import Network
from ..problem import Problem
from ..train import ConvergenceWarning, fit
from .story import Context, Section
from .strings import TEXT

__all__ = ["XOR_TEXT", "section_xor"]

XOR_TEXT = {
    "en": {
        "xor.title": "11. XOR: a line cannot do it",
        "xor.p1": (
            "The oldest argument for activation functions is XOR: class 1 where x1 and x2 "
            "have the same sign, class 0 where they differ. No straight line separates the two, "
            "and a network without activations computes a straight boundary however deep it is: "
            "folded, the linear network below is the single line {equation}. On these {n} "
            "points of TensorFlow Playground's XOR it classifies {linear:.0f}%; a tanh network "
            "of {width} hidden neurons classifies {tanh:.0f}%."
        ),
        "xor.p2": (
            "Each hidden neuron draws one soft straight edge across the plane; the activation "
            "bends the sum of those edges into the regions above."
        ),
        "xor.p3": (
            "The other road is the Playground's hand-made features: on x1² and x2² the circle's "
            "boundary is a straight line, so even a linear model separates it. On the spiral no "
            "such simple feature helps, while networks with activations learn their own:"
        ),
        "xor.p4": "Depth at an equal number of parameters, on the spiral:",
        "fig.xor-line": "A linear network on XOR: one straight boundary",
        "fig.xor-regions": "A tanh network on XOR: its decision regions",
        "fig.xor-neurons": "The tanh network's hidden neurons",
    },
    "zh": {
        "xor.title": "11. XOR：一条直线做不到",
        "xor.p1": (
            "支持激活函数最古老的论证是 XOR：x1 与 x2 同号为类别 1，异号为类别 0。没有一条直线能把两类分开，"
            "而没有激活函数的网络无论多深，边界都是直的：下面的线性网络化简后就是一条直线 {equation}。"
            "在 TensorFlow Playground 的 XOR 的 {n} 个点上它分对 {linear:.0f}%；{width} 个隐藏神经元的 tanh 网络分对 {tanh:.0f}%。"
        ),
        "xor.p2": "每个隐藏神经元在平面上画一条柔和的直边；激活函数把这些直边的和弯成上面的区域。",
        "xor.p3": (
            "另一条路是 Playground 的手工特征：在 x1² 和 x2² 上，圆的边界是一条直线，所以连线性模型都能分开它。"
            "对螺旋数据，这样简单的特征帮不上忙，而带激活函数的网络会自己学出特征："
        ),
        "xor.p4": "参数数目相同时的深度比较（螺旋数据）：",
        "fig.xor-line": "XOR 上的线性网络：一条直的边界",
        "fig.xor-regions": "XOR 上的 tanh 网络：决策区域",
        "fig.xor-neurons": "tanh 网络的隐藏神经元",
    },
}
for _lang, _strings in XOR_TEXT.items():
    TEXT[_lang].update(_strings)

POINTS = 200
WIDTH = 4


def _best(width: int, depth: int, act: str, x: np.ndarray, y: np.ndarray, seed: int) -> Network:
    net = Network.init(width, depth, act, inputs=2, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return fit(net, x, y, loss="log_loss", restarts=3, steps=100, seed=seed).network


def section_xor(ctx: Context) -> Section:
    """XOR: a linear network's one line against a tanh network's regions, then features."""
    s = Section("xor", ctx.t("xor.title"))
    problem = Problem.from_spec("xor", points=POINTS, seed=ctx.seed)
    x, y = problem.train()
    linear = _best(WIDTH, 2, "identity", x, y, ctx.seed)
    curved = _best(WIDTH, 1, "tanh", x, y, ctx.seed)
    line = linear_boundary(linear)
    acc_lin = score.classify(linear, x, y)["accuracy"]
    acc_tanh = score.classify(curved, x, y)["accuracy"]
    s.p(
        ctx.t(
            "xor.p1", equation=line.equation(3), n=len(y), linear=100 * acc_lin,
            tanh=100 * acc_tanh, width=WIDTH,
        )
    )  # fmt: skip
    classes = problem.classes
    fig = figures.boundary_figure(line, x, y, classes=classes, lang=ctx.lang)
    s.figure("xor-line", ctx.t("fig.xor-line"), fig)
    fig = figures.decision_figure(curved, x, y, classes=classes, lang=ctx.lang)
    s.figure("xor-regions", ctx.t("fig.xor-regions"), fig)
    s.p(ctx.t("xor.p2"))
    fig = figures.neuron_maps_figure(curved, x, lang=ctx.lang)
    s.figure("xor-neurons", ctx.t("fig.xor-neurons"), fig)
    s.result(_small(ctx, "xor"))
    s.p(ctx.t("xor.p3"))
    s.result(_small(ctx, "features-vs-activations"))
    s.p(ctx.t("xor.p4"))
    s.result(_small(ctx, "spiral-depth"))
    return s


def _small(ctx: Context, name: str):  # type: ignore[no-untyped-def]
    """The experiment at its small size, once per report."""
    if name not in ctx.results:
        ctx.results[name] = run(name, size="small", seed=ctx.seed)
    return ctx.results[name]
