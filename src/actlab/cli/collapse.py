"""``actlab collapse``: say exactly what a network is — a line, a polynomial or linear pieces."""

from __future__ import annotations

from typing import Any

import click
import numpy as np

from .._budget import check_forward
from .._validate import check_int, check_seed
from ..collapse import (
    Affine,
    Line,
    MultiPolynomial,
    PolynomialNet,
    Regions,
    affine_formula,
    collapse,
    error_floor,
    line_derivation,
    line_formula,
)
from ..collapse.boundary import decision_boundary
from ..network import MAX_DEPTH, MAX_INPUTS, MAX_WIDTH, Network
from ..problem import Problem
from ..score import score
from . import main
from ._output import emit_json

MAX_POINTS = 1_000_000


def _network(
    net_file: str | None,
    depth: int | None,
    width: int | None,
    activation: str | None,
    seed: int | None,
    inputs: int | None = None,
) -> Network:
    """The saved network, or a random one (defaults: 1-3-1, identity, seed 0)."""
    if net_file is not None:
        if any(v is not None for v in (depth, width, activation, seed, inputs)):
            raise click.UsageError(
                "give either --net FILE or --depth/--width/--activation/--seed/--inputs"
            )
        return Network.load(net_file)
    k = check_int("inputs", 1 if inputs is None else inputs, 1, MAX_INPUTS)
    depth = check_int("depth", 1 if depth is None else depth, 0, MAX_DEPTH)
    width = check_int("width", 3 if width is None else width, 1, MAX_WIDTH)
    names = [a.strip() for a in (activation or "identity").split(",")]
    acts: str | list[str] = names[0] if len(names) == 1 else names
    return Network.init(width, depth, acts, seed=check_seed(0 if seed is None else seed), inputs=k)


def _target_points(spec: str, points: int | None) -> tuple[Problem, np.ndarray, np.ndarray]:
    """(problem, x, y) on which the floor is measured."""
    problem = Problem.from_spec(spec, points=points)
    x, y = problem.train()
    return problem, x, y


