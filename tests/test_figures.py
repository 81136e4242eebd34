"""Lesson figures: each draws the right artists, and the drawn data equal the inputs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from _figure_helpers import legend_texts, lines_by_gid, sigmoid, tagged, texts_by_gid
from actlab import ConfigError, DataError, Network, UnsupportedError, lesson
from actlab import figures as F
from actlab.figures.style import CONTRIBUTION_COLORS, ROLE_COLORS

X = lesson.GRID.values()

# Chinese figures in this module are built, not drawn: without a CJK font only FontWarning fires.
pytestmark = pytest.mark.filterwarnings("ignore::actlab.figures.FontWarning")


# ------------------------------------------------------------------ target
def test_target_figure_curve_and_kinks():
    fig = F.target_figure(lesson.target, (-2, 6), points=[0, 2, 4])
    (curve,) = lines_by_gid(fig, "target")
    np.testing.assert_array_equal(curve.get_ydata(), lesson.target(curve.get_xdata()))
    assert curve.get_xdata()[0] == -2 and curve.get_xdata()[-1] == 6
    (kinks,) = lines_by_gid(fig, "points")
    np.testing.assert_array_equal(kinks.get_ydata(), [0, 4, 2])
    notes = sorted(t.get_text() for t in fig.axes[0].texts)
    assert notes == ["(0, 0)", "(2, 4)", "(4, 2)"]


@pytest.mark.parametrize(
    ("domain", "match"),
    [
        pytest.param((3, 1), "start < stop", id="reversed"),
        pytest.param("abc", "'domain' parameter must be", id="text"),
        pytest.param((0, np.nan), "'domain' parameter must be", id="nan"),
    ],
)
def test_target_figure_rejects_bad_domain(domain, match):
    with pytest.raises(ConfigError, match=match):
        F.target_figure(lesson.target, domain)


def test_figure_rejects_unknown_lang():
    with pytest.raises(ConfigError, match="the 'lang' parameter must be one of en, zh; got 'fr'"):
        F.target_figure(lesson.target, lang="fr")


# --------------------------------------------------------------- lines sum
def test_lines_sum_figure_hand_worked():
    # z1 = x, z2 = 2x + 1, z3 = −x + 3, weights 1, 1, 1, bias 0.5:
    # slope = 1 + 2 − 1 = 2, intercept = 0 + 1 + 3 + 0.5 = 4.5
    fig = F.lines_sum_figure([(1, 0), (2, 1), (-1, 3)], [1, 1, 1], 0.5)
    assert len(lines_by_gid(fig, "term")) == 3
    assert len(lines_by_gid(fig, "bias")) == 1
    (total,) = lines_by_gid(fig, "sum")
    np.testing.assert_allclose(total.get_ydata(), 2 * total.get_xdata() + 4.5, atol=1e-12)
    assert "sum: y = 2x + 4.5" in legend_texts(fig)


def test_lines_sum_figure_sum_is_linear_network_output(rng):
    a, b, w = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    bias = float(rng.normal())
    fig = F.lines_sum_figure(list(zip(a, b)), w, bias, (-2, 6))
    net = Network.shallow(a, b, w, bias, activation="identity")
    (total,) = lines_by_gid(fig, "sum")
    np.testing.assert_allclose(total.get_ydata(), net(total.get_xdata()), rtol=0, atol=1e-12)
    for i, term in enumerate(lines_by_gid(fig, "term")):
        np.testing.assert_allclose(term.get_ydata(), w[i] * (a[i] * term.get_xdata() + b[i]))
        assert term.get_color() == CONTRIBUTION_COLORS[i]


def test_lines_sum_figure_rejects_mismatched_weights():
    with pytest.raises(DataError, match="'out_weights' parameter must have 3 values"):
        F.lines_sum_figure([(1, 0), (2, 1), (-1, 3)], [1, 1])
    with pytest.raises(ConfigError, match="'lines' parameter must be 1 to 8"):
        F.lines_sum_figure([(1, 0, 2)], [1])


# ----------------------------------------------------------- decomposition
def test_decomposition_figure_lesson_terms():
    net = lesson.handbuilt_network()
    fig = F.decomposition_figure(net, lesson.target, (-2, 6), names=("h", "p"))
    h, p = lines_by_gid(fig, "term")
    x = h.get_xdata()
    np.testing.assert_allclose(h.get_ydata(), 4 * sigmoid(2.4 * x - 2.4), atol=1e-12)
    np.testing.assert_allclose(p.get_ydata(), 2 * sigmoid(-2.4 * x + 7.4) - 2, atol=1e-12)
    assert (h.get_color(), p.get_color()) == ("#2CA02C", "#D62728")  # green h, red p
    assert h.get_label() == "h(x) = 4σ(2.4x − 2.4)"
    assert p.get_label() == "p(x) = 2σ(−2.4x + 7.4) − 2"
    (total,) = lines_by_gid(fig, "sum")
    np.testing.assert_allclose(total.get_ydata(), net(x), rtol=0, atol=1e-12)
    (target,) = lines_by_gid(fig, "target")
    np.testing.assert_array_equal(target.get_ydata(), lesson.target(x))


@pytest.mark.parametrize(
    ("bias_on", "n_bias"), [("last", 0), ("first", 0), ("separate", 1)], ids=str
)
def test_decomposition_figure_sum_whatever_bias_place(bias_on, n_bias):
    net = Network.shallow([1.0, -2.0, 0.5], [0.3, 1.0, -1.0], [1.5, -0.7, 2.0], 0.8, "tanh")
    fig = F.decomposition_figure(net, None, X, bias_on=bias_on)
    assert len(lines_by_gid(fig, "term")) == 3
    assert len(lines_by_gid(fig, "bias")) == n_bias
    assert lines_by_gid(fig, "target") == []
    (total,) = lines_by_gid(fig, "sum")
    np.testing.assert_allclose(total.get_ydata(), net(X), rtol=0, atol=1e-12)


def test_decomposition_figure_rejects_deep_and_wide():
    with pytest.raises(UnsupportedError, match="one hidden layer, got depth 2"):
        F.decomposition_figure(Network.init(2, 2, seed=0))
    with pytest.raises(ConfigError, match="at most 8 neurons, got width 9"):
        F.decomposition_figure(Network.init(9, 1, seed=0))
    with pytest.raises(ConfigError, match="'bias_on' parameter must be one of last, first"):
        F.decomposition_figure(lesson.handbuilt_network(), bias_on="middle")


# ----------------------------------------------------------- contributions
def test_contributions_figure_dims_negligible_neuron():
    # third neuron: |c| = 0.001 times a sigmoid's range < 1 % of the target's range 4
    net = Network.shallow([2.4, -2.4, 0.5], [-2.4, 7.4, 0.1], [4.0, 2.0, 0.001], -2.0)
    fig = F.contributions_figure(net, X, lesson.target(X))
    strong, faint = lines_by_gid(fig, "contribution"), lines_by_gid(fig, "faint")
    assert (len(strong), len(faint)) == (2, 1)
    np.testing.assert_array_equal(faint[0].get_ydata(), net.contributions(X)[:, 2])
    assert faint[0].get_alpha() < 0.5 and "negligible" in faint[0].get_label()
    (out,) = lines_by_gid(fig, "output")
    np.testing.assert_allclose(out.get_ydata(), net(X), atol=1e-12)
    assert out.get_color() == ROLE_COLORS["output"]
    assert "output bias −2" in legend_texts(fig)


def test_contributions_figure_deep_and_wide_summarises_legend():
    net = Network.init(20, 2, "relu", seed=4)
    fig = F.contributions_figure(net, X, dim_below=0.0)
    lines = lines_by_gid(fig, "contribution")
    assert len(lines) == 20
    np.testing.assert_array_equal(
        np.column_stack([ln.get_ydata() for ln in lines]), net.contributions(X)
    )
    assert "20 neuron contributions" in legend_texts(fig)
    assert len(legend_texts(fig)) <= 4


def test_contributions_figure_rejects_population():
    with pytest.raises(ConfigError, match="is a population; index one member first"):
        F.contributions_figure(Network.init(3, seed=[1, 2]), X)


# ---------------------------------------------------------------- diagram
@pytest.mark.parametrize("widths", [[2], [3, 4], [1], [8, 8]], ids=lambda w: "-".join(map(str, w)))
def test_network_diagram_nodes_links_and_labels(widths):
    net = Network.init(widths, activation="tanh", seed=7)
    fig = F.network_diagram(net, digits=3)
    ax = fig.axes[0]
    sizes = [1, *widths, 1]
    assert sum(tagged(p, "node") for p in ax.patches) == sum(sizes)
    assert len(lines_by_gid(fig, "link")) == sum(a * b for a, b in itertools.pairwise(sizes))
    shown = sorted(t.get_text() for t in texts_by_gid(fig, "weight"))
    expected = sorted(f"{v:.3g}".replace("-", "−") for w in net.weights for v in w.ravel())
    assert shown == expected
    assert len(texts_by_gid(fig, "bias")) == sum(widths) + 1


def test_network_diagram_lesson_weights():
    fig = F.network_diagram(lesson.handbuilt_network())
    assert sorted(t.get_text() for t in texts_by_gid(fig, "weight")) == ["2", "2.4", "4", "−2.4"]
    biases = sorted(t.get_text() for t in texts_by_gid(fig, "bias"))
    assert biases == ["b = 7.4", "b = −2", "b = −2.4"]


def test_network_diagram_rejects_wide():
    with pytest.raises(ConfigError, match=r"at most 8 neurons per layer .* got widths \[9\]"):
        F.network_diagram(Network.init(9, 1, seed=0))
