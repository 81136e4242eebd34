"""The lab's JSON API: each endpoint against independent oracles, bad input → 4xx with a message."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from actlab import Network, lesson
from actlab.web import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    """An in-process client; training streams are capped at 1 s."""
    return TestClient(create_app(max_stream_seconds=1.0))


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


LESSON = lesson.handbuilt_network().to_dict()


def detail(response) -> dict:
    assert 400 <= response.status_code < 500, response.text
    return response.json()["detail"]


# ------------------------------------------------------------------ meta
def test_settings_lists_bounds_and_limits(client):
    body = client.get("/api/settings").json()
    width = next(s for s in body["settings"] if s["name"] == "width")
    assert (width["min"], width["max"], width["default"]) == (1, 64, 2)
    assert body["limits"]["max_depth"] == 4
    assert body["limits"]["max_points"] == 1000


def test_state_cleans_link_values_and_names_rejections(client):
    res = client.post("/api/state", json={"values": {"width": "7", "depth": "99", "lr": "1"}})
    body = res.json()
    assert body["values"] == {"width": 7}
    assert "[0, 4], got 99" in body["errors"]["depth"]
    assert "unknown setting 'lr'" in body["errors"]["lr"]


def test_activations_include_identity_and_square(client):
    rows = {a["name"]: a for a in client.get("/api/activations").json()}
    assert rows["square"]["polynomial"] and not rows["step"]["trainable"]
    assert {n for n, a in rows.items() if a["constructible"]} == {
        "relu",
        "hard_sigmoid",
        "sigmoid",
        "tanh",
    }


def test_presets_start_with_the_lesson_target(client):
    presets = client.get("/api/presets").json()
    assert presets[0]["name"] == "lesson" and presets[0]["domain"] == [-2.0, 6.0]


# ---------------------------------------------------------------- target
def test_target_samples_the_lesson_function(client):
    body = client.post("/api/target", json={"target": {"expression": "seed"}, "grid_points": 5})
    res = body.json()
    assert res["x"] == [-2.0, 0.0, 2.0, 4.0, 6.0]
    assert res["y"] == [0.0, 0.0, 4.0, 2.0, 2.0]  # 0 | 2x | −x + 6 | 2
    assert res["kinks"] == [0.0, 2.0, 4.0]


def test_target_expression_on_a_custom_domain(client):
    spec = {"expression": "x**2 - 1", "x_min": -1, "x_max": 1}
    res = client.post("/api/target", json={"target": spec, "grid_points": 3}).json()
    assert res["x"] == [-1.0, 0.0, 1.0] and res["y"] == [0.0, -1.0, 0.0]


@pytest.mark.parametrize(
    ("expression", "position", "match"),
    [
        pytest.param("sin(x", 5, "close the call", id="unclosed-call"),
        pytest.param("2 * * x", 4, "", id="double-operator"),
        pytest.param("1/x", 0, "not finite at x = 0", id="division-by-zero"),
    ],
)
def test_target_bad_expression_has_a_caret_position(client, expression, position, match):
    d = detail(client.post("/api/target", json={"target": {"expression": expression}}))
    assert d["field"] == "target.expression"
    assert d["position"] == position and d["text"] == expression
    assert match in d["message"]


def test_target_unknown_name_suggests_a_preset(client):
    d = detail(client.post("/api/target", json={"target": {"expression": "sinn"}}))
    assert "did you mean 'sin'" in d["message"] and d["field"] == "target.expression"


def test_target_reversed_domain_is_reported_at_x_max(client):
    d = detail(client.post("/api/target", json={"target": {"x_min": 3, "x_max": 1}}))
    assert d["field"] == "target.x_max" and "x_min < x_max" in d["message"]


def test_target_expression_length_is_bounded(client):
    d = detail(client.post("/api/target", json={"target": {"expression": "x+" * 1001 + "x"}}))
    assert d["field"] == "target.expression" and "2000" in d["message"]


# --------------------------------------------------------------- network
def test_init_is_reproducible_from_its_seed(client):
    body = {"depth": 2, "width": 3, "activation": ["relu", "tanh"], "seed": 7}
    a = client.post("/api/network/init", json=body).json()["network"]
    b = client.post("/api/network/init", json=body).json()["network"]
    expected = Network.init(3, 2, ["relu", "tanh"], seed=7).to_dict()
    assert a == b == expected


def test_init_repeats_the_last_activation(client):
    res = client.post("/api/network/init", json={"depth": 3, "activation": ["relu"]})
    assert [h["activation"] for h in res.json()["network"]["hidden"]] == ["relu"] * 3


@pytest.mark.parametrize(
    ("body", "field", "match"),
    [
        pytest.param({"width": 65}, "width", r"\[1, 64\], got 65", id="width-too-large"),
        pytest.param({"depth": 5}, "depth", r"\[0, 4\], got 5", id="depth-too-large"),
        pytest.param({"seed": -1}, "seed", "got -1", id="negative-seed"),
        pytest.param({"activation": ["swish!"]}, "activation.0", "one of identity", id="bad-act"),
        pytest.param({"width": "3"}, "width", "integer", id="width-as-text"),
    ],
)
def test_init_rejects_out_of_bounds(client, body, field, match):
    d = detail(client.post("/api/network/init", json=body))
    assert d["field"] == field
    assert re.search(match, d["message"])


def test_evaluate_the_lesson_network_by_hand(client):
    res = client.post("/api/evaluate", json={"network": LESSON, "grid_points": 5}).json()
    # at x = 2: y = 4σ(2.4·2 − 2.4) + 2σ(−2.4·2 + 7.4) − 2 = 4σ(2.4) + 2σ(2.6) − 2
    #         = 4(0.916827) + 2(0.930862) − 2 = 3.667308 + 1.861724 − 2 = 3.529032
    assert res["output"][2] == pytest.approx(3.529032, abs=1e-6)
    assert res["output"][2] == pytest.approx(4 * sigmoid(2.4) + 2 * sigmoid(2.6) - 2)
    assert res["formula"] == "y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2"
    assert res["target"][2] == 4.0


def test_evaluate_contributions_sum_to_the_output(client):
    net = Network.init(5, 2, "tanh", seed=3)
    res = client.post("/api/evaluate", json={"network": net.to_dict(), "grid_points": 50}).json()
    total = np.sum(res["contributions"], axis=0) + res["output_bias"]
    np.testing.assert_allclose(total, res["output"], atol=1e-12)
    np.testing.assert_allclose(res["output"], net(np.array(res["x"])), atol=1e-12)


def test_evaluate_scores_match_the_lesson(client):
    res = client.post("/api/evaluate", json={"network": LESSON}).json()
    x = lesson.GRID.values()
    err = lesson.handbuilt_network()(x) - lesson.target(x)
    assert res["score"]["mse"] == pytest.approx(np.mean(err**2))
    assert res["score"]["mse"] == pytest.approx(0.0138, abs=5e-4)  # the lesson's figure
    assert res["score"]["max_error"] == pytest.approx(np.max(np.abs(err)))


def test_evaluate_scores_on_points(client):
    spec = {"points": {"x": [0, 2], "y": [1, 1]}, "fit": "points"}
    net = Network.shallow([1.0], [0.0], [0.0], 3.0, "relu").to_dict()  # y = 3 everywhere
    res = client.post("/api/evaluate", json={"network": net, "target": spec}).json()
    want = {"mse": 4.0, "max_error": 2.0, "on": "points", "n": 2, "test": None}
    assert {k: res["score"][k] for k in want} == want
    assert res["score"]["kind"] == "regression" and res["score"]["accuracy"] is None


def test_evaluate_fit_points_without_points_is_reported_at_points(client):
    d = detail(client.post("/api/evaluate", json={"network": LESSON, "target": {"fit": "points"}}))
    assert d["field"] == "target.points" and "no" in d["message"]


def test_evaluate_dims_a_silent_neuron(client):
    # the lesson's claim 7: a third neuron whose output weight is 0 contributes nothing
    net = Network.shallow([2.4, -2.4, 1.0], [-2.4, 7.4, 0.5], [4.0, 2.0, 0.0], -2.0).to_dict()
    res = client.post("/api/evaluate", json={"network": net}).json()
    assert [n["negligible"] for n in res["neurons"]] == [False, False, True]


def test_evaluate_overflow_is_null_not_an_error(client):
    big = Network.init(64, 4, "square", seed=0)
    for w in big.weights:
        w *= 1e5 / np.max(np.abs(w))
    res = client.post("/api/evaluate", json={"network": big.to_dict(), "grid_points": 3})
    assert res.status_code == 200
    assert res.json()["score"]["mse"] is None  # (1e170)² overflows: sent as null


@pytest.mark.parametrize(
    ("mutate", "match"),
    [
        pytest.param(lambda d: d["hidden"][0]["bias"].append(0.0), "bias", id="bias-shape"),
        pytest.param(lambda d: d["hidden"][0].update(weights=[[1e7], [1.0]]), "1000000", id="big"),
        pytest.param(lambda d: d.update(version=2), "version", id="version"),
        pytest.param(lambda d: d.update(hidden=d["hidden"] * 5), "at most 4", id="too-deep"),
    ],
)
def test_evaluate_rejects_bad_networks(client, mutate, match):
    net = json.loads(json.dumps(LESSON))
    mutate(net)
    d = detail(client.post("/api/evaluate", json={"network": net}))
    assert d["field"].startswith("network") and match in d["message"]


def test_evaluate_rejects_nan_weights(client):
    text = json.dumps({"network": LESSON}).replace("2.4", "NaN", 1)
    res = client.post("/api/evaluate", content=text, headers={"content-type": "application/json"})
    assert res.status_code == 422 and res.json()["detail"]["field"].startswith("network")


def test_lesson_network_endpoint(client):
    assert client.get("/api/network/lesson").json()["network"] == LESSON


# -------------------------------------------------------------- collapse
def test_collapse_identity_is_a_line_with_its_floor(client):
    net = Network.init(3, 2, "identity", seed=1)
    res = client.post("/api/collapse", json={"network": net.to_dict()}).json()
    x = np.linspace(-2, 6, 201)
    a, b = np.polyfit(x, net(x), 1)
    assert res["kind"] == "line"
    assert res["result"]["a"] == pytest.approx(a) and res["result"]["b"] == pytest.approx(b)
    best = np.polyfit(x, lesson.target(x), 1)  # least squares on the lesson's target
    assert [res["floor"]["a"], res["floor"]["b"]] == pytest.approx(list(best))
    assert res["floor"]["mse"] == pytest.approx(0.973, abs=1e-3)  # the lesson's figure
    assert "y =" in res["derivation"]


def test_collapse_relu_lists_pieces(client):
    net = Network.shallow([1.0, 1.0], [0.0, -2.0], [1.0, -1.0], 0.0, "relu")  # a ramp 0→2
    res = client.post("/api/collapse", json={"network": net.to_dict()}).json()
    assert res["kind"] == "pieces" and res["result"]["breakpoints"] == [0.0, 2.0]
    assert [p["slope"] for p in res["result"]["pieces"]] == [0.0, 1.0, 0.0]


def test_collapse_sigmoid_says_it_is_a_curve(client):
    res = client.post("/api/collapse", json={"network": LESSON}).json()
    assert res["supported"] is False and "sigmoid" in res["message"]


# ------------------------------------------------------------- construct
def test_construct_relu_passes_through_the_points(client):
    pts = {"x": [4.0, -2.0, 0.0, 2.0, 6.0], "y": [2.0, 0.0, 0.0, 4.0, 2.0]}  # unsorted on purpose
    res = client.post("/api/construct", json={"points": pts, "activation": "relu"}).json()
    net = Network.from_dict(res["network"])
    np.testing.assert_allclose(net(np.array(pts["x"])), pts["y"], atol=1e-12)
    assert "relu" in res["message"]


@pytest.mark.parametrize("activation", ["hard_sigmoid", "sigmoid", "tanh"])
def test_construct_other_activations(client, activation):
    pts = {"x": [0.0, 1.0, 2.0, 3.0], "y": [0.0, 1.0, 0.5, 0.8]}
    res = client.post("/api/construct", json={"points": pts, "activation": activation}).json()
    assert res["activation"] == activation and res["network"]["hidden"][0]["activation"]


@pytest.mark.parametrize(
    ("points", "match"),
    [
        pytest.param({"x": [1.0], "y": [1.0]}, "at least 2", id="one-point"),
        pytest.param({"x": [1.0, 1.0], "y": [0.0, 2.0]}, "more than once", id="duplicate-x"),
        pytest.param({"x": [0.0, 1.0], "y": [0.0]}, "as many y", id="lengths"),
        pytest.param({"x": list(range(70)), "y": [0.0] * 70}, "at most 65", id="too-many"),
    ],
)
def test_construct_bad_points(client, points, match):
    d = detail(client.post("/api/construct", json={"points": points}))
    assert d["field"].endswith("points") and match in d["message"]


# ----------------------------------------------------------------- export
def test_export_torch_snippet_rebuilds_the_network(client):
    torch = pytest.importorskip("torch")
    net = Network.init(3, 2, ["square", "relu"], seed=2)
    code = client.post("/api/export/torch", json={"network": net.to_dict()}).json()["code"]
    namespace: dict = {}
    exec(compile(code, "actlab_network.py", "exec"), namespace)  # our own generated code
    x = np.linspace(-2, 2, 9)
    got = namespace["net"](torch.tensor(x).unsqueeze(1)).detach().numpy()[:, 0]
    np.testing.assert_allclose(got, net(x), atol=1e-12)


# ------------------------------------------------------------------ CSV
def test_csv_points_with_header(client):
    res = client.post("/api/points/csv", json={"text": "x,y\n0,1\n2;3\n\n4\t5\n"}).json()
    assert res == {"points": {"x": [0.0, 2.0, 4.0], "y": [1.0, 3.0, 5.0]}, "skipped": 1}


def test_csv_bad_row_is_named(client):
    d = detail(client.post("/api/points/csv", json={"text": "0,1\n2,abc\n"}))
    assert d["field"] == "csv" and "row 2" in d["message"]


def test_evaluate_refuses_two_inputs_on_a_one_input_target(client):
    net = Network.init(3, 1, "relu", inputs=2, seed=0).to_dict()
    res = client.post("/api/evaluate", json={"network": net})
    assert res.status_code == 422
    assert detail(res)["field"] == "network"
    assert detail(res)["code"] == "network.target_inputs"
    assert "this network has 2 input(s) but the target has 1" in detail(res)["message"]
