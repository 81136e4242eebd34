"""Turn every failure into a JSON body ``{"detail": {"message", "field", "position", "text",
"code", "params"}}``.

The library raises :class:`~actlab.errors.ActlabError`; here, and only here, those
become HTTP responses: 422 for a value that is not allowed, 400 for a request that
cannot be served. ``field`` names where the user acted (``target.expression``,
``points``, ``network.hidden.0.weights`` …) so that the page shows the message there;
``code`` and ``params`` name the message so that the page can word it in its own
language (see :mod:`actlab.web.codes`); ``message`` stays the English text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import settings
from ..errors import ActlabError, ConfigError, ExpressionError
from .codes import code_of, setting_code

__all__ = [
    "FieldError",
    "at",
    "divergence_body",
    "error_body",
    "error_response",
    "http_error_body",
    "install",
    "validation_body",
]

log = logging.getLogger("actlab.web")


class FieldError(Exception):
    """An error to report at one field of the request, with an HTTP status."""

    def __init__(
        self,
        message: str,
        field: str | None = None,
        *,
        status: int = 422,
        position: int | None = None,
        text: str | None = None,
        code: str = "error.invalid",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status
        self.position = position
        self.text = text
        self.code = code
        self.params = params or {}


@contextmanager
def at(field: str) -> Iterator[None]:
    """Report any library error raised inside the block at ``field``."""
    try:
        yield
    except ExpressionError as e:
        code, params = code_of(e)
        raise FieldError(
            e.message, field, position=e.position, text=e.text or None, code=code, params=params
        ) from None
    except ActlabError as e:
        code, params = code_of(e, field.split(".")[-1])
        raise FieldError(str(e), field, code=code, params=params) from None


def error_body(
    message: str,
    field: str | None = None,
    position: int | None = None,
    text: str | None = None,
    code: str = "error.invalid",
    params: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON body of every error response."""
    return {
        "detail": {
            "message": message,
            "field": field,
            "position": position,
            "text": text,
            "code": code,
            "params": params or {},
        }
    }


def _location(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts)


def _validation_message(err: dict[str, Any]) -> str:
    where = _location(tuple(err.get("loc", ())))
    msg = str(err.get("msg", "invalid value"))
    got = err.get("input")
    shown = repr(got)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    words = [w for w in where.split(".") if w and not w.isdigit()]
    name = words[-1] if words else "request"
    at_where = f" (at {where})" if "." in where else ""
    if err.get("type") == "missing":
        return f"the {name!r} parameter is required{at_where}"
    if name in settings.names() and err.get("type") != "missing":
        try:
            settings.get(name).check(got)
        except ConfigError as e:  # the setting's own message says what is allowed
            return str(e) + at_where
    return f"the {name!r} parameter is not valid: {msg}; got {shown} instead{at_where}"


def validation_body(errors: list[Any]) -> dict[str, Any]:
    """The body of a 422 for request validation errors (pydantic's ``errors()``)."""
    first = errors[0] if errors else {"msg": "invalid request", "loc": ()}
    field = _location(tuple(first.get("loc", ()))) or None
    message = _validation_message(first)
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    words = [w for w in (field or "").split(".") if w and not w.isdigit()]
    name = words[-1] if words else "request"
    if name in settings.names():
        code, params = setting_code(name, first.get("input"))
    else:
        code, params = "request.invalid", {"name": name}
    return error_body(message, field, code=code, params=params)


def http_error_body(status: int, message: str) -> dict[str, Any]:
    """The body of an HTTP-level failure (unknown path, wrong method, too large)."""
    return error_body(message, code="http.failed", params={"status": status})


def divergence_body(exc: Exception) -> dict[str, Any]:
    """The body of the error event that ends a diverging training stream."""
    return error_body(str(exc), "learning_rate", code="train.diverged")


def error_response(exc: Exception) -> tuple[int, dict[str, Any]] | None:
    """The status and body the lab answers for a failure it expects, None for a bug.

    The server's handlers below and the notebook widget (:mod:`actlab.widgets`) share it.
    """
    if isinstance(exc, FieldError):
        body = error_body(exc.message, exc.field, exc.position, exc.text, exc.code, exc.params)
        return exc.status, body
    if isinstance(exc, ExpressionError):
        code, params = code_of(exc)
        return 422, error_body(exc.message, None, exc.position, exc.text or None, code, params)
    if isinstance(exc, ActlabError):
        code, params = code_of(exc)
        return 422, error_body(str(exc), code=code, params=params)
    if isinstance(exc, RequestValidationError | ValidationError):
        return 422, validation_body(list(exc.errors()))
    return None


def _parse_failure(cause: BaseException | None) -> str | None:
    """Why a body did not parse, when FastAPI only says that it did not."""
    if isinstance(cause, RecursionError):
        return "the JSON body nests too deeply; requests nest at most a few levels"
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return "the JSON body has an integer of more than 4300 digits; numbers must be smaller"
    if isinstance(cause, UnicodeDecodeError):
        return f"the JSON body is not UTF-8 text (byte at offset {cause.start})"
    return None


def install(app: FastAPI) -> None:
    """Register the handlers: library errors, validation errors, HTTP errors, anything else."""

    @app.exception_handler(FieldError)
    @app.exception_handler(ActlabError)
    @app.exception_handler(RequestValidationError)
    async def _expected(request: Request, exc: Exception) -> JSONResponse:
        status, body = error_response(exc) or (500, error_body("internal error"))
        return JSONResponse(body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        message = _parse_failure(exc.__cause__) or message
        headers = getattr(exc, "headers", None)  # e.g. Allow on 405
        body = http_error_body(exc.status_code, message)
        return JSONResponse(body, status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover
        # every input is validated first, so this is a bug in actlab: log it in full
        log.exception("unexpected error while serving %s", request.url.path)
        body = error_body(
            f"internal error ({type(exc).__name__}); please report it", code="internal.error"
        )
        return JSONResponse(body, status_code=500)
