"""Expressions: closed forms, the lesson's piecewise function, errors with carets, limits."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import lesson
from actlab.errors import ConfigError, ExpressionError
from actlab.network import Network
from actlab.targets import PRESETS, parse, resolve
from actlab.targets.expression import MAX_DEPTH, MAX_LENGTH

DENSE = np.linspace(-2.0, 6.0, 100_001)
GRID = np.linspace(-1.5, 2.5, 401)

LESSON_ONE_LINERS = [
    "piecewise(x < 0: 0, x < 2: 2*x, x < 4: -x + 6, 2)",
    "piecewise(x < 0: 0, 0 <= x < 2: 2*x, 2 <= x < 4: 6 - x, x >= 4: 2)",
    "2*relu(x) - 3*relu(x - 2) + relu(x - 4)",
    "(x >= 0)*(x < 2)*2*x + (x >= 2)*(x < 4)*(6 - x) + (x >= 4)*2",
]


@pytest.mark.parametrize("text", LESSON_ONE_LINERS, ids=["piecewise", "chained", "relu", "masks"])
def test_expression_lesson_function_equals_seed_preset(text):
    seed = resolve("seed")
    assert np.array_equal(seed(DENSE), lesson.target(DENSE))
    if "relu" in text:  # a sum of ramps: equal up to rounding
        np.testing.assert_allclose(resolve(text)(DENSE), seed(DENSE), rtol=0, atol=1e-12)
    else:
        assert np.array_equal(resolve(text)(DENSE), seed(DENSE))


def test_expression_hand_worked_value():
    # x = 3: the third piece applies (2 <= 3 < 4), so f(3) = -3 + 6 = 3;
    # x = 1: 2*1 = 2; x = -1: 0; x = 5: the default, 2.
    f = parse("piecewise(x < 0: 0, x < 2: 2*x, x < 4: -x + 6, 2)")
    assert f(np.array([-1.0, 1.0, 3.0, 5.0])).tolist() == [0.0, 2.0, 3.0, 2.0]


CLOSED_FORMS = [
    ("sin(3*x) + 0.3*x**2", lambda x: np.sin(3 * x) + 0.3 * x**2),
    ("x^2 - 2^x", lambda x: x**2 - 2.0**x),
    ("-x**2", lambda x: -(x**2)),
    ("2**-x", lambda x: 2.0**-x),
    ("2**3**0.5", lambda x: 2.0 ** (3.0**0.5) + 0 * x),
    ("1 - 2 - 3 + x", lambda x: -4.0 + x),
    ("8 / 4 / 2 * x", lambda x: 1.0 * x),
    ("exp(-x) * cos(pi*x)", lambda x: np.exp(-x) * np.cos(np.pi * x)),
    ("log(e + x**2) + sqrt(abs(x))", lambda x: np.log(np.e + x**2) + np.sqrt(np.abs(x))),
    ("tanh(x) - sigmoid(2*x)", lambda x: np.tanh(x) - 1 / (1 + np.exp(-2 * x))),
    ("max(x, 0, x - 1) + min(x, 1)", lambda x: np.maximum(x, 0) + np.minimum(x, 1)),
    ("clip(3*x, -1, 2)", lambda x: np.clip(3 * x, -1, 2)),
    ("floor(x) + ceil(x) + sign(x)", lambda x: np.floor(x) + np.ceil(x) + np.sign(x)),
    ("softplus(x) + elu(x)", lambda x: np.log1p(np.exp(x)) + np.where(x > 0, x, np.expm1(x))),
    ("hard_sigmoid(x) + hard_tanh(x)", lambda x: np.clip(x / 6 + 0.5, 0, 1) + np.clip(x, -1, 1)),
    ("(x > 1) + (x <= 0) * 2", lambda x: (x > 1) + 2.0 * (x <= 0)),
    ("a = x + 1; b = a * a\ny = b - a", lambda x: (x + 1) ** 2 - (x + 1)),
    ("3 × x − 1 ≤ π", lambda x: (3 * x - 1 <= np.pi).astype(float)),
]


@pytest.mark.parametrize(("text", "oracle"), CLOSED_FORMS, ids=[c[0] for c in CLOSED_FORMS])
def test_expression_matches_numpy_closed_form(text, oracle):
    np.testing.assert_allclose(parse(text)(GRID), oracle(GRID), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", list(PRESETS))
def test_expression_of_each_preset_matches_its_numpy_code(name):
    p = PRESETS[name]
    x = p.grid(20_001)
    np.testing.assert_allclose(resolve(p.expression, p.domain)(x), p(x), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "gelu", "hard_sigmoid", "sin"])
@pytest.mark.parametrize("depth", [1, 3])
def test_expression_parses_network_formula_back(activation, depth):
    net = Network.init(3, depth, activation, seed=7)
    f = parse(net.formula(plain=True, digits=17))
    np.testing.assert_allclose(f(GRID), net(GRID), rtol=1e-12, atol=1e-12)


def test_expression_kinks_from_comparisons():
    assert resolve(LESSON_ONE_LINERS[0]).kinks == (0.0, 2.0, 4.0)
    assert parse("piecewise(1.5 > x: 1, x)").kinks == (1.5,)


ERRORS = [
    ("2x", 1, "missing operator: write '\\*'"),
    ("sin x", 0, "'sin' is a function; call it as sin"),
    ("x(2)", 0, "'x' is not a function"),
    ("foo(x)", 0, "unknown function 'foo'; the functions are abs, arccos"),
    ("foo + x", 0, "unknown name 'foo'; use x, pi, e, a name defined on an earlier line"),
    ("x +", 3, "expected a number, x, a name or '\\('"),
    ("(x + 1", 0, "expected '\\)' to close the parenthesis"),
    ("x = 3", 0, "the name 'x' cannot be assigned"),
    ("x == = 1", 5, "expected a number"),
    ("clip(x, 1)", 0, "clip takes 3 arguments, got 2"),
    ("max(x)", 0, "max takes 2 or more arguments, got 1"),
    ("piecewise(1, x < 0: 2)", 18, "the default value \\(no condition\\) must be the last piece"),
    ("piecewise(x)", 0, "needs at least one 'condition: value' piece"),
    ("x ** 1001", 5, "the exponent 1001 is too large"),
    ("1/0 + x", 0, "'1/0' is not a finite number"),
    ("x; ", None, None),
    ("", 0, "the expression is empty"),
    ("a = x\nb = a +\n", 7, "expected a number"),
]


@pytest.mark.parametrize(("text", "pos", "match"), ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_expression_error_points_at_position(text, pos, match):
    if match is None:
        parse(text)  # trailing separators are fine
        return
    with pytest.raises(ExpressionError, match=match) as info:
        parse(text)
    if not text:
        assert info.value.position == pos
    elif "\n" in text:  # the caret is shown under the offending line only
        assert info.value.text == "b = a +" and info.value.position == pos
    else:
        assert info.value.position == pos
        assert str(info.value).splitlines()[-1] == "  " + " " * pos + "^"


@pytest.mark.parametrize(
    ("text", "domain", "match"),
    [
        ("log(x)", (-1, 1), "'log\\(x\\)' is not finite at x = -1 \\(it gives nan\\)"),
        ("1 + 1/(x - 1)", (0, 2), "'1/\\(x - 1\\)' is not finite at x = 1 \\(it gives inf\\)"),
        ("exp(exp(x))", (0, 10), "'exp\\(exp\\(x\\)\\)' is not finite at x = "),
        ("piecewise(x < 0: 1)", (-1, 1), "no piece of piecewise\\(...\\) covers x = 0"),
        ("a = sqrt(x)\ny = a + 1", (-1, 1), "'sqrt\\(x\\)' is not finite at x = -1"),
    ],
    ids=["log", "pole", "overflow", "uncovered", "binding"],
)
def test_expression_nonfinite_on_domain_is_reported(text, domain, match):
    with pytest.raises(ExpressionError, match=match):
        resolve(text, domain)


def test_expression_nonfinite_in_unchosen_piece_is_fine():
    f = resolve("piecewise(x > 0: log(x), 0)", (-1, 1))
    assert f(np.array([-1.0, np.e])).tolist() == [0.0, 1.0]


def test_expression_call_outside_domain_raises_not_nan():
    f = resolve("sqrt(x)", (0, 1))
    with pytest.raises(ExpressionError, match="at x = -4"):
        f(np.array([1.0, -4.0]))


def test_expression_limits_length_and_depth():
    with pytest.raises(ExpressionError, match=f"at most {MAX_LENGTH} are allowed"):
        parse("x+" * MAX_LENGTH + "x")
    ok = "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH
    assert parse(ok)(np.array([2.0])).tolist() == [2.0]
    with pytest.raises(ExpressionError, match=f"nests deeper than {MAX_DEPTH} levels"):
        parse("(" + ok + ")")
    with pytest.raises(ExpressionError, match="nests deeper"):
        parse("-" * 200 + "x")


def test_expression_long_flat_sum_is_fine():
    f = parse("+".join(["x"] * 900))
    assert f(np.array([1.0])).tolist() == [900.0]


def test_resolve_unknown_name_suggests_preset():
    with pytest.raises(
        ExpressionError, match="unknown target 'runga' \\(did you mean 'runge'\\?\\)"
    ):
        resolve("runga")


@pytest.mark.parametrize("domain", [(1, 1), (2, 1), (0, float("nan")), (0, float("inf")), "ab"])
def test_resolve_bad_domain_raises_config_error(domain):
    with pytest.raises(ConfigError, match="the 'domain' parameter must be two"):
        resolve("sin", domain)


def test_resolve_preset_with_domain_keeps_function():
    t = resolve("SEED", (0, 1))
    assert t.domain == (0.0, 1.0) and t.name == "lesson"
    assert t(np.array([0.5])).tolist() == [1.0]
