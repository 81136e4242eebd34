"""One scoring module: errors, contribution sizes and the negligible-neuron rule."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network, lesson, score
from actlab.activations import get as activation


def test_mse_and_max_error_closed_form() -> None:
    # errors −1, 0, 2: MSE (1 + 0 + 4)/3 = 5/3, largest |error| 2
    assert score.mse([0.0, 1.0, 4.0], [1.0, 1.0, 2.0]) == pytest.approx(5 / 3)
    assert score.max_error([0.0, 1.0, 4.0], [1.0, 1.0, 2.0]) == 2.0
    assert score.score([0.0, 1.0, 4.0], [1.0, 1.0, 2.0]) == {"mse": 5 / 3, "max_error": 2.0}


def test_mse_of_a_population_has_one_value_per_member() -> None:
    pred = np.array([[1.0, 1.0], [0.0, 2.0]])
    np.testing.assert_array_equal(score.mse(pred, [1.0, 1.0]), [0.0, 1.0])
    np.testing.assert_array_equal(score.max_error(pred, [1.0, 1.0]), [0.0, 1.0])


def test_contribution_size_is_weight_times_activation_range() -> None:
    # y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2 on [−2, 6]: σ(z1) runs from σ(−7.2) to σ(12),
    # σ(z2) from σ(12.2) down to σ(−7)
    sig = activation("sigmoid").fn
    expected = [4 * (sig(12.0) - sig(-7.2)), 2 * (sig(12.2) - sig(-7.0))]
    sizes = score.contribution_sizes(lesson.handbuilt_network(), lesson.GRID.values())
    np.testing.assert_allclose(sizes, expected, rtol=1e-12)


def test_contribution_sizes_of_a_population_match_its_members(rng) -> None:  # type: ignore[no-untyped-def]
    pop = Network.init(4, 2, "tanh", seed=[1, 2, 3])
    x = rng.uniform(-3, 3, 50)
    sizes = score.contribution_sizes(pop, x)
    assert sizes.shape == (3, 4)
    for p in range(3):
        net = pop[p]
        h = np.tanh(net.trace(x).pre_activations[-1])  # (N, 4)
        independent = np.abs(net.weights[-1][0]) * (h.max(axis=0) - h.min(axis=0))
        np.testing.assert_allclose(sizes[p], independent, rtol=1e-12)


@pytest.mark.parametrize(
    ("sizes", "scale", "expected"),
    [
        ([1.0, 0.005, 0.02], 1.0, [False, True, False]),  # under 1% of the scale
        ([1.0, 0.005, 0.02], None, [False, True, False]),  # scale: the largest size
        ([2.0, 0.015], None, [False, True]),  # 0.015 < 0.01·2
        ([0.0, 0.0], None, [False, False]),  # nothing moves: nothing to compare with
        ([np.inf, 1.0], 10.0, [False, False]),  # non-finite sizes are never negligible
    ],
)
def test_negligible_rule(sizes: list, scale: float | None, expected: list) -> None:
    np.testing.assert_array_equal(score.negligible(sizes, scale), expected)


def test_neurons_flags_a_silent_third_neuron() -> None:
    # the lesson's network plus a third neuron whose output weight is 0
    net = Network.shallow([2.4, -2.4, 1.0], [-2.4, 7.4, 0.5], [4.0, 2.0, 0.0], -2.0)
    x, y = lesson.GRID.values(), lesson.target(lesson.GRID.values())
    rows = score.neurons(net, x, y)
    assert [r["neuron"] for r in rows] == [1, 2, 3]
    assert [r["negligible"] for r in rows] == [False, False, True]
    assert sum(r["share"] for r in rows) == pytest.approx(1.0)
    assert rows[2]["size"] == 0.0 and rows[0]["output_weight"] == 4.0


def test_negligible_threshold_is_the_declared_setting() -> None:
    from actlab import settings

    assert score.NEGLIGIBLE == settings.get("negligible").default == 0.01
