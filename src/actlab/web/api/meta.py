"""What the page needs to build its controls: settings, limits, activations, presets."""

from __future__ import annotations

from fastapi import APIRouter

from ... import activations as act
from ... import settings
from ...targets import ALIASES, PRESETS, resolve
from ..codes import setting_code
from ..responses import ActivationInfo, PresetInfo, SettingsResponse, StateResponse
from ..schemas import StateRequest

router = APIRouter(tags=["meta"])

#: The activation table's columns, as the library names them.
ACTIVATION_FIELDS = ("name", "symbol", "plain", "latex", "bounded", "monotone", "polynomial")
ACTIVATION_FIELDS += ("piecewise_linear", "trainable")
#: The lab's two-input problems: the Playground's classification and regression data sets.
TWO_INPUTS = ("xor", "circle", "gauss", "spiral", "plane", "reg-gauss")


@router.get("/settings", response_model=SettingsResponse)
def list_settings() -> dict:
    """Every user setting (type, default, range or choices, help) and every limit."""
    return {"settings": [s.to_dict() for s in settings.SETTINGS], "limits": settings.LIMITS}


@router.post("/state", response_model=StateResponse)
def check_state(req: StateRequest) -> dict:
    """Validate settings given as text (a shared link's values): clean values and rejections
    (each with its code and parameters)."""
    values, errors = settings.check_all(dict(req.values), text=True)
    codes = {}
    for name in errors:
        code, params = setting_code(name, req.values[name])
        codes[name] = {"code": code, "params": params}
    return {"values": values, "errors": errors, "codes": codes}


@router.get("/activations", response_model=list[ActivationInfo])
def list_activations() -> list[dict]:
    """The activation table: names, formulas and properties."""
    return [
        {f: getattr(a, f) for f in ACTIVATION_FIELDS}
        | {"constructible": a.name in settings.CONSTRUCT_ACTIVATIONS}
        for a in act.ACTIVATIONS.values()
    ]


@router.get("/presets", response_model=list[PresetInfo])
def list_presets() -> list[dict]:
    """The preset targets with their expressions and natural domains, then the two-input
    data sets (``inputs`` 2; ``classes`` for the classification ones)."""
    out = []
    for t in [*PRESETS.values(), *(resolve(name) for name in TWO_INPUTS)]:
        aliases = [a for a, name in ALIASES.items() if name == t.name]
        out.append({"name": t.name, "formula": t.formula, "expression": t.expression,
                    "domain": list(t.domain), "kinks": list(t.kinks), "aliases": aliases,
                    "inputs": t.inputs, "classes": t.classes})  # fmt: skip
    return out
