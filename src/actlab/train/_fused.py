"""Drive the fused numba kernels and hand back the same :class:`Outcome` as the generic loop.

The kernels run in chunks of steps (see :mod:`actlab.train._chunked`), so chunking never
changes the numbers.
"""

from __future__ import annotations

import numpy as np

from . import kernels
from ._chunked import Stopping, run_first_order, run_lm
from ._loop import Outcome
from ._params import Layout

__all__ = ["FUSED_MAX_WIDTH", "fused_first_order", "fused_lm", "supports"]

# Above this width a one-hidden-layer network goes to the any-depth kernels: the fused
# ones compute each neuron's activation point by point (a libm call for tanh, softplus …),
# the any-depth ones over whole rows with the vectorised σ and the first layer by BLAS
# (1-1024-1 tanh, 10000 points, Adam float32: 45 s for 100 steps fused, PyTorch 9 s).
FUSED_MAX_WIDTH = 64
# Adam and SGD stay fused only where the fused kernel has its own vectorised activation
# (σ in float32) or where the any-depth one has none either. Measured, 1000 points, 300
# Adam steps, one network: 1-16-1 tanh 80 ms fused vs 34 ms any-depth (float64), 103 vs
# 29 (float32); sigmoid float64 54 vs 32; sigmoid float32 7.6 vs 29; 1-64-1 tanh 380 vs 87.
_VECTORISED = ("identity", "sigmoid", "tanh", "relu")


def supports(
    layout: Layout,
    optimizer: str,
    *,
    batched: bool,
    validation: bool,
    loss: str = "mse",
    dtype: str = "float64",
) -> bool:
    """Whether a fused kernel covers this fit (MSE only: a classifier runs the generic loop)."""
    act = layout.activations[0] if layout.activations else ""
    first_order_here = (act == "sigmoid" and dtype == "float32") or act not in _VECTORISED
    return (
        loss == "mse"
        and layout.outputs == 1
        and kernels.available()
        and layout.is_shallow
        and layout.inputs == 1  # the kernels compute w·x for one input
        and layout.shapes[0][0] <= FUSED_MAX_WIDTH
        and layout.activations[0] in kernels.ACT_CODES
        and (optimizer == "lm" or (optimizer in ("adam", "sgd") and first_order_here))
        and not batched
        and not validation
    )


def fused_lm(
    layout: Layout, theta0: np.ndarray, x: np.ndarray, y: np.ndarray, *, l2: float, stop: Stopping
) -> Outcome:
    """Levenberg–Marquardt on every row of ``theta0`` with the fused kernel."""
    k = kernels.load()
    theta = np.array(theta0, dtype=np.float64)
    code = kernels.ACT_CODES[layout.activations[0]]
    x64, y64 = np.ascontiguousarray(x, np.float64), np.ascontiguousarray(y, np.float64)

    def kernel(state: np.ndarray, hist: np.ndarray) -> None:
        k.levenberg_marquardt(x64, y64, theta, code, layout.width, l2, hist.shape[1], stop.tol,
                              state, hist)  # fmt: skip

    return run_lm(kernel, theta, stop)


def fused_first_order(
    layout: Layout,
    theta0: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    *,
    method: str,
    hyper: tuple[float, float, float, float],
    l2: float,
    dtype: str,
    hint: str,
    stop: Stopping,
) -> Outcome:
    """SGD with momentum or Adam on every row of ``theta0`` with the fused kernel."""
    k = kernels.load()
    dt = np.dtype(dtype)
    theta = np.array(theta0, dtype=dt)
    name = layout.activations[0]
    fast = dt == np.float32 and name == "sigmoid"
    hp = np.asarray(hyper, dtype=dt)
    xd, yd = np.ascontiguousarray(x, dt), np.ascontiguousarray(y, dt)
    meth = 1 if method == "adam" else 0

    def kernel(*state: np.ndarray) -> None:
        m, v, ring, count, status, hist = state
        k.first_order(
            xd, yd, theta, m, v, kernels.ACT_CODES[name], layout.width, dt.type(l2),
            hist.shape[1], meth, hp, fast, dt.type(stop.tol), ring, count, status, hist,
        )  # fmt: skip

    history, n_steps, converged = run_first_order(kernel, theta, stop, hint)
    final = np.empty(theta.shape[0])
    theta64 = theta.astype(np.float64)
    k.loss(np.asarray(x, np.float64), np.asarray(y, np.float64), theta64,
           kernels.ACT_CODES[name], layout.width, l2, final)  # fmt: skip
    return Outcome(theta64, final, n_steps, converged, history)
