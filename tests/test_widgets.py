"""The notebook widget's Python side: the page bundle, the in-process API, messages, state.

The in-process API must answer exactly as the server does: each request is sent to
both (the server through FastAPI's test client) and the answers compared.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

pytest.importorskip("anywidget")

from fastapi.testclient import TestClient

from actlab import Network, lesson, settings
from actlab.errors import ConfigError
from actlab.web.app import STATIC, create_app
from actlab.widgets import Lab, default_state
from actlab.widgets._api import LabApi
from actlab.widgets._page import IMPORT_PATTERN, page_bundle

NET = lesson.handbuilt_network().to_dict()
LESSON = {"expression": "lesson"}

REQUESTS = [
    ("GET", "/api/settings", None),
    ("GET", "/api/presets", None),
    ("GET", "/api/activations", None),
    ("GET", "/api/network/lesson", None),
    ("POST", "/api/state", {"values": {"width": "3", "depth": "nine"}}),
    ("POST", "/api/target", {"target": {"expression": "sin(3*x)"}, "grid_points": 11}),
    ("POST", "/api/target", {"target": {"expression": "sin(3*x"}}),
    ("POST", "/api/evaluate", {"network": NET, "target": LESSON}),
    ("POST", "/api/evaluate", {"network": NET, "target": LESSON, "grid_points": "201"}),
    ("POST", "/api/evaluate", {"network": 3}),
    ("POST", "/api/collapse", {"network": NET, "target": LESSON}),
    ("POST", "/api/network/init", {"depth": 2, "width": 3, "activation": ["relu"], "seed": 1}),
    ("POST", "/api/construct", {"points": {"x": [0, 2, 4], "y": [0, 4, 2]}, "activation": "relu"}),
    ("POST", "/api/points/csv", {"text": "x,y\n0,1\n2,3\nbad,row\n"}),
    ("POST", "/api/export/torch", {"network": NET}),
    ("POST", "/api/train/step", {"network": NET, "target": LESSON, "steps": 5}),
    ("GET", "/api/evaluate", None),
    ("GET", "/api/nothing", None),
]


@pytest.fixture(scope="module")
def server() -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize(("method", "path", "body"), REQUESTS, ids=lambda v: str(v)[:40])
def test_answers_equal_the_servers(server, method, path, body) -> None:
    want = server.request(method, path, json=body)
    got = LabApi().call(method, path, None if body is None else json.dumps(body))
    assert got.status == want.status_code
    assert json.loads(got.body) == want.json()


def test_bodies_that_are_not_json_are_refused() -> None:
    api = LabApi()
    for body in (None, "", "{"):
        reply = api.call("POST", "/api/evaluate", body)
        assert reply.status == 422
        assert json.loads(reply.body)["detail"]["message"].startswith("the request")


def _events(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.strip().split("\n\n"):
        name = re.search(r"^event: (\w+)$", block, re.M).group(1)
        out.append((name, json.loads(re.search(r"^data: (.*)$", block, re.M).group(1))))
    return out


def test_training_stream_is_polled_until_done() -> None:
    api = LabApi()
    body = {"network": NET, "target": LESSON, "steps": 40, "updates_per_second": 60}
    reply, sid = api.stream_start(json.dumps(body))
    assert reply.status == 200 and sid is not None and api.streams == 1
    events = []
    for _ in range(1000):
        poll = api.stream_poll(sid)
        events += _events(poll.body)
        if poll.done:
            break
        assert poll.wait >= 0
    names = [name for name, _ in events]
    assert names[-1] == "done" and set(names[:-1]) == {"progress"}
    assert events[-1][1] == {"step": 40, "reason": "steps"}
    steps = [data["step"] for name, data in events if name == "progress"]
    assert steps == sorted(steps) and steps[-1] == 40
    last = events[-2][1]
    assert Network.from_dict(last["network"]).widths == [2]
    assert set(last["fit"]) >= {"output", "score", "neurons"}
    assert api.streams == 0
    assert api.stream_poll(sid).done  # a closed stream has nothing more


def test_training_stream_reports_bad_requests_and_divergence() -> None:
    api = LabApi()
    reply, sid = api.stream_start(json.dumps({"network": NET, "target": {"expression": "x +"}}))
    assert reply.status == 422 and sid is None
    assert json.loads(reply.body)["detail"]["field"] == "target.expression"
    wild = {"network": NET, "target": LESSON, "optimizer": "sgd", "learning_rate": 10.0}
    _, sid = api.stream_start(json.dumps({**wild, "steps": 1000}))
    for _ in range(100):
        poll = api.stream_poll(sid)
        if poll.body.startswith("event: error"):
            break
    (name, data), *_ = _events(poll.body)
    assert name == "error" and data["detail"]["field"] == "learning_rate"
    assert api.streams == 0


def test_page_bundle_holds_every_module_with_its_imports_resolved() -> None:
    page = page_bundle(STATIC)
    modules = {f"/static/{p.relative_to(STATIC).as_posix()}" for p in STATIC.rglob("*.js")}
    assert set(page["modules"]) == modules == set(page["order"])
    assert page["entry"] == "/static/js/main.js" and "/static/js/state.js" in modules
    seen: set[str] = set()
    for url in page["order"]:  # dependencies first
        imports = page["modules"][url]["imports"]
        assert set(imports.values()) <= seen
        specs = {m.group(3) for m in re.finditer(IMPORT_PATTERN, page["modules"][url]["source"])}
        assert specs == set(imports)
        seen.add(url)
    assert "<script" not in page["html"] and 'rel="stylesheet"' not in page["html"]
    assert "actlab.widgets" in page["html"]  # the page's CSS, then the widget's
    assert set(page["assets"]) >= {"/static/strings.json", "/static/style.css"}


class Sent(list):
    def __call__(self, content, buffers=None) -> None:
        self.append(content)


@pytest.fixture
def lab(monkeypatch) -> Lab:
    widget = Lab()
    sent = Sent()
    monkeypatch.setattr(widget, "send", sent)
    widget.sent = sent
    return widget


def test_messages_are_answered_with_the_same_id(lab) -> None:
    body = json.dumps({"network": NET, "target": LESSON})
    lab._on_message(lab, {"kind": "api", "id": "v-1", "method": "POST", "path": "/api/evaluate",
                          "body": body}, [])  # fmt: skip
    (reply,) = lab.sent
    assert reply["id"] == "v-1" and reply["status"] == 200
    assert json.loads(reply["body"])["formula"].startswith("y = 4σ(2.4x")
    lab._on_message(lab, {"kind": "stream", "id": "v-2", "body": json.dumps(
        {"network": NET, "target": LESSON, "steps": 3})}, [])  # fmt: skip
    sid = json.loads(lab.sent[-1]["body"])["stream"]
    lab._on_message(lab, {"kind": "poll", "id": "v-3", "stream": sid}, [])
    assert lab.sent[-1]["id"] == "v-3" and "event: progress" in lab.sent[-1]["body"]
    lab._on_message(lab, {"kind": "close", "stream": sid}, [])
    assert len(lab.sent) == 3 and lab._api.streams == 0
    lab._on_message(lab, "not a message", [])
    assert len(lab.sent) == 3


def test_state_is_the_pages_with_defaults_filled_in() -> None:
    assert default_state() == {**settings.defaults(), "points": [], "params": None}
    lab = Lab(target="sin", width=3, lang="zh", points=[[0, 1], [1, 2]])
    assert lab.state["target"] == "sin" and lab.state["width"] == 3 and lab.state["lang"] == "zh"
    assert lab.state["points"] == [[0.0, 1.0], [1.0, 2.0]]
    assert lab.network.widths == [3]
    lab.set(depth=2, activation=["relu", "tanh"])
    assert lab.network.activations == ["relu", "tanh"]
    with pytest.raises(ConfigError, match="width"):
        Lab(width=1000)
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        Lab(colour="red")
    with pytest.raises(ConfigError, match="points"):
        Lab(points=[[0, 1, 2]])
    with pytest.raises(ConfigError, match="params"):
        Lab(params=[1.0, float("nan")])


def test_network_is_the_seeds_until_the_page_or_python_sets_one(server) -> None:
    lab = Lab(seed=4, width=3)
    want = server.post("/api/network/init", json={"width": 3, "depth": 1, "seed": 4}).json()
    assert lab.network.to_dict() == Network.from_dict(want["network"]).to_dict()
    net = lesson.handbuilt_network()
    lab.network = net
    assert lab.state["params"] == [2.4, -2.4, -2.4, 7.4, 4.0, 2.0, -2.0]
    assert lab.state["width"] == 2 and lab.state["activation"] == ["sigmoid"]
    back = lab.network
    for a, b in zip(back.weights + back.biases, net.weights + net.biases, strict=True):
        np.testing.assert_array_equal(a, b)
    # what the page sends: its state with the flat parameters (W row-major, then b)
    deep = Network.init(2, 2, ["relu", "tanh"], seed=1)
    flat = [float(v) for w, b in zip(deep.weights, deep.biases) for v in [*w.ravel(), *b]]
    lab.state = {**lab.state, "depth": 2, "activation": ["relu", "tanh"], "params": flat}
    assert lab.network.to_dict() == deep.to_dict()
    with pytest.raises(ConfigError, match="same width"):
        lab.network = Network.init([3, 2], activation="relu", seed=0)
    with pytest.raises(ConfigError, match="one input"):
        lab.network = Network.init(2, 1, "relu", inputs=2, seed=0)
