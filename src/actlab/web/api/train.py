"""Training: a bounded number of steps in one request, or a stream of live progress (SSE).

The stream (``POST /api/train/stream``, ``text/event-stream``) sends

* ``event: progress`` about ``updates_per_second`` times a second, with data
  ``{"step", "loss", "test_loss", "network", "fit", "formula", "formula_plain"}``
  (``fit`` as in ``/api/evaluate``; ``test_loss`` null without a test split);
* then one ``event: done`` with ``{"step", "reason"}`` (``steps``, ``time``), or
  ``event: error`` with ``{"detail": {"message", "field", …}}`` if training diverges.

It ends after ``steps`` steps or ``max_seconds`` (at most 300 s), or when the
client goes away. Pause on the page closes the stream; play opens a new one
from the current network (the optimizer's moments start again from zero).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from pydantic_core import to_json

from ...errors import DivergenceError
from ...settings import LIMITS
from ..compute import LabTarget, build_network, build_problem, check_inputs, fit_of, formulas
from ..errors import FieldError, at, divergence_body
from ..responses import TrainResponse
from ..schemas import TrainRequest, TrainStepRequest
from ..trainer import LiveTrainer

router = APIRouter(tags=["train"])

STEP_SECONDS = 10.0  # a non-streamed step request computes at most this long
FORMULA_PARAMS = 2000  # networks up to this many parameters send their formula with progress


def _start(req: TrainRequest) -> tuple[LiveTrainer, LabTarget]:
    net = build_network(req.network)
    problem = build_problem(req.target)
    check_inputs(net, problem)
    x, y, _ = problem.data(req.train_points)
    # a classifier of two classes: one output, its logit, trained by the log loss
    loss = "mse" if problem.classes is None else "log_loss"
    with at("batch_size" if req.batch_size is not None else "network"):
        trainer = LiveTrainer(
            net,
            x,
            y,
            req.optimizer,
            req.learning_rate,
            momentum=req.momentum,
            l2=req.l2,
            batch_size=req.batch_size,
            loss=loss,
        )
    return trainer, problem


def _cap(request: Request) -> float:
    """The app's cap on training time (``create_app(max_stream_seconds=…)``)."""
    return float(getattr(request.app.state, "max_stream_seconds", LIMITS["max_stream_seconds"]))


def _progress(trainer: LiveTrainer, problem: LabTarget, req: TrainRequest) -> dict[str, Any]:
    net = trainer.network()
    fit = fit_of(
        net,
        problem,
        problem.grid(req.grid_points),
        negligible=req.negligible,
        score_n=req.train_points if problem.sampled or problem.inputs > 1 else req.grid_points,
    )
    test = fit["score"]["test"]
    measure = "log_loss" if problem.classes is not None else "mse"
    shown = plain = None
    if sum(w.size + b.size for w, b in zip(net.weights, net.biases, strict=True)) <= FORMULA_PARAMS:
        shown, plain = formulas(net)
    return {
        "network": net.to_dict(),
        "fit": fit,
        "test_loss": None if test is None else test[measure],
        "formula": shown,
        "formula_plain": plain,
    }


@router.post("/train/step", response_model=TrainResponse)
def train_step(req: TrainStepRequest, request: Request) -> dict:
    """Run ``steps`` optimizer steps (at most 1000, at most 10 s) and return the network.

    ``step`` in the response says how many ran: fewer when the time ran out first.
    """
    if req.steps > LIMITS["max_step_request"]:
        raise FieldError(
            f"the 'steps' parameter of a step request must be at most "
            f"{LIMITS['max_step_request']:g}, got {req.steps}; use /api/train/stream for more",
            "steps",
        )
    trainer, problem = _start(req)
    seconds = min(STEP_SECONDS, _cap(request))
    with at("learning_rate"):
        losses = trainer.run(req.steps, seconds)
    return {"step": len(losses), "losses": losses, **_progress(trainer, problem, req)}


def _event_schema(name: str, model: str) -> dict[str, Any]:
    """One kind of event: its name, and its data as JSON of the named model."""
    return {
        "type": "object",
        "properties": {
            "event": {"const": name},
            "data": {
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": {"$ref": f"#/components/schemas/{model}"},
            },
        },
        "required": ["event", "data"],
    }


EVENT_SCHEMA = {
    "oneOf": [
        _event_schema("progress", "TrainProgress"),
        _event_schema("done", "TrainDone"),
        _event_schema("error", "ErrorBody"),
    ]
}


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {to_json(data, inf_nan_mode='null').decode()}\n\n"


@router.post(
    "/train/stream",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Server-sent events: progress …, then done (or error)",
            "content": {"text/event-stream": {"schema": EVENT_SCHEMA}},
        }
    },
)
async def train_stream(req: TrainRequest, request: Request) -> StreamingResponse:
    """Train live: progress events about ``updates_per_second`` a second until done."""
    trainer, problem = _start(req)  # bad input fails here, as a JSON 422
    limit = min(req.max_seconds, _cap(request))
    interval = 1.0 / req.updates_per_second

    async def events() -> AsyncIterator[str]:
        start = time.monotonic()
        done = 0
        while True:
            tick = time.monotonic()
            try:
                losses = await anyio.to_thread.run_sync(
                    trainer.run, req.steps - done, interval * 0.6
                )
            except DivergenceError as e:
                yield _event("error", divergence_body(e))
                return
            done += len(losses)
            body = await anyio.to_thread.run_sync(_progress, trainer, problem, req)
            yield _event("progress", {"step": done, "loss": losses[-1], **body})
            reason = "steps" if done >= req.steps else None
            if reason is None and time.monotonic() - start >= limit:
                reason = "time"
            if reason:
                yield _event("done", {"step": done, "reason": reason})
                return
            if await request.is_disconnected():
                return
            await anyio.sleep(max(0.0, interval - (time.monotonic() - tick)))

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)
