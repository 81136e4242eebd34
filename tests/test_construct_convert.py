"""Exact activation swaps: sigmoid ↔ tanh (and hard_sigmoid ↔ hard_tanh) at any depth."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network
from actlab.construct import convert, sigmoid_to_tanh, tanh_to_sigmoid
from actlab.errors import UnsupportedError

X = np.linspace(-4.0, 4.0, 401)


def test_hand_worked_one_neuron() -> None:
    # y = 2σ(4x) + 1 = 2(1/2 + tanh(2x)/2) + 1 = tanh(2x) + 2
    net = sigmoid_to_tanh(Network.shallow([4.0], [0.0], [2.0], 1.0, "sigmoid"))
    assert net.formula() == "y = tanh(2x) + 2"


@pytest.mark.parametrize("seed", range(6), ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("depth", [1, 2, 5], ids=lambda d: f"depth{d}")
def test_sigmoid_to_tanh_and_back_is_exact(seed: int, depth: int) -> None:
    rng = np.random.default_rng(seed)
    widths = [int(w) for w in rng.integers(1, 9, depth)]
    net = Network.init(widths, activation="sigmoid", seed=seed, scheme="he")
    as_tanh = sigmoid_to_tanh(net)
    assert as_tanh.activations == ["tanh"] * depth
    assert np.max(np.abs(as_tanh(X) - net(X))) <= 1e-12
    back = tanh_to_sigmoid(as_tanh)
    assert back.activations == ["sigmoid"] * depth
    assert np.max(np.abs(back(X) - net(X))) <= 1e-12


@pytest.mark.parametrize("seed", range(4), ids=lambda s: f"seed{s}")
def test_tanh_to_sigmoid_is_exact(seed: int) -> None:
    net = Network.init([5, 3, 4], activation="tanh", seed=seed)
    assert np.max(np.abs(tanh_to_sigmoid(net)(X) - net(X))) <= 1e-12


def test_mixed_layers_only_swap_the_named_activation() -> None:
    acts = ["sigmoid", "relu", "sigmoid", "tanh"]
    net = Network.init([4, 3, 5, 2], activation=acts, seed=3)
    swapped = sigmoid_to_tanh(net)
    assert swapped.activations == ["tanh", "relu", "tanh", "tanh"]
    assert np.max(np.abs(swapped(X) - net(X))) <= 1e-12


def test_populations_swap_member_by_member() -> None:
    pop = Network.init(3, 2, "sigmoid", seed=[1, 2, 3])
    swapped = sigmoid_to_tanh(pop)
    assert swapped.population == 3
    assert np.max(np.abs(swapped(X) - pop(X))) <= 1e-12
    assert np.allclose(swapped[1](X), sigmoid_to_tanh(pop[1])(X), atol=1e-14)


def test_hard_sigmoid_to_hard_tanh_is_exact() -> None:
    net = Network.init([4, 4], activation="hard_sigmoid", seed=7, scheme="he")
    swapped = convert(net, "hard_sigmoid", "hard_tanh")
    assert np.max(np.abs(swapped(X) - net(X))) <= 1e-12
    assert np.max(np.abs(convert(swapped, "hard_tanh", "hard_sigmoid")(X) - net(X))) <= 1e-12


def test_unknown_swap_is_unsupported() -> None:
    with pytest.raises(UnsupportedError, match="no exact swap relu → tanh"):
        convert(Network.init(2, 1, "relu", seed=0), "relu", "tanh")
