#!/usr/bin/env python3
"""Time the main job and the full-size experiments, each in a fresh process (a cold start).

    python benchmarks/bench_story.py            # demo ×3 (en, zh), redundant-neuron full ×3
    python benchmarks/bench_story.py --quick    # one run of each

Targets: ``actlab demo`` in ≤ 60 s and ``actlab experiment redundant-neuron``
(1,000 networks) in ≤ 60 s on 2 cores. Writes benchmarks/RESULTS-story.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import machine

HERE = Path(__file__).resolve().parent
ACTLAB = [sys.executable, "-m", "actlab"]


def cold(args: list[str]) -> float:
    """Wall seconds of ``python -m actlab ARGS`` in a new process; fails loudly on error.

    Each run gets an empty numba cache, so JIT compilation is part of the time,
    as on a fresh clone.
    """
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        t0 = time.perf_counter()
        proc = subprocess.run(
            [*ACTLAB, *args], capture_output=True, text=True, check=False, env=env
        )
        seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"actlab {' '.join(args)} failed:\n{proc.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run of each")
    repeat = 1 if parser.parse_args().quick else 3
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        jobs = {
            "actlab demo --lang en": ["demo", "--lang", "en", "--out", f"{tmp}/en"],
            "actlab demo --lang zh": ["demo", "--lang", "zh", "--out", f"{tmp}/zh"],
            "actlab experiment redundant-neuron (1,000 networks)": [
                "experiment",
                "redundant-neuron",
                "--size",
                "full",
                "--json",
            ],
        }
        for label, args in jobs.items():
            times = [cold(args) for _ in range(repeat)]
            med = statistics.median(times)
            rows.append((label, med, min(times), max(times)))
            print(f"{label:<55} median {med:6.1f} s  (target ≤ 60 s: {med / 60:.2f}×)", flush=True)
    info = machine()
    lines = [
        "# The main job and the experiments, from a cold start",
        "",
        f"{datetime.date.today()} · {info['cpu']} · {info['cores']} cores · "
        f"Python {info['python']} · numpy {info['numpy']} · runs per job: {repeat}",
        "",
        "Each run is a new process (`python -m actlab …`) with an empty numba cache:",
        "imports and JIT compilation are included, as on a fresh clone.",
        "",
        "| job | median s | min s | max s | target |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {label} | {m:.1f} | {lo:.1f} | {hi:.1f} | ≤ 60 |" for label, m, lo, hi in rows]
    (HERE / "RESULTS-story.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {HERE / 'RESULTS-story.md'}")


if __name__ == "__main__":
    main()
