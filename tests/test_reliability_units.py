"""The pieces behind the robustness suite: safe reading, budgets, output paths, CSV limits."""

from __future__ import annotations

import itertools
import json
import os

import numpy as np
import pytest

from actlab import Network
from actlab._budget import check_forward, check_training, fit_cost, memory_limit, work_limit
from actlab._files import parse_json, parse_yaml, read_text
from actlab.cli import main
from actlab.cli._paths import check_links, output_file, write_text
from actlab.errors import ConfigError, DataError, SchemaError
from actlab.targets.csvfile import _parse
from actlab.train import fit

# ---------------------------------------------------------------- reading files


def test_read_text_refuses_a_fifo_without_blocking(tmp_path) -> None:
    os.mkfifo(tmp_path / "p")
    with pytest.raises(SchemaError, match=r"cannot read spec .*p: it is a named pipe"):
        read_text(tmp_path / "p", "spec", 100)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"x" * 101, r"the spec .* is 101 bytes; at most 100 bytes is allowed"),
        (b"ok \xff", r"not UTF-8 text \(byte 0xff at offset 3\)"),
    ],
    ids=["size", "utf8"],
)
def test_read_text_errors_name_the_problem(tmp_path, data: bytes, error: str) -> None:
    (tmp_path / "f").write_bytes(data)
    with pytest.raises(SchemaError, match=error):
        read_text(tmp_path / "f", "spec", 100)


def test_read_text_reads_utf8_and_drops_a_bom(tmp_path) -> None:
    (tmp_path / "f").write_bytes("\ufeffσ = 1".encode())
    assert read_text(tmp_path / "f", "spec", 100) == "σ = 1"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("[" * 65 + "]" * 65, "brackets nest 65 deep; at most 64 levels are allowed"),
        ('{"v": ' + "1" * 5000 + "}", "integers may have at most 4300 digits"),
        ("{", "invalid JSON"),
    ],
    ids=["deep", "bigint", "syntax"],
)
def test_parse_json_errors(text: str, error: str) -> None:
    with pytest.raises(SchemaError, match=error):
        parse_json(text, "doc")


def test_parse_json_ignores_brackets_inside_strings() -> None:
    assert parse_json('{"a": "' + "[" * 100 + '"}', "doc") == {"a": "[" * 100}


def test_parse_yaml_refuses_an_alias_bomb() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    with pytest.raises(SchemaError, match="more than 1000000 values"):
        parse_yaml("\n".join(lines), "spec")


def test_network_version_must_be_an_integer() -> None:
    doc = Network.init(2, 1, "tanh", seed=0).to_dict()
    for bad in (True, 1.0, "1"):
        with pytest.raises(SchemaError, match=f"unsupported network file version {bad!r}"):
            Network.from_json(json.dumps(doc | {"version": bad}))


# ---------------------------------------------------------------------- budgets


def test_memory_limit_follows_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("ACTLAB_MAX_MEMORY", "4G")
    assert memory_limit() == (4 * 1024**3, "ACTLAB_MAX_MEMORY")
    monkeypatch.setenv("ACTLAB_MAX_WORK", "1e9")
    assert work_limit() == (1e9, "ACTLAB_MAX_WORK")
    monkeypatch.setenv("ACTLAB_MAX_MEMORY", "lots")
    with pytest.raises(ConfigError, match="ACTLAB_MAX_MEMORY environment variable must be"):
        memory_limit()


def test_network_init_refuses_over_the_memory_limit(monkeypatch) -> None:
    monkeypatch.setenv("ACTLAB_MAX_MEMORY", "1M")
    message = (
        r"a network of shape 1-256-256-1 \(66561 parameters each\) would need about 1.5 MiB "
        r"of memory, more than the limit of 1.0 MiB \(ACTLAB_MAX_MEMORY; set ACTLAB_MAX_MEMORY "
        r"to change it\): use a smaller width or depth"
    )
    with pytest.raises(ConfigError, match=message):
        Network.init(256, 2, "relu", seed=0)
    assert Network.init(64, 2, "relu", seed=0).n_parameters == 4353


def test_fit_refuses_over_the_work_limit(monkeypatch) -> None:
    monkeypatch.setenv("ACTLAB_MAX_WORK", "1e6")
    x = np.linspace(-1, 1, 50)
    with pytest.raises(ConfigError, match=r"training 4 starts of a 1-8-1 network .* multiply-adds"):
        fit(Network.init(8, 1, "tanh", seed=0), x, np.sin(x))


def test_lm_cost_grows_with_the_cube_of_the_parameters() -> None:
    small, big = (
        fit_cost([64], "lm", 201, 1, 10, True)[1],
        fit_cost([128], "lm", 201, 1, 10, True)[1],
    )
    assert 4 < big / small < 8
    adam = fit_cost([128], "adam", 201, 1, 10, True)
    assert adam[1] < big / 10 and adam[0] < fit_cost([128], "lm", 201, 1, 10, True)[0]


def test_budget_messages_say_what_to_change(monkeypatch) -> None:
    monkeypatch.setenv("ACTLAB_MAX_WORK", "1")
    with pytest.raises(ConfigError, match=r"or optimizer adam \(no p × p matrices\)$"):
        check_training([4], "lm", 10, 1, 1, fused=True)
    with pytest.raises(ConfigError, match=r"use fewer points, a smaller width or depth$"):
        check_forward([4], 10)


# ------------------------------------------------------------------ output paths


def test_force_replaces_a_saved_network(cli, tmp_path) -> None:
    path = tmp_path / "n.json"
    path.write_text("old")
    res = cli.invoke(main, ["fit", "--width", "1", "--steps", "3", "--save", str(path), "--force"])
    assert res.exit_code == 0, res.output
    assert Network.load(path).widths == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.json"]  # no temporary left


def test_write_text_replaces_a_link_instead_of_writing_through_it(tmp_path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    link = tmp_path / "out.json"
    link.symlink_to(victim)
    write_text(output_file(str(link), force=True, option="--save"), "new", "--save")
    assert victim.read_text() == "keep me"
    assert not link.is_symlink() and link.read_text() == "new"


def test_check_links_allows_links_inside_the_folder(tmp_path) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "a.png").write_text("x")
    (tmp_path / "report.html").symlink_to(tmp_path / "figures" / "a.png")
    check_links(tmp_path, ["report.html", "figures"], "--out")
    (tmp_path / "figures" / "b.png").symlink_to("/etc/hostname")
    with pytest.raises(ConfigError, match=r"b.png is a link to /etc/hostname, outside the folder"):
        check_links(tmp_path, ["report.html", "figures"], "--out")


def test_experiment_force_writes_the_table(cli, tmp_path) -> None:
    (tmp_path / "handbuilt.csv").write_text("old\n")
    args = ["experiment", "handbuilt", "--size", "small", "--out", str(tmp_path)]
    assert cli.invoke(main, args).exit_code == 1
    res = cli.invoke(main, [*args, "--force"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "handbuilt.csv").read_text().startswith("network,mse,")


# ------------------------------------------------------------------------- CSV


def test_csv_stops_reading_at_the_points_limit() -> None:
    read = itertools.count()

    def lines():  # type: ignore[no-untyped-def]
        for i in range(10_000_000):
            next(read)
            yield f"{i},{i}\n"

    with pytest.raises(DataError, match="more than 100 data rows; at most 100 points"):
        _parse(lines(), source="big.csv", limit=100)
    assert next(read) <= 102  # the rows up to the limit, then one more
