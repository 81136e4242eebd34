"""``actlab collapse``: text and JSON output, the floor on the lesson's target, errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from actlab import Network
from actlab.cli import main
from actlab.collapse import best_line, fold_linear


def test_collapse_cli_identity_floor_on_seed(cli: CliRunner) -> None:
    args = "collapse --depth 3 --width 8 --activation identity --target seed --json"
    result = cli.invoke(main, args.split())
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "line"
    assert set(data) >= {"a", "b", "formula", "floor", "fit", "target"}
    assert data["floor"]["mse"] == pytest.approx(0.97290, abs=5e-6)
    assert data["floor"]["a"] == pytest.approx(0.34236, abs=5e-6)
    assert data["floor"]["b"] == pytest.approx(1.06155, abs=5e-6)
    assert data["target"] == {"name": "lesson", "points": 201, "domain": [-2.0, 6.0]}
    assert data["fit"]["mse"] >= data["floor"]["mse"]
    net = Network.init(8, 3, "identity", seed=0)
    assert data["a"] == pytest.approx(fold_linear(net).a, rel=1e-12)


def test_collapse_cli_text_shows_derivation_and_floor(cli: CliRunner) -> None:
    result = cli.invoke(main, ["collapse", "--target", "seed"])
    assert result.exit_code == 0, result.output
    assert "network 1-3-1 (identity) is" in result.output
    assert "y = (w1·w4 + w2·w5 + w3·w6)·x + (b1·w4 + b2·w5 + b3·w6 + b4)" in result.output
    assert "floor:       mse 0.972904, best line y = 0.34236x + 1.06155" in result.output


def test_collapse_cli_saved_network(cli: CliRunner, tmp_path: Path) -> None:
    path = Network.shallow(w=[1, 1], b=[0, -1], c=[1, 1], c0=-1, activation="relu").save(
        tmp_path / "net.json"
    )
    result = cli.invoke(main, ["collapse", "--net", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == {
        "kind": "pieces",
        "count": 3,
        "breakpoints": [0.0, 1.0],
        "pieces": [
            {"start": None, "stop": 0.0, "slope": 0.0, "intercept": -1.0},
            {"start": 0.0, "stop": 1.0, "slope": 1.0, "intercept": -1.0},
            {"start": 1.0, "stop": None, "slope": 2.0, "intercept": -2.0},
        ],
    }


def test_collapse_cli_polynomial_with_floor(cli: CliRunner) -> None:
    args = "collapse --depth 2 --width 3 --activation square --target seed --json"
    data = json.loads(cli.invoke(main, args.split()).output)
    assert data["kind"] == "polynomial"
    assert data["degree"] == len(data["coefficients"]) - 1 <= 4
    assert data["floor"]["degree"] == 4
    assert data["fit"]["mse"] >= data["floor"]["mse"]


def test_collapse_cli_mixed_activations_and_points(cli: CliRunner) -> None:
    args = ["collapse", "--depth", "2", "--activation", "relu,hard_sigmoid", "--target", "seed"]
    result = cli.invoke(main, [*args, "--points", "11", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "pieces"
    assert data["floor"] is None
    assert data["target"]["points"] == 11


def test_collapse_cli_floor_on_an_expression_target(cli: CliRunner) -> None:
    targets = pytest.importorskip("actlab.targets")
    if not hasattr(targets, "resolve"):
        pytest.skip("actlab.targets.resolve is not available")
    args = ["collapse", "--target", "sin(3*x)", "--points", "51", "--json"]
    result = cli.invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    lo, hi = targets.resolve("sin(3*x)").domain
    x = np.linspace(lo, hi, 51)
    assert data["floor"]["mse"] == pytest.approx(best_line(x, np.sin(3 * x)).mse, rel=1e-10)
    assert data["target"]["points"] == 51


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--activation", "sigmoid"], "collapse covers networks whose hidden layers use only"),
        (["--activation", "banana"], "the 'activation' parameter must be one of"),
        (["--width", "0"], "the 'width' parameter must be an integer in [1, 4096], got 0"),
        (["--points", "1", "--target", "seed"], "the 'points' parameter must be an integer in"),
        (["--net", "missing.json"], "network file not found: missing.json"),
    ],
    ids=["sigmoid", "unknown-activation", "width", "points", "missing-file"],
)
def test_collapse_cli_errors_exit_1(cli: CliRunner, args: list[str], message: str) -> None:
    result = cli.invoke(main, ["collapse", *args])
    assert result.exit_code == 1
    assert f"Error: {message}" in result.output
    assert "Traceback" not in result.output


def test_collapse_cli_net_and_random_options_conflict(cli: CliRunner) -> None:
    result = cli.invoke(main, ["collapse", "--net", "x.json", "--depth", "2"])
    assert result.exit_code == 2
    assert "give either --net FILE or --depth/--width/--activation/--seed" in result.output


def test_collapse_cli_help_documents_the_json(cli: CliRunner) -> None:
    result = cli.invoke(main, ["collapse", "--help"])
    assert result.exit_code == 0
    assert "increasing power order" in result.output
    assert "null" in result.output


def test_collapse_cli_deep_square_network_reports_without_warnings(cli: CliRunner) -> None:
    # 12 square layers: degree up to 4096, far beyond 201 points, so the floor is 0
    args = "collapse --depth 12 --width 4 --activation square --target seed --json"
    result = cli.invoke(main, args.split())
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["max_degree"] == 4096
    assert data["floor"]["degree"] == 200
    assert data["floor"]["mse"] == pytest.approx(0.0, abs=1e-20)
