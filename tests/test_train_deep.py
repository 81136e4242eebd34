"""The any-depth numba kernels: gradients and Jacobians against backprop, the optimizers
against the generic loop, populations against their members, schedules against each other."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network, lesson, threads
from actlab.train import _deep, backprop, fit, fit_population, kernels
from actlab.train._params import Layout
from actlab.train.backends import get_backend
from actlab.train.losses import Objective

X = lesson.GRID.values()
Y = lesson.target(X)
RNG = np.random.default_rng(0)
X3 = RNG.uniform(-1.0, 1.0, size=(201, 3))
Y3 = np.sin(X3 @ np.array([1.0, -2.0, 0.5]))

SHAPES = [  # (widths, activation, inputs): narrow loops, BLAS layers (24×24), k inputs, depth 0
    ([3], "sigmoid", 1),
    ([5, 4], "tanh", 1),
    ([6, 6, 6], "relu", 3),
    ([24, 24], "softplus", 1),
    ([4, 30, 20], "gelu", 3),
    ([], "identity", 3),
]


def _data(inputs: int) -> tuple[np.ndarray, np.ndarray]:
    return (X, Y) if inputs == 1 else (X3, Y3)


def _pop(widths: list[int], activation: str, inputs: int, seeds: list[int]) -> Network:
    return Network.init(widths, activation=activation, inputs=inputs, seed=seeds)


@pytest.mark.parametrize(("widths", "activation", "inputs"), SHAPES)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_loss_and_gradient_match_backprop(widths, activation, inputs, dtype) -> None:  # type: ignore[no-untyped-def]
    x, y = _data(inputs)
    pop = _pop(widths, activation, inputs, [0, 1, 2])
    layout = Layout.of(pop)
    theta = layout.pack(pop)
    ref_f, ref_g = Objective(get_backend("numpy"), layout, x, y, 1e-3).loss_grad(theta)
    f, g = _deep.loss_grad(layout, theta.astype(dtype), x, y, 1e-3)
    rtol = 1e-12 if dtype == "float64" else 2e-5
    np.testing.assert_allclose(f, ref_f, rtol=rtol)
    np.testing.assert_allclose(g, ref_g, rtol=rtol * 10, atol=rtol * np.abs(ref_g).max())


@pytest.mark.parametrize(("widths", "activation", "inputs"), SHAPES)
def test_jacobian_matches_backprop(widths, activation, inputs) -> None:  # type: ignore[no-untyped-def]
    x, y = _data(inputs)
    pop = _pop(widths, activation, inputs, [3, 4])
    layout = Layout.of(pop)
    theta = layout.pack(pop)
    be = get_backend("numpy")
    ref = backprop.jacobian(be, layout, theta, backprop.forward(be, layout, theta, x))
    np.testing.assert_allclose(_deep.jacobian(layout, theta, x, y), ref, rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize(("widths", "activation", "inputs"), SHAPES)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_members_and_blocks_schedules_give_the_same_bits(widths, activation, inputs, dtype) -> None:  # type: ignore[no-untyped-def]
    x, y = _data(inputs)
    x, y = np.concatenate([x] * 3), np.concatenate([y] * 3)  # 603 points: 3 blocks
    pop = _pop(widths, activation, inputs, [5, 6])
    layout = Layout.of(pop)
    theta = layout.pack(pop).astype(dtype)
    a = _deep.loss_grad(layout, theta, x, y, 1e-3)
    for n in (1, 2):
        with threads.limit(n):
            b = _deep.loss_grad(layout, theta, x, y, 1e-3, by_blocks=True)
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])


@pytest.mark.parametrize("optimizer", ["lbfgs", "lm", "adam", "sgd"])
@pytest.mark.parametrize(("widths", "activation", "inputs"), SHAPES[1:5])
def test_kernel_matches_generic_loop(optimizer, widths, activation, inputs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    x, y = _data(inputs)
    pop = _pop(widths, activation, inputs, [11, 12])
    opts = {"optimizer": optimizer, "steps": 3, "tol": 0.0, "l2": 1e-4}
    fused = fit_population(pop, x, y, **opts)
    monkeypatch.setattr(kernels, "available", lambda: False)
    generic = fit_population(pop, x, y, **opts)
    np.testing.assert_allclose(fused.mse, generic.mse, rtol=1e-7)
    np.testing.assert_allclose(fused.history.loss, generic.history.loss, rtol=1e-9)
    for a, b in zip(fused.network.weights, generic.network.weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(fused.steps, generic.steps)


@pytest.mark.filterwarnings("ignore::actlab.train.ConvergenceWarning")
@pytest.mark.parametrize("optimizer", ["lbfgs", "lm", "adam", "sgd"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_population_equals_members_trained_alone(optimizer: str, dtype: str) -> None:
    if optimizer == "lm" and dtype == "float32":
        pytest.skip("Levenberg–Marquardt runs in float64")
    pop = _pop([6, 5], "tanh", 3, [1, 2, 3])
    opts = {"optimizer": optimizer, "steps": 30, "dtype": dtype}
    together = fit_population(pop, X3, Y3, **opts)
    for p in range(3):
        alone = fit(pop[p], X3, Y3, restarts=1, **opts)
        for a, b in zip(together.network[p].weights, alone.network.weights, strict=True):
            np.testing.assert_array_equal(a, b)
        assert together.steps[p] == alone.steps


@pytest.mark.filterwarnings("ignore::actlab.train.ConvergenceWarning")
def test_wide_network_is_the_same_on_one_and_two_threads() -> None:
    # one member, four blocks: with two threads its blocks run in parallel
    net = Network.init([40, 30], activation="tanh", seed=0)
    x = np.linspace(-2.0, 6.0, 900)
    runs = []
    for n in (1, 2):
        with threads.limit(n):
            runs.append(fit(net, x, lesson.target(x), optimizer="adam", steps=20, restarts=1))
    for a, b in zip(runs[0].network.weights, runs[1].network.weights, strict=True):
        np.testing.assert_array_equal(a, b)


def test_lbfgs_reaches_the_shallow_optimum() -> None:
    result = fit(Network.init(2, seed=0), X, Y, optimizer="lbfgs", seed=0)
    assert result.mse <= 0.0075280 * 1.01


def test_deep_kernels_cover_mse_regression_only(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    layout = Layout.of(Network.init([4, 4], seed=0))
    opts = {"batched": False, "validation": False, "dtype": "float64"}
    assert all(_deep.supports(layout, m, **opts) for m in ("adam", "sgd", "lbfgs", "lm"))
    assert not _deep.supports(layout, "lm", **(opts | {"dtype": "float32"}))
    assert not _deep.supports(layout, "adam", **(opts | {"batched": True}))
    assert not _deep.supports(layout, "adam", loss="log_loss", **opts)
    monkeypatch.setattr(_deep, "ENABLED", False)
    assert not _deep.supports(layout, "adam", **opts)


@pytest.mark.parametrize(("widths", "activation", "inputs"), [SHAPES[1], SHAPES[3]])
def test_numbers_do_not_depend_on_where_the_arrays_lie(widths, activation, inputs) -> None:  # type: ignore[no-untyped-def]
    # A sum in a loop that also stores was vectorised or not depending on the distance
    # between arrays, so the same member gave another last bit in some processes. Here the
    # same parameters are copied to many places in memory, between allocations of other sizes.
    x, y = _data(inputs)
    x, y = np.concatenate([x] * 3), np.concatenate([y] * 3)
    pop = _pop(widths, activation, inputs, [5, 6])
    layout = Layout.of(pop)
    theta = layout.pack(pop)
    ref = _deep.loss_grad(layout, theta[1:2], x, y, 1e-3)
    keep = []
    for i in range(120):
        keep.append(np.empty(1 + (37 * i) % 700))
        copy = theta[1:2].copy()
        keep.append(copy)
        f, g = _deep.loss_grad(layout, copy, x, y, 1e-3, by_blocks=bool(i % 2))
        np.testing.assert_array_equal(f, ref[0])
        np.testing.assert_array_equal(g, ref[1])
