"""actlab ↔ PyTorch: identical outputs both ways, and training that continues in PyTorch."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network, activations, lesson
from actlab.errors import ConfigError, UnsupportedError
from actlab.train import fit

torch = pytest.importorskip("torch")

from actlab.interop.torch import from_torch, to_torch  # noqa: E402

X = lesson.GRID.values()
Y = lesson.target(X)


@pytest.mark.parametrize("activation", activations.names())
@pytest.mark.parametrize("widths", [[3], [4, 2]], ids=["1-3-1", "1-4-2-1"])
def test_to_torch_gives_identical_outputs(activation: str, widths: list[int]) -> None:
    net = Network.init(widths, activation=activation, seed=3)
    model = to_torch(net)
    with torch.no_grad():
        out = model(torch.as_tensor(X[:, None]))[:, 0].numpy()
    np.testing.assert_allclose(out, net(X), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("activation", activations.names())
def test_round_trip_keeps_every_weight(activation: str) -> None:
    net = Network.init([3, 2], activation=activation, seed=1)
    back = from_torch(to_torch(net))
    assert back.activations == net.activations
    for a, b in zip(back.weights + back.biases, net.weights + net.biases, strict=True):
        np.testing.assert_array_equal(a, b)


def test_fitted_network_continues_training_in_torch() -> None:
    result = fit(Network.init(3, seed=0), X, Y, optimizer="adam", steps=300, tol=0)
    model = to_torch(result.network)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    xt, yt = torch.as_tensor(X[:, None]), torch.as_tensor(Y)
    for _ in range(300):
        opt.zero_grad()
        loss = ((model(xt)[:, 0] - yt) ** 2).mean()
        loss.backward()
        opt.step()
    back = from_torch(model)
    after = lesson.score(back(X), Y)["mse"]
    assert after < result.mse  # more Adam steps in torch kept lowering the error
    assert after == pytest.approx(loss.item(), rel=0.05)


def test_to_torch_rejects_populations() -> None:
    with pytest.raises(ConfigError, match="index the population first"):
        to_torch(Network.init(2, seed=[0, 1]))


def test_from_torch_rejects_unknown_layers() -> None:
    model = torch.nn.Sequential(torch.nn.Linear(1, 2), torch.nn.Dropout(), torch.nn.Linear(2, 1))
    with pytest.raises(UnsupportedError, match=r"layer 1 \(Dropout\) is not supported"):
        from_torch(model)


@pytest.mark.parametrize("k", [2, 5])
@pytest.mark.parametrize("widths", [[], [3], [4, 2]], ids=["depth0", "depth1", "depth2"])
def test_to_torch_inputs_first_layer_is_linear_k_by_width(k: int, widths: list[int]) -> None:
    net = Network.init(widths, activation="tanh", inputs=k, seed=3)
    model = to_torch(net)
    assert model[0].in_features == k
    assert model[0].out_features == (widths[0] if widths else 1)
    x = np.random.default_rng(k).uniform(-2.0, 2.0, (7, k))
    with torch.no_grad():
        out = model(torch.as_tensor(x))[:, 0].numpy()
    np.testing.assert_allclose(out, net(x), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("k", [2, 3])
def test_from_torch_inputs_reads_linear_k(k: int) -> None:
    torch.manual_seed(k)  # torch's own default init, seeded: a model actlab did not make
    nn = torch.nn
    model = nn.Sequential(nn.Linear(k, 5), nn.SiLU(), nn.Linear(5, 2), nn.ReLU(), nn.Linear(2, 1))
    net = from_torch(model)
    assert net.inputs == k and net.widths == [5, 2] and net.activations == ["silu", "relu"]
    x = np.random.default_rng(k).uniform(-2.0, 2.0, (9, k))
    with torch.no_grad():
        out = model.double()(torch.as_tensor(x))[:, 0].numpy()
    np.testing.assert_allclose(net(x), out, rtol=1e-12, atol=1e-12)
    back = from_torch(to_torch(net))
    for a, b in zip(back.weights + back.biases, net.weights + net.biases, strict=True):
        np.testing.assert_array_equal(a, b)


def _sequential(act: object) -> object:
    torch.manual_seed(0)
    lin = torch.nn.Linear
    return torch.nn.Sequential(lin(1, 4), act, lin(4, 3), act, lin(3, 1)).double()


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (torch.nn.Hardtanh(-2, 2), "hard_tanh"),
        (torch.nn.Hardtanh(0.0, 3.0), "hard_tanh"),
        (torch.nn.ReLU6(), "hard_tanh"),
        (torch.nn.Softplus(beta=2), "softplus"),
        (torch.nn.Softplus(beta=0.5, threshold=30), "softplus"),
        (torch.nn.ELU(alpha=1.0), "elu"),
        (torch.nn.GELU(approximate="none"), "gelu"),
    ],
    ids=repr,
)
def test_from_torch_converts_module_settings_exactly(module: object, name: str) -> None:
    # settings the table expresses by rescaling are folded into the Linear layers around
    model = _sequential(module)
    x = np.linspace(-6, 6, 601)
    with torch.no_grad():
        want = model(torch.as_tensor(x[:, None]))[:, 0].numpy()
    net = from_torch(model)
    assert net.activations == [name, name]
    np.testing.assert_allclose(net(x), want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    ("module", "match"),
    [
        (torch.nn.ELU(alpha=2.0), r"layer 1: ELU\(alpha=2\) has no exact counterpart"),
        (torch.nn.GELU(approximate="tanh"), r"GELU\(approximate='tanh'\) has no exact"),
        (torch.nn.LeakyReLU(0.2), r"LeakyReLU\(negative_slope=0.2\) has no exact"),
        (torch.nn.Softplus(threshold=5), r"Softplus\(threshold=5\) switches to the identity"),
    ],
    ids=repr,
)
def test_from_torch_refuses_settings_it_cannot_express(module: object, match: str) -> None:
    with pytest.raises(UnsupportedError, match=match):
        from_torch(_sequential(module))


def test_from_torch_lists_each_supported_module_once() -> None:
    with pytest.raises(UnsupportedError) as info:
        from_torch(torch.nn.Sequential(torch.nn.Linear(1, 2), torch.nn.Dropout()))
    listed = str(info.value).split("at most one of ")[1].split(", ")
    assert len(listed) == len(set(listed))
    assert "Softplus" in listed
