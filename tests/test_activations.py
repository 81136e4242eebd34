"""The activation table against independent oracles: central differences and torch autograd."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from actlab import activations as act
from actlab.errors import ConfigError

DIFFERENTIABLE = act.names(trainable=True)
# Points away from kinks (relu-type functions are not differentiable at their kinks).
KINKS = {"relu": [0.0], "leaky_relu": [0.0], "hard_sigmoid": [-3.0, 3.0], "hard_tanh": [-1.0, 1.0]}


def _smooth_points(name: str, rng: np.random.Generator) -> np.ndarray:
    z = rng.uniform(-6, 6, 400)
    for k in KINKS.get(name, []):
        z = z[np.abs(z - k) > 1e-3]
    return z


@pytest.mark.parametrize("name", DIFFERENTIABLE)
def test_derivative_matches_central_differences(name: str, rng: np.random.Generator) -> None:
    a = act.get(name)
    z = _smooth_points(name, rng)
    h = 1e-6
    numeric = (a(z + h) - a(z - h)) / (2 * h)
    np.testing.assert_allclose(a.grad(z), numeric, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("name", DIFFERENTIABLE)
def test_value_and_derivative_match_torch_autograd(
    name: str, rng: np.random.Generator, torch_activations: dict
) -> None:
    import torch

    oracle = torch_activations[name]
    z = _smooth_points(name, rng)
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    y = oracle(t)
    (g,) = torch.autograd.grad(y.sum(), t)
    a = act.get(name)
    np.testing.assert_allclose(a(z), y.detach().numpy(), rtol=1e-12, atol=1e-14)
    # torch's hardsigmoid backward uses a float32 1/6 even for float64 tensors
    rtol = 1e-7 if name == "hard_sigmoid" else 1e-12
    np.testing.assert_allclose(a.grad(z), g.numpy(), rtol=rtol, atol=1e-14)


@pytest.mark.parametrize("name", act.names())
def test_extreme_inputs_are_finite_and_silent(name: str) -> None:
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    a = act.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.all(np.isfinite(a(z)))
        if a.trainable:
            assert np.all(np.isfinite(a.grad(z)))


def test_sigmoid_and_softplus_limits_at_1000() -> None:
    s = act.get("sigmoid")
    sp = act.get("softplus")
    assert s(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]
    # softplus(z) = log(1 + e^z): ≈ 0 far left, ≈ z far right
    assert sp(np.array([-1000.0]))[0] == 0.0
    assert sp(np.array([1000.0]))[0] == 1000.0


def test_sigmoid_hand_worked_values() -> None:
    s = act.get("sigmoid")
    # σ(0) = 1/(1+1) = 0.5;  σ(ln 3) = 1/(1 + 1/3) = 0.75
    np.testing.assert_allclose(s(np.array([0.0, np.log(3.0)])), [0.5, 0.75], rtol=1e-15)
    # σ'(z) = σ(z)(1 − σ(z)): at ln 3, 0.75 · 0.25 = 0.1875
    np.testing.assert_allclose(s.grad(np.array([np.log(3.0)])), [0.1875], rtol=1e-14)


@pytest.mark.parametrize("name", act.names())
def test_range_contains_sampled_values(name: str, rng: np.random.Generator) -> None:
    a = act.get(name)
    lo, hi = a.range
    y = a(rng.uniform(-20, 20, 2000))
    assert y.min() >= lo - 1e-3
    assert y.max() <= hi + 1e-12


@pytest.mark.parametrize("name", act.names())
def test_monotone_flag_matches_samples(name: str) -> None:
    a = act.get(name)
    dy = np.diff(a(np.linspace(-8, 8, 4001)))
    assert bool(np.all(dy >= -1e-15)) == a.monotone


@pytest.mark.parametrize("name", act.names())
def test_piecewise_linear_flag_matches_second_differences(name: str) -> None:
    a = act.get(name)
    z = np.linspace(-7.3, 7.3, 2001)
    d2 = np.abs(np.diff(a(z), 2))
    # piecewise-linear: second differences vanish except at a few kinks
    assert (np.count_nonzero(d2 > 1e-9) <= 4) == (a.piecewise_linear or name == "step")


def test_step_is_not_trainable() -> None:
    step = act.get("step")
    assert not step.trainable
    assert step(np.array([-1.0, 0.0, 2.0])).tolist() == [0.0, 1.0, 1.0]
    with pytest.raises(ConfigError, match="cannot be trained by gradients"):
        step.grad(np.array([0.0]))


@pytest.mark.parametrize(
    ("alias", "name"), [("ReLU", "relu"), ("logistic", "sigmoid"), ("hard-tanh", "hard_tanh")]
)
def test_get_accepts_aliases(alias: str, name: str) -> None:
    assert act.get(alias).name == name


def test_get_unknown_name_lists_allowed() -> None:
    with pytest.raises(ConfigError, match=r"must be one of identity, sigmoid, .*got 'swishy'"):
        act.get("swishy")
