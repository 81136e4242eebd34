"""Figures of two inputs: the drawn arrays equal the functions, the polygons equal the regions."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import figures as F
from actlab.collapse import linear_regions
from actlab.errors import ConfigError
from actlab.network import Network

pytestmark = pytest.mark.filterwarnings("ignore::actlab.figures.FontWarning")


def _target(x: np.ndarray) -> np.ndarray:
    return np.sin(x[:, 0]) * x[:, 1]


def _images(fig) -> dict:
    return {im.get_gid(): im for ax in fig.axes for im in ax.get_images()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_surface_figure_draws_target_and_fits_on_one_scale(lang: str) -> None:
    net = Network.init(4, 1, "tanh", inputs=2, seed=0)
    fig = F.surface_figure(_target, [[-1, 2], [0, 3]], {"tanh": net}, n=21, lang=lang)
    images = _images(fig)
    assert set(images) == {"target", "fit-tanh"}
    g1, g2 = np.linspace(-1, 2, 21), np.linspace(0, 3, 21)
    m1, m2 = np.meshgrid(g1, g2)
    want = np.sin(m1) * m2
    np.testing.assert_allclose(images["target"].get_array(), want, rtol=1e-12)
    x = np.column_stack([m1.ravel(), m2.ravel()])
    np.testing.assert_allclose(images["fit-tanh"].get_array(), net(x).reshape(21, 21))
    assert images["target"].get_clim() == images["fit-tanh"].get_clim()
    assert images["target"].get_extent() == [-1, 2, 0, 3]
    mse = np.mean((net(x) - want.ravel()) ** 2)
    assert f"{mse:.3g}" in images["fit-tanh"].axes.get_title()


def test_plane_figure_contours_of_a_plane_are_parallel_lines() -> None:
    a, b = np.array([0.5, -1.0]), 0.25
    fig = F.plane_figure(_target, lambda x: x @ a + b, [[-1, 1], [-1, 1]], n=31)
    images = _images(fig)
    g = np.linspace(-1, 1, 31)
    m1, m2 = np.meshgrid(g, g)
    np.testing.assert_allclose(images["plane"].get_array(), 0.5 * m1 - m2 + 0.25, atol=1e-12)
    np.testing.assert_allclose(
        images["error"].get_array(), 0.5 * m1 - m2 + 0.25 - np.sin(m1) * m2, atol=1e-12
    )
    # every contour segment of the plane has the direction (2, 1): a ⊥ (2, 1)
    contours = [c for ax in fig.axes for c in ax.collections if c.get_gid() == "plane-contours"]
    (cs,) = contours
    for path in cs.get_paths():
        v = path.vertices
        if len(v) >= 2:
            d = np.diff(v, axis=0)
            np.testing.assert_allclose(d @ a, 0, atol=1e-9)


@pytest.mark.parametrize("color_by", ["value", "slope"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_regions_figure_draws_every_region(color_by: str, lang: str) -> None:
    net = Network.init(5, 2, "relu", inputs=2, seed=1)
    regions = linear_regions(net)
    fig = F.regions_figure(regions, color_by=color_by, lang=lang)
    (coll,) = [c for ax in fig.axes for c in ax.collections if c.get_gid() == "regions"]
    paths = coll.get_paths()
    assert len(paths) == regions.count
    for path, poly in zip(paths, regions.polygons, strict=True):
        np.testing.assert_allclose(path.vertices[: len(poly)], poly)
    values = coll.get_array()
    if color_by == "value":
        np.testing.assert_allclose(values, net(regions.centroids), rtol=1e-9, atol=1e-12)
    else:
        np.testing.assert_allclose(values, np.arctan2(regions.a[:, 1], regions.a[:, 0]))
    assert str(regions.count) in fig.axes[0].get_title()


def test_two_input_figures_reject_bad_arguments() -> None:
    with pytest.raises(ConfigError, match="bounds"):
        F.surface_figure(_target, [[1, 0], [0, 1]])
    with pytest.raises(ConfigError, match="a target or at least one fit"):
        F.surface_figure(None, [[0, 1], [0, 1]])
    regions = linear_regions(Network.init(2, 1, "relu", inputs=2, seed=0))
    with pytest.raises(ConfigError, match="color_by"):
        F.regions_figure(regions, color_by="area")
