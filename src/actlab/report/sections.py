"""The report's sections in the lesson's order, each computed in the run that writes it.

Each ``_section_*`` function computes its numbers, draws its figures and
returns a :class:`~actlab.report.story.Section`; :func:`build_story` runs them.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from .. import figures, lesson
from ..experiments import best_of
from ..network import Network
from .sections_inputs import section_inputs
from .sections_xor import section_xor
from .story import Context, Section


def _section_target(ctx: Context) -> Section:
    s = Section("target", ctx.t("target.title"))
    s.p(ctx.t("target.p1", kinks=", ".join(f"{k:g}" for k in lesson.KINKS)))
    g = lesson.GRID
    s.p(ctx.t("target.p2", points=g.points, start=g.start, stop=g.stop))
    fig = figures.target_figure(
        lesson.target, (g.start, g.stop), points=list(lesson.KINKS), lang=ctx.lang
    )
    s.figure("target", ctx.t("fig.target"), fig)
    return s


def _section_linear(ctx: Context) -> Section:
    from ..collapse import best_line, fold_linear, line_derivation, line_formula

    s = Section("linear", ctx.t("linear.title"))
    s.p(ctx.t("linear.p1"))
    net = Network.init(3, 1, "identity", seed=ctx.seed)
    s.formula(line_derivation(net))
    line = fold_linear(net)
    s.p(ctx.t("linear.p2", seed=ctx.seed, line=line_formula(line.a, line.b)[4:]))
    w, b = net.weights[0][:, 0], net.biases[0]
    lines = list(zip(w.tolist(), b.tolist(), strict=True))
    fig = figures.lines_sum_figure(
        lines, net.weights[1][0].tolist(), float(net.biases[1][0]), lang=ctx.lang
    )
    s.figure("lines", ctx.t("fig.lines"), fig)
    floor = best_line(ctx.x, ctx.y)
    s.p(ctx.t("linear.p3", a=floor.a, b=floor.b, mse=floor.mse))
    res = ctx.experiment("linear-collapse")
    s.result(res)
    deep = _deepest_identity(ctx)
    fig = figures.collapse_figure(
        ctx.x, ctx.y, deep(ctx.x), best_line=(floor.a, floor.b), lang=ctx.lang
    )
    s.figure("collapse", ctx.t("fig.collapse"), fig)
    return s


def _deepest_identity(ctx: Context) -> Network:
    net, _ = best_of(8, 3, "identity", ctx.x, ctx.y, seed=ctx.seed, restarts=2)
    return net


def _section_nonlinearity(ctx: Context) -> Section:
    s = Section("nonlinearity", ctx.t("nonlin.title"))
    s.p(ctx.t("nonlin.p1"))
    net = lesson.handbuilt_network()
    fig = figures.decomposition_figure(
        net, lesson.target, (lesson.GRID.start, lesson.GRID.stop), names=("h", "p"), lang=ctx.lang
    )
    s.figure("decomposition", ctx.t("fig.decomposition"), fig)
    s.p(ctx.t("nonlin.p2"))
    return s


def _section_handbuilt(ctx: Context) -> Section:
    s = Section("handbuilt", ctx.t("hand.title"))
    net = lesson.handbuilt_network()
    sc = lesson.score(net(ctx.x), ctx.y)
    s.p(ctx.t("hand.p1", points=lesson.GRID.points, **sc))
    s.figure("diagram", ctx.t("fig.diagram"), figures.network_diagram(net, lang=ctx.lang))
    s.result(ctx.experiment("handbuilt"))
    path, info = _training_animation(ctx)
    s.p(ctx.t("hand.p2", **info))
    s.figure("animation", ctx.t("fig.animation"), path=path)
    return s


def _training_animation(ctx: Context) -> tuple[Path, dict[str, Any]]:
    """Adam training a width-2 sigmoid network, drawn every 100 steps.

    Several seeded starts are tried first as one population; the animation
    shows the first that reaches the optimum, and the count of starts that got
    stuck is reported with it.
    """
    from ..train import ConvergenceWarning, fit, fit_population

    x, y = ctx.x, ctx.y
    seeds = [ctx.seed * 16 + i for i in range(16)]
    steps, lr, chunk = 3000, 0.1, 100
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        pop = Network.init(2, 1, "sigmoid", seed=seeds, scheme="glorot")
        mse = fit_population(pop, x, y, optimizer="adam", steps=steps, lr=lr, tol=0).mse
        good = np.flatnonzero(mse < 0.01)
        pick = int(good[0]) if good.size else int(np.argmin(mse))
        net = pop[pick]
        frames = [(0, net(x), float(np.mean((net(x) - y) ** 2)))]
        for k in range(1, steps // chunk + 1):
            res = fit(net, x, y, optimizer="adam", steps=chunk, lr=lr, restarts=1, tol=0)
            net = res.network
            frames.append((k * chunk, net(x), float(res.mse)))
    path = ctx.out / "figures" / "training.gif"
    path.parent.mkdir(parents=True, exist_ok=True)
    info = {
        "seed": seeds[pick],
        "starts": len(seeds),
        "stuck": int(np.sum(mse >= 0.01)),
        "final": frames[-1][2],
    }
    return figures.training_animation(frames, x, y, path, lang=ctx.lang), info


def _section_redundant(ctx: Context) -> Section:
    s = Section("redundant", ctx.t("redundant.title"))
    res = ctx.experiment("redundant-neuron")
    s.p(ctx.t("redundant.p1", n=res.findings["networks"]))
    s.result(res)
    s.p(ctx.t("redundant.p2"))
    fig = figures.histogram_figure(res.figure["weakest"], res.figure["threshold"], lang=ctx.lang)
    s.figure("histogram", ctx.t("fig.histogram"), fig)
    fig = figures.contributions_figure(res.figure["best"], ctx.x, ctx.y, lang=ctx.lang)
    s.figure("contributions", ctx.t("fig.contributions"), fig)
    return s


def _section_harder(ctx: Context) -> Section:
    from ..construct import relu_network, sigmoid_network
    from ..targets import resolve

    s = Section("harder", ctx.t("harder.title"))
    res = ctx.experiment("marked-points")
    target = resolve(res.params["target"])
    n = 12
    xs = np.linspace(*target.domain, n)
    ys = target(xs)
    x = np.linspace(*target.domain, 801)
    s.p(ctx.t("harder.p1", n=n, target=target.formula))
    curves = {
        "relu": relu_network(xs, ys)(x),
        "sigmoid": sigmoid_network(xs, ys)(x),
    }
    fig = figures.fit_figure(
        x, target(x), curves, points=list(zip(xs, ys, strict=True)), lang=ctx.lang
    )
    s.figure("harder", ctx.t("fig.harder"), fig)
    s.p(ctx.t("harder.p2"))
    s.result(res)
    return s


def _section_tanh(ctx: Context) -> Section:
    s = Section("tanh", ctx.t("tanh.title"))
    s.p(ctx.t("tanh.p1"))
    res = ctx.experiment("tanh-equivalence")
    s.result(res)
    sig, _ = best_of(2, 1, "sigmoid", ctx.x, ctx.y, seed=ctx.seed)
    tan, _ = best_of(2, 1, "tanh", ctx.x, ctx.y, seed=ctx.seed + 1)
    _fits_figure(ctx, s, "tanh", {"sigmoid": sig(ctx.x), "tanh": tan(ctx.x)})
    return s


def _section_relu(ctx: Context) -> Section:
    from ..collapse import linear_pieces
    from ..construct import relu_network

    s = Section("relu", ctx.t("relu.title"))
    xs = np.array(lesson.KINKS)
    net = relu_network(xs, lesson.target(xs))
    err = float(np.abs(net(ctx.x) - ctx.y).max())
    pieces = linear_pieces(net)
    s.p(ctx.t("relu.p1", formula=net.formula(), max_error=err, pieces=pieces.count))
    from ..collapse import best_line

    floor = best_line(ctx.x, ctx.y)
    line = floor.a * ctx.x + floor.b
    fig = figures.collapse_figure(
        ctx.x,
        ctx.y,
        line,
        relu=net(ctx.x),
        breakpoints=pieces.breakpoints,
        best_line=(floor.a, floor.b),
        lang=ctx.lang,
    )
    s.figure("relu", ctx.t("fig.relu"), fig)
    return s


def _section_square(ctx: Context) -> Section:
    from ..collapse import best_polynomial

    s = Section("square", ctx.t("square.title"))
    floor = best_polynomial(ctx.x, ctx.y, 2)
    width = 8
    sq, mse = best_of(width, 1, "square", ctx.x, ctx.y, seed=ctx.seed)
    sig, _ = best_of(width, 1, "sigmoid", ctx.x, ctx.y, seed=ctx.seed)
    s.p(ctx.t("square.p1", mse=floor.mse, width=width, trained=mse))
    _fits_figure(ctx, s, "square", {"square": sq(ctx.x), "sigmoid": sig(ctx.x)})
    return s


def _fits_figure(ctx: Context, s: Section, key: str, curves: dict[str, np.ndarray]) -> None:
    """Fits of the lesson's target, titled and captioned with the string ``fig.<key>``."""
    caption = ctx.t(f"fig.{key}")
    fig = figures.fit_figure(ctx.x, ctx.y, curves, lang=ctx.lang, title=caption)
    s.figure(key, caption, fig)


def _section_width(ctx: Context) -> Section:
    s = Section("width", ctx.t("width.title"))
    s.p(ctx.t("width.p1"))
    res = ctx.experiment("width-sweep")
    fig = figures.error_vs_width_figure(
        res.figure["rows"], by="method", where={"target": "sin"}, lang=ctx.lang
    )
    s.figure("width", ctx.t("fig.width"), fig)
    s.result(res)
    s.p(ctx.t("depth.p1"))
    s.result(ctx.experiment("depth"))
    return s


SECTIONS: list[Callable[[Context], Section]] = [
    _section_target,
    _section_linear,
    _section_nonlinearity,
    _section_handbuilt,
    _section_redundant,
    _section_harder,
    _section_tanh,
    _section_relu,
    _section_square,
    _section_width,
    section_inputs,
    section_xor,
]


def build_story(ctx: Context, progress: Callable[[str], None] | None = None) -> list[Section]:
    """Compute every section in order; ``progress(key)`` is called after each."""
    sections = []
    for make in SECTIONS:
        section = make(ctx)
        sections.append(section)
        if progress is not None:
            progress(section.key)
    return sections
