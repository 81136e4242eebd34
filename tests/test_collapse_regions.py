"""Linear regions of 2-input piecewise-linear networks, against independent oracles:
Zaslavsky's count for one hidden layer, regioncam for deeper ones, the activation
patterns of a fine grid, and the forward pass inside every region."""

from __future__ import annotations

import numpy as np
import pytest

from actlab.collapse import default_domain, linear_regions
from actlab.collapse.pieces import PIECEWISE_LINEAR_FORMS
from actlab.errors import ConfigError, UnsupportedError
from actlab.network import Network


def _patterns(net: Network, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each point's activation pattern from the forward pass, and its distance to a kink."""
    trace = net.trace(x)
    pieces, margin = [], np.full(len(x), np.inf)
    for z, name in zip(trace.pre_activations, net.activations, strict=True):
        kinks = np.asarray(PIECEWISE_LINEAR_FORMS[name].kinks)
        pieces.append(np.searchsorted(kinks, z))
        for kink in kinks:
            margin = np.minimum(margin, np.abs(z - kink).min(axis=1))
    return np.concatenate(pieces, axis=1), margin


def _float32(net: Network) -> Network:
    """The same network with weights rounded to float32, as regioncam computes in float32."""
    return Network(
        [w.astype(np.float32).astype(np.float64) for w in net.weights],
        [b.astype(np.float32).astype(np.float64) for b in net.biases],
        net.activations,
    )


def _inside_points(poly: np.ndarray, rng: np.random.Generator, n: int) -> np.ndarray:
    """Random convex combinations of a polygon's vertices (inside it)."""
    w = rng.dirichlet(np.ones(len(poly)), size=n)
    return w @ poly


@pytest.mark.parametrize("width", [1, 2, 5, 12, 24])
@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
def test_regions_one_layer_count_is_zaslavsky(width: int, activation: str) -> None:
    for seed in range(3):
        net = Network.init(width, 1, activation, inputs=2, seed=seed)
        assert linear_regions(net).count == 1 + width + width * (width - 1) // 2


@pytest.mark.parametrize("width", [2, 6])
def test_regions_one_layer_two_kinks_count_is_zaslavsky_less_parallel_pairs(width: int) -> None:
    # hard_tanh bends at z = ±1: two parallel lines per neuron, which never cross
    net = Network.init(width, 1, "hard_tanh", inputs=2, seed=4)
    lines = 2 * width
    assert linear_regions(net).count == 1 + lines + lines * (lines - 1) // 2 - width


@pytest.mark.parametrize(
    ("widths", "activation", "seed"),
    [([8, 8], "relu", 0), ([8, 8], "relu", 1), ([6, 6, 6], "relu", 2), ([10, 5], "relu", 3),
     ([5, 5, 5, 5], "relu", 4), ([8, 8], "leaky_relu", 5), ([6, 6, 6], "leaky_relu", 6)],
)  # fmt: skip
def test_regions_deep_count_matches_regioncam(widths: list[int], activation: str, seed) -> None:
    regioncam = pytest.importorskip("regioncam")
    net = _float32(Network.init(widths, 0, activation, inputs=2, seed=seed))
    size = 2.0
    rc = regioncam.Regioncam(size=size)
    for w, b, name in zip(net.weights, net.biases, [*net.activations, None], strict=True):
        rc.linear(np.ascontiguousarray(w.T, dtype=np.float32), b.astype(np.float32))
        if name == "relu":
            rc.relu()
        elif name == "leaky_relu":
            rc.leaky_relu(0.01)
    ours = linear_regions(net, [[-size, size], [-size, size]])
    assert ours.count == rc.num_faces
    assert ours.count > 1 + sum(widths)  # deep: more than the lines alone would give


@pytest.mark.parametrize(
    ("widths", "acts", "seed"),
    [([7, 7], ["relu", "relu"], 0), ([6, 5, 4], ["relu", "hard_sigmoid", "leaky_relu"], 1),
     ([5, 5], ["hard_tanh", "relu"], 2), ([6, 6], ["identity", "relu"], 3)],
)  # fmt: skip
def test_regions_match_grid_activation_patterns(widths, acts, seed) -> None:
    net = Network.init(widths, 0, acts, inputs=2, seed=seed, scheme="he")
    res = linear_regions(net)
    (x0, x1), (y0, y1) = res.domain
    n = 400
    g1, g2 = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n), indexing="ij")
    x = np.column_stack([g1.ravel(), g2.ravel()])
    grid, margin = _patterns(net, x)
    code = 3 ** np.arange(grid.shape[1], dtype=np.int64)  # a pattern as one number
    found = set(np.unique(grid @ code).tolist())
    ours = res.patterns.astype(np.int64) @ code
    assert len(set(ours.tolist())) == res.count  # one region per activation pattern
    assert found <= set(ours.tolist())
    cell = (x1 - x0) * (y1 - y0) / (n - 1) ** 2
    assert set(ours[res.areas > 50 * cell].tolist()) <= found
    # every grid point away from a boundary lies in the region of its own pattern
    clear = margin > 1e-6
    where = res.locate(x[clear])
    assert np.all(where >= 0)
    np.testing.assert_array_equal(res.patterns[where], grid[clear])


