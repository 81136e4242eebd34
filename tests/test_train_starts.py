"""Restart starting points: the numba hidden-layer kernel equals numpy's data_starts bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network, lesson
from actlab.train import fit, init, kernels
from actlab.train._params import Layout

X = lesson.GRID.values()
Y = lesson.target(X)
_RNG = np.random.default_rng(5)
XR = _RNG.uniform(-3.0, 3.0, 57)  # unsorted, with a noisy target
YR = np.sin(XR) + 0.1 * _RNG.normal(size=57)

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba kernels unavailable")


@pytest.mark.parametrize(
    ("activation", "width", "data"),
    [
        ("sigmoid", 2, "lesson"),
        ("sigmoid", 8, "noisy"),
        ("tanh", 3, "noisy"),
        ("relu", 1, "lesson"),
        ("gelu", 3, "flat"),
    ],
    ids=["sigmoid-2-lesson", "sigmoid-8-noisy", "tanh-3-noisy", "relu-1-lesson", "gelu-3-flat"],
)
@pytest.mark.parametrize("count", [1, 3, 6])
def test_compiled_hidden_equals_data_starts(
    activation: str, width: int, data: str, count: int
) -> None:
    x, y = {"lesson": (X, Y), "noisy": (XR, YR), "flat": (X, np.zeros_like(X))}[data]
    layout = Layout.of(Network.init(width, activation=activation, seed=0))
    expected = init.data_starts(layout, x, y, count, np.random.default_rng(3))
    got = init._compiled_hidden(layout, x, y, count, np.random.default_rng(3))
    np.testing.assert_array_equal(got, expected)


def test_compiled_hidden_hand_worked_example() -> None:
    # y rises by 1 on x ∈ [0, 1] then falls by 1 on [1, 2]: total variation 2, so one
    # sigmoid neuron's quantile 1/2 sits at tv = 1, i.e. x = 1; dy before it is +1, so the
    # slope sign is +1; w = sign · 8 (sigmoid bend) · 1 (width) / 2 (span) = 4; b = −w·1 = −4
    layout = Layout.of(Network.init(1, activation="sigmoid", seed=0))
    x, y = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0, 0.0])
    got = init._compiled_hidden(layout, x, y, 1, np.random.default_rng(0))
    np.testing.assert_array_equal(got, [[4.0, -4.0, 0.0, 0.0]])


def test_fit_same_numbers_with_and_without_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    net = Network.init(2, seed=4)
    fused = fit(net, X, Y, seed=4, restarts=4, tol=0.0, steps=5)
    monkeypatch.setattr(kernels, "available", lambda: False)
    plain = fit(net, X, Y, seed=4, restarts=4, tol=0.0, steps=5)
    np.testing.assert_allclose(fused.restart_mse, plain.restart_mse, rtol=1e-9)
    for a, b in zip(fused.network.weights, plain.network.weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
