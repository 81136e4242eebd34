"""Same seed, same numbers: whatever the thread count or the executor (local or Dask)."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network, lesson, threads
from actlab.errors import ConfigError
from actlab.experiments.spec import SweepSpec
from actlab.experiments.sweep import run_sweep
from actlab.train import fit, fit_population

X = lesson.GRID.values()
Y = lesson.target(X)

CASES = {
    "lm-fused": (lambda: Network.init(3, 1, "sigmoid", seed=1), {"optimizer": "lm"}),
    "lm-deep": (lambda: Network.init(6, 3, "tanh", seed=2), {"optimizer": "lm", "steps": 30}),
    "lbfgs-deep": (lambda: Network.init(8, 2, "sigmoid", seed=3), {"optimizer": "lbfgs"}),
    "adam-wide": (lambda: Network.init(128, 2, "relu", seed=4),
                  {"optimizer": "adam", "steps": 60, "tol": 0}),
    "adam-wide-f32": (lambda: Network.init(64, 3, "tanh", seed=5),
                      {"optimizer": "adam", "steps": 40, "tol": 0, "dtype": "float32"}),
    "lbfgs-shallow": (lambda: Network.init(8, 1, "sigmoid", seed=6), {"optimizer": "lbfgs"}),
    "sgd-deep-f32": (lambda: Network.init(5, 4, "gelu", seed=7),
                     {"optimizer": "sgd", "steps": 80, "tol": 0, "dtype": "float32"}),
    "lm-deep-wide": (lambda: Network.init(12, 2, "sigmoid", seed=8),
                     {"optimizer": "lm", "steps": 15}),
}  # fmt: skip


@pytest.fixture
def restore_threads():  # type: ignore[no-untyped-def]
    yield
    threads.set_threads(None)


def _weights(result) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    return [w.copy() for w in result.network.weights + result.network.biases]


@pytest.mark.filterwarnings("ignore::actlab.train.ConvergenceWarning")
@pytest.mark.parametrize("case", sorted(CASES))
def test_fit_is_bit_identical_with_one_and_two_threads(case: str, restore_threads) -> None:  # type: ignore[no-untyped-def]
    make, options = CASES[case]
    runs = []
    for n in (1, 2):
        threads.set_threads(n)
        runs.append(_weights(fit(make(), X, Y, **options)))
    for a, b in zip(*runs, strict=True):
        np.testing.assert_array_equal(a, b)


def test_population_is_bit_identical_with_one_and_two_threads(restore_threads) -> None:  # type: ignore[no-untyped-def]
    runs = []
    for n in (1, 2):
        threads.set_threads(n)
        pop = Network.init(3, 1, "sigmoid", seed=list(range(64)))
        runs.append(_weights(fit_population(pop, X, Y, steps=200, tol=0)))
    for a, b in zip(*runs, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.filterwarnings("ignore::actlab.train.ConvergenceWarning")
@pytest.mark.parametrize("optimizer", ["adam", "lbfgs", "lm"])
def test_deep_population_is_bit_identical_with_one_and_two_threads(
    optimizer, restore_threads
) -> None:  # type: ignore[no-untyped-def]
    runs = []
    for n in (1, 2):
        threads.set_threads(n)
        pop = Network.init([6, 5], activation="tanh", seed=list(range(9)))
        runs.append(_weights(fit_population(pop, X, Y, optimizer=optimizer, steps=40)))
    for a, b in zip(*runs, strict=True):
        np.testing.assert_array_equal(a, b)


def test_thread_count_follows_the_setting_and_the_environment(monkeypatch, restore_threads) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(threads.ENV, "3")
    assert threads.count() == 3
    threads.set_threads(2)
    assert threads.count() == 2
    threads.set_threads(None)
    monkeypatch.setenv(threads.ENV, "many")
    with pytest.raises(ConfigError, match="ACTLAB_THREADS environment variable must be"):
        threads.count()
    monkeypatch.delenv(threads.ENV)
    assert 1 <= threads.count() <= threads.MAX_DEFAULT
    with threads.limit(1) as n:
        from threadpoolctl import threadpool_info

        assert n == 1
        assert all(lib["num_threads"] == 1 for lib in threadpool_info())


def test_worker_process_uses_one_thread(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(threads.ENV, raising=False)
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    assert threads.count() == 1


@pytest.mark.slow
def test_local_and_dask_sweeps_are_byte_identical_at_every_depth(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("dask.distributed")
    spec = SweepSpec.from_dict({
        "targets": ["lesson", "complex"], "activations": ["sigmoid", "tanh"], "widths": [3, 6],
        "depths": [1, 2, 3], "optimizers": ["lm"], "seeds": 3, "steps": 25, "points": 61,
        "noise": 0.05,
    })  # fmt: skip
    local, remote = tmp_path / "local.csv", tmp_path / "dask.csv"
    run_sweep(spec, local)
    run_sweep(spec, remote, executor="dask")
    assert local.read_bytes() == remote.read_bytes()