@pytest.mark.parametrize(
    ("widths", "activation"),
    [([16, 16, 16], "relu"), ([9, 9], "leaky_relu"), ([8, 8], "hard_sigmoid"), ([4], "relu")],
)
def test_regions_affine_maps_equal_the_forward_pass(widths, activation, rng) -> None:
    net = Network.init(widths, 0, activation, inputs=2, seed=8, scheme="he")
    res = linear_regions(net)
    c = res.centroids
    inside = np.einsum("rk,rk->r", res.a, c) + res.b
    np.testing.assert_allclose(inside, net(c), rtol=1e-9, atol=1e-9)
    assert np.array_equal(_patterns(net, c)[0], res.patterns)
    for r, poly in enumerate(res.polygons):
        pts = _inside_points(poly, rng, 3)
        np.testing.assert_allclose(pts @ res.a[r] + res.b[r], net(pts), rtol=1e-9, atol=1e-9)


def test_regions_are_convex_and_tile_the_box() -> None:
    net = Network.init(10, 2, "relu", inputs=2, seed=9)
    res = linear_regions(net)
    (x0, x1), (y0, y1) = res.domain
    areas = res.areas
    assert np.all(areas > 0)  # counter-clockwise, no empty polygon
    assert areas.sum() == pytest.approx((x1 - x0) * (y1 - y0), rel=1e-9)
    for poly in res.polygons:
        edge = np.roll(poly, -1, axis=0) - poly
        turn = edge[:, 0] * np.roll(edge[:, 1], -1) - edge[:, 1] * np.roll(edge[:, 0], -1)
        assert np.all(turn >= -1e-9 * np.abs(poly).max() ** 2)


@pytest.mark.parametrize(("width", "depth"), [(6, 1), (8, 2), (6, 3)])
def test_regions_default_box_holds_the_planes_count(width: int, depth: int) -> None:
    net = Network.init(width, depth, "relu", inputs=2, seed=12)
    box = default_domain(net)
    res = linear_regions(net)
    assert res.domain == box
    (x0, x1), (y0, y1) = box
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, 50 * max(x1 - x0, y1 - y0)
    assert linear_regions(net, [[cx - r, cx + r], [cy - r, cy + r]]).count == res.count
    # and it is tight: a box a third the size loses regions
    h1, h2 = (x1 - x0) / 6, (y1 - y0) / 6
    assert linear_regions(net, [[cx - h1, cx + h1], [cy - h2, cy + h2]]).count < res.count


def test_regions_json_lists_every_region() -> None:
    net = Network.init(3, 1, "relu", inputs=2, seed=0)
    d = linear_regions(net, [[-1, 1], [-2, 2]]).to_dict()
    assert d["kind"] == "regions"
    assert d["domain"] == [[-1.0, 1.0], [-2.0, 2.0]]
    assert d["count"] == len(d["regions"])
    for region in d["regions"]:
        assert set(region) == {"vertices", "a", "b"}
        assert len(region["a"]) == 2
        assert all(len(v) == 2 for v in region["vertices"])


def test_regions_call_is_nan_outside_the_box() -> None:
    net = Network.init(3, 1, "relu", inputs=2, seed=0)
    res = linear_regions(net, [[-1, 1], [-1, 1]])
    y = res(np.array([[0.2, 0.3], [5.0, 0.0]]))
    assert y[0] == pytest.approx(float(net(np.array([[0.2, 0.3]]))[0]), rel=1e-12)
    assert np.isnan(y[1])


def test_regions_refuse_bad_networks_and_boxes() -> None:
    with pytest.raises(UnsupportedError, match="2 inputs"):
        linear_regions(Network.init(3, 1, "relu", inputs=3, seed=0))
    with pytest.raises(UnsupportedError, match="sigmoid"):
        linear_regions(Network.init(3, 1, "sigmoid", inputs=2, seed=0))
    with pytest.raises(ConfigError, match="domain"):
        linear_regions(Network.init(3, 1, "relu", inputs=2, seed=0), [[1, 0], [0, 1]])
