"""The JSON API under ``/api``: one small router per concern, documented by OpenAPI."""

from __future__ import annotations

from fastapi import APIRouter

from ..schemas import ERROR_RESPONSES
from . import construct, meta, network, target, train

__all__ = ["MODULES", "router"]

#: The route modules, each with its ``router``; the notebook widget answers the same routes.
MODULES = (meta, target, network, construct, train)

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
for _module in MODULES:
    router.include_router(_module.router)
