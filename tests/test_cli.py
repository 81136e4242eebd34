"""The command line: output, JSON contract and exit codes, run in-process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from actlab import Network
from actlab.cli import main


def test_show_seed_json_contract(cli) -> None:
    result = cli.invoke(main, ["show", "seed", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["formula"] == "y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2"
    assert data["mse"] == pytest.approx(0.013801, abs=1e-6)
    assert data["max_error"] == pytest.approx(0.47097, abs=1e-5)
    assert data["grid"] == {"start": -2.0, "stop": 6.0, "points": 201}


def test_show_seed_text(cli) -> None:
    result = cli.invoke(main, ["show", "seed"])
    assert result.exit_code == 0
    assert "y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2" in result.output
    assert "0.013801" in result.output and "0.47097" in result.output


def test_show_saved_network(cli, tmp_path) -> None:
    path = Network.init(2, 1, "tanh", seed=4).save(tmp_path / "n.json")
    result = cli.invoke(main, ["show", "--net", str(path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["shape"] == [1, 2, 1]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show"], 2, "give either 'lesson' or --net FILE"),
        (["show", "other"], 2, "Invalid value"),
        (["show", "--net", "missing.json"], 1, "Error: network file not found"),
        (["nosuchcommand"], 2, "No such command"),
    ],
)
def test_errors_exit_cleanly(cli, args: list[str], code: int, message: str) -> None:
    result = cli.invoke(main, args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_network_file_is_an_error_not_a_traceback(cli, tmp_path) -> None:
    path = tmp_path / "n.json"
    path.write_text('{"format": "actlab.network", "version": 99}')
    result = cli.invoke(main, ["show", "--net", str(path)])
    assert result.exit_code == 1
    assert "Error: unsupported network file version 99" in result.output


def test_python_dash_m_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "actlab", "show", "seed", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["grid"]["points"] == 201
