"""Robustness of the API: every operation × bad bodies → a 4xx with a JSON message, never a 5xx.

Bodies that are not JSON, nest 100,000 deep, hold a 5,000-digit integer, bytes that are
not UTF-8, NaN, the wrong top-level type, values far outside the schema, non-finite
targets, and bodies over the size limit (declared, or streamed without a length).
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from actlab import lesson
from actlab.web import create_app
from actlab.web.body_limit import MAX_REQUEST_BYTES

LESSON = lesson.handbuilt_network().to_dict()
OPERATIONS = [
    "/api/target",
    "/api/network/init",
    "/api/evaluate",
    "/api/collapse",
    "/api/construct",
    "/api/export/torch",
    "/api/train/step",
    "/api/train/stream",
    "/api/state",
    "/api/points/csv",
]
JSON = {"content-type": "application/json"}

BAD_BODIES = {
    "not-json": b"{{{",
    "empty": b"",
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "deep-object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "bigint": b'{"grid_points": ' + b"7" * 5000 + b"}",
    "not-utf8": b'{"target": {"expression": "\xff\xfe"}}',
    "nan": b'{"grid_points": NaN, "steps": NaN}',
    "huge-float": b'{"grid_points": 1e999}',
    "array": b"[]",
    "null": b"null",
    "string": b'"x"',
    "unknown-field": b'{"colour": "red"}',
    "wrong-types": json.dumps({"network": "x", "points": 3, "text": 4, "values": []}).encode(),
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(max_stream_seconds=0.2), raise_server_exceptions=False)


def _clean_4xx(res, status: int | None = None) -> str:  # type: ignore[no-untyped-def]
    assert 400 <= res.status_code < 500, (res.status_code, res.text[:300])
    if status is not None:
        assert res.status_code == status, res.text[:300]
    message = res.json()["detail"]["message"]
    assert isinstance(message, str) and message
    return message


@pytest.mark.parametrize("path", OPERATIONS)
@pytest.mark.parametrize("body", list(BAD_BODIES.values()), ids=list(BAD_BODIES))
def test_api_bad_body_is_a_4xx(client: TestClient, path: str, body: bytes) -> None:
    _clean_4xx(client.post(path, content=body, headers=JSON))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (b'{"grid_points": ' + b"7" * 5000 + b"}", "more than 4300 digits"),
        (b'{"target": {"expression": "\xff"}}', "not UTF-8"),
    ],
    ids=["deep", "bigint", "not-utf8"],
)
def test_api_unparsable_body_says_why(client: TestClient, body: bytes, message: str) -> None:
    assert message in _clean_4xx(client.post("/api/target", content=body, headers=JSON), 400)


@pytest.mark.parametrize(
    "path", ["/api/target", "/api/evaluate", "/api/collapse", "/api/train/step"]
)
@pytest.mark.parametrize(
    "expression",
    ["points: -1e308,0 1e308,1", "points: 0,0 1,1e308", "1e308*x*x*x", "exp(1000*x)", "log(x)"],
)
def test_api_non_finite_targets_are_a_4xx(client: TestClient, path: str, expression: str) -> None:
    body = {"target": {"expression": expression}, "network": LESSON}
    if path == "/api/target":
        body.pop("network")
    res = client.post(path, json=body)
    assert res.status_code < 500, res.text[:300]
    if res.status_code == 200:  # then every number in it is finite or null
        json.loads(res.text, parse_constant=lambda c: pytest.fail(f"{c} in the response"))
    else:
        _clean_4xx(res)


@pytest.mark.parametrize("path", OPERATIONS)
def test_api_declared_huge_body_is_413_before_reading(client: TestClient, path: str) -> None:
    body = b'{"text": "' + b"x" * (MAX_REQUEST_BYTES + 10) + b'"}'
    message = _clean_4xx(client.post(path, content=body, headers=JSON), 413)
    assert f"at most {MAX_REQUEST_BYTES} bytes" in message


def test_api_streamed_huge_body_is_413(client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"text": "'
        for _ in range(MAX_REQUEST_BYTES // 2**20 + 2):
            yield b"x" * 2**20
        yield b'"}'

    res = client.post("/api/points/csv", content=chunks(), headers=JSON)
    assert "more than" in _clean_4xx(res, 413)


def test_api_bad_content_length_is_400(client: TestClient) -> None:
    res = client.post("/api/target", content=b"{}", headers=JSON | {"content-length": "-5"})
    assert "Content-Length" in _clean_4xx(res, 400)


def test_api_body_just_under_the_limit_is_served(client: TestClient) -> None:
    body = json.dumps({"network": LESSON}).encode()
    padded = body[:-1] + b" " * (MAX_REQUEST_BYTES - len(body)) + b"}"
    assert len(padded) == MAX_REQUEST_BYTES
    assert client.post("/api/evaluate", content=padded, headers=JSON).status_code == 200


def test_api_train_step_schema_states_the_server_limit(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert spec["TrainStepRequest"]["properties"]["steps"]["maximum"] == 1000
    assert spec["TrainRequest"]["properties"]["steps"]["maximum"] == 100_000
    ok = client.post("/api/train/step", json={"network": LESSON})  # the default fits the limit
    assert ok.status_code == 200 and ok.json()["step"] <= 1000
    too_many = client.post("/api/train/step", json={"network": LESSON, "steps": 1001})
    assert "less than or equal to 1000" in _clean_4xx(too_many, 422)


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_api_wrong_method_is_405(client: TestClient, method: str) -> None:
    _clean_4xx(getattr(client, method)("/api/evaluate"), 405)
