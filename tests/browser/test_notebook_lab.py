"""The lab widget in a real JupyterLab: it renders, a weight change redraws, Python reads it back.

The test starts JupyterLab (from this Python) on port 0 in a temporary directory
with its own token and configuration, opens a notebook in headless Chromium, runs
it through JupyterLab's own commands (``--LabApp.expose_app_in_browser``), moves a
weight inside the widget, reruns a cell that prints ``lab.network`` and finally
trains live for a few steps (the stream polled through the kernel) and finally sets
``lab.network`` from Python and sees the page follow.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def missing(reason: str) -> None:
    """Skip, or fail in CI where everything must be there (as in conftest.py)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


CELLS = [
    "from actlab.widgets import Lab\nlab = Lab()\nlab",
    "print('first weight', lab.network.weights[0][0, 0])",
    "from actlab import lesson\nlab.network = lesson.handbuilt_network()",
]


def _notebook(path: Path) -> None:
    cells = [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c}
        for c in CELLS
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb = {"cells": cells, "metadata": {"kernelspec": kernel}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], str]]:
    """JupyterLab on a free port, starting; yields a call that waits and gives the notebook's URL.

    Requested before ``browser``, it lets JupyterLab start while Chromium does.
    """
    for module in ("jupyterlab", "anywidget", "ipykernel"):
        try:
            __import__(module)
        except ImportError:
            missing(f"{module} is not installed (pip install 'actlab[dev]')")
    home = tmp_path_factory.mktemp("jupyter")
    _notebook(home / "lab.ipynb")
    token = secrets.token_hex(16)
    config = home / "config"
    config.mkdir()
    off = {"jupyter_lsp": False, "jupyter_server_terminals": False, "notebook_shim": False}
    server = {"ServerApp": {"jpserver_extensions": off, "terminals_enabled": False}}
    (config / "jupyter_server_config.json").write_text(json.dumps(server), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
        ),
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "ACTLAB_THREADS": "1",
    }
    args = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={home}",
        "--LabApp.expose_app_in_browser=True", f"--LabApp.workspaces_dir={home / 'workspaces'}",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # containers and CI run as root
    log = (home / "server.log").open("w+", encoding="utf-8")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=home)

    def url() -> str:
        deadline = time.monotonic() + 90
        while True:
            log.seek(0)
            found = re.search(r"(http://127\.0\.0\.1:\d+/)lab\?token=", log.read())
            if found:
                return f"{found.group(1)}lab/tree/lab.ipynb?token={token}"
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"JupyterLab did not start:\n{log.read()[-3000:]}")
            time.sleep(0.1)

    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck server
            proc.kill()
        log.close()


RUN = """async (cells) => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.sessionContext.ready;
  for (const index of cells) {
    panel.content.activeCellIndex = index;
    await window.jupyterapp.commands.execute("notebook:run-cell");
  }
}"""

OUTPUT = "(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].outputArea.node.innerText"


def read_back(page, want: str) -> None:
    """Rerun the cell printing ``lab.network``'s first weight until it shows ``want``."""
    for _ in range(40):
        page.evaluate(RUN, [1])
        page.wait_for_function(f"({OUTPUT})(1).includes('first weight')")
        if page.evaluate(OUTPUT, 1).split()[-1] == want:
            return
        time.sleep(0.1)
    assert page.evaluate(OUTPUT, 1).split()[-1] == want


def test_the_lab_widget_in_jupyterlab(jupyter, browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(jupyter())
        page.wait_for_function(
            "window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext",
            timeout=60_000,
        )
        page.evaluate(RUN, [0, 1])
        frame_el = page.wait_for_selector("iframe.actlab-lab", timeout=60_000)
        frame = frame_el.content_frame()
        frame.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)
        frame.wait_for_function("window.actlab.isIdle()", timeout=30_000)
        page.wait_for_function(f"({OUTPUT})(1).includes('first weight')", arg=None)
        first = float(page.evaluate(OUTPUT, 1).split()[-1])
        assert frame.evaluate("window.actlab.network.hidden[0].weights[0][0]") == first

        # the page's own controls, answered by the kernel: move w1 and see the curve redraw
        before = frame.eval_on_selector("#plot", "c => c.toDataURL()")
        redraws = frame.evaluate("window.actlabPerf.redraws.length")
        frame.locator("#params .param[data-k='0'] input[type=number]").fill("3.25")
        frame.wait_for_function(f"window.actlabPerf.redraws.length > {redraws}")
        frame.wait_for_function("window.actlab.isIdle()")
        assert frame.eval_on_selector("#plot", "c => c.toDataURL()") != before
        assert frame.evaluate("window.actlab.view.score.mse") is not None

        # Python reads the changed network back (the page syncs its state after ~0.3 s)
        read_back(page, "3.25")

        # live training: the page's event stream, polled from the kernel chunk by chunk
        frame.click("button[data-mode='train']")
        frame.fill("#steps", "40")
        frame.dispatch_event("#steps", "change")
        frame.click("#train-play")
        frame.wait_for_function(
            "document.querySelector('#train-status').textContent.includes('40')", timeout=30_000
        )
        trained = frame.evaluate("window.actlab.state.params[0]")
        assert trained != 3.25
        read_back(page, repr(trained))

        # and Python sets a network: the page starts again from it
        page.evaluate(RUN, [2])
        page.wait_for_function(
            """() => {
              const f = document.querySelector('iframe.actlab-lab');
              const w = f && f.contentWindow;
              return w && w.actlab && w.document.body.dataset.ready === '1'
                && w.document.querySelector('#formula').textContent.includes('2.4x')
            }""",
            timeout=30_000,
        )
        assert errors == []
    finally:
        context.close()
