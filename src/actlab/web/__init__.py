"""The interactive lab: a local FastAPI server with a JSON API and a page (``actlab serve``)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
