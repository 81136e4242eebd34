"""Exact piecewise-linear constructions: relu and hard_sigmoid polylines through points."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import lesson
from actlab.collapse import linear_pieces
from actlab.construct import check_points, hard_sigmoid_network, refine, relu_network, simplify
from actlab.errors import ConfigError, DataError


def random_points(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n points with strictly increasing x (gaps at least 0.05) and random y."""
    xs = np.cumsum(rng.uniform(0.05, 2.0, n)) - 3.0
    return xs, rng.normal(0.0, 2.0, n)


def test_relu_lesson_kinks_hand_worked() -> None:
    # slopes: (4 − 0)/2 = 2 on [0, 2], (2 − 4)/2 = −1 on [2, 4], 0 outside
    # bends:  at 0: 2 − 0 = 2, at 2: −1 − 2 = −3, at 4: 0 − (−1) = 1
    # so y = 2relu(x) − 3relu(x − 2) + relu(x − 4); at x = 3: 2·3 − 3·1 + 0 = 3 = −3 + 6
    net = relu_network([0, 2, 4], [0, 4, 2])
    assert net.formula() == "y = 2relu(x) − 3relu(x − 2) + relu(x − 4)"
    assert net(np.array([3.0]))[0] == 3.0
    x = np.linspace(-2.0, 6.0, 8001)
    assert np.max(np.abs(net(x) - lesson.target(x))) <= 1e-12


@pytest.mark.parametrize("n", [2, 3, 7, 40], ids=lambda n: f"{n}-points")
@pytest.mark.parametrize("build", [relu_network, hard_sigmoid_network], ids=["relu", "hard"])
def test_polyline_matches_interp_everywhere(rng, build, n: int) -> None:
    xs, ys = random_points(rng, n)
    x = np.linspace(xs[0] - 3.0, xs[-1] + 3.0, 5001)  # np.interp is constant beyond the ends too
    assert np.max(np.abs(build(xs, ys)(x) - np.interp(x, xs, ys))) <= 1e-9 * max(1, np.ptp(ys))


def test_relu_breakpoints_are_the_knots(rng) -> None:
    xs, ys = random_points(rng, 6)
    pieces = linear_pieces(relu_network(xs, ys))  # an independent reading of the network
    assert np.allclose(pieces.breakpoints, xs)


def test_relu_linear_extension_continues_end_segments() -> None:
    net = relu_network([0, 2, 4], [0, 4, 2], extend="linear")
    # beyond the ends the first slope (2) and the last slope (−1) go on
    assert np.allclose(net(np.array([-1.0, 6.0])), [-2.0, 0.0])
    assert "relu(−x)" in net.formula()
    assert net.widths == [3]  # relu(±x) pair for the line, one bend at 2


def test_hard_sigmoid_one_ramp_per_rising_or_falling_segment() -> None:
    # ramp over [0, 2]: h(6(x − 1)/2) = h(3x − 3), height 4; over [2, 4]: h(3x − 9), height −2
    net = hard_sigmoid_network([-2, 0, 2, 4, 6], [0, 0, 4, 2, 2])
    assert net.formula() == "y = 4·hard_sigmoid(3x − 3) − 2·hard_sigmoid(3x − 9)"


def test_flat_points_keep_one_silent_neuron() -> None:
    net = relu_network([0, 1, 2], [3, 3, 3])
    assert net.widths == [1]
    assert np.allclose(net(np.linspace(-5, 5, 11)), 3.0)


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([0, 2, 1], [0, 1, 2], "strictly increasing x; point 3"),
        ([0, 1], [0, np.nan], "finite"),
        ([0], [0], "at least 2 points"),
        ([0, 1, 2], [0, 1], "same length"),
    ],
    ids=["unsorted", "nan", "one-point", "lengths"],
)
def test_bad_points_raise_data_error(x, y, message: str) -> None:
    with pytest.raises(DataError, match=message):
        check_points(x, y)


def test_unknown_extension_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'extend' parameter must be one of constant, linear"):
        relu_network([0, 1], [0, 1], extend="mirror")


def test_refine_keeps_the_polyline(rng) -> None:
    xs, ys = random_points(rng, 5)
    fx, fy = refine(xs, ys, 3)
    assert fx.size == 13
    x = np.linspace(xs[0], xs[-1], 999)
    assert np.allclose(np.interp(x, fx, fy), np.interp(x, xs, ys))


def test_simplify_drops_flat_ends_and_straight_runs() -> None:
    sx, sy = simplify(np.array([-2.0, -1, 0, 1, 2, 3, 4, 6]), np.array([0.0, 0, 0, 2, 4, 3, 2, 2]))
    assert sx.tolist() == [0.0, 2.0, 4.0]
    assert sy.tolist() == [0.0, 4.0, 2.0]
