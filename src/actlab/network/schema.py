"""Validate a network JSON document before building a :class:`Network` from it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import activations as act
from .._files import parse_json, read_text
from ..errors import ActlabError, SchemaError

if TYPE_CHECKING:
    from .model import Network

FORMAT = "actlab.network"
VERSION = 1
MAX_FILE_BYTES = 256 * 1024**2  # about 10 million weights; parsing takes a few times this


def read_document(path: str | Path) -> Any:
    """The JSON data of a network file: a regular file, bounded in size and nesting."""
    text = read_text(path, "network file", MAX_FILE_BYTES)
    return parse_json(text, f"not a network file ({path})")


def parse_document(text: str) -> Any:
    """The JSON data of a network file's text, with the same guards as :func:`read_document`."""
    return parse_json(text, "not a network file")


def _array(value: Any, where: str, ndim: int) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise SchemaError(f"{where}: expected a {ndim}-D array of numbers") from None
    if arr.ndim != ndim:
        raise SchemaError(f"{where}: expected a {ndim}-D array of numbers, got {arr.ndim}-D")
    if not np.all(np.isfinite(arr)):
        raise SchemaError(f"{where}: every value must be a finite number (found NaN or inf)")
    return arr


def network_from_dict(cls: type[Network], data: Any) -> Network:
    """Check format, version and every array, then build the network."""
    if not isinstance(data, dict):
        raise SchemaError("not a network file: expected a JSON object at the top level")
    if data.get("format") != FORMAT:
        raise SchemaError(
            f"not a network file: 'format' must be {FORMAT!r}, got {data.get('format')!r}"
        )
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # True == 1, but is no version
        raise SchemaError(
            f"unsupported network file version {version!r}; this actlab reads version {VERSION}"
        )
    pop = data.get("population")
    if pop is not None and (isinstance(pop, bool) or not isinstance(pop, int) or pop < 1):
        raise SchemaError(f"'population' must be null or a positive integer, got {pop!r}")
    lead = 0 if pop is None else 1
    hidden = data.get("hidden")
    output = data.get("output")
    if not isinstance(hidden, list):
        raise SchemaError("'hidden' must be a list of layers")
    if not isinstance(output, dict):
        raise SchemaError("'output' must be an object with 'weights' and 'bias'")
    ws, bs, names = [], [], []
    for i, layer in enumerate([*hidden, output]):
        where = f"hidden[{i}]" if i < len(hidden) else "output"
        if not isinstance(layer, dict):
            raise SchemaError(f"{where}: expected an object with 'weights' and 'bias'")
        if i < len(hidden):
            name = layer.get("activation")
            if not isinstance(name, str) or name not in act.ACTIVATIONS:
                raise SchemaError(
                    f"{where}.activation: must be one of {', '.join(act.ACTIVATIONS)}, got {name!r}"
                )
            names.append(name)
        ws.append(_array(layer.get("weights"), f"{where}.weights", 2 + lead))
        bs.append(_array(layer.get("bias"), f"{where}.bias", 1 + lead))
    if pop is not None and ws[0].shape[0] != pop:
        raise SchemaError(f"'population' is {pop} but the arrays hold {ws[0].shape[0]} networks")
    try:
        return cls(ws, bs, names)
    except ActlabError as e:
        raise SchemaError(f"inconsistent layer shapes: {e}") from None
