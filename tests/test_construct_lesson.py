"""The lesson's case: hand-picked, constructed and best two-sigmoid networks."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import least_squares

from actlab import lesson
from actlab.construct import lesson_case, two_sigmoids


@pytest.fixture(scope="module")
def cases() -> dict:
    return {c.name: c for c in lesson_case()}


def test_handbuilt_scores_as_the_lesson_says(cases) -> None:
    hand = cases["handbuilt"]
    assert hand.network.formula() == "y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2"
    assert hand.mse == pytest.approx(0.013801, abs=1e-6)


def test_constructed_keeps_the_kinks_heights_and_centres(cases) -> None:
    net = cases["constructed"].network
    w = net.weights[0][:, 0]
    # rises 4 and −2 (written 2σ(−z) − 2), centres at the midpoints 1 and 3
    assert net.weights[1][0].tolist() == pytest.approx([4.0, 2.0])
    assert net.biases[1][0] == pytest.approx(-2.0)
    assert (-net.biases[0] / w).tolist() == pytest.approx([1.0, 3.0])
    assert w[0] == pytest.approx(-w[1])
    assert cases["constructed"].mse == pytest.approx(0.0095775, abs=1e-6)


def test_best_is_better_than_construction_which_beats_the_hand(cases) -> None:
    assert cases["best"].mse < cases["constructed"].mse < cases["handbuilt"].mse


def test_best_matches_a_full_six_parameter_least_squares(cases) -> None:
    x, y = lesson.GRID.values(), lesson.target(lesson.GRID.values())

    def residual(p: np.ndarray) -> np.ndarray:
        return two_sigmoids(*p)(x) - y

    # independent oracle: all six parameters at once, from the lesson's own weights
    fit = least_squares(residual, [2.4, 1.0, 7.4 / 2.4, 4.0, 2.0, -2.0], xtol=1e-14, ftol=1e-14)
    assert cases["best"].mse == pytest.approx(np.mean(fit.fun**2), rel=1e-6)
    assert cases["best"].mse == pytest.approx(0.0075343, abs=1e-6)


def test_to_dict_has_formula_and_network(cases) -> None:
    data = cases["best"].to_dict()
    assert set(data) == {"name", "formula", "mse", "max_error", "network"}
    assert data["network"]["format"] == "actlab.network"
