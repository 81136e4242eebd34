"""The FastAPI application: the JSON API under ``/api`` and the page's static files.

``create_app()`` builds a fresh app; ``max_stream_seconds`` caps every training
stream (tests use a small cap). The page and its scripts ship inside the
package (``actlab/web/static``) and use no CDN, so the lab works offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic.json_schema import models_json_schema
from pydantic_core import to_json

from .. import __version__
from ..settings import LIMITS
from . import errors
from .api import router
from .body_limit import MAX_REQUEST_BYTES, BodyLimit
from .responses import TrainDone, TrainProgress
from .schemas import ErrorBody

__all__ = ["STATIC", "create_app", "limit_blas_threads"]

STATIC = Path(__file__).parent / "static"

DESCRIPTION = f"""\
The JSON API of actlab's interactive lab. Every size and count is bounded
(see `GET /api/settings` → `limits`), and so is a request body (413 over
{MAX_REQUEST_BYTES} bytes); every error is a 4xx response with the body
`{{"detail": {{"message", "field", "position", "text"}}}}`, where `field` names the
request field at fault and `position` the character of an expression.
"""


class FastJSONResponse(JSONResponse):
    """JSON written by pydantic-core (several times faster than ``json.dumps`` on big arrays)."""

    def render(self, content: Any) -> bytes:
        """The body; non-finite floats (never expected) become null."""
        return to_json(content, inf_nan_mode="null")


def limit_blas_threads() -> None:
    """Use one BLAS thread in this process.

    The lab multiplies many small matrices (201 × 64 by 64 × 64); for those a
    multi-threaded BLAS only adds overhead, up to 100× on a busy machine.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a core dependency, but harmless without it
        return
    threadpool_limits(limits=1, user_api="blas")


def create_app(*, max_stream_seconds: float | None = None) -> FastAPI:
    """A new lab application (API, page and static files)."""
    app = FastAPI(
        title="actlab lab",
        version=__version__,
        description=DESCRIPTION,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        default_response_class=FastJSONResponse,
    )
    cap = LIMITS["max_stream_seconds"] if max_stream_seconds is None else max_stream_seconds
    app.state.max_stream_seconds = min(float(cap), LIMITS["max_stream_seconds"])
    errors.install(app)
    app.add_middleware(BodyLimit)  # 413 before a huge body is read
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def openapi() -> dict[str, Any]:
        # the training stream's event payloads are documented by models no route returns
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            _, defs = models_json_schema(
                [(m, "serialization") for m in (TrainProgress, TrainDone, ErrorBody)],
                ref_template="#/components/schemas/{model}",
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for name, model_schema in defs["$defs"].items():
                components.setdefault(name, model_schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    return app
