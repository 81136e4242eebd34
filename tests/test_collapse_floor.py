"""Error floors: the best line / polynomial by least squares, and training cannot beat them."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from actlab import DataError, Network, lesson
from actlab.collapse import best_line, best_polynomial, collapse, error_floor, fold_linear


@pytest.fixture
def seed_points() -> tuple[np.ndarray, np.ndarray]:
    """The lesson's target on 201 points over [−2, 6]."""
    x = lesson.GRID.values()
    return x, lesson.target(x)


def test_best_line_on_the_lessons_target(seed_points: tuple[np.ndarray, np.ndarray]) -> None:
    floor = best_line(*seed_points)
    assert floor.a == pytest.approx(0.34236, abs=5e-6)
    assert floor.b == pytest.approx(1.06155, abs=5e-6)
    assert floor.mse == pytest.approx(0.97290, abs=5e-6)


def test_best_line_hand_worked() -> None:
    # points (0, 0), (1, 1), (2, 5): x̄ = 1, ȳ = 2
    # a = [(−1)(−2) + 0·(−1) + 1·3] / [1 + 0 + 1] = 5/2, b = 2 − 2.5·1 = −0.5
    # residuals: 0.5, −1, 0.5 → mse = (0.25 + 1 + 0.25)/3 = 0.5
    floor = best_line([0, 1, 2], [0, 1, 5])
    assert (floor.a, floor.b) == pytest.approx((2.5, -0.5))
    assert floor.mse == pytest.approx(0.5)


def test_best_line_matches_polyfit(rng: np.random.Generator) -> None:
    x = rng.uniform(-3, 3, 50)
    y = np.sin(x) + rng.normal(0, 0.1, 50)
    a, b = np.polyfit(x, y, 1)
    floor = best_line(x, y)
    assert (floor.a, floor.b) == pytest.approx((a, b), rel=1e-10)
    assert floor.mse == pytest.approx(np.mean((a * x + b - y) ** 2), rel=1e-10)


@pytest.mark.parametrize("degree", [0, 1, 2, 4, 8], ids=lambda d: f"degree{d}")
def test_best_polynomial_matches_polyfit(
    degree: int, seed_points: tuple[np.ndarray, np.ndarray]
) -> None:
    x, y = seed_points
    ref = np.polyfit(x, y, degree)
    ref_mse = float(np.mean((np.polyval(ref, x) - y) ** 2))
    floor = best_polynomial(x, y, degree)
    assert floor.degree == degree
    assert floor.mse == pytest.approx(ref_mse, rel=1e-8)
    np.testing.assert_allclose(floor.coefficients, ref[::-1], rtol=1e-6, atol=1e-9)


def test_best_polynomial_degree_beyond_the_points_interpolates() -> None:
    floor = best_polynomial([0.0, 1.0, 2.0], [1.0, -1.0, 4.0], 16)
    assert floor.degree == 2
    assert floor.mse == pytest.approx(0.0, abs=1e-20)


def test_best_polynomial_floors_decrease_with_degree(
    seed_points: tuple[np.ndarray, np.ndarray],
) -> None:
    mses = [best_polynomial(*seed_points, 2**k).mse for k in range(6)]
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(mses))
    assert mses[0] == pytest.approx(best_line(*seed_points).mse, rel=1e-10)


def test_best_polynomial_high_degrees_stay_accurate(
    seed_points: tuple[np.ndarray, np.ndarray],
) -> None:
    # equispaced Vandermonde fits break down here; the orthogonal-polynomial floor does not
    degrees = [16, 32, 64, 128, 199, 200]
    floors = [best_polynomial(*seed_points, d) for d in degrees]
    mses = [f.mse for f in floors]
    assert all(b <= a for a, b in itertools.pairwise(mses))
    assert mses[-1] == pytest.approx(0.0, abs=1e-25)  # 201 points: degree 200 interpolates
    assert floors[0].coefficients is not None
    assert floors[1].coefficients is None  # power basis not listed above degree 20


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([1.0, 2.0], [1.0], "same length, got 2 and 1"),
        ([1.0, np.nan], [1.0, 2.0], "finite numbers"),
        ([1.0, 1.0], [1.0, 2.0], "two or more distinct x values"),
    ],
    ids=["lengths", "nan", "one-x"],
)
def test_best_line_rejects_bad_points(x: list[float], y: list[float], message: str) -> None:
    with pytest.raises(DataError, match=message):
        best_line(x, y)


def test_error_floor_bounds_every_identity_and_square_network(
    seed_points: tuple[np.ndarray, np.ndarray],
) -> None:
    x, y = seed_points
    for seed in range(20):
        for acts in (["identity"] * 2, ["square", "identity"], ["square", "square"]):
            net = Network.init(4, 2, acts, seed=seed)
            floor = error_floor(collapse(net), x, y)
            assert floor is not None
            assert lesson.score(net(x), y)["mse"] >= floor.mse - 1e-12


def test_error_floor_is_none_for_pieces(seed_points: tuple[np.ndarray, np.ndarray]) -> None:
    assert error_floor(collapse(Network.init(3, 1, "relu", seed=0)), *seed_points) is None


def test_training_deep_identity_network_reaches_the_floor_not_below(
    seed_points: tuple[np.ndarray, np.ndarray],
) -> None:
    torch = pytest.importorskip("torch")
    from actlab.interop.torch import from_torch, to_torch

    x, y = seed_points
    floor = best_line(x, y)
    model = to_torch(Network.init(8, 3, "identity", seed=0))  # 1-8-8-8-1, float64
    xt = torch.as_tensor(x, dtype=torch.float64)[:, None]
    yt = torch.as_tensor(y, dtype=torch.float64)[:, None]
    opt = torch.optim.LBFGS(
        model.parameters(),
        lr=1.0,
        max_iter=500,
        tolerance_grad=1e-12,
        tolerance_change=1e-15,
        line_search_fn="strong_wolfe",
    )

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = torch.mean((model(xt) - yt) ** 2)
        loss.backward()
        return loss

    for _ in range(4):
        opt.step(closure)
    with torch.no_grad():
        mse = float(torch.mean((model(xt) - yt) ** 2))
    assert floor.mse - 1e-9 <= mse <= floor.mse + 1e-3
    # and the trained network is (close to) the best line itself
    line = fold_linear(from_torch(model))
    assert (line.a, line.b) == pytest.approx((floor.a, floor.b), abs=0.05)
