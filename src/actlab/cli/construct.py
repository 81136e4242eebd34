"""``actlab construct``: build a network by hand — a constant plus a sum of sigmoids (or ReLUs)."""

from __future__ import annotations

import re
from typing import Any

import click
import numpy as np

from .. import activations as act
from ..construct import (
    CONSTRUCTIBLE,
    EXTENSIONS,
    HEIGHTS,
    KNOT_PLACEMENTS,
    Construction,
    Recipe,
    from_points,
    lesson_case,
    measure,
    to_tolerance,
    with_neurons,
)
from ..construct.adaptive import DENSE_POINTS
from ..construct.result import MSE_POINTS
from ..errors import DataError
from ..network import Network
from . import main
from ._output import emit_json, emit_table
from ._paths import output_file, write_text

_SMOOTH = ("sigmoid", "tanh")


def _parse_points(text: str) -> tuple[np.ndarray, np.ndarray | None]:
    """``"x,y x,y …"`` → (x, y); ``"x x …"`` (no commas) → (x, None): y comes from the target."""
    if "," in text:
        from ..targets import parse_points

        return parse_points(text)
    pieces = [p for p in re.split(r"[;\s]+", text.strip()) if p]
    try:
        xs = np.array([float(p) for p in pieces])
    except ValueError:
        raise DataError(
            f'points must be "x,y x,y …" or "x x …" (y from the target), got {text!r}'
        ) from None
    if xs.size == 0:
        raise DataError('points must be text like "0,0 2,4 4,2", got nothing')
    return xs, None


def _check_combos(name: str, opts: dict[str, Any]) -> None:
    """Raise click.UsageError for options that do not go together."""
    modes = [k for k in ("neurons", "tolerance", "points") if opts[k] is not None]
    if opts["lesson"]:
        if modes or opts["target"] is not None:
            raise click.UsageError("--lesson takes no --target, --neurons, --tolerance or --points")
        return
    if len(modes) != 1:
        raise click.UsageError("give exactly one of --neurons N, --tolerance EPS, --points TEXT")
    if opts["target"] is None and modes != ["points"]:
        raise click.UsageError(f"--{modes[0]} needs --target")
    if name not in _SMOOTH:
        for flag in ("steepness", "heights"):
            if opts[flag] is not None:
                raise click.UsageError(f"--{flag} applies to sigmoid and tanh, not {name}")
    if opts["staircase"] and name not in (*_SMOOTH, "step"):
        raise click.UsageError(f"--staircase applies to sigmoid, tanh and step, not {name}")
    if opts["staircase"] and opts["heights"] not in (None, "rise"):
        raise click.UsageError("--staircase uses --heights rise")
    if opts["extend"] is not None and name != "relu":
        raise click.UsageError(f"--extend applies to relu, not {name}")
    if opts["knots"] is not None and modes != ["neurons"]:
        raise click.UsageError("--knots applies to --neurons")


def _print_text(result: Construction, data: dict[str, Any]) -> None:
    click.echo(result.formula)
    lo, hi = (f"{v:g}".replace("-", "−") for v in result.domain)
    knots = ", ".join(f"{v:.6g}".replace("-", "−") for v in result.knots[:12])
    rows = [
        ("neurons", f"{result.neurons} ({result.activation})"),
        ("knots", knots + (f", … ({result.knots.size} in all)" if result.knots.size > 12 else "")),
    ]
    if result.steepness is not None:
        k = f"{result.steepness:.4g}"
        rows.append(("steepness", f"{k} (per segment; heights: {result.heights})"))
    rows.append(("mse", f"{result.mse:.6g} ({MSE_POINTS} points over [{lo}, {hi}])"))
    rows.append(("max_error", f"{result.max_error:.6g} (dense grid, {DENSE_POINTS} points)"))
    if result.tolerance is not None:
        base = result.baseline
        if base is None or base["neurons"] is None:
            up_to = "" if base is None else f" with at most {base['searched_up_to']} neurons"
            text = f"none meets the tolerance{up_to}"
        else:
            text = f"{base['neurons']} neurons (max_error {base['max_error']:.4g})"
        rows.append(("uniform knots", text))
    if "saved" in data:
        rows.append(("saved", data["saved"]))
    emit_table(rows)


def _print_lesson(as_json: bool) -> None:
    cases = [c.to_dict() for c in lesson_case()]
    if as_json:
        emit_json({"grid": {"start": -2.0, "stop": 6.0, "points": 201}, "cases": cases})
        return
    click.echo("Two sigmoids for the lesson's target (201 points over [−2, 6]):")
    for c in cases:
        click.echo(f"  {c['name']:<12} {c['formula']}")
        click.echo(f"  {'':<12} mse {c['mse']:.6f}, max_error {c['max_error']:.5f}")


