"""Square activations: exact expansion into a polynomial of degree ≤ 2^depth."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from actlab import Network, UnsupportedError
from actlab.collapse import expand_polynomial
from actlab.collapse.polynomial import polynomial_formula


def _random_square_net(rng: np.random.Generator, depth: int) -> Network:
    acts = ["square" if rng.random() < 0.7 else "identity" for _ in range(depth)]
    width = [int(w) for w in rng.integers(1, 6, size=depth)]
    return Network.init(width, depth, acts, seed=int(rng.integers(2**32)))


@pytest.mark.parametrize("depth", [1, 2, 3, 4], ids=lambda d: f"depth{d}")
def test_expand_polynomial_matches_forward(depth: int, rng: np.random.Generator) -> None:
    x = np.linspace(-2.0, 2.0, 33)
    for _ in range(25):
        net = _random_square_net(rng, depth)
        poly = expand_polynomial(net)
        assert poly.degree <= poly.max_degree == 2 ** net.activations.count("square")
        assert poly.max_degree <= 2**depth
        y = net(x)
        scale = np.max(np.abs(y)) + 1e-300
        np.testing.assert_allclose(poly(x), y, rtol=0, atol=1e-10 * scale, err_msg=repr(net))


def test_expand_polynomial_reaches_full_degree() -> None:
    net = Network.init(3, 3, "square", seed=1)
    assert expand_polynomial(net).degree == 8


def test_expand_polynomial_hand_worked_1_1_1() -> None:
    # y = 3(2x + 1)² − 1 = 3(4x² + 4x + 1) − 1 = 12x² + 12x + 2
    net = Network.shallow(w=[2], b=[1], c=[3], c0=-1, activation="square")
    poly = expand_polynomial(net)
    assert poly.coefficients.tolist() == [2.0, 12.0, 12.0]
    assert poly.formula == "y = 12x² + 12x + 2"


def test_expand_polynomial_agrees_with_sympy() -> None:
    net = Network.init([2, 3], activation=["square", "square"], seed=5)
    x = sympy.Symbol("x")
    h = [x]
    for w, b, name in zip(net.weights, net.biases, [*net.activations, "identity"], strict=True):
        z = [sum(float(w[i, j]) * h[j] for j in range(len(h))) + float(b[i]) for i in range(len(b))]
        h = [zi**2 for zi in z] if name == "square" else z
    expected = sympy.Poly(sympy.expand(h[0]), x).all_coeffs()[::-1]
    poly = expand_polynomial(net)
    np.testing.assert_allclose(poly.coefficients, [float(c) for c in expected], rtol=1e-10)


def test_expand_polynomial_drops_exact_zero_top_terms() -> None:
    # output weight 0 on the only squared neuron: the polynomial is the constant 0.5
    net = Network.shallow(w=[1.0], b=[0.0], c=[0.0], c0=0.5, activation="square")
    poly = expand_polynomial(net)
    assert poly.degree == 0
    assert poly.max_degree == 2
    assert poly.to_dict()["coefficients"] == [0.5]


def test_expand_polynomial_rejects_other_activations() -> None:
    net = Network.init(2, 2, ["square", "relu"], seed=0)
    with pytest.raises(
        UnsupportedError, match=r"covers the activations identity, square; got layer 2"
    ):
        expand_polynomial(net)


def test_expand_polynomial_refuses_huge_degrees() -> None:
    net = Network.init(1, 13, "square", seed=0)
    with pytest.raises(UnsupportedError, match=r"degree up to 2\^13"):
        expand_polynomial(net)


@pytest.mark.parametrize(
    ("coefficients", "text"),
    [
        ([1.0, -2.0, 0.5], "y = 0.5x² − 2x + 1"),
        ([0.0, 0.0, 0.0, -1.0], "y = −x³"),
        ([0.0], "y = 0"),
    ],
    ids=["quadratic", "cubic", "zero"],
)
def test_polynomial_formula_cases(coefficients: list[float], text: str) -> None:
    assert polynomial_formula(coefficients) == text
