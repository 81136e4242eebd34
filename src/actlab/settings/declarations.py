"""Every user setting, declared once: the lab's, and the options of every fit.

``FIT_OPTIONS`` are the options of :func:`actlab.train.fit` and
:func:`~actlab.train.fit_population` (and so of ``ActlabRegressor``, ``actlab fit``
and the lab's live training). ``CONTEXTS`` is the one place where a context
deliberately starts from another default or narrower bounds, each with its reason.
``SETTINGS`` are the lab's settings (its controls and URL state); its training
settings are the fit options as the ``page`` context sees them.
"""

from __future__ import annotations

from typing import Any

from .. import activations as act
from .setting import Setting

__all__ = [
    "CLASSIFIER_RESTARTS",
    "CLASSIFIER_ROUNDS",
    "CONSTRUCT_ACTIVATIONS",
    "CONTEXTS",
    "DEFAULT_RESTARTS",
    "FIT_OPTIONS",
    "LIMITS",
    "LOSSES",
    "OPTIMIZERS",
    "SEPARATED",
    "SETTINGS",
    "SYSTEM",
]

#: Every bound the lab enforces, documented in one place (served at ``/api/settings``).
LIMITS: dict[str, float] = {
    "max_depth": 4,  # hidden layers
    "max_width": 64,  # neurons per hidden layer
    "max_points": 1000,  # marked points or CSV rows
    "max_grid_points": 2000,  # x values a curve is drawn at
    "max_expression_length": 2000,  # characters of a target expression
    "max_abs_value": 1e6,  # |weight|, |bias|, |x|, |y|, |domain end|
    "max_steps": 100_000,  # optimizer steps of one training request
    "max_step_request": 1000,  # optimizer steps of one non-streamed step request
    "max_stream_seconds": 300,  # a training stream ends after this long
    "max_csv_bytes": 200_000,  # characters of CSV text
    "max_inputs": 2,  # inputs of a network the lab draws (a curve, or a heatmap over a box)
    "max_grid_side": 100,  # values per side of a two-input grid (at most 100 × 100)
}

ABS = LIMITS["max_abs_value"]
CONSTRUCT_ACTIVATIONS = ("relu", "hard_sigmoid", "sigmoid", "tanh")
#: One word, one method, everywhere: ``sgd`` is SGD with the ``momentum`` option.
OPTIMIZERS = ("lm", "lbfgs", "adam", "sgd")
#: What a fit minimises: regression's MSE, or a classifier's log loss / cross-entropy.
LOSSES = ("mse", "log_loss", "cross_entropy")
_ACTS = tuple(act.names())
_L = LIMITS

#: Starts of a regression fit when ``restarts`` is empty, by optimizer.
DEFAULT_RESTARTS: dict[str, int] = {"lm": 4, "lbfgs": 4, "adam": 1, "sgd": 1}
#: A classifier's starts per round when ``restarts`` is empty. Its losses have plateaus at
#: infinity that catch about half of all starts: XOR with two tanh or sigmoid neurons
#: ends with two points separated by a saturated neuron and two at p = ½ (loss ln 2 / 2)
#: from 45–50% of data-driven starts and 77–91% of ``Network.init``'s, whatever the
#: optimizer (lm, lbfgs and adam alike), so one round of 8 leaves 1–2 seeds in 100 wrong.
CLASSIFIER_RESTARTS: dict[str, int] = {"lm": 8, "lbfgs": 8, "adam": 1, "sgd": 1}
#: Rounds of a classifier's default starts: after a round in which no start separated the
#: training points (none reached the ``SEPARATED`` floor), the next round draws as many
#: fresh starts, up to this many rounds. Data a start separates costs one round as before;
#: only a fit that separates nothing pays for the others (twice the time). Measured on XOR,
#: two neurons, ``ActlabClassifier`` seeds 0–599: one round 593/600 (tanh) and 593/600
#: (sigmoid), two rounds 600/600 each, 9 and 11 seeds needing the second.
CLASSIFIER_ROUNDS = 2
#: A classifier start whose loss is below this share of its labels' entropy has separated
#: the training points (every point's class nearly certain): it is done, and so is its fit.
SEPARATED = 1e-3

