"""A recipe: which activation, which heights, which steepness — and how to cook points with it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .. import activations as act
from .._validate import check_choice, check_real
from ..errors import ConfigError, UnsupportedError
from ..network import Network
from .adaptive import values_at
from .convert import sigmoid_to_tanh
from .polyline import polyline
from .pwl import EXTENSIONS, hard_sigmoid_network, relu_network
from .smooth import (
    HEIGHTS,
    MAX_STEEPNESS,
    STAIRCASE_STEEPNESS,
    sigmoid_network,
    step_network,
)
from .steepness import choose_steepness

__all__ = ["CONSTRUCTIBLE", "Recipe"]

Array = np.ndarray
CONSTRUCTIBLE = ("relu", "hard_sigmoid", "sigmoid", "tanh", "step")
SEARCH_POINTS = 2049  # grid of the steepness search; results are then measured on the dense grid


@dataclass(frozen=True)
class Recipe:
    """How points become a network; validated on creation.

    ``steepness`` None means "search for it" (sigmoid, tanh; a staircase uses
    :data:`STAIRCASE_STEEPNESS`). ``heights`` (sigmoid, tanh): ``"rise"`` for a
    staircase; None lets each mode choose (:meth:`with_default_heights`).
    ``extend`` applies to relu.
    """

    activation: str = "relu"
    steepness: float | None = None
    heights: str | None = None
    staircase: bool = False
    extend: str = "constant"

    def __post_init__(self) -> None:
        name = act.get(self.activation).name
        if name not in CONSTRUCTIBLE:
            raise UnsupportedError(
                f"construct builds {', '.join(CONSTRUCTIBLE)} networks; got {name!r} "
                "(train a network for other activations)"
            )
        object.__setattr__(self, "activation", name)
        smooth = name in ("sigmoid", "tanh")
        if self.steepness is not None:
            if not smooth:
                raise ConfigError(
                    f"the 'steepness' parameter applies to sigmoid and tanh, not {name}"
                )
            check_real("steepness", self.steepness, 0.0, MAX_STEEPNESS, lo_open=True)
        if self.heights is not None:
            if not smooth:
                raise ConfigError(
                    f"the 'heights' parameter applies to sigmoid and tanh, not {name}"
                )
            check_choice("heights", self.heights, HEIGHTS)
            if self.staircase and self.heights != "rise":
                raise ConfigError("a staircase uses heights='rise' (one step per rise)")
        if self.staircase and name not in ("sigmoid", "tanh", "step"):
            raise ConfigError(f"a staircase is built from sigmoid, tanh or step, not {name}")
        check_choice("extend", self.extend, EXTENSIONS)
        if self.extend != "constant" and name != "relu":
            raise ConfigError(f"the 'extend' parameter applies to relu, not {name}")
        if name == "step":
            object.__setattr__(self, "staircase", True)
        if smooth and self.heights is None and self.staircase:
            object.__setattr__(self, "heights", "rise")

    def with_default_heights(self, heights: str) -> Recipe:
        """This recipe with ``heights`` filled in if it was left open (sigmoid, tanh)."""
        if self.heights is not None or self.activation not in ("sigmoid", "tanh"):
            return self
        return replace(self, heights=heights)

    @property
    def model(self) -> str:
        """What the construction does between two knots: ``"linear"`` or ``"nearest"``."""
        return "nearest" if self.staircase else "linear"

    @property
    def exact(self) -> bool:
        """Whether the network equals its local model exactly (relu, hard_sigmoid, step)."""
        return self.activation in ("relu", "hard_sigmoid", "step")

    def neurons(self, knots: int) -> int:
        """Hidden neurons used on ``knots`` knots (before zero weights are left out)."""
        return knots if self.activation == "relu" else knots - 1

    def knots_for(self, neurons: int) -> int:
        """Knots that give ``neurons`` hidden neurons."""
        return neurons if self.activation == "relu" else neurons + 1

    def build(
        self,
        x: Array,
        y: Array,
        *,
        reference: Callable[[Array], Array] | None = None,
        domain: tuple[float, float] | None = None,
        criterion: str = "mse",
    ) -> tuple[Network, float | None]:
        """The network through the points and the steepness used (None for relu/hard/step).

        When the steepness must be searched, ``reference`` (default: the points'
        polyline) is the function aimed at on ``domain`` (default: the points' span).
        """
        name = self.activation
        if name == "relu":
            return relu_network(x, y, extend=self.extend), None
        if name == "hard_sigmoid":
            return hard_sigmoid_network(x, y), None
        if name == "step":
            return step_network(x, y), None
        heights = self.heights or "interpolate"
        k = self.steepness
        if k is None and self.staircase:
            k = STAIRCASE_STEEPNESS
        samples = None
        if k is None or heights == "fit":
            reference = reference or polyline(x, y)
            lo, hi = domain if domain is not None else (float(np.min(x)), float(np.max(x)))
            grid = np.linspace(lo, hi, SEARCH_POINTS)
            samples = (grid, values_at(reference, grid))
        if k is None:
            k = choose_steepness(
                lambda s: sigmoid_network(x, y, s, heights=heights, samples=samples),
                reference,
                grid,
                criterion=criterion,
            )
        net = sigmoid_network(x, y, k, heights=heights, samples=samples)
        return (sigmoid_to_tanh(net) if name == "tanh" else net), float(k)
