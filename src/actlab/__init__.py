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

from . import targets

__all__ += ["targets"]

from . import train  # noqa: E402

__all__ += ["ActlabRegressor", "train"]


def __getattr__(name: str) -> object:
    """``actlab.ActlabRegressor`` on first use, so that scikit-learn stays optional."""
    if name == "ActlabRegressor":
        from .interop.sklearn import ActlabRegressor

        return ActlabRegressor
    raise AttributeError(f"module 'actlab' has no attribute {name!r}")
