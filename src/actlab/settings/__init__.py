"""The user settings, declared once: name, type, default, range or choices, help.

One list feeds every place a setting appears: the web API's request schemas (bounds
become OpenAPI ``minimum``/``maximum``/``enum``), the page's controls and its URL
state (``GET /api/settings``), the options of every fit (:func:`fit_option`,
:class:`actlab.train.FitOptions`) and command-line options (:func:`click_options`).
Values are validated once, by :meth:`Setting.check`, with the messages of
:mod:`actlab._validate`. ``LIMITS`` documents every size and count the lab bounds;
``CONTEXTS`` says where the page or the command line deliberately starts elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..errors import ConfigError
from . import declarations
from .declarations import *  # noqa: F403 - the declared names, re-exported
from .declarations import FIT_OPTIONS, SETTINGS, in_context
from .setting import Setting

__all__ = [  # the declarations' names, then this module's
    *declarations.__all__,
    "Setting",
    "check_all",
    "click_options",
    "defaults",
    "fit_option",
    "fit_options",
    "get",
    "names",
]

_BY_NAME = {s.name: s for s in SETTINGS}
_FIT_BY_NAME = {s.name: s for s in FIT_OPTIONS}
_FIT_ALIASES = {a: s.name for s in FIT_OPTIONS for a in s.aliases}


def get(name: str) -> Setting:
    """The setting called ``name``."""
    if name not in _BY_NAME:
        raise ConfigError(f"unknown setting {name!r}; settings: {', '.join(_BY_NAME)}")
    return _BY_NAME[name]


def fit_option(name: str, context: str = "library") -> Setting:
    """The fit option called ``name`` (or one of its aliases) as ``context`` sees it."""
    key = _FIT_ALIASES.get(name, name)
    if key not in _FIT_BY_NAME:
        raise ConfigError(f"unknown fit option {name!r}; options: {', '.join(_FIT_BY_NAME)}")
    return in_context(_FIT_BY_NAME[key], context)


def fit_options(context: str = "library") -> list[Setting]:
    """Every fit option, as ``context`` sees it."""
    return [in_context(s, context) for s in FIT_OPTIONS]


def names() -> list[str]:
    """Every setting's name, in display order."""
    return list(_BY_NAME)


def defaults() -> dict[str, Any]:
    """Every setting's default value."""
    return {s.name: s.default for s in SETTINGS}


def check_all(values: dict[str, Any], *, text: bool = False) -> tuple[dict, dict[str, str]]:
    """Validate a dict of settings; returns (clean values, {name: message} for rejected ones).

    With ``text=True`` the values are strings (a URL's query) and are parsed first.
    Unknown names are reported as rejected; missing ones are left out.
    """
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, value in values.items():
        if name not in _BY_NAME:
            errors[name] = f"unknown setting {name!r}"
            continue
        s = _BY_NAME[name]
        try:
            clean[name] = s.parse(value) if text and isinstance(value, str) else s.check(value)
        except ConfigError as e:
            errors[name] = str(e)
    return clean, errors


def click_options(names: Iterable[str | Setting]) -> Callable[[Callable], Callable]:
    """A decorator adding ``--<name>`` options (and ``--<alias>``) for the given settings.

    Each option's help and accepted values come from the setting; the value is
    validated by :meth:`Setting.parse`, so the command line and the API agree. An
    option left out is passed as None, so the caller's own default applies.
    """
    import click

    def option(s: Setting) -> Callable[[Callable], Callable]:
        def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
            if value is None:
                return None
            if s.kind == "bool" and isinstance(value, bool):
                return value
            try:
                return s.parse(value)
            except ConfigError as e:
                raise click.BadParameter(str(e)) from None

        default = s.default
        if isinstance(default, list | tuple):
            default = ",".join(str(v) for v in default)
        shown = "auto" if default is None else default
        flags = [f"--{n.replace('_', '-')}" for n in (s.name, *s.aliases)]
        extra: dict[str, Any] = (
            {"is_flag": True, "default": None}
            if s.kind == "bool"
            else {"default": None, "metavar": s.kind.upper()}
        )
        return click.option(
            *flags, s.name, callback=callback,
            help=f"{s.help}{s.bounds_text()} (default: {shown})", **extra,
        )  # fmt: skip

    def decorate(fn: Callable) -> Callable:
        items = [n if isinstance(n, Setting) else get(n) for n in names]
        for s in reversed(items):
            fn = option(s)(fn)
        return fn

    return decorate
