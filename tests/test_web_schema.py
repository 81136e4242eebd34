"""Property-based API tests with schemathesis: no 5xx, every response matches the OpenAPI schema."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from actlab.web import create_app  # noqa: E402

# training streams end after 0.2 s here, so a generated request never runs long
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(max_stream_seconds=0.2))


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case):
    # every check but "a schema-valid request is accepted": some rules (x_min < x_max,
    # as many y as x, a finite target) cannot be written in JSON Schema and give a 422
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
