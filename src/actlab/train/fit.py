"""Fit one network (best of several starts) or a whole population.

Both entry points check their arguments, build the starting parameters, pick
the engine — a fused numba kernel for one-hidden-layer networks on the numpy
backend, otherwise the generic loop on the chosen backend — and wrap what
comes back in a :class:`FitResult`.
"""

from __future__ import annotations

import functools
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import threads
from .._budget import check_fit
from ..errors import ConfigError
from ..network import Network
from ..settings.declarations import (
    CLASSIFIER_RESTARTS,
    CLASSIFIER_ROUNDS,
    DEFAULT_RESTARTS,
    SEPARATED,
)
from . import _deep, _fused, _options, init
from ._chunked import Stopping
from ._data import as_data
from ._loop import Outcome, divergence, run
from ._options import check_network, hint_for, validation_split
from ._params import Layout
from .backends import get_backend
from .classification import check_labels, constant_loss, output_targets, quality
from .losses import Objective, mse
from .optimizers import from_options
from .options import FitOptions, options_of
from .result import ConvergenceWarning, FitResult, Progress, link_sklearn

__all__ = ["CLASSIFIER_RESTARTS", "DEFAULT_RESTARTS", "fit", "fit_population"]

WINDOW = {"lm": 10, "lbfgs": 10, "adam": 50, "sgd": 50}  # steps a stall must last


def _train(
    layout: Layout,
    theta0: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    opts: dict[str, Any],
    val: tuple[np.ndarray, np.ndarray] | None,
) -> Outcome:
    """Train every row of ``theta0`` with the fastest engine that covers the options."""
    name, steps, l2, kind = opts["optimizer"], opts["steps"], opts["l2"], opts["loss"]
    # the loss of the best constant prediction sets the tolerance's scale
    var = float(np.var(y)) if kind == "mse" else constant_loss(y, kind, layout.outputs)
    tol = opts["tol"] * var if var > 0 else opts["tol"]
    lr = opts["lr"]
    hint = hint_for(name, lr)
    batched = opts["batch_size"] is not None and opts["batch_size"] < x.shape[0]
    if batched:
        tol = 0.0  # a mini-batch loss is too noisy to detect a stall on
    be = get_backend(opts["backend"], device=opts["device"], dtype=opts["dtype"])
    stop = Stopping(steps, tol, WINDOW[name], opts["callback"])  # for the numba kernels
    fused = _fused.supports(
        layout, name, batched=batched, validation=bool(val), loss=kind, dtype=opts["dtype"]
    )
    if be.name == "numpy" and fused:
        with threads.limit(blas=False):  # the fused kernels call no BLAS
            if name == "lm" and opts["dtype"] == "float64":
                return _fused.fused_lm(layout, theta0, x, y, l2=l2, stop=stop)
            if name in ("adam", "sgd"):
                b1, b2 = opts["betas"] if name == "adam" else (opts["momentum"], 0.0)
                return _fused.fused_first_order(
                    layout, theta0, x, y, method=name, hyper=(lr, b1, b2, opts["eps"]), l2=l2,
                    dtype=opts["dtype"], hint=hint, stop=stop,
                )  # fmt: skip
    deep = _deep.supports(
        layout, name, batched=batched, validation=bool(val), dtype=opts["dtype"], loss=kind
    )
    if be.name == "numpy" and deep:  # any depth, any inputs (MSE regression, one output)
        return _deep.train(layout, theta0, x, y, opts, stop=stop, hint=hint,
                           tolerate=opts.get("tolerate", False))  # fmt: skip
    gpu = be.name == "torch" and be.device != "cpu" and kind == "mse"
    if gpu and name == "adam" and not batched and not val:
        from . import _cuda
        from .backends import cuda_fused

        if cuda_fused.supports(layout, tol):
            return _cuda.adam(be, layout, theta0, x, y, opts)
    obj = Objective(be, layout, x, y, l2, loss=kind)
    val_obj = Objective(be, layout, val[0], val[1], loss=kind) if val else None
    opt = from_options(opts["options"], tol=tol, window=WINDOW[name])
    if kind != "mse" and tol > 0:
        # separable classes have their optimum at infinity: a loss under 0.1% of the labels'
        # entropy (every point's class nearly certain) is done
        opt.floor = SEPARATED * var
        if opts.get("separated_ends"):
            _end_when_separated(opt)
    with threads.limit():
        return run(
            opt, obj, theta0, steps,
            hint=hint, batch_size=opts["batch_size"], seed=opts["seed"], validation=val_obj,
            patience=opts["patience"], callback=opts["callback"],
            tolerate=opts.get("tolerate", False),
        )  # fmt: skip


