"""``actlab fit``: text and JSON output, saving, and clean errors."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from actlab import Network, lesson
from actlab.cli import main
from actlab.cli.fit import contributions


def test_fit_json_has_the_documented_keys(cli: CliRunner) -> None:
    res = cli.invoke(main, ["fit", "--target", "seed", "--width", "2", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert {"mse", "max_error", "time_s", "formula", "contributions", "network"} <= set(data)
    assert data["mse"] == pytest.approx(0.0075280, rel=1e-4)  # the width-2 optimum
    assert data["formula"].startswith("y = ") and "σ(" in data["formula"]
    assert [c["neuron"] for c in data["contributions"]] == [1, 2]
    assert Network.from_dict(data["network"]).widths == [2]
    assert data["target"] == {"name": "lesson", "points": 201, "domain": [-2.0, 6.0]}


def test_fit_text_shows_error_time_formula_and_neurons(cli: CliRunner) -> None:
    res = cli.invoke(main, ["fit", "--width", "3", "--restarts", "4", "--seed", "2"])
    assert res.exit_code == 0, res.output
    for key in ("mse:", "max_error:", "time:", "4 starts", "neuron 3: output weight"):
        assert key in res.output
    assert res.output.startswith("y = ")


def test_fit_saves_a_loadable_network(cli: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "net.json"
    res = cli.invoke(main, ["fit", "--width", "2", "--save", str(path), "--json"])
    assert res.exit_code == 0, res.output
    net = Network.load(path)
    x = lesson.GRID.values()
    assert lesson.score(net(x), lesson.target(x))["mse"] == pytest.approx(
        json.loads(res.output)["mse"]
    )


def test_fit_step_cap_warns_on_stderr_and_succeeds() -> None:
    cli = CliRunner()
    res = cli.invoke(main, ["fit", "--optimizer", "adam", "--steps", "20", "--json"])
    assert res.exit_code == 0
    assert "Warning: the fit stopped at the step cap (steps=20)" in res.stderr
    assert json.loads(res.stdout)["converged"] is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--width", "0"], "the 'width' parameter must be an integer in [1, 4096], got 0"),
        (["--activation", "step"], "'step' activation has no useful derivative"),
        (["--activation", "cube"], "the 'activation' parameter must be one of"),
        (["--optimizer", "sgd", "--lr", "1000"], "lower the learning rate (lr=1000)"),
    ],
)
def test_fit_errors_are_clean(cli: CliRunner, args: list[str], message: str) -> None:
    res = cli.invoke(main, ["fit", *args])
    assert res.exit_code == 1
    assert message in res.output
    assert "Traceback" not in res.output


def test_contributions_of_the_handbuilt_network() -> None:
    # y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2 on [−2, 6]: σ(z1) runs from σ(−7.2) ≈ 0.0007
    # to σ(12) ≈ 1, so neuron 1's size is 4·(1 − 0.0007) ≈ 3.997; z2 runs from 12.2 down
    # to −7, σ(−7) ≈ 0.0009, so neuron 2's size is 2·(1 − 0.0009) ≈ 1.998.
    net = lesson.handbuilt_network()
    rows = contributions(net, lesson.GRID.values())
    assert [r["output_weight"] for r in rows] == [4.0, 2.0]
    assert rows[0]["size"] == pytest.approx(3.997, abs=1e-3)
    assert rows[1]["size"] == pytest.approx(1.998, abs=1e-3)
    assert sum(r["share"] for r in rows) == pytest.approx(1.0)
    assert np.isclose(rows[0]["share"], 2 * rows[1]["share"], rtol=1e-3)
