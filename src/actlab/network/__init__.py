"""Networks: the model (weights, forward pass, trace), its formula text and its JSON file.

:class:`Network` lives in :mod:`actlab.network.model`; :mod:`~actlab.network.formula`
writes it as the formula a learner writes on paper, :mod:`~actlab.network.schema`
reads and checks its versioned JSON.
"""

from __future__ import annotations

from .model import (
    INIT_SCHEMES,
    MAX_DEPTH,
    MAX_INPUTS,
    MAX_POPULATION,
    MAX_WIDTH,
    SCHEMA_FORMAT,
    SCHEMA_VERSION,
    Network,
    Trace,
)

__all__ = [
    "INIT_SCHEMES",
    "MAX_DEPTH",
    "MAX_INPUTS",
    "MAX_POPULATION",
    "MAX_WIDTH",
    "SCHEMA_FORMAT",
    "SCHEMA_VERSION",
    "Network",
    "Trace",
]
