"""The exact decision boundary of a 2-input relu classifier, against the forward pass."""

from __future__ import annotations

import json

import numpy as np
import pytest

from actlab.cli import main
from actlab.collapse import linear_regions
from actlab.collapse.boundary import clip_line, decision_boundary
from actlab.errors import UnsupportedError
from actlab.network import Network

BOX = ((-2.0, 2.0), (-1.5, 2.5))


def _crosses(seg: np.ndarray, lo: np.ndarray, hi: np.ndarray, pad: float) -> np.ndarray:
    """Whether each segment (S, 2, 2) meets the box [lo, hi] grown by ``pad`` (Liang–Barsky)."""
    p0, d = seg[:, 0], seg[:, 1] - seg[:, 0]
    t0, t1 = np.zeros(len(seg)), np.ones(len(seg))
    ok = np.ones(len(seg), dtype=bool)
    for k in range(2):
        a, b = lo[k] - pad, hi[k] + pad
        flat = np.abs(d[:, k]) < 1e-300
        ok &= ~flat | ((p0[:, k] >= a) & (p0[:, k] <= b))
        with np.errstate(divide="ignore", invalid="ignore"):
            ta, tb = (a - p0[:, k]) / d[:, k], (b - p0[:, k]) / d[:, k]
        near, far = np.minimum(ta, tb), np.maximum(ta, tb)
        t0 = np.where(flat, t0, np.maximum(t0, near))
        t1 = np.where(flat, t1, np.minimum(t1, far))
    return ok & (t0 <= t1)


NETS = [
    Network.init(5, 1, "relu", inputs=2, seed=1),
    Network.init(8, 1, "relu", inputs=2, seed=7),
    Network.init([6, 5], 0, "relu", inputs=2, seed=3),
    Network.init([4, 4], 0, ["relu", "hard_tanh"], inputs=2, seed=11),
    Network.init(6, 1, "leaky_relu", inputs=2, seed=5),
]


@pytest.mark.parametrize("net", NETS, ids=lambda n: "-".join(map(str, n.widths)))
def test_points_on_the_segments_have_logit_zero(net: Network) -> None:
    db = decision_boundary(net, BOX)
    assert db.count > 0
    t = np.linspace(0.0, 1.0, 11)[:, None]
    pts = np.concatenate([s[0] + t * (s[1] - s[0]) for s in db.segments])
    grid = np.stack(np.meshgrid(np.linspace(*BOX[0], 50), np.linspace(*BOX[1], 50)), -1)
    scale = float(np.abs(net(grid.reshape(-1, 2))).max())
    assert np.abs(net(pts)).max() <= 1e-10 * scale
    (x0, x1), (y0, y1) = BOX
    assert (pts[:, 0] >= x0 - 1e-12).all() and (pts[:, 0] <= x1 + 1e-12).all()
    assert (pts[:, 1] >= y0 - 1e-12).all() and (pts[:, 1] <= y1 + 1e-12).all()


@pytest.mark.parametrize("net", NETS, ids=lambda n: "-".join(map(str, n.widths)))
def test_the_sign_changes_only_across_segments(net: Network) -> None:
    db = decision_boundary(net, BOX)
    n = 161
    g1, g2 = np.linspace(*BOX[0], n), np.linspace(*BOX[1], n)
    m1, m2 = np.meshgrid(g1, g2)
    sign = np.sign(net(np.column_stack([m1.ravel(), m2.ravel()]))).reshape(m1.shape)
    corners = np.stack([sign[:-1, :-1], sign[:-1, 1:], sign[1:, :-1], sign[1:, 1:]])
    mixed = np.argwhere((corners.max(axis=0) > 0) & (corners.min(axis=0) < 0))
    assert len(mixed) > 0
    pad = 1e-9
    for i, j in mixed:  # row i is x2, column j is x1
        lo, hi = np.array([g1[j], g2[i]]), np.array([g1[j + 1], g2[i + 1]])
        assert _crosses(db.segments, lo, hi, pad).any(), (lo, hi)
    # and every segment separates the signs: just off its middle, on each side, they differ
    regions = linear_regions(net, BOX)
    for seg, r in zip(db.segments, db.regions, strict=True):
        a = regions.a[r]
        mid = seg.mean(axis=0)
        off = 1e-7 * a / np.linalg.norm(a)
        inside = regions.locate(np.array([mid + off, mid - off]))
        if (inside == r).all():  # both sides in the segment's own region
            z = net(np.array([mid + off, mid - off]))
            assert z[0] > 0 > z[1]


