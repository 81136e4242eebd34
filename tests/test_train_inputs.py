"""Training networks with k inputs: backprop against oracles, every optimizer and backend."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network
from actlab.errors import DataError
from actlab.train import Layout, Objective, _fused, backprop, fit, fit_population, get_backend, init
from actlab.train._data import as_data
from actlab.train.backends import cuda_fused

ACTS = ["sigmoid", "tanh", "relu", "gelu", "softplus", "sin"]
OPTIMIZERS = ["lm", "lbfgs", "adam", "sgd"]


def _data(k: int, n: int = 13, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.5, 1.5, (n, k)) + 0.0123
    return x, np.sin(x.sum(axis=1)) + 0.3 * x[:, 0] * x[:, -1]


def _problem(activation: str, depth: int, k: int, population: int | None = 3, seed: int = 5):
    net = Network.init(
        3, depth, activation, inputs=k, seed=seed, scheme="glorot", population=population
    )
    layout = Layout.of(net)
    rng = np.random.default_rng(seed)
    theta = layout.pack(net) + rng.normal(0.0, 0.3, layout.pack(net).shape)
    return layout, theta, *_data(k)


def _central(fn, theta: np.ndarray, h: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(theta)
    for j in range(theta.shape[1]):
        e = np.zeros_like(theta)
        e[:, j] = h
        grad[:, j] = (fn(theta + e) - fn(theta - e)) / (2 * h)
    return grad


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("depth", [0, 1, 2, 3])
@pytest.mark.parametrize("activation", ACTS)
def test_gradient_inputs_matches_central_differences(activation: str, depth: int, k: int) -> None:
    layout, theta, x, y = _problem(activation, depth, k)
    obj = Objective(get_backend("numpy"), layout, x, y, l2=0.01)
    _, grad = obj.loss_grad(theta)
    np.testing.assert_allclose(grad, _central(obj.loss, theta), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("depth", [0, 1, 2])
@pytest.mark.parametrize("activation", ACTS)
def test_jacobian_inputs_matches_central_differences(activation: str, depth: int, k: int) -> None:
    layout, theta, x, _ = _problem(activation, depth, k, population=2)
    be = get_backend("numpy")
    jac = backprop.jacobian(be, layout, theta, backprop.forward(be, layout, theta, x))
    for n in (0, 6, 12):
        fd = _central(lambda t, n=n: backprop.forward(be, layout, t, x).output[:, n], theta)
        np.testing.assert_allclose(jac[:, n], fd, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("k", [2, 4])
@pytest.mark.parametrize("depth", [0, 1, 3])
@pytest.mark.parametrize("activation", ACTS)
def test_gradient_and_jacobian_inputs_match_torch_autograd(
    activation: str, depth: int, k: int
) -> None:
    torch = pytest.importorskip("torch")
    from actlab.interop.torch import to_torch

    layout, theta, x, y = _problem(activation, depth, k, population=None)
    be = get_backend("numpy")
    loss, grad = Objective(be, layout, x, y).loss_grad(theta)
    jac = backprop.jacobian(be, layout, theta, backprop.forward(be, layout, theta, x))[0]
    model = to_torch(layout.unpack(theta, population=False))
    xt = torch.as_tensor(x)
    torch_loss = ((model(xt)[:, 0] - torch.as_tensor(y)) ** 2).mean()
    torch_loss.backward()
    torch_grad = np.concatenate([p.grad.numpy().ravel() for p in model.parameters()])
    assert loss[0] == pytest.approx(torch_loss.item(), rel=1e-12)
    np.testing.assert_allclose(grad[0], torch_grad, rtol=1e-10, atol=1e-12)
    params = dict(model.named_parameters())

    def out(*flat):
        values = dict(zip(params, flat, strict=True))
        return torch.func.functional_call(model, values, (xt,))[:, 0]

    cols = torch.autograd.functional.jacobian(out, tuple(params.values()))
    torch_jac = np.concatenate([c.reshape(len(x), -1).numpy() for c in cols], axis=1)
    np.testing.assert_allclose(jac, torch_jac, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("activation", ["sigmoid", "relu", "gelu"])
def test_torch_backend_inputs_matches_numpy(activation: str, k: int) -> None:
    pytest.importorskip("torch")
    layout, theta, x, y = _problem(activation, 2, k)
    ref = Objective(get_backend("numpy"), layout, x, y, l2=0.01)
    be = get_backend("torch")
    obj = Objective(be, layout, x, y, l2=0.01)
    loss, grad = obj.loss_grad(be.asarray(theta))
    loss_np, grad_np = ref.loss_grad(theta)
    np.testing.assert_allclose(be.to_numpy(loss), loss_np, rtol=1e-12)
    np.testing.assert_allclose(be.to_numpy(grad), grad_np, rtol=1e-10, atol=1e-13)
    _, jtj, _ = obj.gauss_newton(be.asarray(theta))
    np.testing.assert_allclose(be.to_numpy(jtj), ref.gauss_newton(theta)[1], rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_objective_subset_inputs_takes_rows(backend: str) -> None:
    if backend == "torch":
        pytest.importorskip("torch")
    layout, theta, x, y = _problem("tanh", 1, 3)
    be = get_backend(backend)
    idx = np.array([0, 4, 7, 11])
    sub = Objective(be, layout, x, y).subset(idx)
    direct = Objective(be, layout, x[idx], y[idx])
    th = be.asarray(theta)
    np.testing.assert_allclose(be.to_numpy(sub.loss(th)), be.to_numpy(direct.loss(th)), rtol=1e-15)


def test_objective_rejects_wrong_columns() -> None:
    layout = Layout.of(Network.init(3, inputs=2, seed=0))
    with pytest.raises(DataError, match="X has 3 columns but the network has 2 inputs"):
        Objective(get_backend("numpy"), layout, np.zeros((5, 3)), np.zeros(5))


@pytest.mark.parametrize(
    ("x", "inputs", "message"),
    [
        (np.zeros((5, 3)), 2, "X have 3 columns but the network has 2 inputs"),
        (np.zeros(5), 2, "X have 1 column but the network has 2 inputs"),
        (np.zeros((5, 2, 1)), None, r"must have shape \(N,\) or \(N, k\)"),
    ],
)
def test_as_data_inputs_rejects(x: np.ndarray, inputs: int | None, message: str) -> None:
    with pytest.raises(DataError, match=message):
        as_data(x, np.zeros(5), inputs=inputs)


def test_as_data_inputs_keeps_columns() -> None:
    x = np.arange(10.0).reshape(5, 2)
    xa, ya = as_data(x.tolist(), np.arange(5), inputs=2)
    np.testing.assert_array_equal(xa, x)
    assert ya.shape == (5,)
    assert as_data(x[:, :1], np.arange(5), inputs=1)[0].shape == (5,)


def test_fused_kernels_decline_inputs() -> None:
    one = Layout.of(Network.init(4, 1, "tanh", seed=0))
    two = Layout.of(Network.init(4, 1, "tanh", inputs=2, seed=0))
    assert two.inputs == 2 and two.is_shallow
    assert not _fused.supports(two, "lm", batched=False, validation=False)
    assert not cuda_fused.supports(two, 0.0)
    # the one-input answer is unchanged: it still says yes wherever numba is present
    from actlab.train import kernels

    assert _fused.supports(one, "lm", batched=False, validation=False) == kernels.available()


@pytest.mark.parametrize("k", [2, 3])
def test_ridge_starts_cross_a_data_point(k: int) -> None:
    x, _ = _data(k, n=40)
    layout = Layout.of(Network.init(5, 1, "sigmoid", inputs=k, seed=0))
    theta = init.ridge_starts(layout, x, 3, np.random.default_rng(8))
    again = init.ridge_starts(layout, x, 3, np.random.default_rng(8))
    np.testing.assert_array_equal(theta, again)
    ws, bs = layout.views(theta)
    z = np.einsum("nk,cwk->cnw", x, ws[0]) + bs[0][:, None, :]  # (count, N, width)
    # every neuron's hyperplane w·x + b = 0 passes through one of the data points
    assert np.all(np.abs(z).min(axis=1) < 1e-9 * np.abs(z).max(axis=1))


@pytest.mark.parametrize("data", [True, False])
def test_starts_inputs_keep_first_and_solve_output(data: bool) -> None:
    x, y = _data(2, n=40)
    net = Network.init(5, 1, "tanh", inputs=2, seed=1)
    theta = init.starts(net, x, y, 4, seed=2, data=data)
    layout = Layout.of(net)
    assert theta.shape == (4, layout.size)
    np.testing.assert_array_equal(theta[0], layout.pack(net)[0])
    # the output layer is the least-squares optimum for its hidden layer: residual ⟂ design
    pop = layout.unpack(theta, population=True)
    h = pop.trace(x).activations[-1]
    r = pop(x) - y
    for p in range(1, 4):
        design = np.column_stack([h[p], np.ones(len(x))])
        assert np.abs(design.T @ r[p]).max() < 1e-6 * np.abs(design).sum()


def _teacher(k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, (60, k))
    teacher = Network.init(3, 1, "tanh", inputs=k, seed=seed + 1, scheme="he")
    return x, teacher(x)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("k", [2, 3])
def test_fit_inputs_every_optimizer_lowers_the_error(optimizer: str, k: int) -> None:
    x, y = _teacher(k, seed=k)
    net = Network.init(3, 1, "tanh", inputs=k, seed=0)
    before = float(np.mean((net(x) - y) ** 2))
    result = fit(net, x, y, optimizer=optimizer, steps=300, seed=1, lr=0.05, tol=0)
    assert result.network.inputs == k
    assert result.mse == pytest.approx(np.mean((result.network(x) - y) ** 2), rel=1e-9)
    assert result.mse < 0.2 * before
    if optimizer == "lm":  # the teacher's own shape: Levenberg–Marquardt gets close
        assert result.mse < 1e-3 * np.var(y)


@pytest.mark.parametrize("k", [2, 4])
def test_fit_inputs_depth_zero_is_least_squares(k: int) -> None:
    rng = np.random.default_rng(k)
    x = rng.normal(size=(30, k))
    y = x @ rng.normal(size=k) + 0.7 + 0.1 * rng.normal(size=30)
    result = fit(Network.init(1, 0, inputs=k, seed=0), x, y, optimizer="lm")
    design = np.column_stack([x, np.ones(30)])
    coef = np.linalg.lstsq(design, y, rcond=None)[0]
    np.testing.assert_allclose(result.network.weights[0][0], coef[:-1], rtol=1e-7, atol=1e-9)
    assert result.network.biases[0][0] == pytest.approx(coef[-1], rel=1e-7, abs=1e-9)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_fit_population_inputs_equals_members_alone(optimizer: str) -> None:
    x, y = _teacher(2, seed=5)
    seeds = [11, 12, 13]
    opts = {"optimizer": optimizer, "steps": 40, "tol": 0.0, "lr": 0.02}
    pop = fit_population(Network.init(3, 2, "tanh", inputs=2, seed=seeds), x, y, **opts)
    for p, s in enumerate(seeds):
        alone = fit_population(Network.init(3, 2, "tanh", inputs=2, seed=[s]), x, y, **opts)
        np.testing.assert_allclose(
            pop.network[p].weights[0], alone.network[0].weights[0], rtol=1e-9, atol=1e-12
        )
        assert pop.mse[p] == pytest.approx(alone.mse[0], rel=1e-9)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_fit_inputs_torch_backend_equals_numpy(optimizer: str) -> None:
    pytest.importorskip("torch")
    x, y = _teacher(3, seed=7)
    pop = Network.init(4, 1, "tanh", inputs=3, seed=[1, 2])
    opts = {"optimizer": optimizer, "steps": 30, "tol": 0.0, "lr": 0.02}
    ref = fit_population(pop, x, y, **opts)
    got = fit_population(pop, x, y, backend="torch", **opts)
    for a, b in zip(got.network.weights, ref.network.weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-8, atol=1e-10)


def test_fit_inputs_minibatches_and_validation_run_on_rows() -> None:
    x, y = _teacher(2, seed=9)
    net = Network.init(4, 1, "tanh", inputs=2, seed=0)
    result = fit(
        net, x, y, optimizer="adam", batch_size=16, steps=50, seed=3, validation=0.2, tol=0
    )
    assert result.validation_mse is not None and np.isfinite(result.validation_mse)
    xv, yv = x[:10], y[:10]
    held = fit(net, x[10:], y[10:], optimizer="lbfgs", steps=20, tol=0, validation=(xv, yv))
    assert held.validation_mse == pytest.approx(np.mean((held.network(xv) - yv) ** 2), rel=1e-9)


def test_fit_inputs_rejects_wrong_validation_columns() -> None:
    x, y = _teacher(2, seed=9)
    with pytest.raises(DataError, match="X has 3 columns but the network has 2 inputs"):
        fit(Network.init(4, 1, inputs=2, seed=0), x, y, validation=(np.zeros((5, 3)), np.zeros(5)))
