"""The tutorial notebooks (English and Chinese) run top to bottom in a fresh kernel.

Executed with nbclient and the venv's ipykernel; the lab widget's cell must give the
widget's MIME type, a network a LaTeX formula and HTML, a figure a PNG image (no
``%matplotlib inline`` anywhere), and no cell may print an error or a warning.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("anywidget")

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
WIDGET = "application/vnd.jupyter.widget-view+json"

pytestmark = pytest.mark.slow


def _make_tutorials():
    spec = importlib.util.spec_from_file_location("make_tutorials", DOCS / "make_tutorials.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_notebooks_are_what_the_script_writes(lang: str) -> None:
    make = _make_tutorials()
    assert make.PATHS[lang].read_text(encoding="utf-8") == make.text(lang)


def _outputs(nb, code: str) -> list[dict]:
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and c.source.strip() == code]
    return cell.outputs


@pytest.mark.parametrize("name", ["tutorial.ipynb", "tutorial.zh.ipynb"])
def test_tutorial_runs_in_a_fresh_kernel(name: str, tmp_path: Path, monkeypatch) -> None:
    paths = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, paths)))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("ACTLAB_THREADS", "1")
    nb = nbformat.read(DOCS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", out
            assert out.get("name") != "stderr", out.get("text")
    code = "from actlab.widgets import Lab\n\nlab = Lab(network=result.network, lang=LANG)\nlab"
    (lab,) = _outputs(nb, code)
    assert WIDGET in lab["data"]
    (network,) = _outputs(nb, "net = lesson.handbuilt_network()\nnet")
    assert network["data"]["text/latex"].startswith("$$\ny = 4\\sigma")
    assert "<img" in network["data"]["text/html"]
    (diagram,) = _outputs(nb, "network_diagram(net, lang=LANG)")
    assert "image/png" in diagram["data"]
    (back,) = _outputs(nb, "lab.network")
    assert back["data"]["text/plain"] == "Network(1-3-1, sigmoid)"
    (verdict,) = _outputs(nb, 'actlab.experiments.run("handbuilt", size="small")')
    assert ("结论" if ".zh." in name else "Verdict") in verdict["data"]["text/html"]
