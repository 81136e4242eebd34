"""The layering declared in pyproject.toml, checked by import-linter: kept, complete, and able
to fail."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "actlab"
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed")


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = config["contracts"]
    return [m.strip() for layer in contract["layers"] for m in re.split(r"[|:]", layer)]


def _lint(src: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, env=env, cwd=src, timeout=120, check=False,
    )  # fmt: skip


def test_layers_cover_every_module_of_the_package() -> None:
    children = {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    children |= {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}
    assert {f"actlab.{c}" for c in children} == set(_layers())


def test_layers_are_kept() -> None:
    res = _lint(ROOT / "src")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 kept, 0 broken" in res.stdout


def test_a_back_edge_breaks_the_layers(tmp_path: Path) -> None:
    copy = tmp_path / "src" / "actlab"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    model = copy / "network" / "model.py"
    model.write_text(model.read_text() + "\n\ndef _bad() -> None:\n    from .. import report\n")
    res = _lint(tmp_path / "src")
    assert res.returncode == 1
    assert "actlab.network.model -> actlab.report" in res.stdout
