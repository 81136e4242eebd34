"""The lab's JSON API answered in-process: the same route functions as ``actlab serve``.

:class:`LabApi` finds every route of :data:`actlab.web.api.router` by method and
path, validates the body with the route's own request model, calls the route's
function, shapes the answer with its response model and turns failures into the
same ``{"detail": …}`` bodies as the server (:func:`actlab.web.errors.error_response`).
So the page sees the same answers, to the byte, over the widget's messages as over HTTP.

The training stream (``POST /api/train/stream``, server-sent events) becomes a
session polled by the page: :meth:`LabApi.stream_start` checks the request and
builds the trainer, each :meth:`LabApi.stream_poll` runs one chunk of steps (as
long as one interval of the server's stream) and returns the same event text
the server would have sent, and :meth:`LabApi.stream_close` drops it.
"""

from __future__ import annotations

import inspect
import itertools
import json
import logging
import time
import typing
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter
from pydantic_core import to_json

from ..errors import DivergenceError
from ..settings import LIMITS
from ..web.api import MODULES, router
from ..web.api.train import _event, _progress, _start
from ..web.compute import LabTarget
from ..web.errors import divergence_body, error_response, http_error_body
from ..web.schemas import TrainRequest
from ..web.trainer import LiveTrainer

__all__ = ["STREAM_PATH", "LabApi", "Reply"]

log = logging.getLogger("actlab.widgets")

STREAM_PATH = "/api/train/stream"


@dataclass(frozen=True)
class Reply:
    """An answer: HTTP status and JSON (or event-stream) text; for a stream poll, more."""

    status: int
    body: str
    done: bool = True  # a stream poll: no more events
    wait: float = 0.0  # a stream poll: seconds until the next one is due


def _json(content: Any) -> str:
    return to_json(content, inf_nan_mode="null").decode()


def _error(status: int, message: str) -> Reply:
    return Reply(status, _json(http_error_body(status, message)))


@dataclass
class _Route:
    function: Any
    body: tuple[str, type[BaseModel]] | None
    request: str | None  # the name of a ``Request`` parameter
    response: TypeAdapter | None


@dataclass
class _Stream:
    trainer: LiveTrainer
    problem: LabTarget
    req: TrainRequest
    started: float
    limit: float
    done: int = 0


def _routes() -> dict[tuple[str, str], _Route]:
    table: dict[tuple[str, str], _Route] = {}
    routes = [(module.router.prefix, r) for module in MODULES for r in module.router.routes]
    for prefix, route in routes:
        if not isinstance(route, APIRoute) or inspect.iscoroutinefunction(route.endpoint):
            continue  # the one async route, the training stream, is polled instead
        hints = typing.get_type_hints(route.endpoint)
        body = request = None
        for name in inspect.signature(route.endpoint).parameters:
            kind = hints.get(name)
            if kind is Request:
                request = name
            elif isinstance(kind, type) and issubclass(kind, BaseModel):
                body = (name, kind)
        model = route.response_model
        entry = _Route(route.endpoint, body, request, None if model is None else TypeAdapter(model))
        for method in route.methods:
            table[(method, router.prefix + prefix + route.path)] = entry
    return table


class LabApi:
    """The lab's API for one widget: plain calls in, (status, JSON text) out."""

    def __init__(self, *, max_stream_seconds: float | None = None) -> None:
        cap = LIMITS["max_stream_seconds"] if max_stream_seconds is None else max_stream_seconds
        self.max_stream_seconds = min(float(cap), LIMITS["max_stream_seconds"])
        state = SimpleNamespace(max_stream_seconds=self.max_stream_seconds)
        self._request = SimpleNamespace(app=SimpleNamespace(state=state))
        self._routes = _routes()
        self._streams: dict[str, _Stream] = {}
        self._ids = itertools.count(1)

    # ------------------------------------------------------------ requests
    def call(self, method: str, path: str, body: str | None = None) -> Reply:
        """Answer one request as the server would: ``call("POST", "/api/evaluate", text)``."""
        method = method.upper()
        route = self._routes.get((method, path))
        if route is None:
            if any(p == path for _, p in self._routes) or path == STREAM_PATH:
                return _error(405, "Method Not Allowed")
            return _error(404, "Not Found")
        try:
            kwargs: dict[str, Any] = {}
            if route.body is not None:
                name, model = route.body
                kwargs[name] = model.model_validate(self._parse(body), from_attributes=True)
            if route.request is not None:
                kwargs[route.request] = self._request
            result = route.function(**kwargs)
            if route.response is not None:
                result = route.response.dump_python(
                    route.response.validate_python(result), mode="json"
                )
            return Reply(200, _json(result))
        except Exception as exc:  # every failure becomes an answer, as on the server
            return self._failure(exc, path)

    @staticmethod
    def _parse(body: str | None) -> Any:
        if body is None or body == "":
            raise _BadBody("the request needs a JSON body")
        try:
            return json.loads(body)
        except json.JSONDecodeError as e:
            raise _BadBody(f"the request body is not valid JSON: {e}") from None

    @staticmethod
    def _failure(exc: Exception, path: str) -> Reply:
        if isinstance(exc, _BadBody):
            return _error(422, str(exc))
        known = error_response(exc)
        if known is not None:
            return Reply(known[0], _json(known[1]))
        log.exception("unexpected error while answering %s", path)
        return _error(500, f"internal error ({type(exc).__name__}); please report it")

    # ------------------------------------------------------------- streams
    def stream_start(self, body: str | None) -> tuple[Reply, str | None]:
        """Check a training request and open a session: (reply, session id or None)."""
        try:
            req = TrainRequest.model_validate(self._parse(body), from_attributes=True)
            trainer, problem = _start(req)
        except Exception as exc:
            return self._failure(exc, STREAM_PATH), None
        sid = f"s{next(self._ids)}"
        limit = min(req.max_seconds, self.max_stream_seconds)
        self._streams[sid] = _Stream(trainer, problem, req, time.monotonic(), limit)
        return Reply(200, _json({"stream": sid})), sid

    def stream_poll(self, sid: str) -> Reply:
        """One interval of the stream: its events as event-stream text, and whether it ended."""
        s = self._streams.get(sid)
        if s is None:
            return Reply(200, "", done=True)
        interval = 1.0 / s.req.updates_per_second
        tick = time.monotonic()
        try:
            losses = s.trainer.run(s.req.steps - s.done, interval * 0.6)
        except DivergenceError as e:
            self.stream_close(sid)
            return Reply(200, _event("error", divergence_body(e)))
        s.done += len(losses)
        body = _progress(s.trainer, s.problem, s.req)
        text = _event("progress", {"step": s.done, "loss": losses[-1], **body})
        reason = "steps" if s.done >= s.req.steps else None
        if reason is None and time.monotonic() - s.started >= s.limit:
            reason = "time"
        if reason:
            self.stream_close(sid)
            return Reply(200, text + _event("done", {"step": s.done, "reason": reason}))
        wait = max(0.0, interval - (time.monotonic() - tick))
        return Reply(200, text, done=False, wait=wait)

    def stream_close(self, sid: str) -> None:
        """Forget a session (the page paused, or the stream ended)."""
        self._streams.pop(sid, None)

    @property
    def streams(self) -> int:
        """Open training sessions."""
        return len(self._streams)


class _BadBody(Exception):
    """The body is missing or is not JSON."""
