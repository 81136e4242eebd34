"""Classification data: Playground sets, XOR, labelled CSV, features, the linear floor."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab import Network, score
from actlab.collapse.classifier import linear_boundary, linear_floor
from actlab.errors import ConfigError
from actlab.problem import Problem
from actlab.targets import circle, gauss, load_labelled, resolve, spiral, xor
from actlab.targets.features import Features


@pytest.mark.parametrize("noise", [0.0, 0.3])
def test_circle_is_the_playground_law(noise: float) -> None:
    x, y = circle(n=400, noise=noise, seed=1).points
    r = np.hypot(x[:, 0], x[:, 1])
    assert x.shape == (400, 2) and set(y) == {0.0, 1.0} if noise == 0 else True
    inside = r < 2.5
    assert np.all(r[:200] <= 2.5) and np.all((r[200:] >= 3.5) & (r[200:] <= 5))
    if noise == 0:
        np.testing.assert_array_equal(y, inside.astype(float))
    else:  # the label is decided at a point moved by noise·U(−5, 5): some flip, not most
        flipped = np.mean(y != inside)
        assert 0 < flipped < 0.3


def test_xor_and_gauss_and_spiral_follow_dataset_ts() -> None:
    x, y = xor(n=300, seed=2).points
    assert np.all(np.abs(x) >= 0.3) and np.all(np.abs(x) <= 5.3)
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] >= 0).astype(float))
    g, gy = gauss(n=2000, noise=0.5, seed=3).points
    np.testing.assert_allclose(g[gy == 1].mean(axis=0), [2, 2], atol=0.2)
    assert np.var(g[gy == 1]) == pytest.approx(4.0, rel=0.15)  # variance 0.5 + 7·noise
    s, sy = spiral(n=500, seed=0).points
    i = np.arange(250)
    t = 1.75 * i / 250 * 2 * np.pi
    np.testing.assert_allclose(s[:250], np.column_stack([np.sin(t), np.cos(t)]) * (i / 50)[:, None])
    np.testing.assert_allclose(s[250:], -s[:250], atol=1e-12)  # the other arm, turned by π
    assert sy[:250].all() and not sy[250:].any()


def test_problem_draws_a_playground_set_from_its_noise_seed_and_points() -> None:
    p = Problem.from_spec("spiral", points=200, noise=0.2, seed=5, test_fraction=0.5)
    (x, y), (_, yt) = p.train(), p.test()
    assert len(y) == len(yt) == 100 and p.classes == ("-1", "+1") and p.is_classification
    assert set(np.unique(y)) <= {0.0, 1.0}
    again = Problem.from_spec("spiral", points=200, noise=0.2, seed=5, test_fraction=0.5)
    np.testing.assert_array_equal(again.train()[0], x)
    assert p.describe()["classes"] == ["-1", "+1"]
    four = Problem.from_spec("xor4")
    assert len(four.train()[1]) == 4
    with pytest.raises(ConfigError, match="fixed points"):
        Problem.from_spec("xor4", noise=0.1).train()


def test_labelled_csv_maps_any_labels_and_names_them_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pets.csv"
    path.write_text("weight,height,kind\n4,25,cat\n30,60,dog\n5,24,cat\n2,10,10\n")
    t = load_labelled(path)
    x, y = t.points
    assert t.classes == ("10", "cat", "dog")  # sorted as text
    assert [t.classes[int(v)] for v in y] == ["cat", "dog", "cat", "10"]
    assert x.shape == (4, 2)
    numbers = tmp_path / "n.csv"
    numbers.write_text("a,b,label\n0,0,10\n1,1,2\n2,2,10\n")
    assert load_labelled(numbers).classes == ("2", "10")  # numeric labels sort as numbers


def test_features_by_name() -> None:
    x = np.array([[1.0, 2.0], [-3.0, 0.5]])
    f = Features.parse("x1^2, x2**2,x1*x2,sin(x1),SINY")
    assert f.names == ("x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
    np.testing.assert_allclose(f(x)[1], [9.0, 0.25, -1.5, np.sin(-3.0), np.sin(0.5)])
    with pytest.raises(ConfigError, match="unknown feature"):
        Features.parse("x3")


def test_linear_network_has_one_exact_boundary() -> None:
    net = Network.init(5, 3, "identity", inputs=2, seed=4)
    b = linear_boundary(net)
    q = np.random.default_rng(0).normal(size=(50, 2))
    np.testing.assert_allclose(b(q), net(q), rtol=1e-12, atol=1e-12)
    assert b.equation().endswith("= 0")
    with pytest.raises(ConfigError, match="tanh"):
        linear_boundary(Network.init(2, 1, "tanh", inputs=2, seed=0))


def test_linear_floor_is_scikit_learn_logistic_regression() -> None:
    sk = pytest.importorskip("sklearn.linear_model")
    x, y = gauss(n=200, noise=0.5, seed=1).points
    floor = linear_floor(x, y)
    ref = sk.LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(x, y)
    assert floor.accuracy == pytest.approx(ref.score(x, y))
    p = ref.predict_proba(x)[:, 1]
    ref_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert floor.log_loss == pytest.approx(ref_loss, rel=1e-6)
    # XOR: the best line gives up, ln 2 and half the points
    four = resolve("xor4").points
    assert linear_floor(*four).log_loss == pytest.approx(np.log(2), abs=1e-9)


def test_features_let_a_line_separate_the_circle() -> None:
    x, y = circle(n=300, seed=0).points
    assert linear_floor(x, y).accuracy < 0.8
    assert linear_floor(Features.parse("x1^2,x2^2")(x), y).accuracy == 1.0


def test_score_accuracy_and_log_loss_agree_with_scikit_learn() -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(1)
    p = rng.dirichlet(np.ones(3), 40)
    y = rng.integers(0, 3, 40)
    assert score.log_loss(p, y) == pytest.approx(metrics.log_loss(y, p, labels=[0, 1, 2]))
    assert score.accuracy(p.argmax(1), y) == metrics.accuracy_score(y, p.argmax(1))
    net = Network.init(3, 1, "tanh", inputs=2, outputs=3, seed=0)
    x = rng.normal(size=(40, 2))
    got = score.classify(net, x, y)
    proba = score.logits_to_proba(net(x), binary=False)
    assert got["log_loss"] == pytest.approx(metrics.log_loss(y, proba, labels=[0, 1, 2]))


def test_network_with_k_outputs_round_trips_json() -> None:
    net = Network.init(4, 2, "relu", inputs=2, outputs=3, seed=0)
    again = Network.from_json(net.to_json())
    q = np.ones((5, 2))
    assert net(q).shape == (5, 3) and net.outputs == 3
    np.testing.assert_array_equal(again(q), net(q))
    assert json.loads(net.to_json())["version"] == 1
    assert "y3 = " in net.formula()
    np.testing.assert_allclose(net.trace(q).contributions.sum(-1) + net.biases[-1], net(q))


def test_cli_fit_prints_accuracy_and_json_keys(cli) -> None:  # type: ignore[no-untyped-def]
    from actlab.cli import main

    args = ["fit", "--target", "circle", "--points", "100", "--depth", "0", "--features",
            "x1^2,x2^2", "--json"]  # fmt: skip
    out = cli.invoke(main, args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["accuracy"] == 1.0 and data["test_accuracy"] == 1.0
    assert {"log_loss", "network", "classes", "features"} <= set(data)
    text = cli.invoke(main, ["fit", "--target", "xor4", "--width", "2", "--activation", "tanh"])
    assert text.exit_code == 0 and "accuracy: 100.0%" in text.output
