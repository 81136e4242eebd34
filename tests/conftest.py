"""Shared fixtures: seeds, a CLI runner."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator: every random test input is reproducible."""
    return np.random.default_rng(20260526)


@pytest.fixture(scope="session")
def torch_activations() -> dict:
    """Each differentiable activation written with torch's own functions: the oracle."""
    torch = pytest.importorskip("torch")
    f = torch.nn.functional
    return {
        "identity": lambda t: t,
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": lambda t: f.leaky_relu(t, 0.01),
        "hard_sigmoid": f.hardsigmoid,
        "hard_tanh": f.hardtanh,
        # torch's softplus switches to the identity above its threshold; ours never does
        "softplus": lambda t: f.softplus(t, beta=1.0, threshold=50.0),
        "elu": f.elu,
        "gelu": f.gelu,
        "silu": f.silu,
        "sin": torch.sin,
        "square": lambda t: t * t,
    }


@pytest.fixture
def cli() -> CliRunner:
    """Runs ``actlab`` commands in-process."""
    return CliRunner()


# What the demo's report must show, in order (see the report_layout fixture).
SECTION_IDS = [
    "target",
    "linear",
    "nonlinearity",
    "handbuilt",
    "redundant",
    "harder",
    "tanh",
    "relu",
    "square",
    "width",
    "inputs",
    "xor",
]
FIGURES = [
    "target",
    "lines",
    "collapse",
    "decomposition",
    "diagram",
    "animation",
    "histogram",
    "contributions",
    "harder",
    "tanh",
    "relu",
    "square",
    "width",
    "plane",
    "surface",
    "regions",
    "xor-line",
    "xor-regions",
    "xor-neurons",
]


@pytest.fixture(scope="session")
def report_layout() -> tuple[list[str], list[str]]:
    """(section ids, figure keys) the demo's report must show, in order."""
    return SECTION_IDS, FIGURES


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo's report built once per language (seed 0), shared by the report tests."""
    from actlab.report import build_report

    out = {}
    for lang in ("en", "zh"):
        path = build_report(tmp_path_factory.mktemp(f"report-{lang}"), lang=lang, seed=0)
        out[lang] = path
    return out