def _end_when_separated(opt: Any) -> None:
    """Make the starts of one fit stop together once any of them is at ``opt.floor``.

    Such a start has separated the training points, the best a classifier can do; the
    others could at most also get there. (Members of a population are separate networks
    and never stop each other.)
    """
    step = opt.step

    def step_all(obj: Objective, theta: Any) -> tuple[Any, Any, Any]:
        new, loss, done = step(obj, theta)
        return new, loss, done | (loss <= opt.floor).any()

    opt.step = step_all


def _separated(loss: np.ndarray, y: np.ndarray, kind: str, outputs: int) -> bool:
    """Whether some start's training loss is at the classifier's ``SEPARATED`` floor."""
    return bool(np.min(loss) <= SEPARATED * constant_loss(y, kind, outputs))


def _round_seed(seed: int, round_: int) -> int:
    """The seed of a classifier's extra round of starts: fresh draws, reproducible."""
    return int(np.random.SeedSequence([seed, round_]).generate_state(1, np.uint64)[0] >> 1)


def _join(a: Outcome, b: Outcome) -> Outcome:
    """Two runs' starts as one outcome (histories padded with NaN to the longer one)."""
    ha, hb = a.history, b.history
    t = max(len(ha.step), len(hb.step))

    def pad(v: np.ndarray | None) -> np.ndarray | None:
        if v is None:
            return None
        out = np.full((t, *v.shape[1:]), np.nan)
        out[: len(v)] = v
        return out

    longer = ha if len(ha.step) >= len(hb.step) else hb
    va, vb = pad(ha.validation), pad(hb.validation)
    history = type(ha)(
        longer.step, np.concatenate([pad(ha.loss), pad(hb.loss)], axis=1), longer.time,
        None if va is None or vb is None else np.concatenate([va, vb], axis=1),
    )  # fmt: skip
    cat = np.concatenate
    return Outcome(
        cat([a.theta, b.theta]), cat([a.loss, b.loss]), cat([a.steps, b.steps]),
        cat([a.converged, b.converged]), history,
        None if a.validation is None or b.validation is None else cat([a.validation, b.validation]),
    )  # fmt: skip


def _with_overrides(
    options: FitOptions | None, overrides: dict[str, Any]
) -> tuple[FitOptions, tuple[Any, Any] | None]:
    """The options with keyword overrides; a (x_val, y_val) ``validation`` comes back apart."""
    val_data = None
    if isinstance(overrides.get("validation"), tuple | list):
        overrides = dict(overrides)
        val_data = tuple(overrides.pop("validation"))
        if len(val_data) != 2:
            raise ConfigError("the 'validation' parameter must be a fraction or (x_val, y_val)")
    return options_of(options, overrides), val_data


