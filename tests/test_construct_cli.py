"""``actlab construct``: the JSON contract, the lesson's exact ReLU case, usage errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab import Network, lesson
from actlab.cli import main

KEYS = {"formula", "neurons", "mse", "max_error", "network"}


def run_json(cli, args: list[str]) -> dict:
    result = cli.invoke(main, ["construct", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_seed_relu_from_kinks_is_exact(cli) -> None:
    data = run_json(cli, ["--target", "seed", "--activation", "relu", "--points", "0,0 2,4 4,2"])
    assert set(data) >= KEYS
    assert data["neurons"] == 3
    assert data["max_error"] <= 1e-12
    assert data["formula"] == "y = 2relu(x) − 3relu(x − 2) + relu(x − 4)"
    assert data["grid"]["mse"] == {"start": -2.0, "stop": 6.0, "points": 201}
    # the saved form rebuilds the same network: exact against the target beyond the points too
    net = Network.from_dict(data["network"])
    x = np.linspace(-2.0, 6.0, 10001)
    assert np.max(np.abs(net(x) - lesson.target(x))) <= 1e-12


def test_points_with_x_only_take_y_from_the_target(cli) -> None:
    data = run_json(cli, ["--target", "seed", "--points", "0 2 4"])
    assert data["knots"] == {"x": [0.0, 2.0, 4.0], "y": [0.0, 4.0, 2.0]}
    assert data["max_error"] <= 1e-12


def test_points_without_target_use_their_polyline(cli) -> None:
    data = run_json(cli, ["--activation", "hard_sigmoid", "--points", "0,0 1,2 3,1"])
    assert data["max_error"] <= 1e-12
    assert data["domain"] == [0.0, 3.0]


def test_tolerance_reports_neurons_error_and_baseline(cli) -> None:
    data = run_json(cli, ["--target", "runge", "--activation", "relu", "--tolerance", "0.01"])
    assert data["max_error"] <= 0.01
    assert data["neurons"] < data["baseline"]["neurons"]


def test_neurons_with_sigmoid_and_text_output(cli) -> None:
    result = cli.invoke(
        main, ["construct", "--target", "seed", "--activation", "sigmoid", "--neurons", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "σ(" in result.output and "neurons:" in result.output and "max_error:" in result.output


def test_tanh_with_given_steepness(cli) -> None:
    args = ["--target", "seed", "--activation", "tanh", "--points", "0,0 2,4 4,2"]
    data = run_json(cli, [*args, "--steepness", "4.8", "--heights", "rise"])
    # tanh(z) form of the lesson's construction: σ(2.4x − 2.4) = (1 + tanh(1.2x − 1.2))/2
    assert "tanh(1.2x − 1.2)" in data["formula"]
    assert data["steepness"] == 4.8


def test_save_writes_a_loadable_network(cli, tmp_path) -> None:
    path = tmp_path / "net.json"
    data = run_json(cli, ["--target", "sin", "--tolerance", "0.05", "--save", str(path)])
    assert Network.load(path).to_dict() == data["network"]


def test_lesson_comparison_json(cli) -> None:
    result = cli.invoke(main, ["construct", "--lesson", "--json"])
    assert result.exit_code == 0, result.output
    names = [c["name"] for c in json.loads(result.output)["cases"]]
    assert names == ["handbuilt", "constructed", "best"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "seed"], "give exactly one of --neurons N, --tolerance EPS, --points"),
        (["--target", "seed", "--neurons", "3", "--tolerance", "0.1"], "give exactly one of"),
        (["--neurons", "3"], "--neurons needs --target"),
        (["--target", "seed", "--neurons", "3", "--steepness", "2"], "--steepness applies to"),
        (["--target", "seed", "--neurons", "3", "--staircase"], "--staircase applies to"),
        (["--target", "seed", "--tolerance", "0.1", "--knots", "uniform"], "--knots applies to"),
        (
            ["--target", "seed", "--activation", "sigmoid", "--neurons", "3", "--extend", "linear"],
            "--extend applies to relu",
        ),
        (["--points", "0 1 2"], "--points with x only needs --target"),
        (["--lesson", "--target", "seed"], "--lesson takes no"),
    ],
    ids=[
        "no-mode", "two-modes", "no-target", "relu-steepness", "relu-staircase", "knots",
        "extend", "x-only", "lesson-combo",
    ],
)  # fmt: skip
def test_bad_combinations_are_usage_errors(cli, args: list[str], message: str) -> None:
    result = cli.invoke(main, ["construct", *args])
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "seed", "--activation", "gelu", "--neurons", "3"], "construct builds relu"),
        (["--target", "seed", "--neurons", "0"], "'neurons' parameter must be an integer in"),
        (["--target", "seed", "--tolerance", "-1"], "'tolerance' parameter must be a finite"),
        (["--target", "seed", "--points", "0,0 0,1"], "strictly increasing x"),
        (["--target", "seed", "--points", "0 a"], "points must be"),
        (["--target", "nosuch", "--neurons", "3"], "unknown target"),
    ],
    ids=["gelu", "zero-neurons", "negative-tolerance", "duplicate-x", "bad-number", "target"],
)
def test_bad_values_are_actlab_errors(cli, args: list[str], message: str) -> None:
    result = cli.invoke(main, ["construct", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
