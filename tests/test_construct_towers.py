"""Nielsen's towers in two inputs: sigmoid towers to a tolerance on a grid, relu towers exact."""

from __future__ import annotations

import numpy as np
import pytest

from actlab.construct import towers
from actlab.errors import ConfigError
from actlab.targets import resolve

TARGET = resolve("sin(x1) * cos(x2 / 2)")


def _grid(bounds, n):
    (a1, b1), (a2, b2) = bounds
    m1, m2 = np.meshgrid(np.linspace(a1, b1, n), np.linspace(a2, b2, n), indexing="ij")
    return np.column_stack([m1.ravel(), m2.ravel()])


@pytest.mark.parametrize("eps", [0.5, 0.2])
def test_towers_sigmoid_reach_the_tolerance_on_the_grid(eps: float) -> None:
    res = towers(TARGET, tolerance=eps, points=61)
    x = _grid(TARGET.bounds, 61)
    err = np.abs(res.network(x) - TARGET(x)).max()
    assert err <= eps
    assert err == pytest.approx(res.max_error, rel=1e-12)
    n1, n2 = res.cells
    assert res.neurons == (n1 + 1) + (n2 + 1) + n1 * n2  # steps, then one tower per cell
    # the fewest cells: one fewer per side cannot reach the tolerance, whatever the heights
    assert towers(TARGET, cells=n1 - 1, points=61).floor > eps * 0.9


def test_towers_smaller_tolerance_needs_more_neurons() -> None:
    coarse = towers(TARGET, tolerance=0.4, points=41)
    fine = towers(TARGET, tolerance=0.15, points=41)
    assert fine.neurons > coarse.neurons
    assert fine.max_error < coarse.max_error


def test_towers_are_a_constant_plus_a_sum_of_sigmoids() -> None:
    res = towers(TARGET, cells=3, points=31)
    net = res.network
    assert net.activations == ["sigmoid", "sigmoid"]
    assert net.widths == [8, 9]
    # every step looks at one input only
    assert np.all(np.count_nonzero(net.weights[0], axis=1) == 1)
    # each tower is ≈ 1 on its own cell's grid points and ≈ 0 on the others
    x = _grid(TARGET.bounds, 31)
    towers_at = net.trace(x).activations[1]
    assert np.all((towers_at > 1 - 1e-6) | (towers_at < 1e-6))
    assert np.all(towers_at.round().sum(axis=1) == 1)  # the cells tile the grid


def test_towers_relu_equal_the_piecewise_constant_function_exactly() -> None:
    n, cells = 41, 4
    res = towers(TARGET, cells=cells, activation="relu", points=n)
    x = _grid(TARGET.bounds, n)
    f = TARGET(x).reshape(n, n)
    idx = np.minimum(np.arange(n) * cells // n, cells - 1)  # cell of each grid row / column
    want = np.empty_like(f)
    for i in range(cells):
        for j in range(cells):
            block = f[np.ix_(idx == i, idx == j)]
            want[np.ix_(idx == i, idx == j)] = (block.max() + block.min()) / 2
    np.testing.assert_allclose(res.network(x).reshape(n, n), want, rtol=0, atol=1e-12)
    assert res.max_error == pytest.approx(res.floor, abs=1e-12)
    assert res.neurons == 2 * (cells + 1) * 2 + cells * cells  # two relus per step


def test_towers_refuse_bad_requests() -> None:
    with pytest.raises(ConfigError, match="either cells or tolerance"):
        towers(TARGET)
    with pytest.raises(ConfigError, match="either cells or tolerance"):
        towers(TARGET, cells=2, tolerance=0.1)
    with pytest.raises(ConfigError, match="activation"):
        towers(TARGET, cells=2, activation="tanh")
    with pytest.raises(ConfigError, match="bounds"):
        towers(lambda x: x[:, 0], cells=2)
