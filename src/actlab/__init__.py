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

# Imported on first use: heavier, or needing optional packages (scikit-learn, anywidget).
_LAZY_MODULES = ("collapse", "construct", "experiments", "figures", "interop", "report")
__all__ += [*_LAZY_MODULES, "notebook"]
_LAZY_MODULES += ("notebook", "widgets")  # widgets needs anywidget: not in __all__


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


def _in_ipython() -> bool:
    """Whether this import runs inside IPython (a Jupyter kernel, VS Code, Colab …)."""
    import sys

    ipython = sys.modules.get("IPython")
    return ipython is not None and getattr(ipython, "get_ipython", lambda: None)() is not None


if _in_ipython():  # rich displays: networks, results, figures (see actlab.notebook)
    # by name, like the lazy modules above: modules that read actlab.__version__ do not
    # depend on actlab.notebook
    __import__("importlib").import_module(".notebook", __name__).register()
