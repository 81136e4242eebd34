"""Run a sweep: every cell of a spec, locally or on a Dask cluster, resumably.

Cells are independent, so they can run anywhere; each returns its rows and
the driver appends them to the :class:`ResultsTable` as they arrive. The
final table is sorted, so it is the same whatever the executor and however
often the sweep was interrupted.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .. import score
from .._validate import check_choice
from ..errors import ConfigError
from ..network import Network
from ..problem import Problem
from .spec import Cell, SweepSpec
from .table import ResultsTable

__all__ = ["EXECUTORS", "cell_problem", "run_cell", "run_sweep"]

EXECUTORS = ("local", "dask")

Progress = Callable[[Cell, int, int], None]  # (cell just done, cells done, cells total)


def cell_problem(cell: Cell) -> Problem:
    """What a cell fits: its target on ``points`` grid points, with its noise and data seed."""
    return Problem.from_spec(cell.target, points=cell.points, noise=cell.noise, seed=cell.data_seed)


def run_cell(cell: Cell) -> list[dict[str, Any]]:
    """Train every seed of a cell as one population; one row per seed."""
    from ..train import ConvergenceWarning, fit_population

    problem = cell_problem(cell)
    x, y = problem.train()
    start = Network.init(cell.width, cell.depth, cell.activation, seed=list(cell.seeds))
    kwargs: dict[str, Any] = {"optimizer": cell.optimizer}
    if cell.steps is not None:
        kwargs["steps"] = cell.steps
    with warnings.catch_warnings():
        # a run stopped by the step cap is recorded in its row ("converged"), not warned about
        warnings.simplefilter("ignore", ConvergenceWarning)
        result = fit_population(start, x, y, **kwargs)
    fitted = result.network
    converged = np.asarray(result.converged, dtype=bool)
    steps = np.asarray(result.steps)
    pred, clean = fitted(x), problem.clean(x)  # scored against the noise-free target
    mse, max_error = score.mse(pred, clean), score.max_error(pred, clean)
    return [
        {
            "cell": cell.index,
            "target": cell.target,
            "activation": cell.activation,
            "width": cell.width,
            "depth": cell.depth,
            "optimizer": cell.optimizer,
            "seed": seed,
            "parameters": start.n_parameters,
            "steps": int(steps[p]),
            "converged": bool(converged[p]),
            "mse": float(mse[p]),
            "max_error": float(max_error[p]),
        }
        for p, seed in enumerate(cell.seeds)
    ]


def _local(cells: list[Cell], fn: Callable[[Cell], list[dict]]) -> Iterator[tuple[Cell, list]]:
    for cell in cells:
        yield cell, fn(cell)


def _dask(
    cells: list[Cell], fn: Callable[[Cell], list[dict]], scheduler: str | None
) -> Iterator[tuple[Cell, list]]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ConfigError(
            "the dask executor needs dask.distributed: pip install 'dask[distributed]'"
        ) from None
    cluster = None
    if scheduler is None:
        from distributed.versions import VersionMismatchWarning

        # worker processes, one thread each: actlab's own thread rule gives each worker one
        # thread (see actlab.threads), so two workers use two cores and never more
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with warnings.catch_warnings():
            # our own cluster runs this interpreter: a "mismatch" there only means a package
            # (pandas) is imported by the workers and not yet by this process
            warnings.simplefilter("ignore", VersionMismatchWarning)
            client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, ValueError, TypeError) as e:  # unreachable, or not an address
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler!r}: {e}") from None
    try:
        futures = {client.submit(fn, c, pure=False): c for c in cells}
        for fut in as_completed(futures):
            yield futures[fut], fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_sweep(
    spec: SweepSpec,
    out: str | Path,
    *,
    executor: str = "local",
    scheduler: str | None = None,
    restart: bool = False,
    progress: Progress | None = None,
    cell_fn: Callable[[Cell], list[dict]] = run_cell,
) -> list[dict[str, Any]]:
    """Run every cell of ``spec`` not already in ``out``; return the final sorted rows."""
    check_choice("executor", executor, EXECUTORS)
    if scheduler is not None and executor != "dask":
        raise ConfigError("a scheduler address needs --executor dask")
    table = ResultsTable(out, spec, restart=restart)
    cells = spec.cells()
    done = table.done_cells()
    todo = [c for c in cells if c.index not in done]
    stream = _local(todo, cell_fn) if executor == "local" else _dask(todo, cell_fn, scheduler)
    n_done = len(done)
    for cell, rows in stream:
        table.append(rows)
        n_done += 1
        if progress is not None:
            progress(cell, n_done, len(cells))
    return table.finish()
