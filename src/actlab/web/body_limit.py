"""Refuse request bodies over a size limit with 413, before reading them.

A declared ``Content-Length`` over the limit is answered at once, without
reading a byte of the body; a chunked body (no length) is counted as it
streams in and refused as soon as it passes the limit. Either way the server
never holds more than the limit of one request in memory, and a huge upload
does not stall the event loop for the other clients.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import settings
from .errors import error_body

__all__ = ["MAX_REQUEST_BYTES", "BodyLimit", "BodyTooLarge"]

# the largest valid request is a 4 × 64 network with 64-character numbers (about 1 MiB)
# or CSV text of max_csv_bytes; 4 MiB leaves room for whitespace
MAX_REQUEST_BYTES = max(4 * 1024 * 1024, 4 * int(settings.LIMITS["max_csv_bytes"]))


def _message(limit: int, got: str) -> str:
    return f"the request body must be at most {limit} bytes, got {got}"


class BodyTooLarge(HTTPException):
    """Raised while a chunked body streams in; an HTTPException, so FastAPI passes it on."""

    def __init__(self, limit: int, got: int) -> None:
        super().__init__(413, _message(limit, f"more than {got}"))


class BodyLimit:
    """ASGI middleware: 413 for a body over ``max_bytes`` (see the module doc)."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_REQUEST_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then count what arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            await _refuse(send, 400, "the Content-Length header must be a non-negative integer")
            return
        if declared is not None and declared > self.max_bytes:
            await _refuse(send, 413, _message(self.max_bytes, f"{declared}"))
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes, self.max_bytes)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge as e:  # raised outside FastAPI's handlers (e.g. a streamed route)
            if started:
                raise
            await _refuse(send, 413, str(e.detail))


def _content_length(scope: Scope) -> int | None:
    """The declared body length, None if absent, -1 if malformed."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() and len(text) <= 18 else -1
    return None


async def _refuse(send: Send, status: int, message: str) -> None:
    import json

    body = json.dumps(error_body(message)).encode()
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
