"""``actlab targets`` and ``actlab target show``, run in-process."""

from __future__ import annotations

import json
import re

import pytest

from actlab.cli import main
from actlab.targets import PRESETS


def test_targets_lists_every_preset(cli):
    result = cli.invoke(main, ["targets"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == list(PRESETS)
    assert "[-2, 6]" in lines[0] and "2x (0 ≤ x < 2)" in lines[0]
    assert "nielsen   [0, 1]" in result.output


def test_targets_json(cli):
    data = json.loads(cli.invoke(main, ["targets", "--json"]).output)
    assert [d["name"] for d in data] == list(PRESETS)
    assert data[0]["expression"] == "piecewise(x < 0: 0, x < 2: 2*x, x < 4: -x + 6, 2)"


def test_target_show_seed_text(cli):
    result = cli.invoke(main, ["target", "show", "seed"])
    assert result.exit_code == 0, result.output
    assert "domain:     [-2, 6]" in result.output and "kinks:      0, 2, 4" in result.output
    # samples at -2, 0, 2, 4, 6: f = 0, 0, 4, 2, 2
    rows = [line.split() for line in result.output.splitlines()[-5:]]
    assert rows == [["-2", "0"], ["0", "0"], ["2", "4"], ["4", "2"], ["6", "2"]]


def test_target_show_expression_json_with_domain(cli):
    result = cli.invoke(
        main, ["target", "show", "x**2 - 1", "--domain", "-1", "3", "--samples", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["domain"] == [-1.0, 3.0]
    assert data["samples"] == [{"x": -1.0, "y": 0.0}, {"x": 1.0, "y": 0.0}, {"x": 3.0, "y": 8.0}]


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["sqrt(x)"], "'sqrt\\(x\\)' is not finite at x = -2"),
        (["2x"], "missing operator"),
        (["seed", "--domain", "1", "0"], "the 'domain' parameter must be two finite numbers"),
        (["points: 0,0 1"], "point 2"),
    ],
    ids=["nonfinite", "syntax", "domain", "points"],
)
def test_target_show_errors_are_clean(cli, args, match):
    result = cli.invoke(main, ["target", "show", *args])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert re.search(match, result.output)