FIT_OPTIONS: tuple[Setting, ...] = (
    Setting("optimizer", "choice", "lm", "lm (Levenberg–Marquardt; above 1000 parameters it "
            "runs lbfgs), lbfgs, adam, or sgd (with momentum)", "train", choices=OPTIMIZERS),
    Setting("loss", "choice", "mse", "what is minimised: mse (regression), log_loss (two "
            "classes, one sigmoid output) or cross_entropy (K classes, softmax over K outputs); "
            "a classification target sets it", "train", choices=LOSSES),
    Setting("steps", "int", None, "iteration cap (empty: 200 for lm, 1000 for lbfgs, 2000 "
            "for adam and sgd)", "train", 1, 10_000_000, optional=True),
    Setting("learning_rate", "float", None, "step size of adam and sgd (empty: 0.01)",
            "train", 0.0, 1e6, lo_open=True, optional=True, log=True, aliases=("lr",)),
    Setting("l2", "float", 0.0, "penalty λ·Σw² on the weights (not the biases)", "train",
            0.0, 1e6),
    Setting("batch_size", "int", None, "mini-batch size of adam and sgd (empty: every point)",
            "train", 1, 10_000_000, optional=True),
    Setting("restarts", "int", None, "starts to keep the best of (empty: 4 for lm and lbfgs, "
            "1 for adam and sgd; for a classifier 8 for lm and lbfgs, and as many again while "
            "none has separated the classes)", "train", 1, 10_000, optional=True),
    Setting("init_restarts", "choice", "data", "how the extra starts are drawn: data-driven "
            "or random", "train", choices=("data", "random")),
    Setting("tol", "float", 1e-6, "a start is done when its best loss fell by less than "
            "tol·var(y) over a window of steps; 0 runs every step", "train", 0.0, 1e6),
    Setting("validation", "float", None, "share of the points held out to choose the best "
            "start (empty: none)", "train", 0.0, 0.5, lo_open=True, optional=True),
    Setting("early_stopping", "bool", False, "stop each start once its validation error "
            "stops improving (holds out 10% without validation)", "train"),
    Setting("patience", "int", 20, "steps without a better validation error before early "
            "stopping", "train", 1, 10_000_000),
    Setting("momentum", "float", 0.9, "momentum μ of sgd (0: plain gradient descent)", "train",
            0.0, 1.0, hi_open=True),
    Setting("betas", "pair", (0.9, 0.999), "Adam's decay rates β1, β2", "train", 0.0, 1.0,
            hi_open=True),
    Setting("eps", "float", 1e-8, "Adam's ε", "train", 0.0, 1.0, lo_open=True),
    Setting("seed", "int", 0, "seed of the restarts, the validation split and the "
            "mini-batches", "train", 0, 2**63 - 1),
    Setting("backend", "choice", "numpy", "array backend", "train", choices=("numpy", "torch")),
    Setting("device", "text", "cpu", "device of the torch backend: cpu or cuda[:k]", "train",
            max_length=32),
    Setting("dtype", "choice", "float64", "floating-point type", "train",
            choices=("float64", "float32")),
)  # fmt: skip

#: Settings of the process rather than of one fit.
SYSTEM: tuple[Setting, ...] = (
    Setting("threads", "int", None, "threads of actlab's numerical code (empty: automatic — "
            "ACTLAB_THREADS, else 1 in a worker process and the available cores, at most 8, "
            "otherwise)", "system", 1, 1024, optional=True),
)  # fmt: skip

