"""Live training: update rules against finite differences, step requests, the SSE stream."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from actlab import Network, lesson
from actlab.errors import ConfigError, DivergenceError
from actlab.train import Layout
from actlab.web import create_app
from actlab.web.trainer import LiveTrainer


@pytest.fixture(scope="module")
def client() -> TestClient:
    """An in-process client; training streams are capped at 1 s."""
    return TestClient(create_app(max_stream_seconds=1.0))


def mse_of(layout: Layout, theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    net = layout.unpack(theta[None, :], population=False)
    return float(np.mean((net(x) - y) ** 2))


def numeric_gradient(net: Network, x: np.ndarray, y: np.ndarray, h: float = 1e-6) -> np.ndarray:
    layout = Layout.of(net)
    theta = layout.pack(net)[0]
    grad = np.zeros_like(theta)
    for k in range(theta.size):
        e = np.zeros_like(theta)
        e[k] = h
        grad[k] = (mse_of(layout, theta + e, x, y) - mse_of(layout, theta - e, x, y)) / (2 * h)
    return grad


X = np.linspace(-2, 6, 41)
Y = lesson.target(X)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity", "square"])
def test_trainer_sgd_step_follows_the_gradient(activation):
    net = Network.init(3, 2, activation, seed=4)
    trainer = LiveTrainer(net, X, Y, "sgd", 0.01)
    trainer.step()
    moved = Layout.of(net).pack(trainer.network())[0] - Layout.of(net).pack(net)[0]
    np.testing.assert_allclose(moved, -0.01 * numeric_gradient(net, X, Y), rtol=1e-5, atol=1e-9)


def test_trainer_first_adam_step_is_the_sign_of_the_gradient():
    # with m = (1−β1)g, v = (1−β2)g², the bias-corrected step is η·g/|g| = η·sign(g)
    net = lesson.handbuilt_network()
    trainer = LiveTrainer(net, X, Y, "adam", 0.05)
    trainer.step()
    moved = Layout.of(net).pack(trainer.network())[0] - Layout.of(net).pack(net)[0]
    np.testing.assert_allclose(moved, -0.05 * np.sign(numeric_gradient(net, X, Y)), atol=1e-6)


@pytest.mark.parametrize("optimizer", ["adam", "sgd", "lm", "lbfgs"])
def test_trainer_lowers_the_loss(optimizer):
    trainer = LiveTrainer(Network.init(8, 1, "tanh", seed=0), X, Y, optimizer, 0.01)
    losses = trainer.run(300, seconds=30)
    assert len(losses) == 300 and trainer.loss() < 0.5 * losses[0]


def test_trainer_reports_divergence_with_advice():
    trainer = LiveTrainer(Network.init(4, 2, "square", seed=0), X, Y * 1e3, "sgd", 10.0)
    with pytest.raises(DivergenceError, match="lower the learning rate"):
        trainer.run(200, seconds=30)


def test_trainer_refuses_the_step_activation():
    with pytest.raises(ConfigError, match="'step' activation has no useful derivative"):
        LiveTrainer(Network.init(2, 1, "step", seed=0), X, Y, "adam", 0.01)


def test_train_step_endpoint_lowers_the_loss(client):
    net = Network.init(6, 1, "sigmoid", seed=1).to_dict()
    body = {"network": net, "steps": 200, "learning_rate": 0.05}
    res = client.post("/api/train/step", json=body).json()
    assert res["step"] == 200 and res["losses"][-1] < 0.5 * res["losses"][0]
    assert res["fit"]["score"]["on"] == "curve"


def test_train_step_is_bounded(client):
    res = client.post("/api/train/step", json={"network": lesson.handbuilt_network().to_dict(),
                                               "steps": 5000})  # fmt: skip
    assert res.status_code == 422
    assert res.json()["detail"]["field"] == "steps" and "1000" in res.json()["detail"]["message"]


def test_train_step_activation_error_points_at_network(client):
    net = Network.init(2, 1, "step", seed=0).to_dict()
    res = client.post("/api/train/step", json={"network": net, "steps": 1})
    assert res.status_code == 422 and res.json()["detail"]["field"] == "network"


def events(text: str) -> list[tuple[str, dict]]:
    """Parse a server-sent event stream."""
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_train_stream_sends_progress_then_done(client):
    net = Network.init(8, 1, "tanh", seed=0).to_dict()
    body = {"network": net, "steps": 400, "learning_rate": 0.03, "updates_per_second": 60}
    with client.stream("POST", "/api/train/stream", json=body) as res:
        assert res.headers["content-type"].startswith("text/event-stream")
        text = "".join(res.iter_text())
    got = events(text)
    progress = [d for name, d in got if name == "progress"]
    assert got[-1][0] == "done" and got[-1][1]["reason"] in ("steps", "time")
    assert progress and [p["step"] for p in progress] == sorted(p["step"] for p in progress)
    assert progress[-1]["loss"] < progress[0]["loss"]
    Network.from_dict(progress[-1]["network"])  # a valid network every time
    assert len(progress[-1]["fit"]["output"]) == 201


def test_train_stream_ends_by_time(client):
    net = Network.init(4, 1, "tanh", seed=0).to_dict()
    body = {"network": net, "steps": 100000, "learning_rate": 0.001, "max_seconds": 0.3}
    with client.stream("POST", "/api/train/stream", json=body) as res:
        got = events("".join(res.iter_text()))
    assert got[-1] == ("done", {"step": got[-1][1]["step"], "reason": "time"})


def test_train_stream_reports_divergence_as_an_event(client):
    net = Network.init(4, 2, "square", seed=0).to_dict()
    spec = {"expression": "1000*x**2"}
    body = {"network": net, "target": spec, "optimizer": "sgd", "learning_rate": 10.0}
    with client.stream("POST", "/api/train/stream", json=body) as res:
        got = events("".join(res.iter_text()))
    assert got[-1][0] == "error" and got[-1][1]["detail"]["field"] == "learning_rate"


def test_train_stream_bad_input_is_a_json_422(client):
    res = client.post("/api/train/stream", json={"network": lesson.handbuilt_network().to_dict(),
                                                 "learning_rate": 0})  # fmt: skip
    assert res.status_code == 422
    assert "(0, 10]" in res.json()["detail"]["message"]
