"""The options of every fit, as one typed, validated object.

Each field is a fit option declared once in :data:`actlab.settings.FIT_OPTIONS`
(name, kind, bounds, default, help); this class gives them types and checks
every value with that declaration. :func:`~actlab.train.fit`,
:func:`~actlab.train.fit_population`, ``ActlabRegressor``, ``actlab fit`` and the
lab's live training all take it::

    opts = FitOptions(optimizer="adam", learning_rate=0.05)
    fit(net, x, y, opts)                    # or fit(net, x, y, optimizer="adam", lr=0.05)
    FitOptions.for_context("page")          # the lab's own defaults (see settings.CONTEXTS)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any

from .. import settings
from ..errors import ConfigError

__all__ = ["FitOptions"]


def _default(name: str) -> Any:
    return dataclasses.field(default=settings.fit_option(name).default)


@dataclass(frozen=True)
class FitOptions:
    """Every option of a fit; defaults and bounds from ``settings.FIT_OPTIONS``."""

    optimizer: str = _default("optimizer")
    loss: str = _default("loss")
    steps: int | None = _default("steps")
    learning_rate: float | None = _default("learning_rate")
    l2: float = _default("l2")
    batch_size: int | None = _default("batch_size")
    restarts: int | None = _default("restarts")
    init_restarts: str = _default("init_restarts")
    tol: float = _default("tol")
    validation: float | None = _default("validation")
    early_stopping: bool = _default("early_stopping")
    patience: int = _default("patience")
    momentum: float = _default("momentum")
    betas: tuple[float, float] = _default("betas")
    eps: float = _default("eps")
    seed: int = _default("seed")
    backend: str = _default("backend")
    device: str = _default("device")
    dtype: str = _default("dtype")

    def __post_init__(self) -> None:
        for f in fields(self):
            value = settings.fit_option(f.name).check(getattr(self, f.name))
            object.__setattr__(self, f.name, value)

    @classmethod
    def for_context(cls, context: str, **overrides: Any) -> FitOptions:
        """The options with ``context``'s own defaults (``page``, ``cli``, ``library``)."""
        base = {s.name: s.default for s in settings.fit_options(context)}
        return cls(**base).replace(**overrides)

    def replace(self, **overrides: Any) -> FitOptions:
        """A copy with some options changed; aliases (``lr``) accepted, unknown names refused.

        A value that fails its check is reported under the word given (``lr`` or
        ``learning_rate``).
        """
        changes: dict[str, Any] = {}
        for word, value in overrides.items():
            s = settings.fit_option(word)
            changes[s.name] = s.check(value, name=word)
        return dataclasses.replace(self, **changes) if changes else self

    def to_dict(self) -> dict[str, Any]:
        """The options as a plain dict (JSON-ready)."""
        out = dataclasses.asdict(self)
        out["betas"] = list(self.betas)
        return out


def options_of(options: FitOptions | None, overrides: dict[str, Any]) -> FitOptions:
    """``options`` (default: the library's) with keyword overrides applied."""
    if options is not None and not isinstance(options, FitOptions):
        raise ConfigError(
            f"the 'options' parameter must be a FitOptions, got {type(options).__name__}"
        )
    return (options or FitOptions()).replace(**overrides)
