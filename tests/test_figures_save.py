"""Saving figures: valid PNG and SVG files, data URIs, reproducible bytes, the training GIF."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from actlab import ConfigError, DataError, lesson
from actlab import figures as F
from actlab.figures.animation import pick_frames

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
X = lesson.GRID.values()


@pytest.fixture(scope="module")
def fig():
    return F.decomposition_figure(lesson.handbuilt_network(), lesson.target, names=("h", "p"))


def test_save_without_suffix_writes_png_and_svg(fig, tmp_path):
    written = F.save(fig, tmp_path / "sub" / "decomposition")
    assert [p.name for p in written] == ["decomposition.png", "decomposition.svg"]
    png, svg = written
    assert png.read_bytes()[:8] == PNG_MAGIC
    with Image.open(png) as im:
        assert im.size == (960, 600)  # 6.4 × 4.0 inches at 150 dpi
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_save_with_suffix_writes_one_file(fig, tmp_path, suffix):
    (path,) = F.save(fig, tmp_path / f"f.{suffix}")
    assert path == tmp_path / f"f.{suffix}"
    assert path.stat().st_size > 1000


def test_to_data_uri_decodes_to_the_same_bytes(fig):
    uri = F.to_data_uri(fig, "png")
    head, _, payload = uri.partition(",")
    assert head == "data:image/png;base64"
    assert base64.b64decode(payload) == F.to_bytes(fig, "png")
    svg_uri = F.to_data_uri(fig, "svg")
    assert svg_uri.startswith("data:image/svg+xml;base64,")
    ET.fromstring(base64.b64decode(svg_uri.partition(",")[2]))


def test_to_bytes_is_reproducible():
    # fixed SVG ids and no dates: the same figure gives the same file twice
    make = lambda: F.target_figure(lesson.target, points=[0, 2, 4])  # noqa: E731
    assert F.to_bytes(make(), "svg") == F.to_bytes(make(), "svg")
    assert F.to_bytes(make(), "png") == F.to_bytes(make(), "png")


def test_save_rejects_bad_arguments(fig, tmp_path):
    with pytest.raises(ConfigError, match="the 'fmt' parameter must be one of png, svg; got 'jpg'"):
        F.to_bytes(fig, "jpg")
    with pytest.raises(ConfigError, match="'formats' parameter must be a non-empty list"):
        F.save(fig, tmp_path / "f", formats="png")
    with pytest.raises(ConfigError, match="'fig' parameter must be a matplotlib Figure, got str"):
        F.to_bytes("not a figure")


# ------------------------------------------------------------------- GIF
def _history(n: int) -> list[tuple[int, np.ndarray, float]]:
    net_y = lesson.handbuilt_network()(X)
    return [(5 * s, net_y * (1 - np.exp(-s / 10)), 1.0 / (1 + s)) for s in range(n)]


@pytest.mark.parametrize(("n", "frames"), [(100, 40), (7, 7)], ids=["capped", "all"])
def test_training_animation_frame_count(tmp_path, n, frames):
    path = F.training_animation(_history(n), X, lesson.target(X), tmp_path / "train.gif")
    with Image.open(path) as im:
        assert im.format == "GIF"
        assert im.n_frames == frames
        assert abs(im.info["duration"] - 125) <= 10  # 8 frames per second, in 10 ms units
    assert path.stat().st_size < 600_000


def test_pick_frames_spreads_and_keeps_ends():
    idx = pick_frames(1000, 40)
    assert idx.size == 40 and idx[0] == 0 and idx[-1] == 999
    assert np.all(np.diff(idx) > 0)
    np.testing.assert_array_equal(pick_frames(3, 40), [0, 1, 2])


def test_training_animation_rejects_bad_frames(tmp_path):
    with pytest.raises(DataError, match="non-empty list of \\(step, y_pred, loss\\)"):
        F.training_animation([], X, lesson.target(X), tmp_path / "a.gif")
    with pytest.raises(DataError, match=r"'frames\[0\] y_pred' parameter must have 201 values"):
        F.training_animation([(0, X[:5], 1.0)], X, lesson.target(X), tmp_path / "a.gif")
    with pytest.raises(DataError, match="frame 0 must be a \\(step, y_pred, loss\\) triple"):
        F.training_animation([(0, X)], X, lesson.target(X), tmp_path / "a.gif")
