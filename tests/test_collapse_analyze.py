"""``collapse(net)`` dispatch: a line, a polynomial or pieces, and a clear error otherwise."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab import ACTIVATIONS, Network, UnsupportedError
from actlab.collapse import COVERED_ACTIVATIONS, collapse


@pytest.mark.parametrize(
    ("acts", "kind"),
    [
        ([], "line"),
        (["identity"], "line"),
        (["identity", "identity", "identity"], "line"),
        (["square"], "polynomial"),
        (["identity", "square"], "polynomial"),
        (["relu"], "pieces"),
        (["hard_sigmoid", "identity", "leaky_relu", "hard_tanh"], "pieces"),
    ],
    ids=["depth0", "identity", "deep-identity", "square", "mixed-square", "relu", "mixed-pl"],
)
def test_collapse_kind(acts: list[str], kind: str) -> None:
    net = Network.init(3, len(acts), acts, seed=1)
    result = collapse(net)
    assert result.kind == kind
    x = np.linspace(-5, 5, 21)
    np.testing.assert_allclose(result(x), net(x), rtol=1e-9, atol=1e-12)
    data = result.to_dict()
    assert data["kind"] == kind
    json.dumps(data, allow_nan=False)  # strictly valid JSON: no NaN, no Infinity
    assert result.text()


@pytest.mark.parametrize("name", [n for n in ACTIVATIONS if n not in COVERED_ACTIVATIONS], ids=str)
def test_collapse_rejects_uncovered_activations(name: str) -> None:
    net = Network.init(2, 1, name, seed=0)
    with pytest.raises(UnsupportedError, match=rf"collapse covers .*relu.*uses {name}$"):
        collapse(net)


def test_collapse_rejects_square_mixed_with_relu() -> None:
    net = Network.init(2, 2, ["square", "relu"], seed=0)
    with pytest.raises(UnsupportedError, match=r"square mixed with piecewise-linear layers"):
        collapse(net)


def test_collapse_rejects_populations() -> None:
    with pytest.raises(UnsupportedError, match="population of 2: index one member first"):
        collapse(Network.init(2, 1, "identity", seed=[0, 1]))


def test_collapse_line_to_dict_contract() -> None:
    data = collapse(Network.shallow([1.0], [0.0], [2.0], -1.0, "identity")).to_dict()
    assert data == {"kind": "line", "a": 2.0, "b": -1.0, "formula": "y = 2x − 1"}
