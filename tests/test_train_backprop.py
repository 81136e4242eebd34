"""Backprop against central differences and torch autograd, every activation, depths 1–4."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network, activations
from actlab.train import Layout, Objective, backprop, get_backend

TRAINABLE = activations.names(trainable=True)
SMOOTH = [n for n in TRAINABLE if not activations.ACTIVATIONS[n].piecewise_linear]
KINKED = [n for n in TRAINABLE if activations.ACTIVATIONS[n].piecewise_linear]


def _problem(activation: str, depth: int, population: int | None = 3, seed: int = 5):
    net = Network.init(3, depth, activation, seed=seed, scheme="glorot", population=population)
    rng = np.random.default_rng(seed)
    # a little spread in the biases so no pre-activation sits on a kink
    theta = Layout.of(net).pack(net) + rng.normal(0.0, 0.3, Layout.of(net).pack(net).shape)
    if activation == "square":  # keep z⁽²ᴸ⁾ growth small enough for finite differences
        theta *= 0.5
    x = np.linspace(-2.0, 2.0, 11) + 0.0123
    y = np.sin(x)
    return Layout.of(net), theta, x, y


def _rtol(activation: str) -> float:
    """torch's Hardsigmoid backward multiplies by 1/6 rounded to float32."""
    return 1e-6 if activation == "hard_sigmoid" else 1e-10


def _central(fn, theta: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central differences of a (P,)-valued function of (P, p) parameters, column by column."""
    grad = np.zeros_like(theta)
    for k in range(theta.shape[1]):
        e = np.zeros_like(theta)
        e[:, k] = h
        grad[:, k] = (fn(theta + e) - fn(theta - e)) / (2 * h)
    return grad


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("activation", TRAINABLE)
def test_gradient_matches_central_differences(activation: str, depth: int) -> None:
    layout, theta, x, y = _problem(activation, depth)
    obj = Objective(get_backend("numpy"), layout, x, y, l2=0.01)
    _, grad = obj.loss_grad(theta)
    np.testing.assert_allclose(grad, _central(obj.loss, theta), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("activation", TRAINABLE)
def test_jacobian_matches_central_differences(activation: str, depth: int) -> None:
    layout, theta, x, _ = _problem(activation, depth, population=2)
    be = get_backend("numpy")
    jac = backprop.jacobian(be, layout, theta, backprop.forward(be, layout, theta, x))
    for n in (0, 5, 10):
        fd = _central(lambda t, n=n: backprop.forward(be, layout, t, x).output[:, n], theta)
        np.testing.assert_allclose(jac[:, n], fd, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("activation", TRAINABLE)
def test_gradient_matches_torch_autograd(activation: str, depth: int) -> None:
    torch = pytest.importorskip("torch")
    from actlab.interop.torch import to_torch

    layout, theta, x, y = _problem(activation, depth, population=None)
    obj = Objective(get_backend("numpy"), layout, x, y)
    loss, grad = obj.loss_grad(theta)
    model = to_torch(layout.unpack(theta, population=False))
    xt = torch.as_tensor(x[:, None])
    torch_loss = ((model(xt)[:, 0] - torch.as_tensor(y)) ** 2).mean()
    torch_loss.backward()
    torch_grad = np.concatenate(
        [p.grad.numpy().ravel() for p in model.parameters()]  # W, b per Linear: our order
    )
    assert loss[0] == pytest.approx(torch_loss.item(), rel=1e-12)
    np.testing.assert_allclose(grad[0], torch_grad, rtol=_rtol(activation), atol=1e-12)


@pytest.mark.parametrize("depth", [1, 3])
@pytest.mark.parametrize("activation", SMOOTH + KINKED)
def test_jacobian_matches_torch_autograd(activation: str, depth: int) -> None:
    torch = pytest.importorskip("torch")
    from actlab.interop.torch import to_torch

    layout, theta, x, _ = _problem(activation, depth, population=None)
    be = get_backend("numpy")
    jac = backprop.jacobian(be, layout, theta, backprop.forward(be, layout, theta, x))[0]
    model = to_torch(layout.unpack(theta, population=False))
    params = dict(model.named_parameters())

    def out(*flat):
        values = dict(zip(params, flat, strict=True))
        return torch.func.functional_call(model, values, (torch.as_tensor(x[:, None]),))[:, 0]

    cols = torch.autograd.functional.jacobian(out, tuple(params.values()))
    torch_jac = np.concatenate([c.reshape(len(x), -1).numpy() for c in cols], axis=1)
    np.testing.assert_allclose(jac, torch_jac, rtol=_rtol(activation), atol=1e-12)


def test_gradient_of_hand_worked_network() -> None:
    # y = 2σ(0·x + 0) + 1 = 2 at x = 0 (σ(0) = 1/2); target 0, so r = 2 and L = r² = 4.
    # ∂L/∂c = 2r·σ(0) = 2·2·0.5 = 2;  ∂L/∂c0 = 2r = 4;
    # ∂L/∂b = 2r·c·σ'(0) = 2·2·2·0.25 = 2;  ∂L/∂w = that times x = 0.
    net = Network.shallow(w=[0.0], b=[0.0], c=[2.0], c0=1.0)
    layout = Layout.of(net)
    obj = Objective(get_backend("numpy"), layout, np.array([0.0]), np.array([0.0]))
    loss, grad = obj.loss_grad(layout.pack(net))
    assert loss[0] == pytest.approx(4.0)
    np.testing.assert_allclose(grad[0], [0.0, 2.0, 2.0, 4.0])  # order: w, b, c, c0


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "gelu"])
def test_gauss_newton_gradient_is_half_the_loss_gradient(activation: str) -> None:
    layout, theta, x, y = _problem(activation, 2)
    obj = Objective(get_backend("numpy"), layout, x, y, l2=0.05)
    loss, _, jtr = obj.gauss_newton(theta)
    loss2, grad = obj.loss_grad(theta)
    np.testing.assert_allclose(loss, loss2, rtol=1e-13)
    np.testing.assert_allclose(2 * jtr, grad, rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("activation", TRAINABLE)
def test_torch_backend_matches_numpy_in_float64(activation: str) -> None:
    pytest.importorskip("torch")
    layout, theta, x, y = _problem(activation, 2)
    ref = Objective(get_backend("numpy"), layout, x, y, l2=0.01)
    be = get_backend("torch")
    obj = Objective(be, layout, x, y, l2=0.01)
    loss, grad = obj.loss_grad(be.asarray(theta))
    loss_np, grad_np = ref.loss_grad(theta)
    np.testing.assert_allclose(be.to_numpy(loss), loss_np, rtol=1e-12)
    np.testing.assert_allclose(be.to_numpy(grad), grad_np, rtol=1e-10, atol=1e-13)
    _, jtj, _ = obj.gauss_newton(be.asarray(theta))
    np.testing.assert_allclose(be.to_numpy(jtj), ref.gauss_newton(theta)[1], rtol=1e-10, atol=1e-13)
