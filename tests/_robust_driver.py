"""Run ``actlab`` cases in one process under a memory limit, each under a time limit.

Used by ``test_robustness_cli.py``: ``python _robust_driver.py CASES.json MEMORY_BYTES``
where the file holds ``{"id": [args, seconds, cwd], …}``. Prints one JSON object:
per case the exit code, the output, the type of an uncaught exception (None when the
command ended through ``SystemExit``, as every clean error does) and the seconds taken.
A case that runs past its limit ends with ``CaseTimeout``: SIGALRM interrupts even a
blocking ``open()`` of a FIFO.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time


class CaseTimeout(Exception):
    """A case ran past its time limit."""


def _alarm(signum: int, frame: object) -> None:
    raise CaseTimeout


def main() -> None:
    """Run every case; print the results as JSON."""
    with open(sys.argv[1], encoding="utf-8") as fh:
        cases = json.loads(fh.read())
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from click.testing import CliRunner

    from actlab.cli import main as actlab

    signal.signal(signal.SIGALRM, _alarm)
    runner = CliRunner()
    results = {}
    for key, (args, seconds, cwd) in cases.items():
        os.chdir(cwd)
        start = time.monotonic()
        signal.alarm(int(seconds))
        try:
            res = runner.invoke(actlab, args)
            out = {
                "exit_code": res.exit_code,
                "output": res.output,
                "exception": None
                if res.exception is None or isinstance(res.exception, SystemExit)
                else type(res.exception).__name__,
            }
        except CaseTimeout:
            out = {"exit_code": None, "output": "", "exception": "CaseTimeout"}
        finally:
            signal.alarm(0)
        out["seconds"] = time.monotonic() - start
        results[key] = out
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
