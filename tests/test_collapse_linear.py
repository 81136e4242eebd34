"""Identity networks fold to y = a·x + b: numerically, symbolically (sympy) and for populations."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from actlab import Network, UnsupportedError
from actlab.collapse import fold_linear, line_derivation, line_formula, symbolic_line


def _random_identity_net(rng: np.random.Generator) -> Network:
    depth = int(rng.integers(1, 7))
    width = [int(w) for w in rng.integers(1, 17, size=depth)]
    return Network.init(width, depth, "identity", seed=int(rng.integers(2**32)))


def test_fold_linear_matches_forward_on_100_random_networks(rng: np.random.Generator) -> None:
    x = np.linspace(-10.0, 10.0, 41)
    for _ in range(100):
        net = _random_identity_net(rng)
        line = fold_linear(net)
        y = net(x)
        scale = np.max(np.abs(y)) + 1e-300
        np.testing.assert_allclose(line(x), y, rtol=0, atol=1e-10 * scale, err_msg=repr(net))


def test_fold_linear_hand_worked_1_3_1() -> None:
    # first layer: z = (1x + 0, 2x − 1, −1x + 3); output: y = 1z1 + 0.5z2 + 2z3 + 4
    # a = 1·1 + 2·0.5 + (−1)·2 = 1 + 1 − 2 = 0
    # b = 0·1 + (−1)·0.5 + 3·2 + 4 = −0.5 + 6 + 4 = 9.5
    net = Network.shallow(w=[1, 2, -1], b=[0, -1, 3], c=[1, 0.5, 2], c0=4, activation="identity")
    line = fold_linear(net)
    assert (line.a, line.b) == (0.0, 9.5)
    assert line.formula == "y = 9.5"


def test_fold_linear_depth_0_is_the_output_layer() -> None:
    net = Network([np.array([[-2.0]])], [np.array([0.5])], [])
    line = fold_linear(net)
    assert (line.a, line.b) == (-2.0, 0.5)


def test_fold_linear_population_matches_members() -> None:
    seeds = [3, 1, 4, 1, 5]
    pop = Network.init([5, 7], activation="identity", seed=seeds)
    line = fold_linear(pop)
    assert np.shape(line.a) == (5,)
    for p in range(5):
        member = fold_linear(pop[p])
        assert line.a[p] == pytest.approx(member.a, rel=1e-12)
        assert line.b[p] == pytest.approx(member.b, rel=1e-12)
    x = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_allclose(line(x), pop(x), rtol=1e-12, atol=1e-12)
    assert line.to_dict()["formula"] is None


def test_fold_linear_rejects_nonlinear_layers() -> None:
    net = Network.init([2, 2], activation=["identity", "relu"], seed=0)
    with pytest.raises(UnsupportedError, match=r"all use identity; got layer 2: relu"):
        fold_linear(net)


def test_symbolic_line_1_3_1_is_the_lessons_expression() -> None:
    w1, w2, w3, w4, w5, w6 = sympy.symbols("w1:7")
    b1, b2, b3, b4 = sympy.symbols("b1:5")
    lesson = (w1 * w4 + w2 * w5 + w3 * w6) * sympy.Symbol("x") + (b1 * w4 + b2 * w5 + b3 * w6 + b4)
    sym = symbolic_line([3])
    assert sympy.simplify(sym.expression() - lesson) == 0
    assert sympy.simplify(sym.a - (w1 * w4 + w2 * w5 + w3 * w6)) == 0


@pytest.mark.parametrize("widths", [[], [1], [2], [2, 3], [3, 2, 2]], ids=str)
def test_symbolic_line_with_numbers_equals_numeric_fold(widths: list[int]) -> None:
    net = Network.init(widths, activation="identity", seed=7) if widths else None
    if net is None:
        net = Network([np.array([[1.5]])], [np.array([-0.25])], [])
    sym = symbolic_line(net)
    values = sym.values(net)
    line = fold_linear(net)
    assert float(sym.a.subs(values)) == pytest.approx(line.a, rel=1e-12, abs=1e-15)
    assert float(sym.b.subs(values)) == pytest.approx(line.b, rel=1e-12, abs=1e-15)


def test_symbolic_line_generic_names_for_deeper_networks() -> None:
    sym = symbolic_line([2, 2])
    # 2·2 = 4 input-to-output paths, each a product of three weights
    assert len(sym.a.as_ordered_terms()) == 4
    assert sympy.Symbol("w2_1_2") in sym.a.free_symbols
    assert sympy.Symbol("b1_2") in sym.b.free_symbols


def test_symbolic_line_refuses_too_many_paths() -> None:
    with pytest.raises(UnsupportedError, match=r"one term per input-to-output path \(32768"):
        symbolic_line([32, 32, 32])


@pytest.mark.parametrize(
    ("a", "b", "text"),
    [
        (0.34236, 1.06155, "y = 0.34236x + 1.06155"),
        (-2.0, -0.5, "y = −2x − 0.5"),
        (1.0, 0.0, "y = x"),
        (0.0, 3.0, "y = 3"),
        (0.0, 0.0, "y = 0"),
    ],
    ids=["lesson-floor", "negative", "identity", "constant", "zero"],
)
def test_line_formula_cases(a: float, b: float, text: str) -> None:
    assert line_formula(a, b) == text


def test_line_derivation_plugs_in_the_numbers() -> None:
    net = Network.shallow(w=[1, 2, -1], b=[0, -1, 3], c=[1, 0.5, 2], c0=4, activation="identity")
    text = line_derivation(net)
    assert "y = (w1·w4 + w2·w5 + w3·w6)·x + (b1·w4 + b2·w5 + b3·w6 + b4)" in text
    assert "(2)(0.5)" in text
    assert text.endswith("y = 9.5")


def test_line_derivation_matrix_form_for_wide_networks() -> None:
    net = Network.init(8, 3, "identity", seed=0)
    text = line_derivation(net)
    assert "a = W4·W3·W2·W1 = " in text
    assert text.endswith(fold_linear(net).formula)
