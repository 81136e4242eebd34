"""actlab: see, prove and measure why neural networks need activation functions."""

from __future__ import annotations

__version__ = "0.1.0"

from . import activations, lesson  # noqa: E402
from .activations import ACTIVATIONS, Activation  # noqa: E402
from .errors import (  # noqa: E402
    ActlabError,
    ConfigError,
    DataError,
    DivergenceError,
    ExpressionError,
    SchemaError,
    UnsupportedError,
)
from .network import Network, Trace  # noqa: E402

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
