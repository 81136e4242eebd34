"""``actlab collapse`` and ``actlab fit`` with k inputs: regions JSON, affine maps, lags."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab.cli import main
from actlab.collapse import linear_regions
from actlab.network import Network


def test_collapse_cli_regions_json_for_a_saved_relu_network(cli, tmp_path) -> None:
    net = Network.init([6, 5], 0, "relu", inputs=2, seed=3)
    path = net.save(tmp_path / "net.json")
    out = cli.invoke(main, ["collapse", "--net", str(path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["kind"] == "regions"
    assert data["count"] == len(data["regions"]) == linear_regions(net).count
    (x0, x1), (y0, y1) = data["domain"]
    assert x0 < x1 and y0 < y1
    for region in data["regions"]:
        poly = np.array(region["vertices"])
        assert poly.shape[1] == 2
        inside = poly.mean(axis=0)[None]
        want = float(net(inside)[0])
        assert float(inside[0] @ np.array(region["a"]) + region["b"]) == pytest.approx(
            want, rel=1e-9, abs=1e-9
        )


def test_collapse_cli_random_network_with_inputs(cli) -> None:
    out = cli.invoke(main, ["collapse", "--inputs", "3", "--depth", "2", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    net = Network.init(3, 2, "identity", inputs=3, seed=0)
    x = np.random.default_rng(0).normal(size=(5, 3))
    np.testing.assert_allclose(x @ np.array(data["a"]) + data["b"], net(x), rtol=1e-12)
    assert data["kind"] == "affine"


def test_collapse_cli_plane_floor_on_a_two_input_target(cli) -> None:
    out = cli.invoke(main, ["collapse", "--inputs", "2", "--target", "x1*x2 + x1", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["target"]["inputs"] == 2
    assert len(data["floor"]["a"]) == 2
    assert data["fit"]["mse"] >= data["floor"]["mse"]
    text = cli.invoke(main, ["collapse", "--inputs", "2", "--target", "x1*x2 + x1"]).output
    assert "best plane" in text


def test_collapse_cli_refuses_regions_for_three_inputs_and_mismatched_targets(cli) -> None:
    out = cli.invoke(main, ["collapse", "--inputs", "3", "--activation", "relu"])
    assert out.exit_code != 0
    assert "2 inputs only" in out.output
    out = cli.invoke(main, ["collapse", "--inputs", "2", "--target", "sin"])
    assert out.exit_code != 0
    assert "1 input(s)" in out.output


def test_fit_cli_lag_problem_scores_the_later_years(cli) -> None:
    args = ["fit", "--target", "lags:sunspots:3", "--activation", "identity", "--width", "1",
            "--test-fraction", "0.2", "--split", "time", "--restarts", "1", "--json"]  # fmt: skip
    out = cli.invoke(main, args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["target"]["inputs"] == 3
    n = 309 - 3  # yearly counts 1700-2008, three lags
    assert data["test"]["points"] + data["target"]["points"] == n
    assert data["test"]["points"] == pytest.approx(0.2 * n, abs=1)
    # the held-out years are the last ones: the least-squares plane fitted on the
    # first 80% scores the same test error
    from actlab.collapse import best_plane
    from actlab.problem import Problem

    p = Problem.from_spec("lags:sunspots:3", test_fraction=0.2, split="time")
    floor = best_plane(*p.train())
    assert data["mse"] == pytest.approx(floor.mse, rel=1e-6)
    xt, yt = p.test()
    plane = xt @ np.array(floor.a) + floor.b
    assert data["test"]["mse"] == pytest.approx(np.mean((plane - yt) ** 2), rel=1e-4)
    text = cli.invoke(main, args[:-1]).output
    assert "test mse" in text
