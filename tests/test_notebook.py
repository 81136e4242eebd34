"""Rich displays in IPython: networks, results and figures show themselves, in en and zh.

Plus the package's front door in a fresh interpreter: ``import actlab`` then
``actlab.fit``, ``actlab.collapse``, ``actlab.figures`` …, and scikit-learn's
filters applying to actlab's ConvergenceWarning whatever the import order.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("IPython")

from IPython.core.interactiveshell import InteractiveShell

import actlab
from actlab import Network, Problem, lesson, notebook
from actlab.collapse import best_line, best_polynomial, collapse
from actlab.construct import relu_network
from actlab.figures import network_diagram

SRC = Path(__file__).resolve().parents[1] / "src"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def shell() -> InteractiveShell:
    ip = InteractiveShell.instance()
    assert notebook.register(ip)
    return ip


@pytest.fixture
def lang():
    yield notebook.set_lang
    notebook.set_lang("en")


def shown(shell: InteractiveShell, obj: object) -> dict:
    data, _ = shell.display_formatter.format(obj)
    return data


def test_network_shows_latex_html_and_a_diagram(shell, lang) -> None:
    lang("en")
    data = shown(shell, lesson.handbuilt_network())
    assert data["text/latex"].startswith("$$\ny = 4\\sigma\\left(2.4x - 2.4\\right)")
    assert "$$y = 4\\sigma" in data["text/html"]
    assert "1-2-1 network, sigmoid" in data["text/html"]
    assert 'src="data:image/png;base64,' in data["text/html"]
    # too large for a diagram or a formula: still a summary
    wide = shown(shell, Network.init(64, 4, "relu", seed=0))
    assert "1-64-64-64-64-1" in wide["text/html"] and "<img" not in wide["text/html"]
    assert "text/latex" not in wide
    pop = shown(shell, Network.init(3, 1, "sigmoid", seed=[0, 1, 2]))
    assert "a population of 3 networks" in pop["text/html"]


def test_figures_show_as_png_without_matplotlib_inline(shell) -> None:
    data = shown(shell, network_diagram(lesson.handbuilt_network()))
    assert data["image/png"].startswith(PNG)


def test_results_show_as_html_in_the_active_language(shell, lang) -> None:
    x, y = Problem.lesson().train()
    fit = actlab.fit(Network.init(2, 1, "sigmoid", seed=0), x, y, steps=50)
    line = collapse(Network.init(3, 2, "identity", seed=0))
    poly = collapse(Network.init(2, 1, "square", seed=0))
    pieces = collapse(relu_network(np.array([0.0, 2, 4]), np.array([0.0, 4, 2])))
    built = actlab.construct.from_points(np.array([0.0, 2, 4, 6]), np.array([0.0, 4, 2, 2]))
    lang("en")
    assert "training MSE" in shown(shell, fit)["text/html"]
    assert "This network is a line" in shown(shell, line)["text/html"]
    assert "polynomial of degree 2" in shown(shell, poly)["text/html"]
    html = shown(shell, pieces)["text/html"]
    assert "4 linear pieces" in html and html.count("<tr>") == 5
    assert "Constructed: 3 relu neurons" in shown(shell, built)["text/html"]
    assert "no linear network does better" in shown(shell, best_line(x, y))["text/html"]
    assert "degree ≤ 3" in shown(shell, best_polynomial(x, y, 3))["text/html"]
    lang("zh")
    assert "训练 MSE" in shown(shell, fit)["text/html"]
    assert "这个网络是一条直线" in shown(shell, line)["text/html"]
    assert "4 段线性函数" in shown(shell, pieces)["text/html"]


def test_experiment_result_shows_claim_verdict_and_table(shell, lang) -> None:
    res = actlab.experiments.run("handbuilt", size="small")
    lang("en")
    html = shown(shell, res)["text/html"]
    assert res.claim["en"] in html and "Verdict" in html and "<table>" in html
    lang("zh")
    html = shown(shell, res)["text/html"]
    assert res.claim["zh"] in html and "结论" in html


def _fresh(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True, text=True, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        timeout=120, check=False,
    )  # fmt: skip


def test_package_attributes_work_after_import_actlab() -> None:
    code = (
        "import actlab\n"
        "assert callable(actlab.fit) and callable(actlab.collapse.collapse)\n"
        "assert callable(actlab.figures.network_diagram)\n"
        "assert callable(actlab.construct.from_points)\n"
        "assert actlab.notebook.to_html(actlab.lesson.handbuilt_network())\n"
        "print('ok')\n"
    )
    res = _fresh(code)
    assert res.returncode == 0 and res.stdout == "ok\n", res.stderr


def test_sklearn_filters_apply_when_sklearn_is_imported_after_actlab() -> None:
    pytest.importorskip("sklearn")
    code = (
        "import warnings, actlab\n"
        "from sklearn.exceptions import ConvergenceWarning\n"
        "warnings.filterwarnings('ignore', category=ConvergenceWarning)\n"
        "x, y = actlab.Problem.lesson().train()\n"
        "actlab.fit(actlab.Network.init(3, 1, 'sigmoid', seed=0), x, y, steps=3)\n"
        "assert issubclass(actlab.train.ConvergenceWarning, ConvergenceWarning)\n"
        "print('ok')\n"
    )
    res = _fresh(code)
    assert res.returncode == 0 and res.stdout == "ok\n", res.stderr


def test_many_input_collapse_results_show_as_html(shell) -> None:
    regions = collapse(Network.init(3, 1, "relu", inputs=2, seed=0))
    affine = collapse(Network.init(3, 1, "identity", inputs=2, seed=0))
    for res in (regions, affine):
        html = shown(shell, res)["text/html"]
        assert "actlab-repr" in html  # actlab's own display, not the default repr
        assert html.count(res.text().splitlines()[0][:20]) >= 1
