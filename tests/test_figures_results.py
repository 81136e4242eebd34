"""Figures of fits and experiment results; figures and global state (rcParams, threads, pyplot)."""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import matplotlib as mpl
import numpy as np
import pytest

from _figure_helpers import legend_texts, lines_by_gid
from actlab import ConfigError, DataError, Network, lesson
from actlab import figures as F

X = lesson.GRID.values()

# Chinese figures in this module are built, not drawn: without a CJK font only FontWarning fires.
pytestmark = pytest.mark.filterwarnings("ignore::actlab.figures.FontWarning")


# -------------------------------------------------------------------- fit
def test_fit_figure_curves_points_and_colours():
    x = np.linspace(-3, 3, 61)
    y = np.sin(2 * x)
    curves = {"relu (constructed)": y + 0.1, "relu (trained)": y - 0.1, "sigmoid": y * 0.9}
    fig = F.fit_figure(x, y, curves, points=(x[::10], y[::10]))
    drawn = lines_by_gid(fig, "curve")
    assert [ln.get_label() for ln in drawn] == list(curves)
    for ln, values in zip(drawn, curves.values()):
        np.testing.assert_array_equal(ln.get_ydata(), values)
    relu_a, relu_b, sig = drawn
    assert relu_a.get_color() == relu_b.get_color() == F.ACTIVATION_COLORS["relu"]
    assert relu_a.get_linestyle() != relu_b.get_linestyle()
    assert sig.get_color() == F.ACTIVATION_COLORS["sigmoid"]
    (pts,) = lines_by_gid(fig, "points")
    np.testing.assert_array_equal(pts.get_xdata(), x[::10])


def test_fit_figure_rejects_wrong_length():
    with pytest.raises(DataError, match=r"'curves\[a\]' parameter must have 5 values"):
        F.fit_figure(np.arange(5.0), np.arange(5.0), {"a": np.arange(4.0)})


# --------------------------------------------------------- error vs width
def test_error_vs_width_figure_slopes_in_legend():
    w = np.array([1, 2, 4, 8, 16])
    table = {"relu": (w, 3.0 * w**-2.0), "identity": (w, np.full(5, 0.97))}
    fig = F.error_vs_width_figure(table)
    assert legend_texts(fig) == ["relu (slope −2.00)", "identity (slope 0.00)"]
    relu, _ = lines_by_gid(fig, "series")
    np.testing.assert_array_equal(relu.get_xdata(), w)
    assert fig.axes[0].get_xscale() == fig.axes[0].get_yscale() == "log"


def test_error_vs_width_figure_rows_keep_best_of_restarts():
    rows = [
        {"activation": "tanh", "width": 2, "mse": 0.5},
        {"activation": "tanh", "width": 2, "mse": 0.2},  # a better restart
        {"activation": "tanh", "width": 8, "mse": 0.0125},
        {"activation": "tanh", "width": 16, "mse": 0.0},  # exact: not drawable on log axes
    ]
    fig = F.error_vs_width_figure(rows)
    (line,) = lines_by_gid(fig, "series")
    np.testing.assert_array_equal(line.get_ydata(), [0.2, 0.0125])
    # log(0.0125 / 0.2) / log(8 / 2) = log(1/16) / log(4) = −2
    assert F.loglog_slope([2, 8], [0.2, 0.0125]) == pytest.approx(-2.0, abs=1e-12)
    assert legend_texts(fig) == ["tanh (slope −2.00)"]


def test_error_vs_width_figure_width_sweep_rows_by_method_and_target():
    rows = [
        {"target": t, "method": m, "width": w, "mse": e * w**-2.0}
        for t, e in [("seed", 1.0), ("sin", 5.0)]
        for m in ("relu", "construct-relu")
        for w in (2, 4, 8)
    ]
    fig = F.error_vs_width_figure(rows, where={"target": "sin"})
    trained, built = lines_by_gid(fig, "series")
    np.testing.assert_allclose(trained.get_ydata(), [1.25, 0.3125, 0.078125])  # 5 / w²
    assert trained.get_color() == built.get_color() == F.ACTIVATION_COLORS["relu"]
    assert trained.get_linestyle() != built.get_linestyle()
    assert legend_texts(fig) == ["relu (slope −2.00)", "construct-relu (slope −2.00)"]
    with pytest.raises(DataError, match="no rows matching \\{'target': 'runge'\\}"):
        F.error_vs_width_figure(rows, where={"target": "runge"})


def test_error_vs_width_figure_against_marked_points():
    rows = [{"activation": "sigmoid", "points": p, "mse": 1 / p} for p in (3, 9, 27)]
    fig = F.error_vs_width_figure(rows, x_key="points", xlabel="marked points")
    (line,) = lines_by_gid(fig, "series")
    np.testing.assert_array_equal(line.get_xdata(), [3, 9, 27])
    assert fig.axes[0].get_xlabel() == "marked points"
    assert legend_texts(fig) == ["sigmoid (slope −1.00)"]


def test_error_vs_width_figure_rejects_bad_rows():
    with pytest.raises(DataError, match="each row needs 'activation', 'width' and 'mse'"):
        F.error_vs_width_figure([{"width": 2, "mse": 0.1}])


