"""fit and fit_population: optima reached, populations equal one-by-one, errors and warnings."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from actlab import DataError, DivergenceError, Network, lesson
from actlab.errors import ConfigError
from actlab.train import ConvergenceWarning, Progress, fit, fit_population, kernels

X = lesson.GRID.values()
Y = lesson.target(X)
OPTIMUM = {2: 0.0075280, 3: 0.0027674}  # best known MSE of 1-w-1 sigmoid nets on the lesson


@pytest.fixture
def no_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    """Force the generic numpy loop instead of the fused kernels."""
    monkeypatch.setattr(kernels, "available", lambda: False)


@pytest.mark.parametrize("width", [2, 3])
@pytest.mark.parametrize("seed", [0, 7])
def test_fit_default_reaches_best_known_optimum(width: int, seed: int) -> None:
    result = fit(Network.init(width, seed=seed), X, Y, seed=seed)
    assert result.mse <= OPTIMUM[width] * 1.01
    assert result.converged
    assert np.isfinite(result.network.weights[0]).all()
    assert result.mse == pytest.approx(lesson.score(result.network(X), Y)["mse"], rel=1e-12)


def test_fit_keeps_the_best_restart() -> None:
    result = fit(Network.init(3, seed=1), X, Y, restarts=5, seed=1)
    assert result.restart_mse.shape == (5,)
    assert result.best_restart == int(np.argmin(result.restart_mse))
    assert result.mse == pytest.approx(result.restart_mse.min())


def test_fit_one_restart_starts_from_the_given_network() -> None:
    # the lesson's hand-built net is already close: LM only polishes it to the width-2 optimum
    result = fit(lesson.handbuilt_network(), X, Y, restarts=1)
    assert result.mse == pytest.approx(OPTIMUM[2], rel=1e-4)
    assert result.history.loss[0] == pytest.approx(0.0138, abs=1e-4)


@pytest.mark.parametrize("optimizer", ["lm", "adam", "sgd"])
def test_population_equals_members_trained_alone(optimizer: str) -> None:
    pop = Network.init(3, 1, "tanh", seed=[3, 4, 5])
    opts = {"optimizer": optimizer, "steps": 60, "tol": 0.0}
    together = fit_population(pop, X, Y, **opts)
    for p in range(3):
        alone = fit(pop[p], X, Y, restarts=1, **opts)
        for a, b in zip(together.network[p].weights, alone.network.weights, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("optimizer", ["lm", "lbfgs", "adam", "sgd"])
def test_population_equals_members_alone_deep(optimizer: str) -> None:
    pop = Network.init(3, 2, "sigmoid", seed=[1, 2])
    opts = {"optimizer": optimizer, "steps": 25, "tol": 0.0}
    together = fit_population(pop, X, Y, **opts)
    for p in range(2):
        alone = fit(pop[p], X, Y, restarts=1, **opts)
        np.testing.assert_allclose(together.mse[p], alone.mse, rtol=1e-10)


@pytest.mark.parametrize(
    ("optimizer", "activation"),
    [("lm", "sigmoid"), ("lm", "gelu"), ("adam", "sigmoid"), ("adam", "softplus"), ("sgd", "elu")],
)
def test_fused_kernel_matches_generic_numpy(
    optimizer: str, activation: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pop = Network.init(3, 1, activation, seed=[11, 12])
    opts = {"optimizer": optimizer, "steps": 40, "tol": 0.0, "l2": 1e-3}
    fused = fit_population(pop, X, Y, **opts)
    monkeypatch.setattr(kernels, "available", lambda: False)
    generic = fit_population(pop, X, Y, **opts)
    np.testing.assert_allclose(fused.mse, generic.mse, rtol=1e-9)
    np.testing.assert_allclose(
        fused.network.weights[0], generic.network.weights[0], rtol=1e-8, atol=1e-12
    )
    both = np.isfinite(fused.history.loss[:10]) & np.isfinite(generic.history.loss[:10])
    np.testing.assert_allclose(
        fused.history.loss[:10][both], generic.history.loss[:10][both], rtol=1e-9
    )


@pytest.mark.parametrize(
    ("optimizer", "widths"),
    [("lm", [3]), ("lbfgs", [3, 2]), ("adam", [3, 2]), ("sgd", [3, 2]), ("adam", [3])],
)
def test_torch_backend_matches_numpy_in_float64(optimizer: str, widths: list[int]) -> None:
    # LM is compared on a well-conditioned problem: on nearly singular JᵀJ, two LAPACK
    # builds' Cholesky factors differ by rounding that the solve amplifies
    pytest.importorskip("torch")
    activation = "sigmoid" if optimizer == "lm" else "tanh"
    pop = Network.init(widths, activation=activation, seed=[21, 22])
    opts = {"optimizer": optimizer, "steps": 10, "tol": 0.0}
    ref = fit_population(pop, X, Y, **opts)
    got = fit_population(pop, X, Y, backend="torch", **opts)
    for a, b in zip(got.network.weights, ref.network.weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-8, atol=1e-10)


def test_adam_float32_fused_kernel_tracks_float64() -> None:
    pop = Network.init(3, 1, "sigmoid", seed=[5, 6, 7])
    opts = {"optimizer": "adam", "steps": 200, "tol": 0.0}
    single = fit_population(pop, X, Y, dtype="float32", **opts)
    double = fit_population(pop, X, Y, **opts)
    np.testing.assert_allclose(single.mse, double.mse, rtol=1e-3)


def test_sgd_divergence_raises_with_advice() -> None:
    with pytest.raises(DivergenceError, match=r"lower the learning rate \(lr=1000\)"):
        fit(Network.init(3, seed=0), X, Y, optimizer="sgd", lr=1000.0)


def test_divergence_in_generic_loop_raises(no_numba: None) -> None:
    pop = Network.init(3, 2, "identity", seed=[0, 1])
    with pytest.raises(DivergenceError, match="of 2 of 2 networks"):
        fit_population(pop, X, Y, optimizer="sgd", lr=10.0)


def test_step_cap_warns_and_still_returns_finite_weights() -> None:
    with pytest.warns(ConvergenceWarning, match=r"step cap \(steps=3\)"):
        result = fit(Network.init(3, seed=0), X, Y, steps=3, restarts=1)
    assert result.steps == 3
    assert not result.converged
    assert all(np.isfinite(w).all() for w in result.network.weights)


def test_population_step_cap_warns_with_count() -> None:
    with pytest.warns(ConvergenceWarning, match="3 of 3 networks stopped at the step cap"):
        fit_population(Network.init(2, seed=[0, 1, 2]), X, Y, optimizer="adam", steps=5)


def test_early_stopping_keeps_best_validation_weights() -> None:
    rng = np.random.default_rng(0)
    y_noisy = Y + rng.normal(0, 0.3, Y.size)
    result = fit(
        Network.init(8, seed=0), X, y_noisy, optimizer="adam", lr=0.05, steps=3000,
        early_stopping=True, patience=30, seed=0,
    )  # fmt: skip
    val = result.history.validation
    assert val is not None and val.shape == result.history.loss.shape
    assert result.validation_mse == pytest.approx(np.min(val), rel=1e-9)
    assert result.steps < 3000


def test_validation_pair_picks_restart_by_validation_error() -> None:
    result = fit(Network.init(3, seed=2), X[::2], Y[::2], validation=(X[1::2], Y[1::2]))
    assert result.validation_mse is not None
    assert result.validation_mse < 0.01


def test_minibatch_population_equals_members_alone() -> None:
    pop = Network.init(2, seed=[8, 9])
    opts = {"optimizer": "adam", "steps": 50, "batch_size": 32, "seed": 4, "tol": 0.0}
    together = fit_population(pop, X, Y, **opts)
    alone = fit(pop[1], X, Y, restarts=1, **opts)
    np.testing.assert_allclose(together.mse[1], alone.mse, rtol=1e-10)
    assert together.mse[1] < lesson.score(pop[1](X), Y)["mse"]


def test_l2_shrinks_weights() -> None:
    free = fit(Network.init(3, seed=0), X, Y, restarts=1, seed=0)
    tied = fit(Network.init(3, seed=0), X, Y, restarts=1, seed=0, l2=1e-3)
    assert np.abs(tied.network.weights[1]).sum() < np.abs(free.network.weights[1]).sum()
    assert tied.loss > tied.mse  # the penalty is part of the loss, not of the MSE


def test_callback_receives_progress() -> None:
    seen: list[Progress] = []
    fit(Network.init(3, seed=0), X, Y, optimizer="adam", steps=200, tol=0, callback=seen.append)
    assert seen and seen[-1].step == 200 and seen[-1].steps == 200
    assert all(b.step > a.step for a, b in itertools.pairwise(seen))


def test_history_time_is_increasing() -> None:
    result = fit(Network.init(3, seed=0), X, Y, optimizer="lbfgs", seed=0)
    assert result.history.loss.size == result.steps
    assert np.all(np.diff(result.history.time) >= 0)
    assert np.all(np.diff(result.history.loss) <= 1e-15)  # a line search only goes down


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"optimizer": "newton"}, "the 'optimizer' parameter must be one of lm, lbfgs"),
        ({"steps": 0}, r"the 'steps' parameter must be an integer in \[1, "),
        ({"lr": -1.0}, "the 'lr' parameter must be a finite number in"),
        ({"batch_size": 10}, "mini-batches need optimizer 'adam' or 'sgd'"),
        ({"restarts": 0}, r"the 'restarts' parameter must be an integer in \[1, "),
        ({"backend": "jax"}, "the 'backend' parameter must be one of numpy, torch"),
        ({"validation": 0.9}, "the 'validation' parameter must be a finite number"),
    ],
)
def test_fit_rejects_bad_options(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        fit(Network.init(2, seed=0), X, Y, **kwargs)


def test_fit_rejects_step_activation_and_populations() -> None:
    with pytest.raises(ConfigError, match="'step' activation has no useful derivative"):
        fit(Network.init(2, 1, "step", seed=0), X, Y)
    with pytest.raises(ConfigError, match="use fit_population"):
        fit(Network.init(2, seed=[0, 1]), X, Y)


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        (np.zeros((5, 2)), np.zeros(5), "X have 2 columns but the network has 1 input"),
        (np.arange(5.0), np.zeros(4), "one value per input"),
        (np.array([0.0, np.nan, 1.0]), np.zeros(3), "NaN or infinite"),
    ],
)
def test_fit_rejects_bad_data(x: np.ndarray, y: np.ndarray, message: str) -> None:
    with pytest.raises(DataError, match=message):
        fit(Network.init(2, seed=0), x, y)


@pytest.mark.gpu
def test_cuda_population_matches_numpy() -> None:
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    pop = Network.init(3, seed=[1, 2, 3])
    opts = {"optimizer": "adam", "steps": 100, "tol": 0.0}
    ref = fit_population(pop, X, Y, **opts)
    got = fit_population(pop, X, Y, backend="torch", device="cuda", **opts)
    np.testing.assert_allclose(got.network.weights[0], ref.network.weights[0], rtol=1e-8)


@pytest.mark.parametrize("engine", ["fused", "generic"])
def test_non_finite_start_never_returns_non_finite_weights(engine: str, monkeypatch) -> None:
    if engine == "generic":  # the plain numpy loop, as without numba
        monkeypatch.setattr(kernels, "available", lambda: False)
    # a start whose output overflows: LM cannot take a finite step from it
    net = Network.shallow(w=[1e308], b=[0.0], c=[1e308], c0=0.0, activation="square")
    with pytest.raises(DivergenceError, match="infinite or NaN"):
        fit(net, X, Y, restarts=1)
    result = fit(net, X, Y, restarts=3)  # the data-driven starts are fine
    assert all(np.isfinite(w).all() for w in result.network.weights)
    assert result.best_restart != 0
