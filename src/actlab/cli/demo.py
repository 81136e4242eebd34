"""``actlab demo``: the main job."""

from __future__ import annotations

import click

from . import main
from ._output import emit_table
from .show import seed_summary


@main.command()
def demo() -> None:
    """Run the lesson's story end to end (for now: its hand-built example)."""
    data = seed_summary()
    click.echo("The lesson's hand-built network (a constant plus a sum of sigmoids):")
    click.echo(f"  {data['formula']}")
    g = data["grid"]
    emit_table(
        [
            ("  grid", f"{g['points']} points over [{g['start']:g}, {g['stop']:g}]"),
            ("  mse", f"{data['mse']:.6f}"),
            ("  max_error", f"{data['max_error']:.5f}"),
        ]
    )
