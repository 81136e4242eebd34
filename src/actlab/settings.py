"""The user settings of the lab, declared once: name, type, default, range or choices, help.

One list feeds every place a setting appears: the web API's request schemas (bounds
become OpenAPI ``minimum``/``maximum``/``enum``), the page's controls and its URL
state (``GET /api/settings``), and command-line options (:func:`click_options`).
Values are validated once, by :meth:`Setting.check`, with the messages of
:mod:`actlab._validate`. ``LIMITS`` documents every size and count the lab bounds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from . import activations as act
from ._validate import check_choice, check_int, check_real
from .errors import ConfigError

__all__ = [
    "LIMITS",
    "SETTINGS",
    "Setting",
    "check_all",
    "click_options",
    "defaults",
    "get",
    "names",
]

#: Every bound the lab enforces, documented in one place (served at ``/api/settings``).
LIMITS: dict[str, float] = {
    "max_depth": 4,  # hidden layers
    "max_width": 64,  # neurons per hidden layer
    "max_points": 1000,  # marked points or CSV rows
    "max_grid_points": 2000,  # x values a curve is drawn at
    "max_expression_length": 2000,  # characters of a target expression
    "max_abs_value": 1e6,  # |weight|, |bias|, |x|, |y|, |domain end|
    "max_steps": 100_000,  # optimizer steps of one training request
    "max_step_request": 1000,  # optimizer steps of one non-streamed step request
    "max_stream_seconds": 300,  # a training stream ends after this long
    "max_csv_bytes": 200_000,  # characters of CSV text
}

ABS = LIMITS["max_abs_value"]
CONSTRUCT_ACTIVATIONS = ("relu", "hard_sigmoid", "sigmoid", "tanh")
OPTIMIZERS = ("adam", "sgd", "momentum")


@dataclass(frozen=True)
class Setting:
    """One user setting: its kind, default, bounds and one line of help.

    ``kind`` is ``int``, ``float``, ``choice`` (one of ``choices``), ``choices`` (a
    comma-separated list of them, at most ``max_length``), ``text`` (at most
    ``max_length`` characters) or ``bool``. ``optional`` allows ``None`` (meaning
    "the target's own"); ``log`` asks the page for a logarithmic slider.
    """

    name: str
    kind: str
    default: Any
    help: str
    group: str
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    optional: bool = False
    log: bool = False

    def check(self, value: Any) -> Any:
        """``value`` validated and normalised, or ConfigError naming the setting."""
        if value is None and self.optional:
            return None
        if self.kind == "int":
            return check_int(self.name, value, _int(self.lo), _int(self.hi))
        if self.kind == "float":
            return check_real(self.name, value, self.lo, self.hi, lo_open=self.lo_open)
        if self.kind == "choice":
            return check_choice(self.name, value, self.choices)
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(
                    f"the {self.name!r} parameter must be true or false, got {value!r} instead"
                )
            return value
        if self.kind == "choices":
            items = value.split(",") if isinstance(value, str) else value
            if not isinstance(items, list | tuple) or not 1 <= len(items) <= (self.max_length or 1):
                raise ConfigError(
                    f"the {self.name!r} parameter must be a list of 1 to {self.max_length} "
                    f"names from {', '.join(self.choices)}; got {value!r} instead"
                )
            return [check_choice(self.name, str(v).strip(), self.choices) for v in items]
        if not isinstance(value, str) or not 1 <= len(value.strip()) <= (self.max_length or 0):
            raise ConfigError(
                f"the {self.name!r} parameter must be text of 1 to {self.max_length} "
                f"characters, got {_short(value)} instead"
            )
        return value.strip()

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
        return {
            "name": self.name,
            "kind": self.kind,
            "default": self.default,
            "help": self.help,
            "group": self.group,
            "min": self.lo,
            "max": self.hi,
            "min_exclusive": self.lo_open,
            "choices": list(self.choices),
            "max_length": self.max_length,
            "optional": self.optional,
            "log": self.log,
        }


def _int(v: float | None) -> int | None:
    return None if v is None else int(v)


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_ACTS = tuple(act.names())
_L = LIMITS

SETTINGS: tuple[Setting, ...] = (
    # target
    Setting("target", "text", "seed", "a preset name or an expression in x, "
            "e.g. sin(3*x) + 0.3*x**2", "target", max_length=int(_L["max_expression_length"])),
    Setting("x_min", "float", None, "left end of the domain (empty: the target's own)",
            "target", -ABS, ABS, optional=True),
    Setting("x_max", "float", None, "right end of the domain (empty: the target's own)",
            "target", -ABS, ABS, optional=True),
    Setting("fit", "choice", "curve", "what training and the scores use: the target curve "
            "or the marked points", "target", choices=("curve", "points")),
    Setting("grid_points", "int", 201, "x values the curves are drawn and scored at",
            "target", 2, _L["max_grid_points"]),
    Setting("train_points", "int", 101, "samples of the target curve that training fits",
            "target", 2, _L["max_points"]),
    # network
    Setting("depth", "int", 1, "hidden layers (0: a single line y = a·x + b)",
            "network", 0, _L["max_depth"]),
    Setting("width", "int", 2, "neurons per hidden layer", "network", 1, _L["max_width"]),
    Setting("activation", "choices", ["sigmoid"], "activation of each hidden layer, "
            "comma-separated (the last one repeats)", "network", choices=_ACTS,
            max_length=int(_L["max_depth"])),
    Setting("seed", "int", 0, "seed of the random initial weights", "network", 0, 2**31 - 1),
    Setting("init", "choice", "torch", "initialisation: torch (uniform ±1/√fan_in), "
            "glorot or he", "network", choices=("torch", "glorot", "he")),
    # construct
    Setting("construct", "choice", "relu", "activation used to build a network from the "
            "marked points", "construct", choices=CONSTRUCT_ACTIVATIONS),
    # train
    Setting("optimizer", "choice", "adam", "optimizer of live training", "train",
            choices=OPTIMIZERS),
    Setting("learning_rate", "float", 0.03, "step size of the optimizer", "train",
            0.0, 10.0, lo_open=True, log=True),
    Setting("steps", "int", 20_000, "optimizer steps before training stops by itself",
            "train", 1, _L["max_steps"]),
    Setting("negligible", "float", 0.02, "a neuron is dimmed when its contribution's RMS "
            "is below this fraction of the largest one", "view", 0.0, 1.0),
    # page
    Setting("mode", "choice", "manual", "what the side panel shows", "view",
            choices=("manual", "construct", "train")),
    Setting("lang", "choice", "en", "language of the page", "view", choices=("en", "zh")),
)  # fmt: skip

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> Setting:
    """The setting called ``name``."""
    if name not in _BY_NAME:
        raise ConfigError(f"unknown setting {name!r}; settings: {', '.join(_BY_NAME)}")
    return _BY_NAME[name]


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


def click_options(names: Iterable[str]) -> Callable[[Callable], Callable]:
    """A decorator adding ``--<name>`` options for the given settings (default: unset).

    Each option's help and accepted values come from the setting; the value is
    validated by :meth:`Setting.parse`, so the command line and the API agree.
    """
    import click

    def option(s: Setting) -> Callable[[Callable], Callable]:
        def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
            if value is None:
                return None
            try:
                return s.parse(value)
            except ConfigError as e:
                raise click.BadParameter(str(e)) from None

        bounds = ""
        if s.kind in ("int", "float") and s.lo is not None and s.hi is not None:
            bounds = f" [{_num(s.lo)}..{_num(s.hi)}]"
        elif s.choices:
            bounds = f" [{'|'.join(s.choices)}]"
        default = ",".join(s.default) if isinstance(s.default, list) else s.default
        return click.option(
            f"--{s.name.replace('_', '-')}",
            s.name,
            default=None,
            callback=callback,
            metavar=s.kind.upper(),
            help=f"{s.help}{bounds} (default: {default})",
        )

    def decorate(fn: Callable) -> Callable:
        for s in reversed([get(n) for n in names]):
            fn = option(s)(fn)
        return fn

    return decorate
