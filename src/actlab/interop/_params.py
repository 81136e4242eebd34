"""What the scikit-learn estimators share: their fit-option defaults and how __init__ stores."""

from __future__ import annotations

from typing import Any

from .. import settings

__all__ = ["DEFAULTS", "store"]

#: Each fit option's declared default: the estimators' parameter defaults.
DEFAULTS: dict[str, Any] = {o.name: o.default for o in settings.fit_options()}


def store(estimator: Any, params: dict[str, Any]) -> None:
    """Set every ``__init__`` argument as an attribute, unchanged (scikit-learn's contract)."""
    for name, value in params.items():
        if name not in ("self", "__class__"):
            setattr(estimator, name, value)