#: Contexts that deliberately start elsewhere than the library, and why (the one place).
CONTEXTS: dict[str, dict[str, dict[str, Any]]] = {
    "page": {
        "optimizer": {
            "default": "adam",
            "why": "live training starts with Adam, whose small "
            "steps can be watched; Levenberg–Marquardt jumps to the optimum",
        },
        "learning_rate": {
            "default": 0.03,
            "optional": False,
            "hi": 10.0,
            "why": "a step a slider can reach, large enough to see motion",
        },
        "steps": {
            "default": 20_000,
            "optional": False,
            "hi": _L["max_steps"],
            "why": "a live run stops by itself, within the lab's step limit",
        },
        "tol": {"default": 0.0, "why": "live training runs until paused, never stalls out"},
        "batch_size": {
            "hi": _L["max_points"],
            "why": "the page never has more points than this to split into batches",
        },
    },
    "population": {
        "optimizer": {
            "default": "adam",
            "why": "fit_population trains many networks in "
            "lock-step; Adam's cheap steps scale to millions of them",
        },
    },
    # `actlab fit` and ActlabRegressor take the library's defaults: Levenberg–Marquardt
    # with restarts reaches the optimum of the small networks actlab is about.
    "cli": {},
    "library": {},
}

_PAGE_FIT = ("optimizer", "learning_rate", "steps", "momentum", "l2", "batch_size")


def in_context(s: Setting, context: str) -> Setting:
    """``s`` as ``context`` sees it: its own default and bounds where ``CONTEXTS`` says so."""
    changes = {k: v for k, v in CONTEXTS[context].get(s.name, {}).items() if k != "why"}
    return s.but(**changes) if changes else s


_FIT = {s.name: s for s in FIT_OPTIONS}

SETTINGS: tuple[Setting, ...] = (
    # target
    Setting("target", "text", "lesson", "a preset name or an expression in x, "
            "e.g. sin(3*x) + 0.3*x**2", "target", max_length=int(_L["max_expression_length"])),
    Setting("x_min", "float", None, "left end of the domain (empty: the target's own)",
            "target", -ABS, ABS, optional=True),
    Setting("x_max", "float", None, "right end of the domain (empty: the target's own)",
            "target", -ABS, ABS, optional=True),
    Setting("fit", "choice", "curve", "what training and the scores use: the target curve "
            "or the marked points", "target", choices=("curve", "points")),
    Setting("grid_points", "int", 201, "x values the curves are drawn and scored at",
            "target", 2, _L["max_grid_points"]),
    Setting("train_points", "int", 101, "samples of the target curve that training fits",
            "target", 2, _L["max_points"]),
    Setting("noise", "float", 0.0, "σ of the Gaussian noise added to the samples' y "
            "(training and test)", "target", 0.0, 100.0),
    Setting("test_fraction", "float", 0.0, "share of the samples held out as a test set, "
            "never trained on", "target", 0.0, 0.9),
    # network
    Setting("depth", "int", 1, "hidden layers (0: a single line y = a·x + b)",
            "network", 0, _L["max_depth"]),
    Setting("width", "int", 2, "neurons per hidden layer", "network", 1, _L["max_width"]),
    Setting("activation", "choices", ["sigmoid"], "activation of each hidden layer, "
            "comma-separated (the last one repeats)", "network", choices=_ACTS,
            max_length=int(_L["max_depth"])),
    Setting("seed", "int", 0, "seed of the random initial weights", "network", 0, 2**31 - 1),
    Setting("init", "choice", "torch", "initialisation: torch (uniform ±1/√fan_in), "
            "glorot or he", "network", choices=("torch", "glorot", "he")),
    # construct
    Setting("construct", "choice", "relu", "activation used to build a network from the "
            "marked points", "construct", choices=CONSTRUCT_ACTIVATIONS),
    Setting("tolerance", "float", None, "build the fewest neurons within this largest error "
            "of the target (empty: through the marked points)", "construct", 0.0, 1e6,
            lo_open=True, optional=True, log=True),
    # train: the fit options, as the page sees them
    *(in_context(_FIT[name], "page") for name in _PAGE_FIT),
    Setting("negligible", "float", 0.01, "a neuron is dimmed when its contribution size "
            "(|c|·range of φ) is below this fraction of the target's range", "view", 0.0, 1.0),
    # page
    Setting("mode", "choice", "manual", "what the side panel shows", "view",
            choices=("manual", "construct", "train")),
    Setting("lang", "choice", "en", "language of the page", "view", choices=("en", "zh")),
    Setting("tour", "int", 0, "step of the guided tour shown (0: its overview)", "view", 0, 5),
)  # fmt: skip
