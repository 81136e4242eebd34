"""The network: forward pass against torch nn.Sequential, populations, contributions, JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab import Network, activations, lesson
from actlab.errors import ConfigError, SchemaError

DIFFERENTIABLE = activations.names(trainable=True)


def _torch_sequential(net: Network, table: dict):
    """An nn.Sequential built independently of actlab.interop, as the oracle."""
    import torch

    nn = torch.nn

    class Fn(nn.Module):
        def __init__(self, fn):
            super().__init__()
            self.fn = fn

        def forward(self, t):
            return self.fn(t)

    layers = []
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        lin = nn.Linear(w.shape[1], w.shape[0], dtype=torch.float64)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(w))
            lin.bias.copy_(torch.from_numpy(b))
        layers.append(lin)
        if i < net.depth:
            layers.append(Fn(table[net.activations[i]]))
    return nn.Sequential(*layers)


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("name", DIFFERENTIABLE)
def test_forward_matches_torch_sequential(name: str, depth: int, torch_activations: dict) -> None:
    import torch

    rng = np.random.default_rng(depth * 100 + DIFFERENTIABLE.index(name))
    widths = rng.integers(1, 9, depth).tolist()
    net = Network.init(widths, activation=name, seed=int(rng.integers(1000)), scheme="glorot")
    x = np.linspace(-3, 3, 97)
    expected = (
        _torch_sequential(net, torch_activations)(torch.from_numpy(x[:, None]))
        .detach()
        .numpy()[:, 0]
    )
    np.testing.assert_allclose(net(x), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("scheme", ["torch", "glorot", "he"])
def test_population_equals_one_by_one(scheme: str) -> None:
    seeds = [3, 1, 4, 1, 5]
    pop = Network.init([4, 3], activation=["tanh", "relu"], seed=seeds, scheme=scheme)
    x = np.linspace(-2, 2, 31)
    out = pop(x)
    assert out.shape == (5, 31)
    for p, s in enumerate(seeds):
        alone = Network.init([4, 3], activation=["tanh", "relu"], seed=s, scheme=scheme)
        np.testing.assert_array_equal(pop[p](x), alone(x))
        np.testing.assert_allclose(out[p], alone(x), rtol=1e-14, atol=1e-15)


def test_population_from_one_seed_stacks_members() -> None:
    pop = Network.init(3, 2, "sigmoid", seed=7, population=6)
    x = np.linspace(-1, 1, 11)
    np.testing.assert_allclose(pop(x), Network.stack([pop[p] for p in range(6)])(x), rtol=1e-15)
    assert Network.init(3, 2, "sigmoid", seed=7, population=6)(x).tolist() == pop(x).tolist()


def test_init_never_touches_global_random_state() -> None:
    np.random.seed(0)  # noqa: NPY002 - the global state is what this test watches
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    Network.init(5, 2, "tanh", seed=11)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_torch_scheme_bounds_are_one_over_sqrt_fan_in() -> None:
    net = Network.init(64, 2, "relu", seed=0)
    # hidden layer 2 has fan_in 64: weights and biases within ±1/8
    assert np.abs(net.weights[1]).max() <= 1 / 8
    assert np.abs(net.biases[1]).max() <= 1 / 8
    assert np.abs(net.weights[1]).max() > 0.9 / 8


@pytest.mark.parametrize("population", [None, 4])
def test_contributions_sum_to_output_exactly(population: int | None) -> None:
    net = Network.init([5, 6], activation="sigmoid", seed=2, population=population)
    x = np.linspace(-4, 4, 57)
    tr = net.trace(x)
    total = tr.contributions.sum(axis=-1) + net.biases[-1][..., None, 0]
    np.testing.assert_array_equal(total, tr.output)
    assert len(tr.pre_activations) == len(tr.activations) == 2


def test_contributions_of_lesson_network_are_h_and_p() -> None:
    net = lesson.handbuilt_network()
    x = np.array([1.0])
    # z1 = 2.4·1 − 2.4 = 0 → 4σ(0) = 2;  z2 = −2.4 + 7.4 = 5 → 2σ(5)
    c = net.contributions(x)[0]
    np.testing.assert_allclose(c, [2.0, 2.0 / (1.0 + np.exp(-5.0))], rtol=1e-15)


def test_trace_pre_activations_are_affine_in_previous_layer() -> None:
    net = Network.init([3, 2], activation=["tanh", "sin"], seed=5)
    x = np.array([0.3, -1.2])
    tr = net.trace(x)
    np.testing.assert_allclose(
        tr.pre_activations[1], tr.activations[0] @ net.weights[1].T + net.biases[1], rtol=1e-15
    )
    np.testing.assert_allclose(tr.activations[1], np.sin(tr.pre_activations[1]), rtol=1e-15)


def test_lesson_network_formula_reads_like_the_lesson() -> None:
    net = lesson.handbuilt_network()
    assert net.formula() == "y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2"
    assert net.formula(plain=True) == "y = 4*sigmoid(2.4*x - 2.4) + 2*sigmoid(-2.4*x + 7.4) - 2"


def test_formula_of_deep_network_has_a_line_per_neuron() -> None:
    net = Network.init([2, 3], activation="tanh", seed=0)
    lines = net.formula().splitlines()
    assert len(lines) == 2 + 3 + 1
    assert lines[0].startswith("a1_1 = tanh(") and lines[-1].startswith("y = ")


def test_formula_drops_unit_coefficients_and_zero_terms() -> None:
    net = Network.shallow(w=[1.0, -1.0], b=[0.0, 2.0], c=[1.0, -1.0], c0=0.0, activation="relu")
    assert net.formula() == "y = relu(x) − relu(−x + 2)"


def test_lesson_example_scores() -> None:
    x = lesson.GRID.values()
    s = lesson.score(lesson.handbuilt_network()(x), lesson.target(x))
    assert s["mse"] == pytest.approx(0.013801, abs=1e-6)
    assert s["max_error"] == pytest.approx(0.47097, abs=1e-5)


def test_lesson_target_piecewise_values() -> None:
    x = np.array([-1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 10.0])
    # 0 | 2x | −x + 6 | 2, continuous at the kinks 0, 2, 4
    np.testing.assert_array_equal(lesson.target(x), [0, 0, 2, 4, 3, 2, 2])


@pytest.mark.parametrize("population", [None, 3])
def test_json_round_trip(tmp_path, population: int | None) -> None:
    net = Network.init([3, 2], activation=["sigmoid", "relu"], seed=9, population=population)
    back = Network.load(net.save(tmp_path / "net.json"))
    x = np.linspace(-1, 1, 5)
    np.testing.assert_array_equal(back(x), net(x))
    assert back.activations == net.activations and back.population == population


def _doc() -> dict:
    return lesson.handbuilt_network().to_dict()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(version=2), "unsupported network file version 2"),
        (lambda d: d.update(format="other"), "'format' must be 'actlab.network'"),
        (lambda d: d["hidden"][0].update(activation="swish2"), r"hidden\[0\].activation"),
        (lambda d: d["hidden"][0].update(weights=[[1.0], ["a"]]), r"hidden\[0\].weights"),
        (lambda d: d["output"].update(bias=[float("nan")]), "finite"),
        (lambda d: d["output"].update(weights=[[1.0, 2.0, 3.0]]), "inconsistent layer shapes"),
        (lambda d: d.pop("output"), "'output' must be an object"),
        (lambda d: d.update(population=-1), "'population' must be null or a positive integer"),
    ],
    ids=["version", "format", "activation", "text", "nan", "shape", "missing", "population"],
)
def test_load_rejects_malformed_files(tmp_path, mutate, message: str) -> None:
    doc = _doc()
    mutate(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(SchemaError, match=message):
        Network.load(path)


def test_load_rejects_non_json(tmp_path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    with pytest.raises(SchemaError, match="invalid JSON"):
        Network.load(path)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"width": 0}, r"'width' parameter must be an integer in \[1, 4096\], got 0"),
        ({"depth": -1}, r"'depth' parameter must be an integer in \[0, 64\]"),
        ({"activation": "nope"}, "'activation' parameter must be one of"),
        ({"scheme": "xavier"}, "'scheme' parameter must be one of torch, glorot, he"),
        ({"seed": -3}, "'seed' parameter must be an integer"),
        ({"seed": 1.5}, "'seed' parameter must be an integer, got 1.5"),
    ],
)
def test_init_rejects_bad_parameters(kwargs: dict, message: str) -> None:
    args = {"width": 3, "depth": 1, "activation": "sigmoid", "seed": 0} | kwargs
    with pytest.raises(ConfigError, match=message):
        Network.init(**args)


def test_depth_zero_is_a_line() -> None:
    net = Network.init(3, 0, "sigmoid", seed=1)
    x = np.array([0.0, 1.0])
    y = net(x)
    a, b = net.weights[0][0, 0], net.biases[0][0]
    np.testing.assert_allclose(y, [b, a + b], rtol=1e-15)
    assert repr(net) == "Network(1-1, linear)"


def test_network_given_a_shape_points_to_init() -> None:
    with pytest.raises(ConfigError, match=r"use Network.init\(width, depth, activation"):
        Network(3, 1, "sigmoid")  # type: ignore[arg-type]


def test_one_activation_name_applies_to_every_hidden_layer() -> None:
    net = Network([[[1.0]], [[2.0]], [[3.0]]], [[0.0], [0.0], [1.0]], "relu")
    assert net.activations == ["relu", "relu"]


def test_formula_in_latex() -> None:
    net = lesson.handbuilt_network()
    tex = net.formula(latex=True)
    assert tex == r"y = 4\sigma\left(2.4x - 2.4\right) + 2\sigma\left(-2.4x + 7.4\right) - 2"
    assert net._repr_latex_() == f"$$\n{tex}\n$$"
    deep = Network.init([2, 2], activation=["relu", "hard_sigmoid"], seed=0).formula(latex=True)
    assert deep.startswith(r"\begin{aligned}a^{(1)}_{1} &= \operatorname{relu}\left(")
    assert r"\operatorname{hard\_sigmoid}" in deep
    assert Network.init(3, 1, "sigmoid", seed=[0, 1])._repr_latex_() is None
    with pytest.raises(ConfigError, match="not both"):
        net.formula(plain=True, latex=True)
