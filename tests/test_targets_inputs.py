"""Targets of k inputs: expressions in x1 … xk, Playground data sets, CSV tables, lag features."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import Network
from actlab.errors import ConfigError, DataError, ExpressionError
from actlab.targets import (
    from_table,
    lag_features,
    lags,
    load_table,
    parse,
    plane,
    reg_gauss,
    resolve,
    sunspots,
)
from actlab.targets.playground import reg_gauss_label


@pytest.mark.parametrize(
    ("text", "k", "fn"),
    [
        ("sin(x1) + x2**2", 2, lambda x: np.sin(x[:, 0]) + x[:, 1] ** 2),
        ("x3", 3, lambda x: x[:, 2]),
        ("piecewise(x1 < x2: x1, x2)", 2, lambda x: np.minimum(x[:, 0], x[:, 1])),
        ("a = x1*x2\na + x4", 4, lambda x: x[:, 0] * x[:, 1] + x[:, 3]),
    ],
)
def test_expression_inputs_counts_and_evaluates(text: str, k: int, fn) -> None:
    expr = parse(text)
    assert expr.inputs == k
    x = np.random.default_rng(k).uniform(-2.0, 2.0, (7, k))
    np.testing.assert_allclose(expr(x), fn(x), rtol=1e-15)


@pytest.mark.parametrize(
    ("text", "caret", "message"),
    [
        ("x + x1", 4, "mixes the single input x with numbered inputs"),
        ("x2*3 + x", 7, "mixes the single input x with numbered inputs"),
        ("x0 + 1", 0, "inputs are numbered x1"),
        ("x1 = 2", 0, "cannot be assigned"),
    ],
)
def test_expression_inputs_errors_point_at_the_name(text: str, caret: int, message: str) -> None:
    with pytest.raises(ExpressionError, match=message) as info:
        parse(text)
    assert info.value.position == caret


def test_expression_inputs_rejects_wrong_columns() -> None:
    with pytest.raises(DataError, match="X has 2 columns but the expression uses 3 inputs"):
        parse("x1 + x3")(np.zeros((4, 2)))


def test_expression_inputs_non_finite_names_the_point() -> None:
    with pytest.raises(ExpressionError, match=r"not finite at x1 = 1, x2 = 1"):
        parse("1/(x1 - x2)")(np.array([[0.0, 2.0], [1.0, 1.0]]))


@pytest.mark.parametrize("k", [2, 3])
def test_network_formula_inputs_reads_back_through_the_parser(k: int) -> None:
    net = Network.init([3, 2], activation="tanh", inputs=k, seed=k)
    x = np.random.default_rng(0).normal(size=(6, k))
    np.testing.assert_allclose(
        parse(net.formula(plain=True, digits=17))(x), net(x), rtol=1e-13, atol=1e-14
    )


def test_resolve_inputs_box_and_one_dimensional_domain() -> None:
    t = resolve("x1*x2", domain=[(0, 1), (-3, 2)])
    assert t.inputs == 2 and t.box == ((0.0, 1.0), (-3.0, 2.0)) and t.domain == (-3.0, 2.0)
    assert t.grid(3).shape == (9, 2)
    np.testing.assert_array_equal(t(t.grid(3)), t.grid(3)[:, 0] * t.grid(3)[:, 1])
    one = resolve("x**2", domain=(0, 1))
    assert one.domain == (0.0, 1.0) and one.inputs == 1 and one.bounds == ((0.0, 1.0),)
    with pytest.raises(ConfigError, match="one per input"):
        resolve("x1*x2", domain=[(0, 1), (0, 1), (0, 1)])


@pytest.mark.parametrize("noise", [0.0, 0.3])
def test_plane_is_the_playground_law(noise: float) -> None:
    t = plane(n=300, noise=noise, seed=4)
    x, y = t.points
    assert x.shape == (300, 2) and y.shape == (300,)
    assert np.all(np.abs(x) <= 6.0)
    err = y - (x[:, 0] + x[:, 1]) / 10
    if noise == 0:
        np.testing.assert_allclose(err, 0.0, atol=1e-15)
    else:  # the inputs were moved by noise·U(−6, 6) each: the label by at most 2·6·noise/10
        assert np.abs(err).max() <= 2 * 6 * noise / 10 + 1e-12 and np.abs(err).max() > 0.1
    np.testing.assert_array_equal(plane(n=300, noise=noise, seed=4).points[0], x)


def test_reg_gauss_label_at_hand_worked_points() -> None:
    # at a centre: ±1; at distance 1 from (0, 2.5): −(1 − 1/2); far from every bump: 0
    x = np.array([[-4.0, 2.5], [0.0, 2.5], [0.0, 1.5], [0.0, 0.0], [4.0, -2.5]])
    np.testing.assert_allclose(reg_gauss_label(x), [1.0, -1.0, -0.5, 0.0, -1.0])
    t = reg_gauss(n=200, seed=1)
    assert t.name == "reg-gauss" and resolve("reg-gauss").name == "reg-gauss"
    assert resolve("reg-plane").name == resolve("plane").name == "plane"
    np.testing.assert_array_equal(t.points[1], reg_gauss_label(t.points[0]))
    assert set(np.sign(t.points[1])) <= {-1.0, 0.0, 1.0} and t.inputs == 2


def test_table_target_nearest_point_between_points() -> None:
    t = from_table([[0.0, 0.0], [1.0, 1.0], [0.0, 2.0]], [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(t(np.array([[0.1, -0.2], [0.9, 1.2], [0.0, 1.9]])), [1, 2, 3])
    assert t.box == ((0.0, 1.0), (0.0, 2.0))
    with pytest.raises(DataError, match="one value per row"):
        from_table(np.zeros((3, 2)), np.zeros(2))


def test_load_table_reads_k_columns(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("# pressure\na;y;b\n1;10;2\n3;30;4\n5;50;7\n")
    t = load_table(path)
    x, y = t.points
    np.testing.assert_array_equal(x, [[1, 2], [3, 4], [5, 7]])
    np.testing.assert_array_equal(y, [10, 30, 50])
    assert t.inputs == 2
    path.write_text("a,b,c\n1,2,x\n")
    with pytest.raises(DataError, match="line 2"):
        load_table(path)


def test_lag_features_match_the_definition() -> None:
    s = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0])
    x, y = lag_features(s, 3)
    np.testing.assert_array_equal(x, [[1, 2, 4], [2, 4, 8], [4, 8, 16]])
    np.testing.assert_array_equal(y, [8, 16, 32])
    with pytest.raises(DataError, match="fewer than 2 rows"):
        lag_features(s, 5)


def test_sunspots_ship_with_actlab() -> None:
    years, counts = sunspots()
    assert years[0] == 1700 and years[-1] == 2008 and len(counts) == 309
    assert counts[0] == 5.0 and counts[-1] == 2.9  # the first and last rows of the file
    assert np.all(np.diff(years) == 1) and np.all(counts >= 0)


@pytest.mark.parametrize("k", [1, 3, 12])
def test_resolve_lags_sunspots(k: int) -> None:
    t = resolve(f"lags:sunspots:{k}")
    x, y = t.points
    counts = sunspots()[1]
    assert len(y) == 309 - k and t.inputs == k
    assert x.shape == ((309 - k,) if k == 1 else (309 - k, k))
    row = 100
    np.testing.assert_array_equal(np.atleast_1d(x[row]), counts[row : row + k])
    assert y[row] == counts[row + k]


@pytest.mark.parametrize("spec", ["lags:moon:3", "lags:sunspots", "lags:sunspots:zero"])
def test_resolve_lags_rejects(spec: str) -> None:
    with pytest.raises(ExpressionError, match="lags"):  # bad target text, with a caret
        resolve(spec)


def test_lags_feed_a_network_fit() -> None:
    from actlab.train import fit

    t = lags(sunspots()[1] / 100.0, 3, name="sunspots")
    x, y = t.points
    net = Network.init(4, 1, "tanh", inputs=3, seed=0)
    result = fit(net, x, y, optimizer="lm", steps=100, tol=0, seed=0)
    # better than predicting the mean, and better than "tomorrow equals today"
    assert result.mse < 0.5 * np.var(y)
    assert result.mse < np.mean((x[:, -1] - y) ** 2)