@main.command(name="construct")
@click.option("--target", help="A preset (seed, sin, runge, nielsen, …) or an expression in x.")
@click.option(
    "--activation",
    default="relu",
    show_default=True,
    help=f"One of {', '.join(CONSTRUCTIBLE)}.",
)
@click.option("--neurons", type=int, help="Use at most N hidden neurons.")
@click.option("--tolerance", type=float, help="Largest error allowed on the domain.")
@click.option("--points", help='Knots "x,y x,y …", or "x x …" to take y from the target.')
@click.option("--steepness", type=float, help="Sigmoid steepness per segment (default: searched).")
@click.option("--heights", type=click.Choice(HEIGHTS), help="How sigmoid heights are chosen.")
@click.option("--staircase", is_flag=True, help="Steep sigmoids as steps (Nielsen's picture).")
@click.option("--extend", type=click.Choice(EXTENSIONS), help="relu beyond the ends.")
@click.option("--knots", type=click.Choice(KNOT_PLACEMENTS), help="Knots for --neurons.")
@click.option("--domain", nargs=2, type=float, help="Domain A B (default: the target's).")
@click.option(
    "--polish",
    is_flag=True,
    help="Then train the constructed network on the target (it is the start).",
)
@click.option("--save", "save_path", type=click.Path(dir_okay=False), help="Save the network.")
@click.option("--force", is_flag=True, help="Replace the --save file if it exists.")
@click.option("--lesson", is_flag=True, help="Compare two-sigmoid networks on the lesson's target.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def construct_command(**opts: Any) -> None:
    """Build a network by hand, with no training: a constant plus a sum of neurons.

    \b
    Exactly one of:
      --points "x,y x,y …"  through these knots (y from the target if only x given);
      --neurons N           at most N hidden neurons, knots placed for the least error;
      --tolerance EPS       few neurons whose largest error on the domain is ≤ EPS.
    relu and hard_sigmoid give the exact polyline through the knots, constant beyond
    the first and the last knot; sigmoid and tanh give one sigmoid per segment
    (heights: interpolate passes through the knots, fit is least squares on the
    target (default with --neurons), rise is the lecture's recipe); step gives a
    staircase. The steepness is the change of a sigmoid's input across one segment
    (the lesson's 2.4 per unit over segments of length 2 is 4.8).

    mse is measured on 201 points over the domain (the lesson's grid for seed),
    max_error on 8193 points plus the knots. --json prints formula, neurons, mse,
    max_error, network (the saved form) and more. --lesson compares the lesson's
    hand-picked two-sigmoid network with the constructed and the best ones.
    """
    name = act.get(opts["activation"]).name
    _check_combos(name, opts)
    save = opts["save_path"]
    save = None if save is None else output_file(save, force=opts["force"], option="--save")
    if opts["polish"] and (opts["target"] is None or not act.get(name).trainable):
        raise click.UsageError("--polish needs --target and an activation trainable by gradients")
    if opts["lesson"]:
        _print_lesson(opts["as_json"])
        return
    recipe = Recipe(
        name,
        opts["steepness"],
        heights=opts["heights"],
        staircase=opts["staircase"],
        extend=opts["extend"] or "constant",
    )
    domain = tuple(opts["domain"]) if opts["domain"] else None
    target = None
    if opts["target"] is not None:
        from ..targets import resolve

        target = resolve(opts["target"], domain)
    if opts["points"] is not None:
        xs, ys = _parse_points(opts["points"])
        if ys is None:
            if target is None:
                raise click.UsageError("--points with x only needs --target (y comes from it)")
            ys = target(xs)
        result = from_points(xs, ys, recipe, target=target, domain=domain)
    elif opts["neurons"] is not None:
        result = with_neurons(target, opts["neurons"], recipe, knots=opts["knots"] or "adaptive")
    else:
        kinks = getattr(target, "kinks", ())
        result = to_tolerance(target, opts["tolerance"], recipe, domain=target.domain, kinks=kinks)
    data = result.to_dict()
    if target is not None:
        data["target"] = target.to_dict()
    data["grid"] = {
        "mse": {"start": result.domain[0], "stop": result.domain[1], "points": MSE_POINTS},
        "max_error": {"start": result.domain[0], "stop": result.domain[1], "points": DENSE_POINTS},
    }
    network = result.network
    if opts["polish"]:
        network, data["polished"] = _polish(result, target)
    if save is not None:
        data["saved"] = str(write_text(save, network.to_json(indent=1) + "\n", "--save"))
    if opts["as_json"]:
        emit_json(data)
    else:
        _print_text(result, data)
        if "polished" in data:
            p = data["polished"]
            emit_table(
                [
                    ("polished", p["formula"]),
                    ("polished mse", f"{p['mse']:.6g}"),
                    ("polished max_error", f"{p['max_error']:.6g}"),
                ]
            )


def _polish(result: Construction, target: Any) -> tuple[Network, dict[str, Any]]:
    """Train from the construction on 201 points of the target; the network and its scores."""
    import warnings

    from ..train import ConvergenceWarning, fit

    x = np.linspace(result.domain[0], result.domain[1], MSE_POINTS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # the scores below say how it ended
        fitted = fit(result.network, x, target(x), restarts=1).network
    scores = measure(fitted, target, result.domain, extra=result.knots)
    return fitted, {"formula": fitted.formula(), **scores, "network": fitted.to_dict()}
