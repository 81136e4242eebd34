"""Networks with k inputs: shapes, forward pass against oracles, formula read-back, JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab import Network, activations
from actlab.errors import ConfigError, DataError, SchemaError

ACTS = ["sigmoid", "tanh", "relu", "softplus", "sin"]


def _x(n: int, k: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-2.0, 2.0, (n, k))


def _loop_forward(net: Network, x: np.ndarray) -> np.ndarray:
    """The forward pass one point and one neuron at a time: an oracle free of matmul."""
    out = np.empty(x.shape[0])
    for n, point in enumerate(x):
        h = list(point)
        for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            z = [sum(w[i, j] * h[j] for j in range(len(h))) + b[i] for i in range(w.shape[0])]
            if layer < net.depth:
                fn = activations.ACTIVATIONS[net.activations[layer]].fn
                z = [float(fn(np.array(v))) for v in z]
            h = z
        out[n] = h[0]
    return out


@pytest.mark.parametrize("k", [1, 2, 3, 5])
@pytest.mark.parametrize("depth", [0, 1, 2])
def test_init_inputs_shapes(k: int, depth: int) -> None:
    net = Network.init(4, depth, "tanh", inputs=k, seed=1)
    assert net.inputs == k
    assert net.weights[0].shape == ((4, k) if depth else (1, k))
    assert net(_x(7, k)).shape == (7,)
    assert repr(net).startswith(f"Network({k}-")
    assert net.n_parameters == sum(w.size + b.size for w, b in zip(net.weights, net.biases))


@pytest.mark.parametrize("scheme", ["torch", "glorot", "he"])
def test_init_inputs_one_draws_as_before(scheme: str) -> None:
    a = Network.init([3, 2], activation="tanh", seed=4, scheme=scheme)
    b = Network.init([3, 2], activation="tanh", seed=4, scheme=scheme, inputs=1)
    for u, v in zip(a.weights + a.biases, b.weights + b.biases, strict=True):
        np.testing.assert_array_equal(u, v)


@pytest.mark.parametrize("k", [2, 3])
def test_init_inputs_torch_scheme_bound_is_one_over_sqrt_k(k: int) -> None:
    net = Network.init(2000, 1, "tanh", inputs=k, seed=3)
    assert np.abs(net.weights[0]).max() <= 1 / np.sqrt(k)
    assert np.abs(net.weights[0]).max() > 0.99 / np.sqrt(k)


@pytest.mark.parametrize("k", [2, 4])
@pytest.mark.parametrize("depth", [0, 1, 3])
@pytest.mark.parametrize("activation", ACTS)
def test_forward_inputs_matches_point_by_point_loop(k: int, depth: int, activation: str) -> None:
    net = Network.init(3, depth, activation, inputs=k, seed=depth * 10 + k)
    x = _x(6, k, seed=k)
    np.testing.assert_allclose(net(x), _loop_forward(net, x), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("activation", ["sigmoid", "gelu", "leaky_relu"])
def test_forward_inputs_matches_torch_sequential(
    k: int, activation: str, torch_activations: dict
) -> None:
    import torch

    from test_network import _torch_sequential

    net = Network.init([4, 3], activation=activation, inputs=k, seed=7)
    x = _x(9, k)
    with torch.no_grad():
        out = _torch_sequential(net, torch_activations)(torch.from_numpy(x))[:, 0].numpy()
    np.testing.assert_allclose(net(x), out, rtol=1e-13, atol=1e-13)


def test_forward_one_column_is_one_input() -> None:
    net = Network.init([3, 2], activation="tanh", seed=2)
    x = np.linspace(-1.0, 1.0, 5)
    out = net(x[:, None])
    assert out.shape == (5,)
    np.testing.assert_array_equal(out, net(x))
    assert net.contributions(x[:, None]).shape == (5, 2)


def test_forward_single_point_of_k_inputs_is_shaped_like_a_scalar_x() -> None:
    net = Network.init(3, 1, "tanh", inputs=2, seed=2)
    point = np.array([0.3, -0.7])
    assert net(point).shape == Network.init(3, 1, "tanh", seed=2)(0.3).shape == (1,)
    assert net(point)[0] == pytest.approx(net(point[None])[0], rel=1e-15)


@pytest.mark.parametrize(
    ("x", "message"),
    [
        (np.zeros((4, 3)), r"X has 3 columns but the network has 2 inputs"),
        (np.zeros(4), r"X has 1 column but the network has 2 inputs"),
        (np.float64(1.0), r"X has 1 column but the network has 2 inputs"),
    ],
)
def test_forward_inputs_rejects_wrong_columns(x: np.ndarray, message: str) -> None:
    with pytest.raises(DataError, match=message):
        Network.init(3, 1, inputs=2, seed=0)(x)


@pytest.mark.parametrize("k", [2, 3])
def test_population_inputs_equals_members(k: int) -> None:
    pop = Network.init([3, 2], activation="tanh", inputs=k, seed=[5, 6, 7])
    x = _x(8, k)
    out = pop(x)
    assert out.shape == (3, 8)
    for p, s in enumerate([5, 6, 7]):
        single = Network.init([3, 2], activation="tanh", inputs=k, seed=s)
        np.testing.assert_array_equal(pop[p](x), single(x))
        np.testing.assert_allclose(out[p], single(x), rtol=1e-14, atol=1e-15)


@pytest.mark.parametrize("k", [2, 3])
def test_depth_zero_inputs_is_affine(k: int) -> None:
    net = Network.init(3, 0, inputs=k, seed=3)
    x = _x(5, k)
    a, b = net.weights[0][0], net.biases[0][0]
    np.testing.assert_allclose(net(x), x @ a + b, rtol=1e-14)
    contrib = net.contributions(x)  # one term a_j·x_j per input at depth 0
    np.testing.assert_allclose(contrib, x * a, rtol=1e-15)
    assert repr(net) == f"Network({k}-1, linear)"


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("population", [None, 2])
def test_contributions_inputs_sum_to_output(k: int, population: int | None) -> None:
    net = Network.init(4, 2, "sigmoid", inputs=k, seed=1, population=population)
    tr = net.trace(_x(6, k))
    np.testing.assert_array_equal(
        tr.contributions.sum(-1) + net.biases[-1][..., None, 0], tr.output
    )
    assert tr.pre_activations[0].shape[-2:] == (6, 4)


def test_shallow_inputs_takes_width_by_k_weights() -> None:
    # y = 2·relu(x1 − x2) − relu(x1 + x2 − 1) + 0.5, worked by hand at three points
    net = Network.shallow([[1.0, -1.0], [1.0, 1.0]], [0.0, -1.0], [2.0, -1.0], 0.5, "relu")
    x = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 1.0]])
    np.testing.assert_allclose(net(x), [2.5, 0.5, 0.5])
    assert net.inputs == 2
    assert net.formula() == "y = 2relu(x1 − x2) − relu(x1 + x2 − 1) + 0.5"


def test_stack_rejects_mixed_inputs() -> None:
    with pytest.raises(ConfigError, match="same number of inputs"):
        Network.stack([Network.init(2, seed=0), Network.init(2, inputs=2, seed=0)])


@pytest.mark.parametrize(
    "kwargs", [{"inputs": 0}, {"inputs": 1.5}, {"inputs": 5000}], ids=["zero", "float", "huge"]
)
def test_init_rejects_bad_inputs(kwargs: dict) -> None:
    with pytest.raises(ConfigError, match="'inputs' parameter must be an integer"):
        Network.init(3, seed=0, **kwargs)


def _sympy_network(text: str, k: int):
    """The plain formula (several lines for deep networks) as one sympy expression."""
    sp = pytest.importorskip("sympy")
    names = {f"x{i}": sp.Symbol(f"x{i}") for i in range(1, k + 1)} | {"x": sp.Symbol("x")}
    funcs = {
        "sigmoid": lambda z: 1 / (1 + sp.exp(-z)),
        "tanh": sp.tanh,
        "relu": lambda z: sp.Max(0, z),
        "softplus": lambda z: sp.log(1 + sp.exp(z)),
        "sin": sp.sin,
    }
    env = dict(names) | funcs
    expr = None
    for line in text.splitlines():
        lhs, rhs = (s.strip() for s in line.split("=", 1))
        expr = sp.sympify(rhs, locals=env)
        env[lhs] = expr
    return expr, [names[v] for v in (["x"] if k == 1 else [f"x{i}" for i in range(1, k + 1)])]


@pytest.mark.parametrize("k", [1, 2, 3])
@pytest.mark.parametrize("depth", [0, 1, 2])
@pytest.mark.parametrize("activation", ACTS)
def test_formula_inputs_reads_back_through_sympy(k: int, depth: int, activation: str) -> None:
    sp = pytest.importorskip("sympy")
    net = Network.init(3, depth, activation, inputs=k, seed=11)
    text = net.formula(plain=True, digits=17)
    expr, symbols = _sympy_network(text, k)
    fn = sp.lambdify(symbols, expr, "numpy")
    x = _x(5, k, seed=2)
    got = np.broadcast_to(fn(*x.T), (5,))
    np.testing.assert_allclose(got, net(x if k > 1 else x[:, 0]), rtol=1e-12, atol=1e-12)
    used = {str(s) for s in expr.free_symbols}
    assert used <= {str(s) for s in symbols}


def test_formula_inputs_uses_numbered_names() -> None:
    net = Network.shallow([[2.0, -1.0, 0.5]], [1.0], [3.0], -1.0, "tanh")
    assert net.formula() == "y = 3tanh(2·x1 − x2 + 0.5·x3 + 1) − 1"
    assert net.formula(plain=True) == "y = 3*tanh(2*x1 - x2 + 0.5*x3 + 1) - 1"


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("population", [None, 2])
def test_json_inputs_round_trip_is_version_one(tmp_path, k: int, population: int | None) -> None:
    net = Network.init([3, 2], activation="tanh", inputs=k, seed=9, population=population)
    path = net.save(tmp_path / "net.json")
    doc = json.loads(path.read_text())
    assert doc["format"] == "actlab.network" and doc["version"] == 1
    assert np.array(doc["hidden"][0]["weights"]).shape[-2:] == (3, k)
    back = Network.load(path)
    assert back.inputs == k
    x = _x(4, k)
    np.testing.assert_array_equal(back(x), net(x))


def test_json_inputs_rejects_inconsistent_second_layer(tmp_path) -> None:
    doc = Network.init([3, 2], activation="tanh", inputs=2, seed=9).to_dict()
    doc["hidden"][1]["weights"] = [[1.0, 2.0], [3.0, 4.0]]  # expects (2, 3)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(SchemaError, match="inconsistent layer shapes"):
        Network.load(path)
