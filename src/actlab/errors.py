"""Exceptions raised by actlab.

The library only raises; the command line and the web server are the two
places that turn these into messages (``Error: …``) or HTTP responses.
"""

from __future__ import annotations

__all__ = [
    "ActlabError",
    "ConfigError",
    "DataError",
    "DivergenceError",
    "ExpressionError",
    "SchemaError",
    "UnsupportedError",
]


class ActlabError(Exception):
    """Base class of every error actlab raises on purpose."""


class ConfigError(ActlabError, ValueError):
    """A parameter is outside what is allowed (wrong type, range or name)."""


class SchemaError(ActlabError, ValueError):
    """A saved file (network, spec) is malformed or of an unknown version."""


class ExpressionError(ActlabError, ValueError):
    """A target expression could not be parsed or evaluated safely.

    ``position`` is the 0-based offset of the offending character in
    ``text`` (or ``None``); ``str(err)`` shows a caret under it.
    """

    def __init__(self, message: str, text: str = "", position: int | None = None) -> None:
        self.message = message
        self.text = text
        self.position = position
        super().__init__(self._render())

    def _render(self) -> str:
        if not self.text or self.position is None:
            return self.message
        pos = max(0, min(self.position, len(self.text)))
        return f"{self.message}\n  {self.text}\n  {' ' * pos}^"


class DataError(ActlabError, ValueError):
    """Points or a CSV file hold values that cannot be used (NaN, text, duplicates)."""


class UnsupportedError(ActlabError):
    """An analysis or construction does not apply to the network or activation given."""


class DivergenceError(ActlabError, ArithmeticError):
    """Training produced non-finite values; the message says what to change."""
