"""``actlab sweep``: run a grid of trainings, resumably, locally or on Dask."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import main
from ._output import emit_json


@main.command()
@click.argument("spec_file", metavar="SPEC", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Results table (.csv or .parquet); default: SPEC's name with .csv.",
)
@click.option(
    "--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True
)
@click.option("--scheduler", default=None, help="Dask scheduler address (with --executor dask).")
@click.option("--restart", is_flag=True, help="Discard earlier results in --out and start over.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary at the end.")
def sweep(
    spec_file: str,
    out: str | None,
    executor: str,
    scheduler: str | None,
    restart: bool,
    as_json: bool,
) -> None:
    """Train every cell of the grid in SPEC (TOML or YAML); one table row per run.

    Rows are written as each cell finishes, so an interrupted sweep run again
    with the same --out resumes where it stopped. Cells of one shape are
    trained as one population.
    """
    from tqdm import tqdm

    from ..experiments.spec import load_spec
    from ..experiments.sweep import run_sweep

    spec = load_spec(spec_file)
    out_path = Path(out) if out else Path(spec_file).with_suffix(".csv")
    bar = tqdm(
        total=spec.n_cells,
        unit="cell",
        disable=as_json,
        leave=False,
        file=sys.stderr,
    )

    def progress(cell, n_done: int, n_total: int) -> None:
        bar.n = n_done
        bar.set_postfix_str(f"{cell.target} {cell.activation} w={cell.width} d={cell.depth}")
        bar.refresh()

    try:
        rows = run_sweep(
            spec,
            out_path,
            executor=executor,
            scheduler=scheduler,
            restart=restart,
            progress=progress,
        )
    finally:
        bar.close()
    summary = {"out": str(out_path), "cells": spec.n_cells, "runs": len(rows)}
    if as_json:
        emit_json(summary)
    else:
        click.echo(f"{len(rows)} runs in {spec.n_cells} cells written to {out_path}")
