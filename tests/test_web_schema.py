"""Property-based API tests with schemathesis: every check, request side included.

No 5xx, every response matches the OpenAPI schema, schema-invalid requests are
rejected (negative data), and schema-valid requests are accepted — except for the
rules JSON Schema cannot state (x_min < x_max, as many y as x, layer shapes that
chain, an expression that parses, CSV rows that hold numbers). Those answer 422
with a message; :func:`schema_valid_accepted` checks that such a 422 never comes
from the request models themselves, so the schema says exactly what the models
accept. ``schemathesis.toml`` states the same exception for ``st run --checks all``.
"""

from __future__ import annotations

import json

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, settings  # noqa: E402
from pydantic import ValidationError  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from actlab.web import create_app  # noqa: E402
from actlab.web import schemas as s  # noqa: E402

# training streams end after 0.2 s here, so a generated request never runs long
APP = create_app(max_stream_seconds=0.2)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)

MODELS = {
    "/api/target": s.TargetRequest,
    "/api/network/init": s.InitRequest,
    "/api/evaluate": s.EvaluateRequest,
    "/api/collapse": s.CollapseRequest,
    "/api/construct": s.ConstructRequest,
    "/api/export/torch": s.ExportRequest,
    "/api/train/step": s.TrainStepRequest,
    "/api/train/stream": s.TrainRequest,
    "/api/state": s.StateRequest,
    "/api/points/csv": s.CsvRequest,
    "/api/overlay": s.OverlayRequest,
}


# Where the rules JSON Schema cannot state are reported: what else a 422 names is a bound
# the schema should have said (as /api/train/step's 1000 steps once was not).
UNSTATABLE = (
    "target.expression",  # a grammar: the text must parse and be finite on the domain
    "target.x_min",  # x_min < x_max
    "target.x_max",
    "target.points",  # as many y as x; fit on points needs some
    "points",  # construct: distinct x, a network the lab can show
    "network",  # layer shapes that chain; an activation training can use
    "csv",  # rows that hold numbers
    "learning_rate",  # a rate at which this network's training diverges
)


def schema_valid_accepted(ctx, response, case) -> None:  # type: ignore[no-untyped-def]
    """A schema-valid request passes the request model, and a 422 for it names a field
    whose rule the schema cannot state, never a bound the schema should have said."""
    if not case.meta.generation.mode.is_positive or response.status_code < 400:
        return
    assert response.status_code == 422, f"{response.status_code} for a schema-valid request"
    model = MODELS.get(case.path)
    assert model is not None, f"{case.method} {case.path} rejected a schema-valid request"
    body = case.body if isinstance(case.body, dict | list) else {}
    try:
        model.model_validate_json(json.dumps(body))
    except ValidationError as e:  # pragma: no cover - the failure this test exists for
        raise AssertionError(f"the schema allows what the model rejects: {e}") from None
    detail = response.json()["detail"]
    assert detail["message"], "a rejection says why"
    field = detail["field"] or ""
    assert field.startswith(UNSTATABLE), f"a schema-valid {field!r} was rejected: {detail}"


def test_every_api_operation_is_tested() -> None:
    paths = {op.ok().path for op in schema.get_all_operations() if op.ok().method == "post"}
    assert paths == set(MODELS)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case):
    # every built-in check; positive_data_acceptance is replaced by schema_valid_accepted
    case.call_and_validate(
        excluded_checks=[positive_data_acceptance], additional_checks=[schema_valid_accepted]
    )
