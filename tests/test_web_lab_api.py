"""The API behind the lab's graph, generalisation controls and translated messages."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from actlab import Network, lesson
from actlab.errors import ExpressionError
from actlab.problem import Problem
from actlab.targets import resolve
from actlab.web import create_app
from actlab.web.codes import PATTERNS, code_of

LESSON = lesson.handbuilt_network().to_dict()


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(max_stream_seconds=1.0))


def detail(response) -> dict:
    assert 400 <= response.status_code < 500, response.text
    return response.json()["detail"]


# ------------------------------------------------------------- thumbnails
def test_thumbnails_are_each_neurons_output_on_a_coarse_grid(client):
    net = Network.init(3, 2, ["tanh", "relu"], seed=4)
    res = client.post("/api/evaluate", json={"network": net.to_dict()}).json()
    th = res["thumbnails"]
    x = np.array(th["x"])
    assert th["inputs"] == 1 and len(x) == 41
    assert x[0] == res["x"][0] and x[-1] == res["x"][-1]
    trace = net.trace(x)
    for layer, values in zip(trace.activations, th["hidden"], strict=True):
        assert np.allclose(np.array(values), layer.T, atol=1e-12)  # [neuron][x]
    assert np.allclose(th["output"], net(x), atol=1e-12)


def test_thumbnails_come_with_training_progress(client):
    body = {"network": LESSON, "steps": 2, "optimizer": "adam", "learning_rate": 0.01}
    res = client.post("/api/train/step", json=body).json()
    assert len(res["fit"]["thumbnails"]["hidden"][0]) == 2
    assert res["formula"] == Network.from_dict(res["network"]).formula()


# ---------------------------------------------------- noise and test split
def test_noise_and_test_split_score_the_held_out_points(client):
    spec = {"expression": "sin", "noise": 0.1, "test_fraction": 0.25}
    net = Network.init(4, 1, ["tanh"], seed=0)
    body = {"network": net.to_dict(), "target": spec, "train_points": 40}
    res = client.post("/api/evaluate", json=body).json()
    p = Problem(resolve("sin"), points=40, noise=0.1, test_fraction=0.25, seed=0)
    (x, y), (xt, yt) = p.train(), p.test()
    assert res["samples"]["x"] == pytest.approx(list(x)) and res["samples"]["y_test"] == (
        pytest.approx(list(yt))
    )
    assert res["score"]["n"] == len(x) == 30 and res["score"]["test"]["n"] == len(xt) == 10
    assert res["score"]["mse"] == pytest.approx(np.mean((net(x) - y) ** 2))
    assert res["score"]["test"]["mse"] == pytest.approx(np.mean((net(xt) - yt) ** 2))


def test_no_samples_without_noise_or_split(client):
    res = client.post("/api/evaluate", json={"network": LESSON}).json()
    assert res["samples"] is None and res["score"]["test"] is None


def test_training_reports_the_test_loss(client):
    spec = {"expression": "sin", "noise": 0.05, "test_fraction": 0.3}
    body = {"network": LESSON, "target": spec, "steps": 3, "train_points": 50}
    res = client.post("/api/train/step", json=body).json()
    net = Network.from_dict(res["network"])
    xt, yt = Problem(resolve("sin"), points=50, noise=0.05, test_fraction=0.3, seed=0).test()
    assert res["test_loss"] == pytest.approx(np.mean((net(xt) - yt) ** 2))


def test_training_stream_sends_the_test_loss(client):
    spec = {"expression": "sin", "test_fraction": 0.2}
    body = {"network": LESSON, "target": spec, "steps": 5, "updates_per_second": 30}
    with client.stream("POST", "/api/train/stream", json=body) as r:
        text = "".join(r.iter_text())
    events = [b for b in text.split("\n\n") if b.startswith("event: progress")]
    data = json.loads(events[-1].split("data: ", 1)[1])
    assert data["test_loss"] == data["fit"]["score"]["test"]["mse"] is not None


def test_batch_size_trains_on_mini_batches(client):
    base = {"network": LESSON, "steps": 5, "optimizer": "sgd", "learning_rate": 0.05}
    full = client.post("/api/train/step", json=base).json()
    batched = client.post("/api/train/step", json={**base, "batch_size": 10}).json()
    assert batched["step"] == 5 and batched["network"] != full["network"]


def test_batch_size_needs_adam_or_sgd(client):
    body = {"network": LESSON, "steps": 1, "optimizer": "lm", "batch_size": 10}
    d = detail(client.post("/api/train/step", json=body))
    assert d["field"] == "batch_size" and "mini-batches need" in d["message"]


# ------------------------------------------------------ construct to tolerance
def test_construct_to_a_tolerance_meets_it(client):
    body = {"activation": "relu", "tolerance": 0.05, "target": {"expression": "sin"}}
    res = client.post("/api/construct", json=body).json()
    net = Network.from_dict(res["network"])
    x = np.linspace(-2 * np.pi, 2 * np.pi, 4001)
    assert np.max(np.abs(net(x) - np.sin(x))) <= 0.05
    assert res["code"] == "construct.tolerance" and res["params"]["tolerance"] == "0.05"


def test_construct_without_points_or_tolerance_is_refused(client):
    d = detail(client.post("/api/construct", json={"activation": "relu"}))
    assert d["code"] == "construct.no_points"


# ----------------------------------------------------------------- codes
def test_expression_error_has_a_code_and_parameters(client):
    d = detail(client.post("/api/target", json={"target": {"expression": "foo(x)"}}))
    assert d["code"] == "expression.unknown_function" and d["params"] == {"name": "foo"}
    assert d["message"].startswith("unknown function 'foo'")


def test_bad_setting_has_a_code_and_parameters(client):
    d = detail(client.post("/api/network/init", json={"width": 999}))
    assert d["code"] == "setting.invalid"
    assert d["params"] == {"name": "width", "allowed": "[1, 64]", "got": "999"}


def test_link_values_rejected_with_codes(client):
    res = client.post("/api/state", json={"values": {"depth": "99", "lr": "1"}}).json()
    assert res["codes"]["depth"] == {
        "code": "setting.invalid",
        "params": {"name": "depth", "allowed": "[0, 4]", "got": "99"},
    }
    assert res["codes"]["lr"] == {"code": "setting.unknown", "params": {"name": "lr"}}


def test_construct_message_has_a_code(client):
    pts = {"x": [0, 1, 2], "y": [0, 1, 0]}
    res = client.post("/api/construct", json={"points": pts, "activation": "relu"}).json()
    assert res["code"] == "construct.done"
    assert res["params"]["points"] == 3 and res["params"]["activation"] == "relu"


def test_collapse_note_has_a_code(client):
    res = client.post("/api/collapse", json={"network": LESSON}).json()
    assert res["code"] == "collapse.unsupported" and res["params"] == {"uses": "sigmoid"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1 +", "expression.operand"),
        ("", "expression.empty"),
        ("x # 1", "expression.character"),
        ("2x", "expression.missing_operator"),
        ("sin(x", "expression.expected"),
        ("x + * 2", "expression.operand"),
        ("foo(x)", "expression.unknown_function"),
        ("x + y", "expression.unknown_name"),
        ("sin + 1", "expression.call"),
        ("log(x - 10)", "expression.not_finite"),
    ],
)
def test_code_patterns_match_the_librarys_messages(text, code):
    with pytest.raises(ExpressionError) as info:
        resolve(text, domain=(0.0, 1.0))(np.linspace(0.0, 1.0, 5))
    assert code_of(info.value)[0] == code


def test_every_code_has_strings_in_both_languages():
    from actlab.web.app import STATIC

    strings = json.loads((STATIC / "strings.json").read_text(encoding="utf-8"))
    codes = {c for c, _ in PATTERNS} | {
        "expression.invalid",
        "data.invalid",
        "error.invalid",
        "setting.invalid",
        "setting.unknown",
        "request.invalid",
        "train.diverged",
        "construct.no_points",
        "construct.too_many_points",
        "construct.too_wide",
        "construct.weight_too_large",
        "http.failed",
    }
    # English shows the server's own message; other languages word each code themselves
    missing = sorted(c for c in codes if f"err.{c}" not in strings["zh"])
    assert missing == []
    for key in ("msg.construct.done", "msg.construct.tolerance", "msg.collapse.unsupported"):
        assert key in strings["zh"]


# ------------------------------------------------------------- two inputs (issue 16, 4)
def _net2(client, width=4, depth=1, activation="tanh"):
    body = {"depth": depth, "width": width, "activation": [activation], "inputs": 2}
    return client.post("/api/network/init", json=body).json()["network"]


def test_two_input_grid_shape(client):
    net = _net2(client, width=3, depth=2)
    body = {"network": net, "target": {"expression": "x1*x2"}, "grid_points": 201}
    res = client.post("/api/evaluate", json=body)
    assert res.status_code == 200
    v = res.json()
    assert v["inputs"] == 2 and len(v["x"]) == len(v["x2"]) == 100  # at most 100 × 100
    assert len(v["output"]) == len(v["target"]) == 100 * 100
    th = v["thumbnails"]
    assert th["inputs"] == 2 and len(th["x"]) == len(th["y"]) == 21
    assert [len(layer) for layer in th["hidden"]] == [3, 3]
    assert all(len(m) == 21 * 21 for layer in th["hidden"] for m in layer)
    assert len(th["output"]) == 21 * 21
    # row-major, row r at x2 = y[r]: the target x1·x2 at the corners
    assert v["target"][0] == pytest.approx(v["x"][0] * v["x2"][0], abs=1e-3)
    assert v["target"][99] == pytest.approx(v["x"][-1] * v["x2"][0], abs=1e-3)
    assert v["target"][-100] == pytest.approx(v["x"][0] * v["x2"][-1], abs=1e-3)
    assert v["score"]["kind"] == "regression" and v["score"]["mse"] is not None


def test_classification_scores_accuracy_and_log_loss(client):
    net = _net2(client, width=6)
    target = {"expression": "xor", "noise": 0.1, "test_fraction": 0.25}
    body = {"network": net, "target": target, "train_points": 200}
    s = client.post("/api/evaluate", json=body).json()["score"]
    assert s["kind"] == "classification" and s["mse"] is None
    assert 0 <= s["accuracy"] <= 1 and s["log_loss"] > 0 and s["n"] == 150
    assert s["test"]["n"] == 50 and s["test"]["accuracy"] is not None
    step = {**body, "steps": 300, "learning_rate": 0.05}
    res = client.post("/api/train/step", json=step)
    assert res.status_code == 200
    after = res.json()
    assert after["fit"]["score"]["accuracy"] > 0.9
    assert after["losses"][-1] < after["losses"][0]  # the log loss, falling
    assert after["test_loss"] == after["fit"]["score"]["test"]["log_loss"]
    out = after["fit"]["output"]
    assert all(0 <= p <= 1 for p in out)  # a probability map


def test_two_input_stream_sends_maps(client):
    net = _net2(client)
    body = {"network": net, "target": {"expression": "circle"}, "steps": 20, "max_seconds": 5}
    with client.stream("POST", "/api/train/stream", json=body) as res:
        text = "".join(res.iter_text())
    assert "event: progress" in text and "event: done" in text
    assert '"inputs":2' in text


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"target": {"expression": "sin"}}, "network.target_inputs"),
        ({"target": {"expression": "xor", "noise": 2.0}}, "setting.invalid"),
        ({"target": {"expression": "xor", "fit": "points"}}, "points.two_inputs"),
    ],
)
def test_two_input_errors_are_coded(client, body, code):
    res = client.post("/api/evaluate", json={"network": _net2(client), **body})
    assert res.status_code == 422
    assert res.json()["detail"]["code"] == code


def test_three_inputs_are_refused_with_a_code(client):
    net = _net2(client, width=2)
    net["hidden"][0]["weights"] = [[1.0, 2.0, 3.0], [0.5, 0.5, 0.5]]
    for path in ("/api/evaluate", "/api/collapse", "/api/train/step", "/api/export/torch"):
        res = client.post(path, json={"network": net})
        assert res.status_code == 422, path
        d = res.json()["detail"]
        assert d["code"] == "network.inputs" and d["params"] == {"n": 3, "max": 2}
    assert client.post("/api/network/init", json={"inputs": 3}).status_code == 422


def test_two_input_collapse_construct_and_presets(client):
    net = _net2(client)
    res = client.post("/api/collapse", json={"network": net, "target": {"expression": "spiral"}})
    assert res.status_code == 200 and res.json()["code"] == "collapse.two_inputs"
    body = {"tolerance": 0.1, "target": {"expression": "xor"}}
    assert client.post("/api/construct", json=body).json()["detail"]["code"] == (
        "construct.two_inputs"
    )
    two = {p["name"]: p for p in client.get("/api/presets").json() if p["inputs"] == 2}
    assert set(two) == {"xor", "circle", "gauss", "spiral", "plane", "reg-gauss"}
    assert two["xor"]["classes"] == ["-1", "+1"] and two["plane"]["classes"] is None
    t = client.post("/api/target", json={"target": {"expression": "reg-gauss"}}).json()
    assert t["inputs"] == 2 and t["box"] == [[-6.0, 6.0], [-6.0, 6.0]]


# ------------------------------------------------------------- overlays over the map
def _overlay(client, net, target="xor", **asked):
    return client.post(
        "/api/overlay", json={"network": net, "target": {"expression": target}, **asked}
    )


def _box(client, target="xor"):
    return client.post("/api/target", json={"target": {"expression": target}}).json()["box"]


def test_overlay_regions_are_the_librarys_exact_regions(client):
    from actlab.collapse import linear_regions

    net = _net2(client, width=8, depth=2, activation="relu")
    res = _overlay(client, net, boundary=False)
    assert res.status_code == 200, res.text
    body = res.json()
    regions = linear_regions(Network.from_dict(net), _box(client))
    assert body["count"] == regions.count > 1
    assert len(body["regions"]) == regions.count
    for got, want in zip(body["regions"], regions.polygons, strict=True):
        assert np.allclose(np.array(got), want)
    assert body["boundary"] is None and body["notes"] == []


def _x1_classifier(client, activation="relu"):
    """A classifier whose logit is x1 (relu(x1) − relu(−x1)): its boundary is x1 = 0."""
    net = _net2(client, width=2, activation=activation)
    net["hidden"][0]["weights"] = [[1.0, 0.0], [-1.0, 0.0]]
    net["hidden"][0]["bias"] = [0.0, 0.0]
    net["output"]["weights"] = [[1.0, -1.0]]
    net["output"]["bias"] = [0.0]
    return net


def test_overlay_boundary_of_a_relu_classifier_is_exact(client):
    from actlab.collapse import decision_boundary

    net = _x1_classifier(client)
    body = _overlay(client, net, regions=False).json()
    lo2, hi2 = _box(client)[1]
    want = decision_boundary(Network.from_dict(net), _box(client)).to_list()
    assert np.allclose(np.array(body["boundary"]), np.array(want))
    ends = np.array(body["boundary"]).reshape(-1, 2)
    assert np.allclose(ends[:, 0], 0.0)
    assert ends[:, 1].min() == pytest.approx(lo2) and ends[:, 1].max() == pytest.approx(hi2)
    assert body["regions"] is None


def test_overlay_boundary_of_a_linear_classifier_is_one_line(client):
    net = _x1_classifier(client, activation="identity")  # logit x1 − (−x1) = 2·x1
    body = _overlay(client, net).json()
    assert body["count"] == 1
    (seg,) = body["boundary"]
    (lo2, hi2) = _box(client)[1]
    assert np.allclose(np.array(seg)[:, 0], 0.0)
    assert sorted(p[1] for p in seg) == pytest.approx([lo2, hi2])
    assert body["equation"] == "2·x1 = 0"


def test_overlay_of_a_regression_target_has_no_boundary(client):
    net = _net2(client, width=3, activation="relu")
    body = _overlay(client, net, target="x1*x2").json()
    assert body["boundary"] is None and body["count"] >= 1


def test_overlay_of_smooth_activations_is_refused_with_codes(client):
    body = _overlay(client, _net2(client, activation="tanh")).json()
    assert body["regions"] is None and body["boundary"] is None
    codes = [n["code"] for n in body["notes"]]
    assert codes == ["overlay.regions_unsupported", "overlay.boundary_unsupported"]
    assert all(n["params"] == {"uses": "tanh"} for n in body["notes"])


def test_overlay_past_the_cap_counts_but_draws_nothing(client, monkeypatch):
    from actlab.web import collapse_view

    monkeypatch.setattr(collapse_view, "MAX_DRAWN_REGIONS", 3)
    net = _net2(client, width=8, depth=2, activation="relu")
    body = _overlay(client, net, boundary=False).json()
    assert body["count"] > 3 and body["regions"] is None
    (note,) = body["notes"]
    assert note["code"] == "overlay.too_many"
    assert note["params"] == {"count": body["count"], "max": 3}


@pytest.mark.parametrize(
    ("network", "target", "code"),
    [
        (None, "sin(x)", "overlay.one_input"),
        ({"hidden": "nonsense"}, "xor", "request.invalid"),
    ],
)
def test_overlay_bad_requests_are_coded_4xx(client, network, target, code):
    net = network or Network.init(3, 1, ["relu"], seed=0).to_dict()
    assert detail(_overlay(client, net, target=target))["code"] == code


def test_overlay_strings_in_both_languages():
    from actlab.web.app import STATIC

    strings = json.loads((STATIC / "strings.json").read_text(encoding="utf-8"))
    keys = ["err.overlay.one_input", "plot.overlay.regions", "plot.overlay.boundary"]
    keys += [f"msg.overlay.{c}" for c in ("too_many", "regions_unsupported")]
    keys += [f"msg.overlay.{c}" for c in ("boundary_unsupported", "failed", "regions_count")]
    keys += [f"plot.points.{c}" for c in ("show", "both", "train", "test")]
    for lang in ("en", "zh"):
        assert [k for k in keys if k not in strings[lang]] == []
