"""How many threads actlab's numerical code uses: decided by actlab, one setting, never too many.

Training runs numba kernels (one thread per block of networks) and BLAS (matrix
products of wide layers). Left alone, OpenBLAS starts one thread per core in
*every* process — Dask workers, pytest-xdist workers, a laptop's other jobs —
and small products then spend their time waiting for each other (the
Levenberg–Marquardt solves of a 1-6-6-6-1 population: 1.5 ms on one thread,
47 ms on two next to a busy process). So actlab sets the count itself:

* ``ACTLAB_THREADS`` in the environment, or :func:`set_threads` (``actlab --threads N``);
* otherwise one thread in a worker process (a Dask or multiprocessing worker, a
  pytest-xdist worker: the pool already uses the cores) and, in a main process,
  the cores this process may run on (its CPU affinity), at most :data:`MAX_DEFAULT`.

Results never depend on the count: every network of a population is computed by
one thread from start to end, BLAS runs on one thread inside training (see
:func:`limit`), and the kernels' reductions run in a fixed order (tests compare 1
and 2 threads, and a local run with a Dask cluster, bit for bit).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
from collections.abc import Iterator
from typing import Any

from .errors import ConfigError
from .settings import SYSTEM

_SETTING = {s.name: s for s in SYSTEM}["threads"]

__all__ = ["ENV", "MAX_DEFAULT", "available_cpus", "count", "limit", "set_threads"]

ENV = "ACTLAB_THREADS"
MAX_DEFAULT = 8  # beyond this the small matrices of actlab's networks gain nothing
_chosen: int | None = None


def available_cpus() -> int:
    """The cores this process may run on (CPU affinity where the system has it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def set_threads(n: int | None) -> None:
    """Use ``n`` threads from now on (None: back to the automatic choice)."""
    global _chosen
    _chosen = _SETTING.check(n)


def _in_worker() -> bool:
    if os.environ.get("PYTEST_XDIST_WORKER") or multiprocessing.parent_process() is not None:
        return True
    try:
        from distributed import get_worker
    except ImportError:
        return False
    try:
        get_worker()
    except ValueError:  # not inside a Dask worker
        return False
    return True


def count() -> int:
    """How many threads actlab uses now."""
    if _chosen is not None:
        return _chosen
    text = os.environ.get(ENV, "").strip()
    if text:
        try:
            return _SETTING.check(int(text), name=ENV)
        except ValueError:
            raise ConfigError(
                f"the {ENV} environment variable must be a whole number of threads ≥ 1, "
                f"got {text!r} instead"
            ) from None
    return 1 if _in_worker() else min(available_cpus(), MAX_DEFAULT)


@functools.cache
def _controller() -> Any:
    """threadpoolctl's view of the loaded BLAS/OpenMP libraries (found once: a scan costs ~ms)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextlib.contextmanager
def limit(n: int | None = None, *, blas: bool = True) -> Iterator[int]:
    """Run the block with ``n`` (default :func:`count`) numba threads and one BLAS thread.

    BLAS stays on one thread inside actlab's training: a threaded BLAS may split the
    sums over data points differently for another thread count, which changes the last
    bits of a result (seen: 5e-12 after 30 Levenberg–Marquardt steps). actlab's own
    kernels spread whole networks over the ``n`` threads instead, each computed in one
    fixed order. ``blas=False`` leaves BLAS alone (setting it costs ~0.1 ms: skipped for
    the fused kernels, which call no BLAS).
    """
    import numba

    n = count() if n is None else _SETTING.check(n)
    previous = numba.get_num_threads()
    numba.set_num_threads(min(n, numba.config.NUMBA_NUM_THREADS))
    try:
        with _controller().limit(limits=1) if blas else contextlib.nullcontext():
            yield n
    finally:
        numba.set_num_threads(previous)
