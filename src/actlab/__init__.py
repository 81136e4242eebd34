"""actlab: see, prove and measure why neural networks need activation functions."""

from __future__ import annotations

__version__ = "0.1.0"

from . import activations, lesson
from .activations import ACTIVATIONS, Activation
from .errors import (
    ActlabError,
    ConfigError,
    DataError,
    DivergenceError,
    ExpressionError,
    SchemaError,
    UnsupportedError,
)
from .network import Network, Trace

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "ActlabError",
    "ConfigError",
    "DataError",
    "DivergenceError",
    "ExpressionError",
    "Network",
    "SchemaError",
    "Trace",
    "UnsupportedError",
    "__version__",
    "activations",
    "lesson",
]

from . import problem, score, settings, targets
from .problem import Problem

__all__ += ["Problem", "problem", "score", "settings", "targets"]

from . import train  # noqa: E402
from .train import FitOptions, fit, fit_population  # noqa: E402

__all__ += ["ActlabClassifier", "ActlabRegressor", "FitOptions", "fit", "fit_population", "train"]

# Imported on first use: heavier, or needing optional packages (scikit-learn).
_LAZY_MODULES = ("collapse", "construct", "experiments", "figures", "interop", "report")
__all__ += list(_LAZY_MODULES)


def __getattr__(name: str) -> object:
    """``actlab.figures``, ``actlab.ActlabRegressor``, … on first use."""
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name == "ActlabRegressor":
        from .interop.sklearn import ActlabRegressor

        return ActlabRegressor
    if name == "ActlabClassifier":
        from .interop.classifier import ActlabClassifier

        return ActlabClassifier
    raise AttributeError(f"module 'actlab' has no attribute {name!r}")
