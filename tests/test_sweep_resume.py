"""A sweep resumed after any damage to its table gives the uninterrupted table, byte for byte."""

from __future__ import annotations

import shutil

import pytest

from actlab.cli import main
from actlab.errors import ConfigError
from actlab.experiments.spec import SweepSpec
from actlab.experiments.sweep import run_sweep
from actlab.experiments.table import COLUMNS, ResultsTable, read_rows

SPEC = SweepSpec.from_dict(
    {"targets": ["seed"], "activations": ["sigmoid", "tanh"], "widths": [1, 2], "seeds": 2}
)


def fake_cell(cell) -> list[dict]:  # type: ignore[no-untyped-def]
    """Rows with long floats (as training gives) but computed in microseconds."""
    return [
        {
            "cell": cell.index, "target": cell.target, "activation": cell.activation,
            "width": cell.width, "depth": cell.depth, "optimizer": cell.optimizer,
            "seed": seed, "parameters": 3 * cell.width + 1, "steps": 7 + seed,
            "converged": seed % 2 == 0, "mse": 1.000625430390148 + cell.index / 3 + seed,
            "max_error": 2.0 / (7 + cell.index + seed),
        }
        for seed in cell.seeds
    ]  # fmt: skip


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("whole") / "t.csv"
    run_sweep(SPEC, path, cell_fn=fake_cell)
    return path


def test_table_rows_carry_a_check_column(whole) -> None:  # type: ignore[no-untyped-def]
    lines = whole.read_text().splitlines()
    assert lines[0].split(",") == list(COLUMNS) and COLUMNS[-1] == "check"
    assert all(len(line.rsplit(",", 1)[1]) == 8 for line in lines[1:])
    assert len(read_rows(whole)) == SPEC.n_runs


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_resume_after_any_damage_gives_the_same_bytes(whole, tmp_path, monkeypatch, damage) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("os.fsync", lambda fd: None)  # durability is not what is tested here
    data = whole.read_bytes()
    for cut in range(len(data)):
        out = tmp_path / f"{damage}{cut}.csv"
        shutil.copy(whole.with_name("t.csv.spec.json"), out.with_name(out.name + ".spec.json"))
        if damage == "truncate":
            out.write_bytes(data[:cut])
        else:  # one digit changed in place: the row fails its check and its cell is redone
            flipped = bytes([data[cut] ^ 1]) if chr(data[cut]).isdigit() else data[cut : cut + 1]
            out.write_bytes(data[:cut] + flipped + data[cut + 1 :])
        run_sweep(SPEC, out, cell_fn=fake_cell)
        assert out.read_bytes() == data, f"{damage} at byte {cut}"


def test_torn_number_that_still_parses_is_redone(whole, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "t.csv"
    shutil.copy(whole.with_name("t.csv.spec.json"), out.with_name("t.csv.spec.json"))
    text = whole.read_text()
    out.write_text(text[: text.rindex(",")][:-4])  # "…,1.000625430390148" cut mid-number
    redone = []
    run_sweep(SPEC, out, cell_fn=lambda c: redone.append(c.index) or fake_cell(c))
    assert redone == [SPEC.n_cells - 1]
    assert out.read_bytes() == whole.read_bytes()


def test_cli_resume_after_truncating_4_bytes(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = tmp_path / "grid.toml"
    spec.write_text('targets = ["seed"]\nactivations = ["sigmoid"]\nwidths = [1, 2]\nseeds = 2\n'
                    "steps = 30\n")  # fmt: skip
    clean, cut = tmp_path / "clean.csv", tmp_path / "t.csv"
    assert cli.invoke(main, ["sweep", str(spec), "--out", str(clean)]).exit_code == 0
    assert cli.invoke(main, ["sweep", str(spec), "--out", str(cut)]).exit_code == 0
    cut.write_bytes(cut.read_bytes()[:-4])
    again = cli.invoke(main, ["sweep", str(spec), "--out", str(cut)])
    assert again.exit_code == 0, again.output
    assert cut.read_bytes() == clean.read_bytes()


def test_failed_sweep_leaves_no_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sub" / "t.csv"

    def broken(cell):  # type: ignore[no-untyped-def]
        raise ConfigError("this cell cannot run")

    with pytest.raises(ConfigError, match="this cell cannot run"):
        run_sweep(SPEC, out, cell_fn=broken)
    assert list(tmp_path.iterdir()) == []


def test_restart_keeps_old_results_until_a_new_cell_is_done(whole, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "t.csv"
    shutil.copy(whole, out)
    shutil.copy(whole.with_name("t.csv.spec.json"), tmp_path / "t.csv.spec.json")
    table = ResultsTable(out, SPEC, restart=True)
    assert table.rows == [] and out.read_bytes() == whole.read_bytes()


def test_table_write_error_is_a_config_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ConfigError, match="cannot write the results table"):
        run_sweep(SPEC, tmp_path / "afile" / "t.csv", cell_fn=fake_cell)
