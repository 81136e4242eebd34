"""``Record``: a frozen dataclass of results that turns itself into a JSON-ready dict."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, ClassVar

__all__ = ["Record"]


class Record:
    """Mixin for a dataclass of results: :meth:`to_dict` gives ``KEYS`` (default: every
    field, in order) as a dict, a value that has its own ``to_dict`` turned into a dict.

    A key may name a property as well as a field (a value derived from the fields).
    """

    KEYS: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``KEYS`` and their values, JSON-ready."""
        keys = self.KEYS or tuple(f.name for f in fields(self))  # type: ignore[arg-type]
        out: dict[str, Any] = {}
        for key in keys:
            value = getattr(self, key)
            out[key] = value.to_dict() if hasattr(value, "to_dict") else value
        return out
