"""Sigmoid constructions: the lesson's recipe, interpolation, limits as the steepness grows."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from actlab import lesson
from actlab.construct import (
    Recipe,
    choose_steepness,
    sigmoid_network,
    staircase_network,
    step_network,
)
from actlab.errors import ConfigError, UnsupportedError

KX, KY = np.array([0.0, 2.0, 4.0]), np.array([0.0, 4.0, 2.0])  # the lesson's kinks


def test_rise_recipe_reproduces_the_lesson_form() -> None:
    # k = 4.8 over segments of width 2: w = 4.8/2 = 2.4; centres 1 and 3: b = −2.4·1, 2.4·3
    # heights 4 and −2; the falling one flips: −2σ(z) = 2σ(−z) − 2, so c0 = 0 − 2 = −2
    net = sigmoid_network(KX, KY, 4.8, heights="rise")
    assert net.formula() == "y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.2) − 2"


@pytest.mark.parametrize("k", [1.0, 3.0, 8.0], ids=lambda k: f"k={k:g}")
def test_interpolate_passes_through_every_point(rng, k: float) -> None:
    xs = np.cumsum(rng.uniform(0.2, 1.0, 9))
    ys = rng.normal(size=9)
    assert np.max(np.abs(sigmoid_network(xs, ys, k)(xs) - ys)) <= 1e-9


def test_fit_heights_are_least_squares() -> None:
    grid = lesson.GRID.values()
    net = sigmoid_network(KX, KY, 5.0, heights="fit", samples=(grid, lesson.target(grid)))
    # oracle: lstsq on the same columns
    w = 5.0 / 2.0
    a = np.column_stack(
        [1 / (1 + np.exp(-w * (grid - 1))), 1 / (1 + np.exp(-w * (grid - 3))), 1 + 0 * grid]
    )
    c, *_ = np.linalg.lstsq(a, lesson.target(grid), rcond=None)
    assert np.allclose(net(grid), a @ c, atol=1e-10)


def test_more_and_steeper_sigmoids_converge_to_the_polyline() -> None:
    # s sigmoids per segment, each with steepness 6·s/Δ: the error halves with every doubling
    x = np.linspace(-2.0, 6.0, 4001)
    poly = np.interp(x, KX, KY)
    errors = [
        np.max(np.abs(sigmoid_network(KX, KY, 6.0, heights="rise", substeps=s)(x) - poly))
        for s in (1, 2, 4, 8, 16, 32, 64)
    ]
    assert all(b < a for a, b in pairwise(errors))
    assert errors[-1] < 0.005


def test_one_sigmoid_per_segment_tends_to_steps_not_ramps() -> None:
    x = np.linspace(-2.0, 6.0, 4001)
    step = step_network(KX, KY)(x)
    ks = [2.0, 4.0, 8.0, 16.0, 64.0, 256.0, 1024.0]
    to_step = [np.mean((sigmoid_network(KX, KY, k, heights="rise")(x) - step) ** 2) for k in ks]
    assert all(b < a for a, b in pairwise(to_step))
    # against the polyline the error tends to half the largest rise (4/2 = 2), not to 0
    poly = np.interp(x, KX, KY)
    steep = sigmoid_network(KX, KY, 1e4, heights="rise")
    assert np.max(np.abs(steep(x) - poly)) == pytest.approx(2.0, abs=0.01)


def test_step_network_is_the_nearest_point_staircase() -> None:
    # steps at the midpoints 1 and 3: y = 4·H(x − 1) − 2·H(x − 3)
    net = step_network(KX, KY)
    assert net.formula() == "y = 4step(x − 1) − 2step(x − 3)"
    assert net(KX).tolist() == KY.tolist()
    assert net(np.array([0.9, 1.0, 2.9, 3.0])).tolist() == [0.0, 4.0, 4.0, 2.0]


def test_sigmoid_staircase_matches_steps_at_the_points() -> None:
    net = staircase_network(KX, KY)
    assert np.max(np.abs(net(KX) - KY)) < 1e-9
    assert staircase_network(KX, KY, activation="step").activations == ["step"]


def test_steepness_search_finds_the_scan_minimum() -> None:
    x = lesson.GRID.values()

    def build(k: float):
        return sigmoid_network(KX, KY, k, heights="rise")

    best = choose_steepness(build, lesson.target, x)
    scan = np.exp(np.linspace(0.0, np.log(16.0), 2001))
    mses = [np.mean((build(k)(x) - lesson.target(x)) ** 2) for k in scan]
    assert best == pytest.approx(scan[int(np.argmin(mses))], rel=2e-3)
    assert best == pytest.approx(5.4583, abs=1e-3)


def test_recipe_searches_steepness_against_the_polyline_by_default() -> None:
    net, k = Recipe("sigmoid").build(KX, KY)
    assert 1.0 <= k <= 16.0
    assert np.max(np.abs(net(KX) - KY)) <= 1e-9


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"activation": "gelu"}, UnsupportedError, "construct builds relu, hard_sigmoid"),
        ({"activation": "relu", "steepness": 2.0}, ConfigError, "'steepness' parameter applies"),
        ({"activation": "sigmoid", "steepness": -1.0}, ConfigError, "finite number in \\(0"),
        ({"activation": "sigmoid", "heights": "tall"}, ConfigError, "rise, interpolate, fit"),
        ({"activation": "relu", "staircase": True}, ConfigError, "staircase is built from"),
        ({"activation": "tanh", "extend": "linear"}, ConfigError, "'extend' parameter applies"),
    ],
    ids=["gelu", "relu-steepness", "negative", "heights", "relu-staircase", "tanh-extend"],
)
def test_bad_recipes_raise(kwargs, error, message: str) -> None:
    with pytest.raises(error, match=message):
        Recipe(**kwargs)


def test_too_flat_sigmoids_cannot_interpolate() -> None:
    xs = np.linspace(0.0, 1.0, 30)
    with pytest.raises(ConfigError, match="too flat to pass through the points"):
        sigmoid_network(xs, np.sin(xs), 1e-4)
