"""Drive the any-depth numba kernels (``kernels/_deep.py``) and hand back an :class:`Outcome`.

Covers MSE regression on the numpy backend for every depth and number of inputs:
Adam and SGD (float64 and float32), L-BFGS (both) and Levenberg–Marquardt
(float64), full batch, without validation. One-hidden-layer, one-input Adam, SGD
and LM keep their own kernels (``_fused``), which these reproduce to rounding.

Two choices are made here, both from the network's shape alone (never from the
thread count, so the numbers never depend on it):

* per weight layer, loops or BLAS (:data:`BLAS_FROM`);
* the block of points (:func:`block_for`).

A third, the schedule (members on threads, or one member's blocks on threads), only
decides who computes what: every schedule gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numba
import numpy as np

from .. import threads
from . import kernels
from ._chunked import Stopping, drive, run_first_order, run_lm
from ._loop import Outcome, divergence
from ._params import Layout

__all__ = ["BLAS_FROM", "Geometry", "block_for", "supports", "train"]

# A layer goes to BLAS when n_in · n_out ≥ BLAS_FROM. Measured on 2 shared EPYC cores,
# one thread, CPU time per Adam step of 1-w-…-w-1 tanh networks (populations of 8):
# at 201 points loops win up to w = 16 (16×16: 82 vs 99 µs), at 1000 points BLAS
# already wins at w = 8 (8×8: 242 vs 296 µs) and clearly from w = 16 (521 vs 690 µs);
# from w = 32 BLAS is 2-4× faster (its register blocking feeds several outputs per
# load, the loops are bound by loads and stores). Narrow networks are bound by their
# activations (a vectorised exponential per neuron and point), not by these products.
# So the switch sits at 16×16 weights.
BLAS_FROM = 256
#: Whether fit() uses these kernels (a switch for comparisons: benchmarks, tests)
ENABLED = True
BLOCK = 256  # points per block: a (width, 256) float64 layer is 16 KiB per 8 neurons


def block_for(layout: Layout, n_points: int) -> int:
    """Points per block: :data:`BLOCK`, smaller when BLAS layers would leave a thread idle.

    A wide network's blocks are what run in parallel, so a few hundred points are cut
    in 4 blocks (at least 64 points each); narrow networks keep whole blocks.
    """
    if n_points <= BLOCK and any(o * i >= BLAS_FROM for o, i in layout.shapes):
        return max(64, -(-n_points // 4))
    return min(BLOCK, n_points)


class Geometry:
    """The kernels' description of a layout (see ``kernels/_deep.py``)."""

    def __init__(self, layout: Layout, n_points: int) -> None:
        self.sizes = np.array([layout.inputs, *(o for o, _ in layout.shapes)], dtype=np.int64)
        self.codes = np.array([kernels.ACT_CODES[a] for a in layout.activations], dtype=np.int64)
        self.blas = np.array([int(o * i >= BLAS_FROM) for o, i in layout.shapes], dtype=np.int64)
        self.wmask = layout.weight_mask()
        self.block = block_for(layout, n_points)
        self.n_blocks = -(-n_points // self.block)

    def args(self, dtype: np.dtype) -> tuple[Any, ...]:
        return self.sizes, self.codes, self.blas, self.wmask.astype(dtype)


def supports(
    layout: Layout,
    optimizer: str,
    *,
    batched: bool,
    validation: bool,
    dtype: str,
    loss: str = "mse",
) -> bool:
    """Whether the any-depth kernels cover this fit (none while :data:`ENABLED` is off)."""
    return (
        ENABLED
        and kernels.available()
        and loss == "mse"
        and layout.outputs == 1
        and optimizer in ("adam", "sgd", "lbfgs", "lm")
        and (optimizer != "lm" or dtype == "float64")
        and all(a in kernels.ACT_CODES for a in layout.activations)
        and not batched
        and not validation
    )


def _by_blocks(geo: Geometry, population: int) -> bool:
    """Run one member's blocks on the threads (few members, several blocks) or whole members."""
    return population < numba.get_num_threads() and geo.n_blocks > 1


def _schedule(k: Any, name: str, geo: Geometry, population: int) -> tuple[Any, tuple[int, ...]]:
    """The kernel ``name`` in the schedule :func:`_by_blocks` picks, and its extra arguments."""
    if _by_blocks(geo, population):
        return getattr(k, f"{name}_blocks"), (numba.get_num_threads(),)
    return getattr(k, f"{name}_members"), ()


@dataclass(frozen=True)
class _Task:
    """What a driver below fits: the geometry, the points (xt (k, N) and y in the run's
    dtype) and the L2 penalty λ."""

    geo: Geometry
    xt: np.ndarray
    y: np.ndarray
    l2: float


def train(
    layout: Layout,
    theta0: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    opts: dict[str, Any],
    *,
    stop: Stopping,
    hint: str,
    tolerate: bool,
) -> Outcome:
    """Train every row of ``theta0`` with the kernel of ``opts['optimizer']``."""
    name, dt = opts["optimizer"], np.dtype(opts["dtype"])
    geo = Geometry(layout, x.shape[0])
    xt = np.ascontiguousarray((x[:, None] if x.ndim == 1 else x).T, dtype=dt)
    task = _Task(geo, xt, np.ascontiguousarray(y, dtype=dt), opts["l2"])
    theta = np.array(theta0, dtype=dt)
    # LM calls BLAS and LAPACK; members finish at different times: deal them one by one
    with threads.limit(blas=bool(geo.blas.any()) or name == "lm"), numba.parallel_chunksize(1):
        if name == "lm":
            return _lm(task, theta, stop)
        if name == "lbfgs":
            return _lbfgs(task, theta, stop, hint, tolerate)
        b1, b2 = opts["betas"] if name == "adam" else (opts["momentum"], 0.0)
        return _first_order(task, theta, stop, name, (opts["lr"], b1, b2, opts["eps"]), hint)


def loss_grad(
    layout: Layout, theta: np.ndarray, x: np.ndarray, y: np.ndarray, l2: float = 0.0,
    *, grad: bool = True, by_blocks: bool = False,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Loss (P,) and gradient (P, p) of every row of ``theta`` (its dtype): for tests."""
    k = kernels.load_deep()
    geo = Geometry(layout, x.shape[0])
    dt = theta.dtype
    xt = np.ascontiguousarray((x[:, None] if x.ndim == 1 else x).T, dtype=dt)
    yd = np.ascontiguousarray(y, dtype=dt)
    f = np.empty(theta.shape[0], dtype=dt)
    g = np.zeros_like(theta)
    with threads.limit(blas=bool(geo.blas.any())):
        args = (xt, yd, theta, *geo.args(dt), dt.type(l2), geo.block, dt == np.float32, grad, f, g)
        if by_blocks:
            k.loss_grad_blocks(*args, numba.get_num_threads())
        else:
            k.loss_grad_members(*args)
    return f, g


def jacobian(layout: Layout, theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """∂y_n/∂θ of every row of ``theta`` (float64): (P, N, p), for tests."""
    k = kernels.load_deep()
    geo = Geometry(layout, x.shape[0])
    xt = np.ascontiguousarray((x[:, None] if x.ndim == 1 else x).T, dtype=np.float64)
    jac = np.empty((theta.shape[0], theta.shape[1], x.shape[0]))
    res = np.empty((theta.shape[0], x.shape[0]))
    with threads.limit(blas=bool(geo.blas.any())):
        k.jacobian_members(xt, np.asarray(y, np.float64), np.asarray(theta, np.float64),
                           geo.sizes, geo.codes, geo.blas, geo.block, False, jac, res)  # fmt: skip
    return jac.transpose(0, 2, 1)


def _final_loss(task: _Task, theta: np.ndarray) -> Any:
    """Each member's loss in float64 (float32 runs are scored in float64, as the fused kernels)."""
    k = kernels.load_deep()
    geo = task.geo
    theta64 = theta.astype(np.float64)
    f = np.empty(theta.shape[0])
    args = (task.xt.astype(np.float64), task.y.astype(np.float64), theta64,
            *geo.args(np.dtype(np.float64)), task.l2, geo.block, False, False, f,
            np.empty_like(theta64))  # fmt: skip
    if _by_blocks(geo, theta.shape[0]):
        k.loss_grad_blocks(*args, numba.get_num_threads())
    else:
        k.loss_grad_members(*args)
    return theta64, f


def _first_order(
    task: _Task,
    theta: np.ndarray,
    stop: Stopping,
    method: str,
    hyper: tuple[float, float, float, float],
    hint: str,
) -> Outcome:
    k = kernels.load_deep()
    dt, geo = theta.dtype, task.geo
    hp = np.asarray(hyper, dtype=dt)
    meth = 1 if method == "adam" else 0
    fn, extra = _schedule(k, "first_order", geo, theta.shape[0])
    xt, y, args = task.xt, task.y, geo.args(dt)

    def kernel(*state: np.ndarray) -> None:
        m, v, ring, count, status, hist = state
        fn(xt, y, theta, m, v, *args, dt.type(task.l2), geo.block, hist.shape[1], meth, hp,
           dt.type(stop.tol), ring, count, status, hist, dt == np.float32, *extra)  # fmt: skip

    history, n_steps, converged = run_first_order(kernel, theta, stop, hint)
    theta64, final = _final_loss(task, theta)
    return Outcome(theta64, final, n_steps, converged, history)


def _lbfgs(
    task: _Task, theta: np.ndarray, stop: Stopping, hint: str, tolerate: bool, memory: int = 10
) -> Outcome:
    k = kernels.load_deep()
    dt, geo = theta.dtype, task.geo
    population, p = theta.shape
    g = np.zeros_like(theta)
    ms = np.zeros((population, memory, p), dtype=dt)
    my = np.zeros((population, memory, p), dtype=dt)
    rho = np.zeros((population, memory), dtype=dt)
    st = np.zeros((population, 3))  # loss, iterations, status (1 done, 2 diverged)
    ring = np.zeros((population, stop.window), dtype=dt)
    fn, extra = _schedule(k, "lbfgs", geo, population)
    xt, y, args = task.xt, task.y, geo.args(dt)

    def call(chunk: int) -> tuple[np.ndarray, np.ndarray]:
        hist = np.empty((population, chunk), dtype=dt)
        fn(xt, y, theta, g, ms, my, rho, st, ring, *args, dt.type(task.l2), geo.block, chunk,
           dt.type(stop.tol), hist, dt == np.float32, *extra)  # fmt: skip
        dead = st[:, 2] == 2
        if dead.any() and (not tolerate or dead.all()):
            raise divergence(int(st[:, 1].max()) + 1, int(dead.sum()), population, hint)
        return hist, st[:, 2] > 0

    history, _ = drive(call, population, stop)
    theta64, final = _final_loss(task, theta)
    dead = st[:, 2] == 2
    final[dead] = np.inf
    return Outcome(theta64, final, st[:, 1].astype(np.int64), st[:, 2] == 1, history)


def _lm(task: _Task, theta: np.ndarray, stop: Stopping) -> Outcome:
    k = kernels.load_deep()
    geo = task.geo
    xt, y, args = task.xt, task.y, geo.args(np.dtype(np.float64))

    def kernel(state: np.ndarray, hist: np.ndarray) -> None:
        k.lm_members(xt, y, theta, *args, task.l2, geo.block, hist.shape[1], stop.tol, state,
                     hist)  # fmt: skip

    return run_lm(kernel, theta, stop)