# -------------------------------------------------------------- histogram
@pytest.mark.parametrize("log_x", [True, False], ids=["log", "linear"])
def test_histogram_figure_counts_and_threshold(rng, log_x):
    values = np.concatenate([10 ** rng.uniform(-5, -2.5, 37), 10 ** rng.uniform(-1.5, 0, 163)])
    values[0] = 0.0  # an exactly dead neuron still counts
    fig = F.histogram_figure(values, 0.01, log_x=log_x)
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == values.size
    (line,) = lines_by_gid(fig, "threshold")
    assert list(line.get_xdata()) == [0.01, 0.01]
    assert any(t.get_text() == "37 of 200 below the threshold (18.5%)" for t in ax.texts)
    assert "threshold 1%" in legend_texts(fig)


def test_histogram_figure_rejects_bad_threshold():
    with pytest.raises(ConfigError, match="'threshold' parameter must be a finite number in \\(0"):
        F.histogram_figure([0.1, 0.2], 0.0)


# --------------------------------------------------------------- collapse
def test_collapse_figure_line_and_pieces():
    # linear net: hidden 1.5x + 0.2 and 0.3x − 1, output 0.4·h1 − 0.2·h2 + 1
    # slope 0.4·1.5 − 0.2·0.3 = 0.54, intercept 0.4·0.2 + 0.2·1 + 1 = 1.28
    lin = Network([[[1.5], [0.3]], [[0.4, -0.2]]], [[0.2, -1.0], [1.0]], ["identity"])
    relu = Network.shallow([1, 1, 1], [0, -2, -4], [2, -3, 1], 0.0, "relu")
    y_t = lesson.target(X)
    fig = F.collapse_figure(X, y_t, lin, relu, [0.0, 2.0, 4.0, 9.0])
    assert len(fig.axes) == 2
    texts = legend_texts(fig)
    assert "linear network: y = 0.54x + 1.28" in texts
    a, b = np.polyfit(X, y_t, 1)
    (best,) = lines_by_gid(fig, "best_line")
    np.testing.assert_allclose(best.get_ydata(), a * X + b, atol=1e-12)
    pieces = lines_by_gid(fig, "piece")
    assert len(pieces) == 4  # 3 breakpoints inside [−2, 6] (9 is outside)
    for piece in pieces:
        xs = piece.get_xdata()
        np.testing.assert_allclose(piece.get_ydata(), relu(xs), atol=1e-12)
        slopes = np.diff(piece.get_ydata()) / np.diff(xs)
        np.testing.assert_allclose(slopes, slopes[0], atol=1e-9)  # each piece is straight
    (marks,) = lines_by_gid(fig, "breakpoints")
    np.testing.assert_array_equal(marks.get_xdata(), [0.0, 2.0, 4.0])
    assert "A ReLU network is piecewise linear: 4 pieces" in [ax.get_title() for ax in fig.axes]


@pytest.mark.parametrize(
    "best_line",
    [(0.3, 1.1), {"mse": 0.9, "a": 0.3, "b": 1.1}, SimpleNamespace(a=0.3, b=1.1)],
    ids=["pair", "mapping", "floor"],
)
def test_collapse_figure_linear_only_accepts_arrays(best_line):
    fig = F.collapse_figure(X, lesson.target(X), 0.5 * X + 1, best_line=best_line)
    assert len(fig.axes) == 1
    assert "best line: y = 0.3x + 1.1" in legend_texts(fig)
    assert "linear network: y = 0.5x + 1" in legend_texts(fig)


# ------------------------------------------------------------ global state
def test_figures_number_repeated_gids_for_unique_svg_ids():
    fig = F.collapse_figure(
        X, lesson.target(X), 0.5 * X, Network.shallow([1], [0], [1], 0, "relu"), [0]
    )
    gids = [a.get_gid() for a in fig.findobj() if a.get_gid()]
    assert len(gids) == len(set(gids))
    assert {"target-1", "target-2", "piece-1", "piece-2"} <= set(gids)
    ids = re.findall(rb'id="([^"]+)"', F.to_bytes(fig, "svg"))
    assert len(ids) == len(set(ids))


def test_figures_leave_rcparams_untouched():
    before = dict(mpl.rcParams)
    F.network_diagram(lesson.handbuilt_network(), lang="zh")
    after = dict(mpl.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


def test_figures_build_safely_from_threads():
    # rcParams are process-wide; the style lock keeps each figure's settings its own
    jobs = [("zh" if i % 2 else "en", i) for i in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        figs = list(pool.map(lambda j: F.target_figure(lesson.target, lang=j[0]), jobs))
    for (lang, _), fig in zip(jobs, figs):
        title = fig.axes[0].get_title()
        assert title == ("目标函数" if lang == "zh" else "The target function")
        assert fig.axes[0].spines["top"].get_visible() is False  # actlab's style applied


def test_figures_never_import_pyplot():
    code = (
        "import sys; from actlab import figures, lesson; "
        "figures.to_bytes(figures.target_figure(lesson.target)); "
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
