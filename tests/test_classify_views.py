"""Decision figures and the classification experiments' verdicts."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from actlab import Network, figures
from actlab.collapse.classifier import linear_boundary
from actlab.experiments import run
from actlab.problem import Problem


def test_decision_figures_draw() -> None:
    x, y = Problem.from_spec("xor", points=60).train()
    net = Network.init(3, 1, "tanh", inputs=2, seed=0)
    assert isinstance(figures.decision_figure(net, x, y, classes=("-1", "+1")), Figure)
    assert len(figures.neuron_maps_figure(net, x, lang="zh").axes) == 3
    line = linear_boundary(Network.init(2, 2, "identity", inputs=2, seed=1))
    assert isinstance(figures.boundary_figure(line, x, y), Figure)
    three = Network.init(3, 1, "tanh", inputs=2, outputs=3, seed=0)
    assert isinstance(figures.decision_figure(three, x, np.arange(60) % 3), Figure)


def test_xor_experiment_verdict_from_data() -> None:
    res = run("xor", size="small")
    assert res.verdict.holds is True
    assert res.findings["floor"]["accuracy"] == 0.5 and res.findings["linear_best"] <= 0.75
    assert res.findings["needs"]["tanh"] == 2


def test_features_experiment_verdict_from_data() -> None:
    res = run("features-vs-activations", size="small")
    assert res.verdict.holds is True
    assert res.findings["circle"]["x1², x2²"] == 1.0