def _quiet(fn: Any) -> Any:
    """Run ``fn`` with numpy's floating-point warnings off: overflow is handled as divergence."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs)

    return wrapper


@_quiet
def fit(
    network: Network,
    x: Any,
    y: Any,
    options: FitOptions | None = None,
    *,
    callback: Callable[[Progress], Any] | None = None,
    **overrides: Any,
) -> FitResult:
    """Fit ``network`` to points (x, y), keeping the best of ``restarts`` starts.

    Arguments:
        network: a single network; its weights are the first start.
        x, y: the training points, 1-D arrays of the same length (x may be (N, 1)).
        options: a :class:`FitOptions` (default: the library's); any option may also
            be given as a keyword (``optimizer="adam", lr=0.05``), overriding it.
            ``validation`` may then also be a pair (x_val, y_val) of held-out points.
        callback: called with a :class:`Progress` after every step (or chunk of steps).

    The options (each declared once in :data:`actlab.settings.FIT_OPTIONS`):
        optimizer: ``lm`` (Levenberg–Marquardt, default), ``lbfgs``, ``adam`` or ``sgd``.
        steps: iteration cap (default 200 for lm, 1000 for lbfgs, 2000 for adam and sgd).
        learning_rate (alias lr): step size of adam (default 0.01) and sgd (0.01).
        l2: penalty λ·Σw² on the weights (not the biases).
        batch_size: mini-batch size for adam and sgd (default: every point).
        loss: ``mse`` (default), ``log_loss`` (labels 0/1, one output: the logit of
            class 1) or ``cross_entropy`` (labels 0 … K−1, K outputs, softmax); for a
            classifier the tolerance's scale is the labels' entropy instead of var(y),
            and ``mse`` in the result is the Brier score of its probabilities.
        restarts: starts in all, the network's own first (default 4 for lm and lbfgs,
            1 for adam and sgd; for a classifier 8 for lm and lbfgs, 1 for adam and sgd,
            and while no start has separated the training points another round of as
            many fresh ones, up to ``CLASSIFIER_ROUNDS`` in all, see ``actlab.settings``);
            the others are data-driven (``init_restarts="data"``) or seeded random
            draws (``"random"``). The starts of a round run as one population.
        seed: seeds the restarts, the validation split and the mini-batches.
        validation: a fraction of the points to hold out, or (x_val, y_val); the best
            start is then chosen by validation error.
        early_stopping: stop each start once its validation error has not improved for
            ``patience`` steps and keep its best weights (holds out 10% if no validation).
        tol: a start is done when its best loss fell by less than ``tol``·var(y) over
            the last 10 steps (50 for adam and sgd); 0 runs every step. Stopping at
            ``steps`` instead warns with :class:`ConvergenceWarning`.
        momentum, betas, eps: of sgd and adam, as in torch.
        backend, device, dtype: ``numpy`` or ``torch``; ``cpu`` or ``cuda``; float64/32.

    Returns:
        A :class:`FitResult` whose ``network`` is the best start after training.

    Raises:
        DivergenceError: a loss or weight became infinite or NaN (the message says
            what to change); no non-finite network is ever returned.
    """
    start = time.perf_counter()
    network = check_network(network, population=False)
    xa, ya = as_data(x, y, inputs=network.inputs)
    fo, val_data = _with_overrides(options, overrides)
    layout = Layout.of(network)
    opts = _options.options(xa.shape[0], fo, callback, layout.size)
    check_labels(ya, fo.loss, network.outputs)
    defaults = DEFAULT_RESTARTS if fo.loss == "mse" else CLASSIFIER_RESTARTS
    k = defaults[fo.optimizer] if fo.restarts is None else fo.restarts
    validation = fo.validation if val_data is None else val_data
    xt, yt, val = validation_split(xa, ya, validation, fo.early_stopping, fo.seed)
    if val is not None:
        check_labels(val[1], fo.loss, network.outputs)
    check_fit(layout, xt.shape[0], k, opts)  # refuse what would not fit in memory or time
    targets = output_targets(yt, fo.loss, network.outputs)
    data = fo.init_restarts == "data"
    theta0 = init.starts(network, xt, targets, k, fo.seed, data=data)
    engine = opts | {"tolerate": True, "separated_ends": True}
    out = _train(layout, theta0, xt, yt, engine, val)
    # a classifier's default: another round of fresh starts while none has separated the
    # points (settings.CLASSIFIER_ROUNDS says why)
    rounds = CLASSIFIER_ROUNDS if fo.loss != "mse" and fo.restarts is None else 1
    for r in range(1, rounds):
        if _separated(out.loss, yt, fo.loss, network.outputs):
            break
        more = init.starts(network, xt, targets, k + 1, _round_seed(fo.seed, r), data=data)
        out = _join(out, _train(layout, more[1:], xt, yt, engine, val))
    _finite_or_raise(out, opts, any_member=True)
    if val is not None:
        pick = out.validation
        if pick is None:
            pick = _val_mse(layout, out, val, fo.loss)
        best = int(np.nanargmin(pick))
    else:
        best = int(np.argmin(out.loss))  # no NaN left: non-finite starts now read +inf
    chosen = layout.unpack(out.theta[best : best + 1], population=False)
    if not out.converged[best] and opts["tol"] > 0:
        link_sklearn()
        warnings.warn(
            f"the fit stopped at the step cap (steps={opts['steps']}) while the loss was still "
            "falling; raise steps, raise tol to stop sooner, or pass tol=0 to run a fixed "
            "number of steps without this warning",
            ConvergenceWarning,
            stacklevel=3,
        )
    restart_mse = _restart_mse(layout, out, opts, xt, yt)
    hist = out.history
    col = hist.loss[:, best] if hist.loss.ndim == 2 else hist.loss
    ran = np.isfinite(col)
    history = type(hist)(
        hist.step[ran], col[ran], hist.time[ran],
        hist.validation[ran][:, best] if hist.validation is not None else None,
    )  # fmt: skip
    return FitResult(
        network=chosen,
        mse=float(restart_mse[best]),
        loss=float(out.loss[best]),
        history=history,
        converged=bool(out.converged[best]),
        steps=int(out.steps[best]),
        time_s=time.perf_counter() - start,
        optimizer=opts["optimizer"],
        backend=opts["backend"],
        restart_mse=restart_mse,
        best_restart=best,
        validation_mse=None if val is None else float(_val_mse(layout, out, val, fo.loss)[best]),
        loss_name=fo.loss,
    )


def _finite_or_raise(out: Outcome, opts: dict[str, Any], *, any_member: bool) -> None:
    """Never hand back non-finite weights: drop such starts, or raise if nothing is left."""
    bad = ~(np.isfinite(out.loss) & np.isfinite(out.theta).all(axis=1))
    if bad.any() and (not any_member or bad.all()):
        raise divergence(int(out.steps.max()), int(bad.sum()), bad.size,
                         hint_for(opts["optimizer"], opts["lr"]))  # fmt: skip
    out.loss[bad] = np.inf  # never chosen as the best start


def _restart_mse(
    layout: Layout, out: Outcome, opts: dict[str, Any], x: np.ndarray, y: np.ndarray
) -> np.ndarray:
    """Each start's training MSE: the engine's final loss when that is it, in float64."""
    if opts["loss"] != "mse":  # a classifier's "mse" is the Brier score of its probabilities
        return quality(layout.unpack(out.theta, population=True)(x), y, opts["loss"])[1]
    exact = opts["l2"] == 0 and opts["dtype"] == "float64" and opts["backend"] == "numpy"
    if exact and np.isfinite(out.loss).all():
        return out.loss.copy()
    return mse(layout.unpack(out.theta, population=True)(x), y)


def _val_mse(
    layout: Layout, out: Outcome, val: tuple[np.ndarray, np.ndarray], kind: str = "mse"
) -> np.ndarray:
    pred = layout.unpack(out.theta, population=True)(val[0])
    return mse(pred, val[1]) if kind == "mse" else quality(pred, val[1], kind)[1]


@_quiet
def fit_population(
    population: Network,
    x: Any,
    y: Any,
    options: FitOptions | None = None,
    *,
    callback: Callable[[Progress], Any] | None = None,
    **overrides: Any,
) -> FitResult:
    """Train every member of a population as one computation; member p ends as if trained alone.

    Takes the options of :func:`fit` (``restarts`` and ``init_restarts`` do not apply:
    each member is its own start); without ``options`` it starts from the
    ``population`` context's defaults (Adam, see ``settings.CONTEXTS``), and
    returns a :class:`FitResult` whose ``network`` is the trained population and whose
    ``mse``, ``converged`` and ``steps`` have one entry per member. Steps capped before
    converging warn once with :class:`ConvergenceWarning`, with their count.
    """
    start = time.perf_counter()
    population = check_network(population, population=True)
    xa, ya = as_data(x, y, inputs=population.inputs)
    for word in ("restarts", "init_restarts"):
        if word in overrides:
            raise ConfigError(
                f"fit_population has no {word!r} option: each member of the population is "
                "its own start"
            )
    fo, val_data = _with_overrides(options or FitOptions.for_context("population"), overrides)
    layout = Layout.of(population)
    opts = _options.options(xa.shape[0], fo, callback, layout.size)
    check_labels(ya, fo.loss, population.outputs)
    validation = fo.validation if val_data is None else val_data
    xt, yt, val = validation_split(xa, ya, validation, fo.early_stopping, fo.seed)
    check_fit(layout, xt.shape[0], population.population or 1, opts)  # memory and time
    out = _train(layout, layout.pack(population), xt, yt, opts, val)
    _finite_or_raise(out, opts, any_member=False)
    capped = int((~out.converged).sum())
    if capped and opts["tol"] > 0:
        link_sklearn()
        warnings.warn(
            f"{capped} of {out.theta.shape[0]} networks stopped at the step cap "
            f"(steps={opts['steps']}) while their loss was still falling; raise steps, or pass "
            "tol=0 to run a fixed number of steps without this warning",
            ConvergenceWarning,
            stacklevel=3,
        )
    trained = layout.unpack(out.theta, population=True)
    # the MSE is the loss less the penalty: no second forward pass over P networks
    penalty = opts["l2"] * (out.theta**2 * layout.weight_mask()).sum(axis=1)
    if fo.loss == "mse":
        members_mse = np.maximum(out.loss - penalty, 0.0)
    else:  # a classifier's "mse" is the Brier score of its probabilities
        members_mse = quality(trained(xt), yt, fo.loss)[1]
    return FitResult(
        network=trained,
        mse=members_mse,
        loss=out.loss,
        history=out.history,
        converged=out.converged,
        steps=out.steps,
        time_s=time.perf_counter() - start,
        optimizer=opts["optimizer"],
        backend=opts["backend"],
        validation_mse=None if val is None else _val_mse(layout, out, val, fo.loss),
        loss_name=fo.loss,
    )
