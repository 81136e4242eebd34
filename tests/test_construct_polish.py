"""``actlab construct --polish``: training starts from the construction and only improves it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab import Network
from actlab.cli import main


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
def test_polish_lowers_the_error_of_the_construction(cli, activation: str) -> None:
    args = ["construct", "--target", "complex", "--activation", activation, "--neurons", "8"]
    result = cli.invoke(main, [*args, "--polish", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    polished = data["polished"]
    assert polished["mse"] < data["mse"]
    net = Network.from_dict(polished["network"])
    assert net.widths == Network.from_dict(data["network"]).widths  # same shape, trained


def test_polish_saves_the_trained_network(cli, tmp_path) -> None:
    path = tmp_path / "net.json"
    args = ["construct", "--target", "sin", "--activation", "sigmoid", "--neurons", "4"]
    result = cli.invoke(main, [*args, "--polish", "--save", str(path), "--json"])
    assert result.exit_code == 0, result.output
    saved = Network.load(path)
    x = np.linspace(-2 * np.pi, 2 * np.pi, 201)
    mse = float(np.mean((saved(x) - np.sin(x)) ** 2))
    assert mse == pytest.approx(json.loads(result.output)["polished"]["mse"], rel=1e-9)


@pytest.mark.parametrize(
    "args",
    [
        ["--target", "seed", "--activation", "step", "--neurons", "3"],
        ["--activation", "relu", "--points", "0,0 1,1 2,0"],
    ],
    ids=["step", "no-target"],
)
def test_polish_needs_a_target_and_a_trainable_activation(cli, args: list[str]) -> None:
    result = cli.invoke(main, ["construct", *args, "--polish"])
    assert result.exit_code == 2
    assert "--polish needs --target and an activation trainable by gradients" in result.output
