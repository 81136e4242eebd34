"""``actlab show``: the source lesson's example, or a saved network."""

from __future__ import annotations

import click

from .. import lesson
from ..network import Network
from . import main
from ._output import emit_json, emit_table

MAX_FORMULA_PARAMETERS = 100_000  # a formula beyond this is megabytes of text nobody reads


def seed_summary() -> dict:
    """The lesson's hand-built network scored against its target on the lesson's grid."""
    net = lesson.handbuilt_network()
    x = lesson.GRID.values()
    scores = lesson.score(net(x), lesson.target(x))
    return {
        "formula": net.formula(),
        "mse": scores["mse"],
        "max_error": scores["max_error"],
        "grid": lesson.GRID.to_dict(),
        "network": net.to_dict(),
    }


@main.command()
@click.argument("what", type=click.Choice(["lesson", "seed"]), required=False)
@click.option("--net", "net_file", type=click.Path(dir_okay=False), help="A saved network file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def show(what: str | None, net_file: str | None, as_json: bool) -> None:
    """Show the lesson's example (``lesson``, also ``seed``) or a saved network (``--net FILE``).

    For ``lesson``: the hand-built network's formula and its MSE and largest
    error against the lesson's target on 201 points over [−2, 6].
    """
    if (what is None) == (net_file is None):
        raise click.UsageError("give either 'lesson' or --net FILE")
    if net_file is not None:
        net = Network.load(net_file)
        written = net.population is None and net.n_parameters <= MAX_FORMULA_PARAMETERS
        data = {
            "formula": net.formula() if written else None,
            "shape": [1, *net.widths, 1],
            "activations": net.activations,
            "population": net.population,
            "parameters": net.n_parameters,
        }
        if as_json:
            emit_json(data)
        else:
            emit_table([(k, v) for k, v in data.items() if v is not None])
        return
    data = seed_summary()
    if as_json:
        emit_json(data)
        return
    g = data["grid"]
    click.echo(data["formula"])
    emit_table(
        [
            ("grid", f"{g['points']} points over [{g['start']:g}, {g['stop']:g}]"),
            ("mse", f"{data['mse']:.6f}"),
            ("max_error", f"{data['max_error']:.5f}"),
        ]
    )
