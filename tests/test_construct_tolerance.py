"""Knots to a tolerance or a budget: ε met on a dense grid, with fewer neurons than uniform."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from actlab.construct import (
    Recipe,
    construct,
    farthest_reach,
    fewest_uniform,
    to_tolerance,
    with_neurons,
)
from actlab.errors import ConfigError, DataError
from actlab.targets import resolve

CURVED = {
    "sin": resolve("sin", domain=(0.0, 2 * np.pi)),
    "runge": resolve("runge"),
    "nielsen": resolve("nielsen"),
}


def independent_grid(target) -> np.ndarray:
    """A grid denser than the construction's own, and not aligned with it."""
    return np.linspace(*target.domain, 30011)


def uniform_relu_error(target, knots: int) -> float:
    """Largest error of the polyline on evenly spaced knots (np.interp as oracle)."""
    x = independent_grid(target)
    xs = np.linspace(*target.domain, knots)
    return float(np.max(np.abs(np.interp(x, xs, target(xs)) - target(x))))


@pytest.mark.parametrize("eps", [1e-2, 1e-3], ids=["eps=1e-2", "eps=1e-3"])
@pytest.mark.parametrize("name", list(CURVED))
def test_relu_meets_tolerance_with_fewer_neurons_than_uniform(name: str, eps: float) -> None:
    target = CURVED[name]
    result = construct(target, Recipe("relu"), tolerance=eps)
    x = independent_grid(target)
    assert np.max(np.abs(result.network(x) - target(x))) <= eps
    assert result.max_error <= eps
    # relu uses one neuron per knot: evenly spaced knots with as many neurons all miss ε
    assert all(uniform_relu_error(target, m) > eps for m in range(2, result.neurons + 1))
    assert result.neurons < result.baseline["neurons"]


@pytest.mark.parametrize("name", list(CURVED))
@pytest.mark.parametrize("activation", ["sigmoid", "hard_sigmoid", "tanh"])
def test_smooth_and_ramps_meet_tolerance(name: str, activation: str) -> None:
    target = CURVED[name]
    result = construct(target, Recipe(activation), tolerance=1e-2)
    x = independent_grid(target)
    assert np.max(np.abs(result.network(x) - target(x))) <= 1e-2
    assert result.network.activations == [activation]
    assert result.neurons <= result.baseline["neurons"]


@pytest.mark.parametrize("name", ["runge", "nielsen"])
def test_sigmoid_uses_fewer_neurons_than_uniform_on_uneven_curvature(name: str) -> None:
    result = construct(CURVED[name], Recipe("sigmoid"), tolerance=1e-2)
    assert result.neurons < result.baseline["neurons"]


def test_step_staircase_meets_tolerance() -> None:
    target = CURVED["runge"]
    result = construct(target, Recipe("step"), tolerance=1e-2)
    x = independent_grid(target)
    assert np.max(np.abs(result.network(x) - target(x))) <= 1e-2


def test_known_kinks_make_the_seed_exact() -> None:
    result = construct(resolve("seed"), Recipe("relu"), tolerance=1e-3)
    assert result.neurons == 3
    assert result.max_error <= 1e-12
    assert result.knots.tolist() == [0.0, 2.0, 4.0]


@pytest.mark.parametrize("model", ["linear", "nearest"])
def test_farthest_reach_segments_are_admissible_and_maximal(model: str) -> None:
    x = np.linspace(0.0, 1.0, 2001)
    y = np.sin(7 * x) + x**2
    tol = 0.01
    knots = farthest_reach(x, y, tol, model)

    def error(i: int, j: int) -> float:
        xs = x[i : j + 1]
        if model == "linear":
            approx = np.interp(xs, [x[i], x[j]], [y[i], y[j]])
        else:
            approx = np.where(xs < (x[i] + x[j]) / 2, y[i], y[j])
        return float(np.max(np.abs(y[i : j + 1] - approx)))

    assert knots[0] == 0 and knots[-1] == x.size - 1
    for i, j in pairwise(knots[:-1]):
        assert error(i, j) <= tol
        assert error(i, j + 1) > tol  # one grid point further would break the tolerance


def test_fewest_uniform_finds_the_threshold() -> None:
    assert fewest_uniform(lambda n: n >= 37, 1, 1000) == 37
    assert fewest_uniform(lambda n: n >= 5000, 1, 1000) is None


def test_budget_error_falls_with_more_neurons() -> None:
    target = CURVED["sin"]
    errors = [with_neurons(target, n, Recipe("relu")).max_error for n in (4, 8, 16, 32)]
    assert all(b < a for a, b in pairwise(errors))


def test_budget_adaptive_beats_uniform_on_runge() -> None:
    target = CURVED["runge"]
    adaptive = with_neurons(target, 12, Recipe("relu"))
    uniform = with_neurons(target, 12, Recipe("relu"), knots="uniform")
    assert adaptive.neurons <= 12 and uniform.neurons == 12
    assert adaptive.max_error < uniform.max_error


def test_budget_with_kinks_rebuilds_the_seed() -> None:
    for name, neurons in [("relu", 3), ("hard_sigmoid", 2)]:
        result = with_neurons(resolve("seed"), neurons, Recipe(name))
        assert result.neurons == neurons
        assert result.max_error <= 1e-12


def test_unreachable_tolerance_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no construction within 4096 neurons meets"):
        to_tolerance(CURVED["nielsen"], 1e-7, Recipe("relu"), domain=(0.0, 1.0))


def test_step_tolerance_finer_than_the_grid_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="finer than the target changes between the points"):
        to_tolerance(CURVED["nielsen"], 1e-5, Recipe("step"), domain=(0.0, 1.0))


def test_target_undefined_on_the_domain_is_a_data_error() -> None:
    with pytest.raises(DataError, match="not finite at x = -1"):
        to_tolerance(np.log, 1e-2, domain=(-1.0, 1.0))


def test_construct_needs_exactly_one_mode() -> None:
    with pytest.raises(ConfigError, match="exactly one of points, neurons and tolerance"):
        construct(CURVED["sin"], neurons=3, tolerance=0.1)


def test_jump_target_meets_tolerance_where_uniform_knots_cannot() -> None:
    # evenly spaced knots never land on the jump at 0; greedy insertion closes in on it
    target = resolve("step")
    result = construct(target, Recipe("sigmoid"), tolerance=0.1)
    assert result.max_error <= 0.1
    assert result.baseline == {"neurons": None, "max_error": None, "searched_up_to": 64}
