"""The experiments: verdicts computed from data, deterministic tables, CLI contract."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab import lesson
from actlab.cli import main
from actlab.collapse import best_line
from actlab.errors import ConfigError
from actlab.experiments import EXPERIMENTS, run
from actlab.experiments.redundant import prune_weakest
from actlab.network import Network

NAMES = sorted(EXPERIMENTS)


@pytest.fixture(scope="module")
def small() -> dict:
    """Every experiment once, at its small size (shared by the tests below)."""
    return {name: run(name, size="small", seed=0) for name in NAMES}


def test_all_eleven_experiments_are_registered() -> None:
    assert NAMES == [
        "depth",
        "features-vs-activations",
        "handbuilt",
        "lecture-lags",
        "linear-collapse",
        "marked-points",
        "redundant-neuron",
        "spiral-depth",
        "tanh-equivalence",
        "width-sweep",
        "xor",
    ]


# What the data say at the small size, seed 0: every claim of the lesson holds but one.
VERDICTS = {
    "depth": True,
    "features-vs-activations": True,
    "handbuilt": True,
    "lecture-lags": True,  # an activation helps; deeper is better on train, not on test
    "linear-collapse": True,
    "marked-points": True,
    "redundant-neuron": False,  # the third neuron does not "learn 0"
    "spiral-depth": False,  # at about 100 parameters one wide layer beats deeper ones
    "tanh-equivalence": True,
    "width-sweep": True,
    "xor": True,
}


@pytest.mark.parametrize("name", NAMES)
def test_result_has_table_verdict_and_both_languages(small: dict, name: str) -> None:
    res = small[name]
    assert res.rows
    assert set(res.columns) <= set(res.rows[0])
    assert res.verdict.holds is VERDICTS[name]
    assert res.verdict.text["en"]
    assert res.verdict.text["zh"]
    assert res.claim.keys() == {"en", "zh"}
    json.dumps(res.to_dict())  # JSON-ready


@pytest.mark.parametrize("name", ["linear-collapse", "redundant-neuron", "tanh-equivalence"])
def test_same_seed_gives_identical_tables(small: dict, name: str) -> None:
    assert run(name, size="small", seed=0).rows == small[name].rows


def test_another_seed_changes_the_numbers(small: dict) -> None:
    other = run("redundant-neuron", size="small", seed=1)
    assert [r["mse"] for r in other.rows] != [r["mse"] for r in small["redundant-neuron"].rows]


def test_linear_collapse_never_goes_below_the_best_line(small: dict) -> None:
    x = lesson.GRID.values()
    floor = best_line(x, lesson.target(x)).mse
    res = small["linear-collapse"]
    assert res.verdict.holds is True
    for row in res.rows:
        assert row["best_mse"] >= floor * (1 - 1e-12)
        assert row["floor_mse"] == pytest.approx(0.97290, abs=1e-5)


def test_handbuilt_scores_match_the_lesson(small: dict) -> None:
    rows = {r["network"]: r for r in small["handbuilt"].rows}
    assert rows["lesson"]["mse"] == pytest.approx(0.013801, abs=1e-6)
    assert rows["trained"]["mse"] == pytest.approx(0.0075280, rel=1e-3)
    assert rows["best construction"]["mse"] <= rows["construction"]["mse"]


def test_redundant_neuron_verdict_follows_its_findings(small: dict) -> None:
    res = small["redundant-neuron"]
    f = res.findings
    assert f["width3_optimum_mse"] < f["width2_optimum_mse"]
    # the verdict is derived from the numbers, not written in advance
    if f["fraction_negligible_at_optimum"] < 0.1 and f["improvement"] > 0.05:
        assert res.verdict.holds is False
    weakest = np.array([r["weakest"] for r in res.rows])
    assert f["fraction_negligible"] == pytest.approx(np.mean(weakest < 0.01))


def test_prune_weakest_replaces_the_neuron_by_its_mean() -> None:
    # y = 2σ(x) + 0·σ(3x) + 1: the second neuron contributes nothing, pruning is free
    net = Network.shallow([1.0, 3.0], [0.0, 0.0], [2.0, 1e-9], 1.0)
    x = np.linspace(-2, 2, 41)
    pruned = prune_weakest(net, x)
    assert pruned.widths == [1]
    np.testing.assert_allclose(pruned(x), net(x), atol=1e-8)


def test_tanh_equivalence_conversion_is_exact(small: dict) -> None:
    res = small["tanh-equivalence"]
    assert res.findings["largest_conversion_error"] < 1e-10
    for row in res.rows:
        assert row["swapped_mse"] == pytest.approx(row["shared_optimum"], rel=1e-9)


def test_width_sweep_identity_is_flat_and_sigmoid_falls(small: dict) -> None:
    slopes = small["width-sweep"].findings["slopes"]
    assert abs(slopes["lesson/identity"]) < 1e-6
    assert slopes["sin/sigmoid"] < -1


def test_depth_counts_pieces_exactly(small: dict) -> None:
    for row in small["depth"].rows:
        assert row["init_pieces_max"] >= row["init_pieces_median"] >= 1


def test_marked_points_error_falls_with_more_points(small: dict) -> None:
    rows = [r for r in small["marked-points"].rows if r["activation"] == "relu"]
    errors = [r["construct_mse"] for r in rows]
    assert errors == sorted(errors, reverse=True)


def test_unknown_experiment_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="choose one of depth, features-vs-activations"):
        run("nope")


def test_experiment_cli_json_and_csv(cli, tmp_path) -> None:
    result = cli.invoke(
        main, ["experiment", "handbuilt", "--size", "small", "--json", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["verdict"]["holds"] is True
    assert (tmp_path / "handbuilt.csv").read_text().startswith("network,mse,max_error")


def test_experiment_cli_text_and_listing(cli) -> None:
    listing = cli.invoke(main, ["experiment"])
    assert listing.exit_code == 0
    assert "redundant-neuron" in listing.output
    text = cli.invoke(main, ["experiment", "tanh-equivalence", "--size", "small", "--lang", "zh"])
    assert text.exit_code == 0
    assert "tanh(z) = 2σ(2z) − 1" in text.output
    bad = cli.invoke(main, ["experiment", "nope"])
    assert bad.exit_code == 1
    assert "Error: unknown experiment 'nope'" in bad.output
