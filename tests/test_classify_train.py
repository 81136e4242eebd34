"""Classification training: log loss and cross-entropy, their gradients, every optimizer."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network, score
from actlab.errors import ConfigError, DataError
from actlab.train import Layout, Objective, fit, fit_population, get_backend
from actlab.train.classification import constant_loss, quality

BE = get_backend("numpy")


def _data(rng: np.random.Generator, k: int) -> tuple[np.ndarray, np.ndarray]:
    x = rng.normal(size=(24, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(float) if k == 2 else rng.integers(0, k, 24).astype(float)
    return x, y


CASES = [("log_loss", 2, 1), ("cross_entropy", 3, 3)]


@pytest.mark.parametrize(("loss", "k", "outputs"), CASES)
@pytest.mark.parametrize("l2", [0.0, 0.01])
def test_gradient_matches_central_differences(rng, loss, k, outputs, l2) -> None:  # type: ignore[no-untyped-def]
    x, y = _data(rng, k)
    net = Network.init([4, 3], activation="tanh", inputs=2, outputs=outputs, population=2, seed=1)
    layout = Layout.of(net)
    theta = layout.pack(net)
    obj = Objective(BE, layout, x, y, l2, loss=loss)
    _, grad = obj.loss_grad(theta)
    num = np.zeros_like(theta)
    h = 1e-6
    for i in range(theta.shape[1]):
        e = np.zeros_like(theta)
        e[:, i] = h
        num[:, i] = (obj.loss(theta + e) - obj.loss(theta - e)) / (2 * h)
    np.testing.assert_allclose(grad, num, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("loss", "k", "outputs"), CASES)
def test_loss_and_gradient_match_torch_autograd(rng, loss, k, outputs) -> None:  # type: ignore[no-untyped-def]
    torch = pytest.importorskip("torch")
    from actlab.interop.torch import to_torch

    x, y = _data(rng, k)
    net = Network.init([5], activation="sigmoid", inputs=2, outputs=outputs, seed=3)
    layout = Layout.of(net)
    value, grad = Objective(BE, layout, x, y, loss=loss).loss_grad(layout.pack(net))
    model = to_torch(net).double()
    z = model(torch.tensor(x))
    t = torch.tensor(y)
    if loss == "log_loss":
        ref = torch.nn.functional.binary_cross_entropy_with_logits(z[:, 0], t)
    else:
        ref = torch.nn.functional.cross_entropy(z, t.long())
    ref.backward()
    tgrad = np.concatenate(
        [p.grad.detach().numpy().reshape(-1) for p in model.parameters()]  # W, b per layer
    )
    assert value[0] == pytest.approx(float(ref.detach()), rel=1e-12)
    np.testing.assert_allclose(grad[0], tgrad, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize(("loss", "k", "outputs"), CASES)
def test_generalised_gauss_newton_is_the_loss_hessian_in_the_logits(rng, loss, k, outputs) -> None:  # type: ignore[no-untyped-def]
    """½·∇L = Jᵀr and ½·JᵀΛJ equals the Hessian of L for a network linear in θ (depth 0)."""
    x, y = _data(rng, k)
    net = Network.init([], depth=0, inputs=2, outputs=outputs, seed=2, activation=[])
    layout = Layout.of(net)
    theta = layout.pack(net)
    obj = Objective(BE, layout, x, y, 0.0, loss=loss)
    _, jtj, jtr = obj.gauss_newton(theta)
    _, grad = obj.loss_grad(theta)
    np.testing.assert_allclose(2 * jtr, grad, rtol=1e-12, atol=1e-15)
    hess = np.zeros((theta.shape[1],) * 2)
    h = 1e-5
    for i in range(theta.shape[1]):
        e = np.zeros_like(theta)
        e[:, i] = h
        hess[i] = (obj.loss_grad(theta + e)[1] - obj.loss_grad(theta - e)[1])[0] / (2 * h)
    np.testing.assert_allclose(2 * jtj[0], hess, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("optimizer", ["lm", "lbfgs", "adam", "sgd"])
@pytest.mark.parametrize(("loss", "k", "outputs"), CASES)
def test_every_optimizer_lowers_the_loss(rng, optimizer, loss, k, outputs) -> None:  # type: ignore[no-untyped-def]
    x, y = _data(rng, k)
    net = Network.init(6, 1, "tanh", inputs=2, outputs=outputs, seed=0)
    start = Objective(BE, Layout.of(net), x, y, loss=loss).loss(Layout.of(net).pack(net))[0]
    res = fit(net, x, y, loss=loss, optimizer=optimizer, steps=150, tol=0, lr=0.05)
    assert res.loss < 0.8 * start and res.loss_name == loss
    value, brier, acc = quality(res.network(x), y, loss)
    assert value == pytest.approx(res.loss, rel=1e-9)
    assert res.mse == pytest.approx(brier, rel=1e-9)
    assert score.classify(res.network, x, y)["accuracy"] == pytest.approx(acc)


def test_population_members_train_as_if_alone(rng) -> None:  # type: ignore[no-untyped-def]
    x, y = _data(rng, 3)
    pop = Network.init(4, 1, "tanh", inputs=2, outputs=3, seed=[1, 2, 3])
    res = fit_population(pop, x, y, loss="cross_entropy", optimizer="lm", steps=20, tol=0)
    alone = fit_population(
        Network.stack([pop[1]]), x, y, loss="cross_entropy", optimizer="lm", steps=20, tol=0
    )
    np.testing.assert_allclose(res.loss[1], alone.loss[0], rtol=1e-10)
    assert res.network.outputs == 3 and res.mse.shape == (3,)


@pytest.mark.parametrize("optimizer", ["lbfgs", "adam"])
def test_torch_backend_matches_numpy(rng, optimizer) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("torch")
    x, y = _data(rng, 3)
    net = Network.init(4, 1, "tanh", inputs=2, outputs=3, seed=0)
    opts = {"loss": "cross_entropy", "optimizer": optimizer, "steps": 30, "tol": 0, "restarts": 1}
    a = fit(net, x, y, **opts)
    b = fit(net, x, y, backend="torch", **opts)
    assert a.loss == pytest.approx(b.loss, rel=1e-8)


def test_xor_four_points_is_solved_by_two_hidden_neurons() -> None:
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    res = fit(Network.init(2, 1, "tanh", inputs=2, seed=0), x, y, loss="log_loss")
    assert score.classify(res.network, x, y)["accuracy"] == 1.0


def test_labels_must_fit_the_loss_and_the_outputs(rng) -> None:  # type: ignore[no-untyped-def]
    x, y = _data(rng, 3)
    with pytest.raises(DataError, match="class labels 0 … 1"):
        fit(Network.init(3, 1, "tanh", inputs=2, seed=0), x, y, loss="log_loss")
    with pytest.raises(ConfigError, match="K ≥ 2 outputs"):
        fit(Network.init(3, 1, "tanh", inputs=2, seed=0), x, y, loss="cross_entropy")
    with pytest.raises(ConfigError, match="loss='cross_entropy'"):
        fit(Network.init(3, 1, "tanh", inputs=2, outputs=3, seed=0), x, y)


def test_constant_loss_is_the_label_entropy() -> None:
    assert constant_loss(np.array([0, 1, 0, 1.0]), "log_loss") == pytest.approx(np.log(2))
    assert constant_loss(np.array([0, 1, 2.0]), "cross_entropy", 3) == pytest.approx(np.log(3))


def test_stable_at_huge_logits() -> None:
    z = np.array([800.0, -800.0])
    assert quality(z, np.array([1.0, 0.0]), "log_loss")[0] == 0.0
    assert quality(z, np.array([0.0, 1.0]), "log_loss")[0] == pytest.approx(800.0)
    zz = np.array([[1000.0, 0.0, -1000.0]])
    assert quality(zz, np.array([2.0]), "cross_entropy")[0] == pytest.approx(2000.0)
