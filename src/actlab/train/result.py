"""What a fit returns: the fitted network, its error, the history and how it ended."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..network import Network

__all__ = ["ConvergenceWarning", "FitResult", "History", "Progress", "link_sklearn"]


class _Unlinked(UserWarning):
    """The base of :class:`ConvergenceWarning` until scikit-learn's takes its place."""


class ConvergenceWarning(_Unlinked):
    """Training stopped at its step cap before the loss stopped improving.

    With scikit-learn loaded it is also a ``sklearn.exceptions.ConvergenceWarning``,
    so the usual ``warnings.filterwarnings(..., category=ConvergenceWarning)`` of
    scikit-learn code applies to actlab's fits too (see :func:`link_sklearn`).
    """


def link_sklearn() -> bool:
    """Make :class:`ConvergenceWarning` a subclass of scikit-learn's, once that is loaded.

    Importing scikit-learn takes seconds, so actlab never does it for this: it links
    the classes when scikit-learn is already imported (at ``import actlab.train``, at
    ``import actlab.interop.sklearn`` and before each warning). A filter that names
    scikit-learn's class can only exist once scikit-learn is imported, so every such
    filter sees the link. Returns whether the classes are linked.
    """
    module = sys.modules.get("sklearn.exceptions")
    base = getattr(module, "ConvergenceWarning", None)
    if not (isinstance(base, type) and issubclass(base, UserWarning)):
        return False
    if not issubclass(ConvergenceWarning, base):
        ConvergenceWarning.__bases__ = (base,)
    return True


link_sklearn()


@dataclass
class History:
    """Loss per recorded step and wall time since the start, in seconds.

    ``loss`` is (steps,) for one network and (steps, P) for a population; for
    very large populations only every ``stride``-th step is kept.
    """

    step: np.ndarray
    loss: np.ndarray
    time: np.ndarray
    validation: np.ndarray | None = None  # validation MSE at the same steps, when used

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready lists."""
        out = {"step": self.step.tolist(), "loss": self.loss.tolist(), "time": self.time.tolist()}
        if self.validation is not None:
            out["validation"] = self.validation.tolist()
        return out


@dataclass(frozen=True)
class Progress:
    """What a progress callback receives after each recorded step."""

    step: int  # steps done so far
    steps: int  # the step cap
    loss: float  # best (lowest) current loss over the population
    elapsed: float  # seconds since the start


@dataclass
class FitResult:
    """The outcome of :func:`~actlab.train.fit` or :func:`~actlab.train.fit_population`.

    For a population, ``mse``, ``loss``, ``converged`` and ``steps`` are arrays
    with one entry per member.
    """

    network: Network
    mse: Any  # training mean squared error of ``network`` (no penalty); for a classifier the
    # Brier score: the squared error of its class probabilities
    loss: Any  # final objective (MSE, or log loss / cross-entropy, + L2 penalty)
    history: History
    converged: Any
    steps: Any  # iterations each member ran
    time_s: float
    optimizer: str
    backend: str
    restart_mse: np.ndarray = field(default_factory=lambda: np.zeros(0))
    best_restart: int = 0
    validation_mse: Any = None
    loss_name: str = "mse"  # what ``loss`` measures: mse, log_loss or cross_entropy

    def __repr__(self) -> str:
        if np.ndim(self.mse) == 0:
            what = f"mse={float(self.mse):.6g}"
        else:
            mse = np.asarray(self.mse)
            what = f"median mse={np.median(mse):.6g} over {mse.size} networks"
        return (
            f"FitResult({self.network!r}, {what}, optimizer={self.optimizer!r}, "
            f"time_s={self.time_s:.3g})"
        )
