"""Robustness: every command × bad arguments, bad files and unwritable paths → a clean error.

Each case must end with exit status 1 or 2 and an ``Error:`` line that names what was
wrong (the fragment checked below), with no traceback and no file changed anywhere
in the sandbox. Cases that cannot hang or exhaust memory run in-process; the others
(sizes that would need gigabytes, FIFOs, devices, huge files) run in one child process
under a 2 GiB address-space limit, each under a time limit.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actlab import Network, lesson
from actlab.cli import main

DRIVER = Path(__file__).with_name("_robust_driver.py")
MEMORY = 2 * 1024**3
SRC = str(Path(__file__).resolve().parents[1] / "src")

GOOD_SPEC = 'targets = ["seed"]\nactivations = ["sigmoid"]\nwidths = [1]\nseeds = 2\nsteps = 20\n'


def _network_text(**change: object) -> str:
    doc = lesson.handbuilt_network().to_dict() | change
    return json.dumps(doc)


FILES: dict[str, bytes] = {
    "empty.json": b"",
    "binary.json": bytes(range(256)) * 4,
    "latin1.json": '{"format": "actlab.network", "x": "é"}'.encode("latin-1"),
    "nan.json": _network_text().replace("2.4", "NaN", 1).encode(),
    "inf.json": _network_text().replace("2.4", "1e999", 1).encode(),
    "bigint.json": _network_text(version=int("9" * 4300)).replace("9" * 4300, "9" * 5000).encode(),
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "version-true.json": _network_text(version=True).encode(),
    "text.json": b"this is not json",
    "empty.toml": b"",
    "binary.toml": bytes(range(256)) * 4,
    "latin1.toml": 'targets = ["é"]'.encode("latin-1"),
    "nan.toml": (GOOD_SPEC + "noise = nan\n").encode(),
    "inf.toml": (GOOD_SPEC + "noise = inf\n").encode(),
    "bigint.toml": (GOOD_SPEC + "data_seed = " + "9" * 5000 + "\n").encode(),
    "deep.toml": b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep.yaml": b"x: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "block-deep.yaml": "".join(f"{' ' * i}k:\n" for i in range(300)).encode(),
    "bigint.yaml": b"targets: [seed]\nactivations: [relu]\nwidths: [" + b"9" * 5000 + b"]\n",
    "grid.toml": GOOD_SPEC.encode(),
    "big.toml": b'targets = ["seed"]\nactivations = ["relu"]\nwidths = [4096]\ndepths = [16]\n',
    "afile": b"a regular file\n",
    "other.csv": b"a,b\n1,2\n",
}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of bad inputs, an existing output, and a report folder with a link out."""
    root = tmp_path_factory.mktemp("robust")
    for name, data in FILES.items():
        (root / name).write_bytes(data)
    Network.init(2, 1, "tanh", seed=0).save(root / "existing.json")
    os.mkfifo(root / "fifo.json")
    os.mkfifo(root / "fifo.toml")
    with (root / "huge.json").open("wb") as fh:  # sparse: 3 GiB of size, no disk
        fh.truncate(3 * 1024**3)
    (root / "outside").mkdir()
    (root / "outside" / "victim.html").write_text("not the report's\n")
    (root / "report").mkdir()
    (root / "report" / "report.html").symlink_to(root / "outside" / "victim.html")
    (root / "tables").mkdir()
    (root / "tables" / "handbuilt.csv").write_text("an earlier table\n")
    return root


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root`` (links not followed): kind, size and content hash."""
    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p))
            elif p.is_file() and p.stat().st_size < 1024**2:
                out[rel] = ("file", hashlib.sha256(p.read_bytes()).hexdigest())
            else:
                out[rel] = ("other", p.stat().st_size)
    return out


# (id, arguments, a fragment the error must contain); paths are relative to the sandbox
CASES = [
    # fit
    ("fit-width-0", ["fit", "--width", "0"], "'width' parameter must be an integer in [1, 4096]"),
    ("fit-width-text", ["fit", "--width", "abc"], "'abc' is not a valid integer"),
    ("fit-steps-0", ["fit", "--steps", "0"], "'steps' parameter"),
    (
        "fit-lr-nan",
        ["fit", "--optimizer", "adam", "--lr", "nan"],
        "'learning_rate' parameter must be a finite",
    ),
    ("fit-target", ["fit", "--target", "sin(x"], "expected ')'"),
    ("fit-target-huge-x", ["fit", "--target", "points: -1e308,0 1e308,1"], "|x| ≤ 1e+06"),
    ("fit-save-proc", ["fit", "--save", "/proc/x/net.json"], "cannot write --save"),
    ("fit-save-empty", ["fit", "--save", ""], "the --save path is empty"),
    ("fit-save-under-file", ["fit", "--save", "afile/sub.json"], "afile is a file, not a folder"),
    ("fit-save-exists", ["fit", "--save", "existing.json"], "exists; pass --force"),
    ("fit-save-folder", ["fit", "--save", "outside"], "is a directory"),
    # construct
    (
        "construct-save-exists",
        ["construct", "--target", "sin", "--neurons", "3", "--save", "existing.json"],
        "exists; pass --force",
    ),
    (
        "construct-save-proc",
        ["construct", "--target", "sin", "--neurons", "3", "--save", "/proc/x"],
        "cannot write --save",
    ),
    ("construct-tolerance-0", ["construct", "--target", "sin", "--tolerance", "0"], "tolerance"),
    (
        "construct-tolerance-nan",
        ["construct", "--target", "sin", "--tolerance", "nan"],
        "tolerance",
    ),
    ("construct-neurons-0", ["construct", "--target", "sin", "--neurons", "0"], "neurons"),
    ("construct-points", ["construct", "--points", "1,2 x,y"], "points"),
    # collapse and show: bad network files
    *[
        (f"{cmd}-{name}", [cmd, "--net", name], fragment)
        for cmd in ("collapse", "show")
        for name, fragment in [
            ("empty.json", "invalid JSON"),
            ("binary.json", "not UTF-8 text (byte 0x80 at offset 128)"),
            ("latin1.json", "not UTF-8 text"),
            ("nan.json", "must be a finite number"),
            ("inf.json", "must be a finite number"),
            ("bigint.json", "at most 4300 digits"),
            ("deep.json", "brackets nest 100000 deep; at most 64 levels are allowed"),
            ("version-true.json", "unsupported network file version True"),
            ("text.json", "invalid JSON"),
            ("missing.json", "network file not found: missing.json"),
            ("afile", "invalid JSON"),
        ]
    ],
    ("show-net-folder", ["show", "--net", "outside"], "is a directory"),
    ("collapse-width-0", ["collapse", "--width", "0"], "'width' parameter"),
    ("collapse-points-0", ["collapse", "--target", "seed", "--points", "1"], "'points' parameter"),
    # experiment
    ("experiment-unknown", ["experiment", "nope"], "unknown experiment 'nope'; choose one of"),
    ("experiment-out-proc", ["experiment", "handbuilt", "--out", "/proc/x"], "cannot create"),
    ("experiment-out-empty", ["experiment", "handbuilt", "--out", ""], "path is empty"),
    (
        "experiment-out-under-file",
        ["experiment", "handbuilt", "--out", "afile/sub"],
        "afile is a file, not a folder",
    ),
    (
        "experiment-out-exists",
        ["experiment", "handbuilt", "--out", "tables"],
        "tables/handbuilt.csv exists; pass --force",
    ),
    # demo
    ("demo-out-proc", ["demo", "--out", "/proc/x"], "cannot create --out folder /proc/x"),
    ("demo-out-empty", ["demo", "--out", ""], "path is empty"),
    ("demo-out-under-file", ["demo", "--out", "afile/sub"], "afile is a file, not a folder"),
    ("demo-out-file", ["demo", "--out", "afile"], "is a file"),
    ("demo-out-link-out", ["demo", "--out", "report"], "outside the folder"),
    ("demo-seed", ["demo", "--seed", "-1"], "'--seed'"),
    # sweep: bad specs, outputs, schedulers
    *[
        (f"sweep-{name}", ["sweep", name], fragment)
        for name, fragment in [
            ("empty.toml", "the sweep spec needs 'targets'"),
            ("binary.toml", "not UTF-8 text"),
            ("latin1.toml", "not UTF-8 text"),
            ("nan.toml", "'noise' parameter must be a finite number"),
            ("inf.toml", "'noise' parameter must be a finite number"),
            ("bigint.toml", "at most 4300 digits"),
            ("deep.toml", "brackets nest 100000 deep"),
            ("deep.yaml", "brackets nest 100000 deep"),
            ("block-deep.yaml", "nested too deeply"),
            ("bigint.yaml", "at most 4300 digits"),
            ("missing.toml", "sweep spec not found"),
        ]
    ],
    ("sweep-out-proc", ["sweep", "grid.toml", "--out", "/proc/x/t.csv"], "cannot write"),
    ("sweep-out-empty", ["sweep", "grid.toml", "--out", ""], "path is empty"),
    ("sweep-out-under-file", ["sweep", "grid.toml", "--out", "afile/t.csv"], "is a file"),
    ("sweep-out-suffix", ["sweep", "grid.toml", "--out", "t.txt"], "must end in .csv or .parquet"),
    ("sweep-out-foreign", ["sweep", "grid.toml", "--out", "other.csv"], "not written by this"),
    (
        "sweep-scheduler",
        ["sweep", "grid.toml", "--executor", "dask", "--scheduler", "not a url"],
        "--scheduler address must be [tcp://]HOST:PORT",
    ),
    ("sweep-executor", ["sweep", "grid.toml", "--executor", "mpi"], "'mpi' is not one of"),
    # targets, serve
    ("target-show-syntax", ["target", "show", "sin(x"], "expected ')'"),
    ("target-show-huge-x", ["target", "show", "points: -1e308,0 1e308,1"], "|x| ≤ 1e+06"),
    ("target-show-samples", ["target", "show", "sin", "--samples", "0"], "'--samples'"),
    ("serve-port", ["serve", "--port", "99999"], "'--port'"),
    ("serve-host", ["serve", "--host", "not a host", "--port", "0"], "cannot listen on --host"),
]

# Sizes that would exhaust memory or never end, and inputs that block or never end.
HEAVY = [
    ("fit-4096x64", ["fit", "--width", "4096", "--depth", "64"], "ACTLAB_MAX_MEMORY"),
    ("collapse-4096x64", ["collapse", "--width", "4096", "--depth", "64"], "use a smaller width"),
    ("fit-restarts", ["fit", "--width", "4096", "--restarts", "10000"], "fewer restarts"),
    (  # lm on 4096 neurons runs L-BFGS (over 1000 parameters) and finishes; many Adam
        # steps on three wide layers are still far too much work
        "fit-adam-4096x3",
        ["fit", "--width", "4096", "--depth", "3", "--optimizer", "adam", "--steps", "100000"],
        "a smaller width or depth, fewer steps",
    ),
    (
        "collapse-forward",
        ["collapse", "--width", "4096", "--depth", "2", "--target", "seed", "--points", "1000000"],
        "use fewer points",
    ),
    ("sweep-4096x16", ["sweep", "big.toml"], "more than the limit"),
    (
        "construct-1e-12",
        ["construct", "--target", "seed", "--activation", "sigmoid", "--tolerance", "1e-12"],
        "raise the 'tolerance' parameter",
    ),
    ("collapse-fifo", ["collapse", "--net", "fifo.json"], "it is a named pipe"),
    ("show-fifo", ["show", "--net", "fifo.json"], "it is a named pipe"),
    ("sweep-fifo", ["sweep", "fifo.toml"], "it is a named pipe"),
    ("collapse-dev-zero", ["collapse", "--net", "/dev/zero"], "it is a device"),
    ("sweep-dev-zero", ["sweep", "/dev/zero"], "it is a device"),
    ("collapse-huge", ["collapse", "--net", "huge.json"], "at most 256.0 MiB is allowed"),
]


def _check(code: int | None, output: str, exception: str | None, fragment: str) -> None:
    assert exception is None, f"uncaught {exception}:\n{output}"
    assert code in (1, 2), f"exit code {code}:\n{output}"
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert errors, output
    assert fragment in output, output


@pytest.mark.parametrize(("args", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_cli_bad_input_is_a_clean_error(cli, sandbox: Path, monkeypatch, args, fragment) -> None:
    monkeypatch.chdir(sandbox)
    before = snapshot(sandbox)
    res = cli.invoke(main, args)
    exception = None if isinstance(res.exception, SystemExit | None) else repr(res.exception)
    _check(res.exit_code, res.output, exception, fragment)
    assert snapshot(sandbox) == before


@pytest.fixture(scope="module")
def heavy_results(sandbox: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every HEAVY case, run once in a child process under the memory limit."""
    cases = {key: [args, 120, str(sandbox)] for key, args, _ in HEAVY}
    spec = tmp_path_factory.mktemp("driver") / "cases.json"
    spec.write_text(json.dumps(cases))
    before = snapshot(sandbox)
    env = os.environ | {"PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("ACTLAB_MAX_MEMORY", None)
    env.pop("ACTLAB_MAX_WORK", None)
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(spec), str(MEMORY)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {"results": json.loads(done.stdout), "changed": snapshot(sandbox) != before}


@pytest.mark.parametrize("fragment", [c[2] for c in HEAVY], ids=[c[0] for c in HEAVY])
def test_cli_heavy_input_is_a_clean_error(heavy_results: dict, request, fragment: str) -> None:
    key = request.node.callspec.id
    got = heavy_results["results"][key]
    _check(got["exit_code"], got["output"], got["exception"], fragment)
    assert not heavy_results["changed"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [(["collapse", "--net", "fifo.json"], "named pipe"), (["fit", "--save", ""], "path is empty")],
    ids=["fifo", "empty-save"],
)
def test_cli_errors_in_a_real_process(sandbox: Path, args: list[str], fragment: str) -> None:
    env = os.environ | {"PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-m", "actlab", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=sandbox,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error:") and fragment in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
