"""Collapse with k inputs: an affine map (sympy oracle), its plane floor (lstsq, scikit-learn),
a polynomial in x1…xk of bounded total degree (sympy oracle), and what is refused."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from actlab.collapse import (
    Affine,
    MultiPolynomial,
    Regions,
    best_plane,
    best_polynomial_k,
    collapse,
    error_floor,
    expand_polynomial_k,
    fold_affine,
    symbolic_affine,
)
from actlab.errors import UnsupportedError
from actlab.network import Network


def _sympy_network(net: Network) -> tuple[sympy.Expr, tuple]:
    """The network's output as an expanded sympy expression in x1…xk, weights as exact rationals."""
    xs = sympy.symbols(f"x1:{net.inputs + 1}")
    h = sympy.Matrix(xs)
    for w, b, name in zip(net.weights, net.biases, [*net.activations, "identity"], strict=True):
        wm = sympy.Matrix([[sympy.Rational(float(v)) for v in row] for row in w])
        bm = sympy.Matrix([sympy.Rational(float(v)) for v in b])
        z = wm * h + bm
        h = z.applyfunc(lambda e: e**2) if name == "square" else z
    return sympy.expand(h[0]), xs


@pytest.mark.parametrize(("k", "widths"), [(2, [3]), (3, [4, 2]), (5, [2, 3, 2]), (2, [])])
def test_affine_fold_matches_sympy(k: int, widths: list[int]) -> None:
    net = Network.init(widths, 0, "identity", inputs=k, seed=k + len(widths))
    got = fold_affine(net)
    expr, xs = _sympy_network(net)
    poly = sympy.Poly(expr, *xs)
    assert poly.total_degree() <= 1
    for i, x in enumerate(xs):
        assert got.a[i] == pytest.approx(float(poly.coeff_monomial(x)), rel=1e-12, abs=1e-14)
    assert got.b == pytest.approx(float(poly.coeff_monomial(1)), rel=1e-12, abs=1e-14)


def test_affine_symbolic_fold_evaluates_to_the_numeric_one() -> None:
    net = Network.init([3, 2], 0, "identity", inputs=2, seed=7)
    sym = symbolic_affine(net)
    values = sym.values(net)
    num = fold_affine(net)
    for ai, want in zip(sym.a, num.a, strict=True):
        assert float(ai.subs(values)) == pytest.approx(want, rel=1e-12)
    assert float(sym.b.subs(values)) == pytest.approx(num.b, rel=1e-12)
    # one product per input-to-output path: 3·2 paths from each input
    assert len(sym.a[0].as_ordered_terms()) == 6


def test_affine_collapse_dispatches_and_evaluates_like_the_network(rng) -> None:
    net = Network.init(6, 3, "identity", inputs=4, seed=3)
    res = collapse(net)
    assert isinstance(res, Affine)
    x = rng.normal(size=(50, 4))
    np.testing.assert_allclose(res(x), net(x), rtol=1e-12, atol=1e-12)
    d = res.to_dict()
    assert d["kind"] == "affine"
    assert d["inputs"] == 4
    assert len(d["a"]) == 4
    assert d["formula"].startswith("y = ")
    assert "x4" in res.text()


def test_affine_population_folds_each_member(rng) -> None:
    pop = Network.init(3, 2, "identity", inputs=3, seed=[0, 1, 2])
    res = fold_affine(pop)
    x = rng.normal(size=(10, 3))
    np.testing.assert_allclose(res(x), pop(x), rtol=1e-12, atol=1e-12)
    for p in range(3):
        np.testing.assert_allclose(res.a[p], fold_affine(pop[p]).a, rtol=1e-14)


