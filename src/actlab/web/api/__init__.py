"""The JSON API under ``/api``: one small router per concern, documented by OpenAPI."""

from __future__ import annotations

from fastapi import APIRouter

from ..schemas import ERROR_RESPONSES
from . import construct, meta, network, target, train

__all__ = ["router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
for _module in (meta, target, network, construct, train):
    router.include_router(_module.router)