def test_a_known_boundary_two_parallel_lines() -> None:
    # h1 = relu(x1 + x2 − 0.5), h2 = relu(x1 + x2 − 1.5), z = h1 − 2·h2 − 0.25:
    # z = 0 on x1 + x2 = 0.75 and on x1 + x2 = 2.25 (the XOR band)
    net = Network(
        [np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([[1.0, -2.0]])],
        [np.array([-0.5, -1.5]), np.array([-0.25])],
        ["relu"],
    )
    box = ((-1.0, 2.0), (-1.0, 2.0))
    db = decision_boundary(net, box)
    s = db.segments.sum(axis=2)  # x1 + x2 at each end
    on = np.isclose(s, 0.75, atol=1e-12) | np.isclose(s, 2.25, atol=1e-12)
    assert on.all()
    # the lines' lengths inside the box: x1 + x2 = c from x1 = max(−1, c − 2) to min(2, c + 1)
    want = sum(np.sqrt(2) * (min(2.0, c + 1) - max(-1.0, c - 2)) for c in (0.75, 2.25))
    assert db.length == pytest.approx(want, rel=1e-12)
    assert json.loads(json.dumps(db.to_dict()))["segments"] == db.to_list()


def test_clip_line_on_a_square() -> None:
    sq = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    seg = clip_line(sq, np.array([1.0, -1.0]), 0.0)  # the diagonal x1 = x2
    assert seg is not None
    assert sorted(map(tuple, seg)) == [(0.0, 0.0), (1.0, 1.0)]
    edge = clip_line(sq, np.array([0.0, 1.0]), -1.0)  # along the top edge
    assert edge is not None
    assert sorted(map(tuple, edge)) == [(0.0, 1.0), (1.0, 1.0)]
    assert clip_line(sq, np.array([1.0, 1.0]), 0.0) is None  # touches one corner only
    assert clip_line(sq, np.array([1.0, 0.0]), 5.0) is None  # misses
    assert clip_line(sq, np.zeros(2), 0.0) is None


def test_bad_networks_are_refused_clearly() -> None:
    with pytest.raises(UnsupportedError, match="binary classifiers"):
        decision_boundary(Network.init(3, 1, "relu", inputs=2, outputs=3, seed=0))
    with pytest.raises(UnsupportedError, match="piecewise-linear"):
        decision_boundary(Network.init(3, 1, "tanh", inputs=2, seed=0))
    with pytest.raises(UnsupportedError, match="2 inputs"):
        decision_boundary(Network.init(3, 1, "relu", inputs=3, seed=0))
    with pytest.raises(UnsupportedError, match="Network or Regions"):
        decision_boundary("net")  # type: ignore[arg-type]


def test_collapse_cli_json_has_the_boundary(cli, tmp_path) -> None:
    net = Network.init(6, 1, "relu", inputs=2, seed=2)
    path = net.save(tmp_path / "net.json")
    out = cli.invoke(main, ["collapse", "--net", str(path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    seg = np.array(data["boundary"])
    assert seg.ndim == 3 and seg.shape[1:] == (2, 2)
    assert seg.shape[0] == decision_boundary(net).count
    assert np.abs(net(seg.reshape(-1, 2))).max() <= 1e-9


def test_decision_figure_draws_the_exact_segments() -> None:
    from matplotlib.collections import LineCollection

    from actlab.figures.decision import decision_figure

    net = Network.init(6, 1, "relu", inputs=2, seed=2)
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    fig = decision_figure(net, x, np.array([0, 1, 1, 0]), n=40)
    drawn = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    assert len(drawn) == 1
    for seg in drawn[0].get_segments():
        assert np.abs(net(np.asarray(seg))).max() <= 1e-9