def test_plane_floor_matches_lstsq_and_sklearn(rng) -> None:
    from sklearn.linear_model import LinearRegression

    x = rng.uniform(-2, 2, size=(200, 3))
    y = np.sin(x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * x[:, 2]
    floor = best_plane(x, y)
    lr = LinearRegression().fit(x, y)
    np.testing.assert_allclose(floor.a, lr.coef_, rtol=1e-10, atol=1e-12)
    assert floor.b == pytest.approx(lr.intercept_, rel=1e-10)
    design = np.column_stack([x, np.ones(len(x))])
    _, res, *_ = np.linalg.lstsq(design, y, rcond=None)
    assert floor.mse == pytest.approx(res[0] / len(y), rel=1e-10)


def test_plane_floor_is_below_every_trained_linear_network(rng) -> None:
    from actlab.train import fit

    x = rng.uniform(-1, 1, size=(120, 2))
    y = np.abs(x[:, 0]) + x[:, 1] ** 2
    floor = error_floor(collapse(Network.init(3, 2, "identity", inputs=2, seed=0)), x, y)
    assert floor.mse > 0.01  # a plane cannot bend
    for seed in range(3):
        res = fit(Network.init(4, 2, "identity", inputs=2, seed=seed), x, y, restarts=1)
        assert res.mse >= floor.mse * (1 - 1e-9)
        assert res.mse == pytest.approx(floor.mse, rel=1e-4)


@pytest.mark.parametrize(
    ("k", "widths", "acts"),
    [
        (2, [3], ["square"]),
        (3, [2, 2], ["square", "identity"]),
        (2, [2, 2], ["square", "square"]),
        (4, [3], ["square"]),
    ],
)
def test_polynomial_k_matches_sympy(k: int, widths: list[int], acts: list[str]) -> None:
    net = Network.init(widths, 0, acts, inputs=k, seed=11)
    got = expand_polynomial_k(net)
    expr, xs = _sympy_network(net)
    poly = sympy.Poly(expr, *xs)
    assert got.max_degree == 2 ** acts.count("square")
    assert got.degree == poly.total_degree() <= got.max_degree
    want = {m: float(c) for m, c in poly.terms()}
    have = {tuple(int(p) for p in e): float(c) for e, c in zip(got.exponents, got.coefficients)}
    for m in set(want) | set(have):
        assert have.get(m, 0.0) == pytest.approx(want.get(m, 0.0), rel=1e-10, abs=1e-12)


def test_polynomial_k_collapse_evaluates_like_the_network(rng) -> None:
    net = Network.init(3, 2, "square", inputs=2, seed=5)
    res = collapse(net)
    assert isinstance(res, MultiPolynomial)
    x = rng.uniform(-1, 1, size=(40, 2))
    np.testing.assert_allclose(res(x), net(x), rtol=1e-9, atol=1e-12)
    d = res.to_dict()
    assert d["kind"] == "polynomial"
    assert d["inputs"] == 2
    assert d["max_degree"] == 4
    assert all(sum(t["powers"]) <= 4 for t in d["terms"])


def test_polynomial_k_floor_matches_lstsq_on_monomials(rng) -> None:
    x = rng.uniform(-1, 1, size=(150, 2))
    y = np.cos(3 * x[:, 0]) * x[:, 1]
    floor = best_polynomial_k(x, y, 2)
    design = np.column_stack(
        [np.ones(150), x[:, 0], x[:, 1], x[:, 0] ** 2, x[:, 0] * x[:, 1], x[:, 1] ** 2]
    )
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    assert floor.mse == pytest.approx(np.mean((design @ coef - y) ** 2), rel=1e-9)
    net = Network.init(4, 1, "square", inputs=2, seed=0)
    assert error_floor(collapse(net), x, y).mse == pytest.approx(floor.mse, rel=1e-12)


def test_collapse_two_input_relu_gives_regions() -> None:
    assert isinstance(collapse(Network.init(4, 2, "relu", inputs=2, seed=0)), Regions)
    assert error_floor(collapse(Network.init(4, 1, "relu", inputs=2, seed=0)), None, None) is None


def test_collapse_three_input_relu_says_two_inputs_only() -> None:
    with pytest.raises(UnsupportedError, match="2 inputs only"):
        collapse(Network.init(4, 1, "relu", inputs=3, seed=0))


def test_collapse_k_inputs_sigmoid_is_refused() -> None:
    with pytest.raises(UnsupportedError, match="sigmoid"):
        collapse(Network.init(4, 1, "sigmoid", inputs=2, seed=0))
