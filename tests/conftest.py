"""Shared fixtures: seeds, a CLI runner."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator: every random test input is reproducible."""
    return np.random.default_rng(20260526)


@pytest.fixture
def cli() -> CliRunner:
    """Runs ``actlab`` commands in-process."""
    return CliRunner()
