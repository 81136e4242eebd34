"""Checks shared by the collapses: one network, not a population, with covered activations."""

from __future__ import annotations

from collections.abc import Collection

from ..errors import UnsupportedError
from ..network import Network

__all__ = ["layers_outside", "require_activations", "require_single"]


def layers_outside(net: Network, allowed: Collection[str]) -> str:
    """``layer 2: relu, …`` for the hidden layers whose activation is not in ``allowed``."""
    return ", ".join(
        f"layer {i + 1}: {a}" for i, a in enumerate(net.activations) if a not in allowed
    )


def require_single(net: Network, who: str) -> None:
    """Raise unless ``net`` is a single network (``who`` names the caller)."""
    if net.population is not None:
        raise UnsupportedError(f"{who} applies to a single network; index it first")


def require_activations(
    net: Network, who: str, allowed: Collection[str], kind: str = "activations"
) -> None:
    """Raise unless every hidden layer of ``net`` uses one of ``allowed``, the ``kind``."""
    where = layers_outside(net, allowed)
    if where:
        raise UnsupportedError(f"{who} covers the {kind} {', '.join(allowed)}; got {where}")
