"""Sweeps: spec validation, resumable tables, and identical results whatever the executor."""

from __future__ import annotations

import csv
import json

import pytest

from actlab.errors import ConfigError, ExpressionError, SchemaError
from actlab.experiments.spec import SweepSpec, load_spec
from actlab.experiments.sweep import run_cell, run_sweep
from actlab.experiments.table import COLUMNS, read_rows

SPEC = {
    "targets": ["seed", "sin(x)"],
    "activations": ["sigmoid", "tanh"],
    "widths": [1, 2],
    "optimizers": ["lm"],
    "seeds": 3,
    "steps": 40,
    "points": 41,
}


@pytest.fixture
def spec() -> SweepSpec:
    return SweepSpec.from_dict(SPEC)


def test_spec_expands_to_cells_in_fixed_order(spec: SweepSpec) -> None:
    cells = spec.cells()
    assert spec.n_cells == len(cells) == 2 * 2 * 2
    assert spec.n_runs == 8 * 3
    assert [c.index for c in cells] == list(range(8))
    assert cells[0].key == ("seed", "sigmoid", 1, 1, "lm")
    assert cells[-1].key == ("sin(x)", "tanh", 2, 1, "lm")
    assert cells[0].seeds == (0, 1, 2)


def test_spec_reads_toml_and_yaml_alike(tmp_path) -> None:
    toml = tmp_path / "s.toml"
    toml.write_text(
        '[sweep]\ntargets = ["seed"]\nactivations = "relu"\nwidths = [2, 4]\nseeds = [5, 7]\n'
    )
    yaml = tmp_path / "s.yaml"
    yaml.write_text("targets: [seed]\nactivations: relu\nwidths: [2, 4]\nseeds: [5, 7]\n")
    assert load_spec(toml) == load_spec(yaml)
    assert load_spec(toml).seeds == (5, 7)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"widths": [0]}, ConfigError, r"'widths' parameter must be an integer in \[1, 4096\]"),
        ({"activations": ["step"]}, ConfigError, "cannot be trained by gradients"),
        ({"optimizers": ["newton"]}, ConfigError, "must be among lm, lbfgs, adam, sgd"),
        ({"targets": ["sin(x"]}, ExpressionError, "expected '\\)'"),
        ({"colour": "red"}, SchemaError, "unknown sweep key"),
        ({"seeds": [1, 1]}, ConfigError, "repeated seeds"),
        ({"widths": list(range(1, 4001)), "seeds": 5000}, ConfigError, "at most 10000000"),
    ],
    ids=["width", "step", "optimizer", "expression", "unknown-key", "seeds", "too-big"],
)
def test_spec_rejects_bad_values(change: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        SweepSpec.from_dict(SPEC | change)


def test_spec_file_errors_are_clear(tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("targets = [seed")
    with pytest.raises(SchemaError, match="invalid TOML"):
        load_spec(bad)
    with pytest.raises(SchemaError, match="sweep spec not found"):
        load_spec(tmp_path / "missing.toml")


def test_run_cell_rows_equal_training_each_seed_alone(spec: SweepSpec) -> None:
    cell = spec.cells()[1]
    rows = run_cell(cell)
    assert [r["seed"] for r in rows] == [0, 1, 2]
    one = SweepSpec.from_dict(SPEC | {"seeds": [1]}).cells()[1]
    alone = run_cell(one)[0]
    assert alone["mse"] == pytest.approx(rows[1]["mse"], rel=1e-9, abs=1e-12)
    assert all(r["mse"] >= 0 for r in rows)


def _table(path) -> list[list[str]]:
    with open(path, newline="") as fh:
        return list(csv.reader(fh))


def test_interrupted_sweep_resumes_to_the_same_table(spec: SweepSpec, tmp_path) -> None:
    whole = tmp_path / "whole.csv"
    run_sweep(spec, whole)

    part = tmp_path / "part.csv"
    calls = []

    def interrupted(cell):
        if len(calls) == 3:
            raise KeyboardInterrupt
        calls.append(cell.index)
        return run_cell(cell)

    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec, part, cell_fn=interrupted)
    assert {r["cell"] for r in read_rows(part)} == {0, 1, 2}
    # a torn last line, as if the process died in the middle of a write
    with part.open("a") as fh:
        fh.write("3,seed,sigmoid,2,1,lm,0,7,40,Tr")
    redone = []

    def counting(cell):
        redone.append(cell.index)
        return run_cell(cell)

    run_sweep(spec, part, cell_fn=counting)
    assert redone == [3, 4, 5, 6, 7]
    assert _table(part) == _table(whole)
    assert _table(whole)[0] == list(COLUMNS)
    assert len(_table(whole)) == 1 + spec.n_runs


def test_sweep_refuses_to_mix_specs(spec: SweepSpec, tmp_path) -> None:
    out = tmp_path / "r.csv"
    run_sweep(SweepSpec.from_dict(SPEC | {"widths": [1], "targets": ["seed"]}), out)
    with pytest.raises(ConfigError, match="different sweep spec"):
        run_sweep(spec, out)
    rows = run_sweep(spec, out, restart=True)
    assert len(rows) == spec.n_runs
    meta = json.loads((tmp_path / "r.csv.spec.json").read_text())
    assert meta["fingerprint"] == spec.fingerprint()


def test_dask_executor_gives_the_same_table(spec: SweepSpec, tmp_path) -> None:
    pytest.importorskip("dask.distributed")
    local = tmp_path / "local.csv"
    remote = tmp_path / "dask.csv"
    run_sweep(spec, local)
    run_sweep(spec, remote, executor="dask")
    assert _table(local) == _table(remote)


def test_parquet_output_matches_csv(spec: SweepSpec, tmp_path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    small = SweepSpec.from_dict(SPEC | {"targets": ["seed"], "widths": [1]})
    rows = run_sweep(small, tmp_path / "r.parquet")
    table = pq.read_table(tmp_path / "r.parquet").to_pylist()
    assert table == rows


def test_sweep_cli_writes_table_and_resumes(cli, tmp_path) -> None:
    from actlab.cli import main

    spec_file = tmp_path / "grid.toml"
    spec_file.write_text(
        'targets = ["seed"]\nactivations = ["sigmoid"]\nwidths = [1, 2]\nseeds = 2\nsteps = 30\n'
    )
    out = tmp_path / "grid.csv"
    first = cli.invoke(main, ["sweep", str(spec_file), "--out", str(out), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output) == {"out": str(out), "cells": 2, "runs": 4}
    again = cli.invoke(main, ["sweep", str(spec_file), "--out", str(out)])
    assert again.exit_code == 0
    assert "4 runs in 2 cells" in again.output


def test_sweep_cli_bad_spec_is_an_error(cli, tmp_path) -> None:
    from actlab.cli import main

    spec_file = tmp_path / "grid.toml"
    spec_file.write_text('targets = ["seed"]\nactivations = ["sigmoid"]\nwidths = [-1]\n')
    result = cli.invoke(main, ["sweep", str(spec_file)])
    assert result.exit_code == 1
    assert "Error: the 'widths' parameter" in result.output