def _score(net: Network, x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """The network's own MSE and largest error; non-finite (null in JSON) if it overflows."""
    with np.errstate(all="ignore"):  # a deep square network may overflow: reported, not warned
        return score(net(x), y)


def _fit(net: Network, result: Any, spec: str, points: int | None) -> dict[str, Any]:
    """Target, floor (None for pieces) and the network's own error on the target's points."""
    problem, x, y = _target_points(spec, points)
    if problem.inputs != net.inputs:
        raise click.UsageError(
            f"the target {problem.name!r} has {problem.inputs} input(s) but the network has "
            f"{net.inputs}"
        )
    check_forward(net.widths, x.shape[0], net.population)  # the network's own score needs net(x)
    floor = error_floor(result, x, y)
    if net.inputs > 1:
        described = problem.describe()
    else:
        domain = [float(x.min()), float(x.max())]
        described = {"name": problem.name, "points": int(x.size), "domain": domain}
    return {
        "target": described,
        "floor": None if floor is None else floor.to_dict(),
        "fit": _score(net, x, y),
    }


def _print_text(net: Network, result: Any, data: dict[str, Any]) -> None:
    shape = "-".join(str(n) for n in [net.inputs, *net.widths, 1])
    click.echo(f"network {shape} ({', '.join(net.activations) or 'no hidden layer'}) is")
    click.echo(result.text())
    if isinstance(result, Line):
        click.echo("")
        click.echo(line_derivation(net))
    if "target" not in data:
        return
    t = data["target"]
    click.echo("")
    if net.inputs > 1:
        box = " × ".join(f"[{a:g}, {b:g}]".replace("-", "−") for a, b in t["domain"])
        rows = [("target", f"{t['name']}, {t['points']} points in {box}")]
    else:
        lo, hi = (f"{v:g}".replace("-", "−") for v in t["domain"])
        rows = [("target", f"{t['name']}, {t['points']} points over [{lo}, {hi}]")]
    floor = data["floor"]
    if isinstance(result, Affine):
        best = f"best plane {affine_formula(floor['a'], floor['b'])}"
        rows.append(("floor", f"mse {floor['mse']:.6g}, {best}"))
        rows.append(("", "no identity network of any size does better"))
    elif isinstance(result, Line):
        best = f"best line {line_formula(floor['a'], floor['b'])}"
        rows.append(("floor", f"mse {floor['mse']:.6f}, {best}"))
        rows.append(("", "no identity network of any size does better"))
    elif isinstance(result, MultiPolynomial | PolynomialNet):
        squares = net.activations.count("square")
        layers = f"{squares} square layer{'s' if squares != 1 else ''}"
        total = "total " if isinstance(result, MultiPolynomial) else ""
        best = f"best polynomial of {total}degree {floor['degree']}"
        rows.append(("floor", f"mse {floor['mse']:.6g}, {best}"))
        rows.append(("", f"no identity/square network with {layers} does better"))
    else:
        rows.append(("floor", "none: with enough pieces a network fits any continuous target"))
    rows.append(("network mse", f"{data['fit']['mse']:.6g}"))
    width = max(len(k) for k, _ in rows) + 1
    for key, value in rows:
        click.echo(f"{key + ':' if key else '':<{width}} {value}")


@main.command(name="collapse")
@click.option("--net", "net_file", type=click.Path(dir_okay=False), help="A saved network file.")
@click.option("--depth", type=int, help="Hidden layers of a random network (default 1).")
@click.option("--width", type=int, help="Neurons per hidden layer (default 3).")
@click.option(
    "--activation",
    help="identity (default), square, relu, leaky_relu, hard_sigmoid, hard_tanh; "
    "a comma-separated list gives one per layer.",
)
@click.option("--seed", type=int, help="Seed of the random network (default 0).")
@click.option("--inputs", type=int, help="Inputs of the random network (default 1).")
@click.option("--target", "target_spec", help="Add the error floor on this target, e.g. seed.")
@click.option("--points", type=int, help="Points the floor is measured on (default 201).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def collapse_command(
    net_file: str | None,
    depth: int | None,
    width: int | None,
    activation: str | None,
    seed: int | None,
    inputs: int | None,
    target_spec: str | None,
    points: int | None,
    as_json: bool,
) -> None:
    """Say exactly what a network is: a line, a polynomial, or linear pieces
    (with k inputs: an affine map, a polynomial in x1…xk, or linear regions).

    Covers identity networks (a line y = a·x + b), identity/square networks (a
    polynomial) and piecewise-linear ones (relu, leaky_relu, hard_sigmoid,
    hard_tanh, identity, mixed per layer). With --target the error floor is added:
    the best line (or polynomial of the network's maximal degree) by least squares
    on 201 points over the target's domain ([-2, 6] for seed).

    \b
    --json prints one object:
      line:       {"kind": "line", "a", "b", "formula"}
      polynomial: {"kind": "polynomial", "degree", "coefficients", "max_degree", "formula"}
                  (coefficients in increasing power order: c0, c1, c2, …)
      pieces:     {"kind": "pieces", "count", "breakpoints",
                   "pieces": [{"start", "stop", "slope", "intercept"}, …]}
                  (JSON has no infinity: the first start and the last stop are null)
    k inputs (k > 1):
      affine:     {"kind": "affine", "inputs", "a" (k numbers), "b", "formula"}
      polynomial: {"kind": "polynomial", "inputs", "degree", "max_degree",
                   "terms": [{"powers": [e1, …, ek], "coefficient"}, …], "formula"}
      regions:    {"kind": "regions", "count", "domain": [[lo, hi], [lo, hi]],
                   "regions": [{"vertices": [[x1, x2], …], "a": [a1, a2], "b"}, …]}
                  (2 inputs, piecewise-linear layers; the domain is the smallest box
                  holding every vertex, padded, so the count is the plane's)
                  with one output also "boundary": [[[x1, x2], [x1, x2]], …], the
                  segments where the output is 0 (a binary classifier's exact
                  decision boundary), one per region it crosses
    with --target also "target": {"name", "points", "domain"},
    "floor": {"mse", "a", "b"} for a line or an affine map (a: k numbers), {"mse",
    "degree", "coefficients"} for a polynomial (coefficients null above degree 20 and
    for k inputs), null for pieces and regions,
    and "fit": the network's own {"mse", "max_error"} on the same points.
    """
    net = _network(net_file, depth, width, activation, seed, inputs)
    if points is not None:
        points = check_int("points", points, 2, MAX_POINTS)
    result = collapse(net)
    data = result.to_dict()
    if isinstance(result, Regions) and net.outputs == 1:
        data["boundary"] = decision_boundary(result).to_list()
    if target_spec is not None:
        data.update(_fit(net, result, target_spec, points))
    if as_json:
        emit_json(data)
    else:
        _print_text(net, result, data)
