"""The README's library tour runs as written."""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_example_runs_and_prints_what_it_says() -> None:
    (code,) = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a step cap reached in the tour is not its point
        exec(compile(code, str(README), "exec"), {})  # the project's own docs, not user text
    printed = out.getvalue()
    for claim in ("y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2", "'mse': 0.0138", "0.97290",
                  "y = 2relu(x) − 3relu(x − 2) + relu(x − 4)", "0.0027674"):  # fmt: skip
        assert claim in printed, claim
