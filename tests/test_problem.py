"""Problem: the one road from a target to training and evaluation arrays."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import lesson
from actlab.errors import ConfigError
from actlab.experiments.spec import Cell
from actlab.experiments.sweep import cell_problem
from actlab.problem import DEFAULT_POINTS, Problem
from actlab.targets import resolve


def test_problem_lesson_is_the_lessons_grid() -> None:
    x, y = Problem.lesson().train()
    np.testing.assert_array_equal(x, lesson.GRID.values())
    np.testing.assert_array_equal(y, lesson.target(lesson.GRID.values()))
    assert Problem.lesson().describe() == {"name": "lesson", "points": 201, "domain": [-2.0, 6.0]}


@pytest.mark.parametrize("spec", ["seed", "SEED", "lesson", " lesson "])
def test_problem_seed_is_an_alias_of_the_lesson(spec: str) -> None:
    assert Problem.from_spec(spec).name == "lesson"
    assert resolve(spec) is resolve("lesson")


def test_problem_function_samples_its_domain_on_a_grid() -> None:
    p = Problem.from_spec("sin", points=5)
    x, y = p.train()
    # sin on its natural domain [−2π, 2π]: the grid −2π, −π, 0, π, 2π
    np.testing.assert_allclose(x, np.pi * np.array([-2, -1, 0, 1, 2]))
    np.testing.assert_allclose(y, np.sin(x))
    assert p.test()[0].size == 0
    assert Problem.from_spec("sin").train()[0].size == DEFAULT_POINTS


def test_problem_noise_and_split_are_seeded() -> None:
    a = Problem.from_spec("sin", points=100, noise=0.1, test_fraction=0.25, seed=3)
    b = Problem.from_spec("sin", points=100, noise=0.1, test_fraction=0.25, seed=3)
    c = Problem.from_spec("sin", points=100, noise=0.1, test_fraction=0.25, seed=4)
    for left, right in zip(a.train() + a.test(), b.train() + b.test(), strict=True):
        np.testing.assert_array_equal(left, right)
    assert not np.array_equal(a.train()[1], c.train()[1])
    assert a.train()[0].size == 75 and a.test()[0].size == 25
    # every point lands in exactly one part, and the noise is around the clean curve
    merged = np.sort(np.concatenate([a.train()[0], a.test()[0]]))
    np.testing.assert_allclose(merged, np.linspace(-2 * np.pi, 2 * np.pi, 100))
    residual = a.train()[1] - a.clean(a.train()[0])
    assert 0.05 < residual.std() < 0.2


def test_problem_noise_matches_an_independent_draw() -> None:
    # the sweep's data were y = f(x) + N(0, σ²) drawn from default_rng(data_seed) in x order
    cell = Cell(index=0, target="runge", activation="tanh", width=2, depth=1, optimizer="lm",
                seeds=(0,), points=50, noise=0.05, data_seed=11, steps=None)  # fmt: skip
    x, y = cell_problem(cell).train()
    expected_x = np.linspace(-1, 1, 50)
    expected_y = 1 / (1 + 25 * expected_x**2) + np.random.default_rng(11).normal(0, 0.05, 50)
    np.testing.assert_array_equal(x, expected_x)
    np.testing.assert_allclose(y, expected_y, rtol=0, atol=1e-15)


def test_problem_data_target_fits_its_own_points_unless_told_otherwise() -> None:
    p = Problem.from_spec("points: 0,0 2,4 4,2")
    np.testing.assert_array_equal(p.train()[0], [0.0, 2.0, 4.0])
    np.testing.assert_array_equal(p.train()[1], [0.0, 4.0, 2.0])
    sampled = Problem.from_spec("points: 0,0 2,4 4,2", points=5)
    np.testing.assert_array_equal(sampled.train()[1], [0.0, 2.0, 4.0, 3.0, 2.0])  # the polyline


def test_problem_from_data_keeps_order_and_interpolates_clean_values() -> None:
    p = Problem.from_data([2.0, 0.0, 1.0], [4.0, 0.0, 1.0])
    np.testing.assert_array_equal(p.train()[0], [2.0, 0.0, 1.0])
    assert p.name == "points" and p.domain == (0.0, 2.0)
    np.testing.assert_allclose(p.clean(np.array([0.5, 1.5])), [0.5, 2.5])


def test_problem_reads_a_csv_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "data.csv"
    path.write_text("x,y\n0,1\n1,3\n2,2\n")
    x, y = Problem.from_spec(str(path)).train()
    np.testing.assert_array_equal(x, [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(y, [1.0, 3.0, 2.0])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"points": 1}, r"the 'points' parameter must be an integer in \[2, "),
        ({"noise": -1.0}, "the 'noise' parameter must be a finite number"),
        ({"test_fraction": 1.0}, "the 'test_fraction' parameter must be a finite number"),
        ({"seed": -1}, r"the 'seed' parameter must be an integer in \[0, "),
    ],
)
def test_problem_rejects_bad_sampling(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Problem.from_spec("sin", **kwargs)


def test_problem_needs_a_target_or_data() -> None:
    with pytest.raises(ConfigError, match="a problem needs a target or data points"):
        Problem(None)


def test_problem_of_two_inputs_samples_a_square_grid() -> None:
    p = Problem.from_spec("x1 * x2", points=9)
    x, y = p.train()
    assert p.inputs == 2 and x.shape == (9, 2)
    # [−2, 6]² at −2, 2, 6 on each axis
    assert sorted(set(x[:, 0].tolist())) == [-2.0, 2.0, 6.0]
    np.testing.assert_array_equal(y, x[:, 0] * x[:, 1])
    assert p.describe()["domain"] == [[-2.0, 6.0], [-2.0, 6.0]]


def test_problem_of_three_inputs_samples_its_box_at_random() -> None:
    p = Problem.from_spec("x1 + x2 + x3", points=50, seed=2)
    x, y = p.train()
    assert x.shape == (50, 3) and np.all((x >= -2) & (x <= 6))
    np.testing.assert_allclose(y, x.sum(axis=1))
    again = Problem.from_spec("x1 + x2 + x3", points=50, seed=2).train()[0]
    np.testing.assert_array_equal(x, again)


def test_problem_time_split_tests_on_the_future() -> None:
    p = Problem.from_spec("lags:sunspots:3", test_fraction=0.2, split="time")
    (xtr, ytr), (xte, yte) = p.train(), p.test()
    assert p.inputs == 3 and len(xte) == round(0.2 * (len(xtr) + len(xte)))
    # the test rows are the last rows of the series, in order: each row's lags end where
    # the previous row's target was
    np.testing.assert_array_equal(xte[1:, -1], yte[:-1])
    np.testing.assert_array_equal(xte[0, -1], ytr[-1])
