"""One user setting: its kind, default, bounds, help, and how text and values are checked."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from typing import Any

from .._validate import check_choice, check_int, check_real
from ..errors import ConfigError

__all__ = ["Setting"]


@dataclass(frozen=True)
class Setting:
    """One user setting: its kind, default, bounds and one line of help.

    ``kind`` is ``int``, ``float``, ``choice`` (one of ``choices``), ``choices`` (a
    comma-separated list of them, at most ``max_length``), ``pair`` (two floats),
    ``text`` (at most ``max_length`` characters) or ``bool``. ``optional`` allows
    ``None`` (meaning "the target's own", or "the optimizer's own"); ``log`` asks the
    page for a logarithmic slider; ``aliases`` are other accepted keyword names.
    """

    name: str
    kind: str
    default: Any
    help: str
    group: str
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    optional: bool = False
    log: bool = False
    aliases: tuple[str, ...] = ()

    def but(self, **changes: Any) -> Setting:
        """The same setting with some fields changed (a context's own default or bounds)."""
        return replace(self, **changes)

    def check(self, value: Any, name: str | None = None) -> Any:
        """``value`` validated and normalised, or ConfigError naming the setting.

        ``name`` is the word the user wrote (an alias), used in the message.
        """
        name = name or self.name
        if value is None and self.optional:
            return None
        if self.kind == "int":
            return check_int(name, value, _int(self.lo), _int(self.hi))
        if self.kind == "float":
            return check_real(name, value, self.lo, self.hi, lo_open=self.lo_open,
                              hi_open=self.hi_open)  # fmt: skip
        if self.kind == "choice":
            return check_choice(name, value, self.choices)
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(
                    f"the {name!r} parameter must be true or false, got {value!r} instead"
                )
            return value
        if self.kind == "pair":
            return self._pair(value, name)
        if self.kind == "choices":
            items = value.split(",") if isinstance(value, str) else value
            if not isinstance(items, list | tuple) or not 1 <= len(items) <= (self.max_length or 1):
                raise ConfigError(
                    f"the {name!r} parameter must be a list of 1 to {self.max_length} "
                    f"names from {', '.join(self.choices)}; got {value!r} instead"
                )
            return [check_choice(name, str(v).strip(), self.choices) for v in items]
        if not isinstance(value, str) or not 1 <= len(value.strip()) <= (self.max_length or 0):
            raise ConfigError(
                f"the {name!r} parameter must be text of 1 to {self.max_length} "
                f"characters, got {_short(value)} instead"
            )
        return value.strip()

    def _pair(self, value: Any, name: str) -> tuple[float, float]:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or len(items) != 2:
            raise ConfigError(
                f"the {name!r} parameter must be two numbers, got {_short(value)} instead"
            )
        out = []
        for k, v in enumerate(items):
            if isinstance(v, str):
                with contextlib.suppress(ValueError):  # check_real names the bad value
                    v = float(v)
            out.append(check_real(f"{name}[{k}]", v, self.lo, self.hi, lo_open=self.lo_open,
                                  hi_open=self.hi_open))  # fmt: skip
        return (out[0], out[1])

    def parse(self, text: str) -> Any:
        """Read the setting from text (a URL value or a command-line word), then check it."""
        t = text.strip()
        if self.optional and t.lower() in ("", "none", "null", "auto"):
            return None
        value: Any = t
        try:
            if self.kind == "int":
                value = int(t)
            elif self.kind == "float":
                value = float(t)
        except ValueError:
            pass  # check() names the setting and what it expects
        if self.kind == "bool":
            value = {"1": True, "true": True, "0": False, "false": False}.get(t.lower(), t)
        return self.check(value)

    def to_dict(self) -> dict[str, Any]:
        """JSON description for the page: every field, infinities as None."""
        default = list(self.default) if isinstance(self.default, tuple) else self.default
        return {
            "name": self.name,
            "kind": self.kind,
            "default": default,
            "help": self.help,
            "group": self.group,
            "min": self.lo,
            "max": self.hi,
            "min_exclusive": self.lo_open,
            "max_exclusive": self.hi_open,
            "choices": list(self.choices),
            "max_length": self.max_length,
            "optional": self.optional,
            "log": self.log,
        }

    def bounds_text(self) -> str:
        """`` [lo..hi]`` or `` [a|b|c]`` for help texts; empty when unbounded."""
        if self.kind in ("int", "float") and self.lo is not None and self.hi is not None:
            return f" [{_num(self.lo)}..{_num(self.hi)}]"
        if self.choices:
            return f" [{'|'.join(self.choices)}]"
        return ""


def _int(v: float | None) -> int | None:
    return None if v is None else int(v)


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
