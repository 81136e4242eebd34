"""``actlab sweep``: run a grid of trainings, resumably, locally or on Dask."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .._budget import check_init, check_training
from ..errors import ConfigError
from . import main
from ._output import emit_json
from ._paths import output_location

# what dask.distributed.Client accepts: [protocol://]host:port
_ADDRESS = re.compile(r"((tcp|tls|ucx|ws|wss)://)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}")


def check_scheduler(address: str) -> None:
    """Refuse a scheduler address that is not [protocol://]host:port before dialling it."""
    if not _ADDRESS.fullmatch(address.strip()):
        raise ConfigError(
            "the --scheduler address must be [tcp://]HOST:PORT (or tls://, ucx://, ws://), "
            f"got {address!r} instead"
        )


def check_cells(spec) -> None:  # type: ignore[no-untyped-def]
    """Refuse a spec whose largest cell would not fit in memory or time, before any cell runs."""
    from ..train.optimizers import DEFAULT_STEPS

    seeds = list(spec.seeds)
    for width in spec.widths:
        for depth in spec.depths:
            check_init([width] * depth, seeds, None)
            for name in spec.optimizers:
                steps = spec.steps or DEFAULT_STEPS[name]
                check_training(
                    [width] * depth, name, spec.points, len(seeds), steps, fused=depth == 1
                )


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
    out_path = output_location(out if out is not None else str(Path(spec_file).with_suffix(".csv")))
    if scheduler is not None:
        check_scheduler(scheduler)
    check_cells(spec)
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
