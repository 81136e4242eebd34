"""Points, CSV files and sampling."""

from __future__ import annotations

import numpy as np
import pytest

from actlab import lesson
from actlab.errors import ConfigError, DataError
from actlab.targets import (
    from_points,
    load_csv,
    parse_csv,
    parse_points,
    read_csv,
    resolve,
    sample,
    write_csv,
)

# ------------------------------------------------------------------ points


@pytest.mark.parametrize(
    "text",
    [
        "0,0 2,4 4,2 6,2",
        "0,0; 2,4; 4,2; 6,2",
        "(0, 0) (2, 4) (4, 2) (6, 2)",
        " 0 , 0\n2,4 4,2\t6,2 ",
    ],
    ids=["spaces", "semicolons", "parentheses", "loose"],
)
def test_points_parse_forms(text):
    x, y = parse_points(text)
    assert x.tolist() == [0, 2, 4, 6] and y.tolist() == [0, 4, 2, 2]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("0,0 2", "point 2 \\('2'\\) must be two finite numbers"),
        ("0,0 2,nan", "point 2 \\('2,nan'\\)"),
        ("0,0 a,1", "point 2 \\('a,1'\\)"),
        ("0,0,1", "point 1"),
        ("", "points must be text like"),
    ],
    ids=["missing-y", "nan", "word", "triple", "empty"],
)
def test_points_parse_bad_input_names_the_point(text, match):
    with pytest.raises(DataError, match=match):
        parse_points(text)


def test_points_interpolate_lesson_corners():
    # the lesson's function is piecewise linear with corners at (0,0), (2,4), (4,2):
    # through these points (plus the flat ends) it is reproduced exactly on [-2, 6].
    t = from_points(*parse_points("-2,0 0,0 2,4 4,2 6,2"))
    x = lesson.GRID.values()
    np.testing.assert_allclose(t(x), lesson.target(x), rtol=0, atol=1e-12)
    assert t.domain == (-2.0, 6.0) and t.kinks == (0.0, 2.0, 4.0)


def test_points_hand_worked_and_constant_beyond_ends():
    t = from_points([0, 2, 4], [0, 4, 2])
    # x = 1 lies halfway from (0, 0) to (2, 4): y = 2; x = 3: halfway from 4 to 2: y = 3
    assert t(np.array([-5.0, 1.0, 3.0, 9.0])).tolist() == [0.0, 2.0, 3.0, 2.0]


def test_points_unsorted_are_sorted():
    t = from_points([4, 0, 2], [2, 0, 4])
    assert t.points[0].tolist() == [0, 2, 4] and t.points[1].tolist() == [0, 4, 2]


def test_points_duplicates_error_by_default():
    with pytest.raises(DataError, match="x = 2 at point 2, point 3") as info:
        from_points([0, 2, 2, 4], [0, 1, 3, 0])
    assert "duplicates='mean'" in str(info.value)


@pytest.mark.parametrize(("mode", "y2"), [("mean", 2.0), ("first", 1.0)])
def test_points_duplicates_resolved_when_asked(mode, y2):
    t = from_points([0, 2, 2, 4], [0, 1, 3, 0], duplicates=mode)
    assert t.points[0].tolist() == [0, 2, 4] and t.points[1].tolist() == [0, y2, 0]


def test_points_bad_duplicates_choice():
    with pytest.raises(ConfigError, match="the 'duplicates' parameter must be one of error"):
        from_points([0, 1], [0, 1], duplicates="last")


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        ([0], [1], "at least 2 points"),
        ([1, 1], [0, 0], "appear more than once"),
        ([0, 1], [0], "same length"),
        ([0, np.inf], [0, 1], "finite"),
    ],
    ids=["one", "same-x", "lengths", "inf"],
)
def test_points_rejects_unusable(x, y, match):
    with pytest.raises(DataError, match=match):
        from_points(x, y)


def test_resolve_points_prefix():
    t = resolve("points: 0,0 2,4 4,2 6,2")
    assert t(np.array([1.0, 5.0])).tolist() == [2.0, 2.0]


# ------------------------------------------------------------------ CSV


@pytest.mark.parametrize(
    "text",
    [
        "x,y\n0,0\n2,4\n4,2\n",
        "0;0\n2;4\n4;2\n",
        "# comment\nx\ty\n\n0\t0\n2\t4\n4\t2\n",
        "0 0\n2   4\n4 2\n",
        "t|x|y\n9|0|0\n9|2|4\n9|4|2\n",
        '"x","y"\n"0","0"\n2,4\n4,2\n',
    ],
    ids=["comma-header", "semicolon", "tab-comment", "spaces", "pipe-named", "quoted"],
)
def test_csv_delimiter_and_header_sniffed(text):
    x, y = parse_csv(text)
    assert x.tolist() == [0, 2, 4] and y.tolist() == [0, 4, 2]


@pytest.mark.parametrize(("xcol", "ycol"), [("a", "c"), (0, 2), ("0", "2")], ids=["name", "i", "s"])
def test_csv_column_choice(xcol, ycol):
    x, y = parse_csv("a,b,c\n1,5,7\n2,6,8\n", x=xcol, y=ycol)
    assert x.tolist() == [1, 2] and y.tolist() == [7, 8]


def test_csv_column_errors():
    with pytest.raises(DataError, match="no column named 'z'; columns: a, b"):
        parse_csv("a,b\n1,2\n", x="z")
    with pytest.raises(DataError, match="is a name but the file has no header"):
        parse_csv("1,2\n3,4\n", y="b")


BAD = "x,y\n0,0\n1,abc\n2,4\nnan,1\n\n3,inf\n4\n5,5\n"


def test_csv_bad_rows_name_each_line():
    with pytest.raises(DataError) as info:
        parse_csv(BAD, source="bad.csv")
    msg = str(info.value)
    assert msg.startswith("bad.csv: 4 bad row(s):")
    assert "line 3: y value 'abc' is not a number" in msg
    assert "line 5: x value 'nan' is not finite" in msg
    assert "line 7: y value 'inf' is not finite" in msg
    assert "line 8: 1 field(s), column 1 is missing" in msg
    assert "line 2" not in msg and "line 4" not in msg


def test_csv_drop_bad_warns_with_lines():
    with pytest.warns(UserWarning, match="dropped 4 bad row\\(s\\) at line\\(s\\) 3, 5, 7, 8"):
        x, y = parse_csv(BAD, drop_bad=True)
    assert x.tolist() == [0, 2, 5] and y.tolist() == [0, 4, 5]


def test_csv_round_trip(tmp_path, rng):
    x = np.sort(rng.normal(size=200)) * 1e3
    y = rng.normal(size=200) / 3
    path = tmp_path / "data.csv"
    write_csv(path, x, y)
    x2, y2 = read_csv(path)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)  # bit for bit
    t = load_csv(path)
    assert t.name == "data.csv" and t.domain == (x[0], x[-1])


def test_csv_duplicates_named_by_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("x,y\n0,0\n1,1\n1,3\n2,0\n")
    with pytest.raises(DataError, match="x = 1 at line 3, line 4"):
        load_csv(path)
    assert load_csv(path, duplicates="mean").points[1].tolist() == [0, 2, 0]


def test_csv_missing_file_and_empty(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        read_csv(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="no data rows"):
        parse_csv("# only a comment\n\n")


# ------------------------------------------------------------------ sampling


def test_sample_same_seed_same_data():
    t = resolve("nielsen")
    a = sample(t, 100, seed=3, grid=False, noise=0.1, test_fraction=0.25)
    b = sample(t, 100, seed=3, grid=False, noise=0.1, test_fraction=0.25)
    c = sample(t, 100, seed=4, grid=False, noise=0.1, test_fraction=0.25)
    for f in ("x_train", "y_train", "x_test", "y_test"):
        assert np.array_equal(getattr(a, f), getattr(b, f))
    assert not np.array_equal(a.x_train, c.x_train)


def test_sample_grid_split_and_noise():
    t = resolve("seed")
    s = sample(t, 201, seed=0, test_fraction=0.2)
    assert len(s.x_train) == 161 and len(s.x_test) == 40
    merged = np.sort(np.concatenate([s.x_train, s.x_test]))
    np.testing.assert_array_equal(merged, lesson.GRID.values())
    np.testing.assert_array_equal(s.y_train, lesson.target(s.x_train))
    noisy = sample(t, 20_000, seed=1, grid=False, noise=0.5)
    resid = noisy.y_train - t(noisy.x_train)
    assert abs(resid.std() - 0.5) < 0.02 and abs(resid.mean()) < 0.02
    assert np.all(np.diff(noisy.x_train) >= 0) and t.domain[0] <= noisy.x_train.min()


def test_sample_function_needs_domain():
    s = sample(np.sin, 5, seed=0, domain=(0, np.pi))
    np.testing.assert_allclose(s.y_train, np.sin(np.linspace(0, np.pi, 5)))
    with pytest.raises(ConfigError, match="'domain' parameter is required"):
        sample(np.sin, 5, seed=0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 0}, "the 'n' parameter must be an integer in \\[1, "),
        ({"seed": -1}, "the 'seed' parameter"),
        ({"noise": -0.1}, "the 'noise' parameter"),
        ({"test_fraction": 1.0}, "the 'test_fraction' parameter"),
        ({"n": 1, "test_fraction": 0.9}, "leaves no training point"),
    ],
    ids=["n", "seed", "noise", "fraction", "empty-train"],
)
def test_sample_bad_parameters(kwargs, match):
    args = {"n": 10, "seed": 0} | kwargs
    with pytest.raises(ConfigError, match=match):
        sample(resolve("sin"), args.pop("n"), **args)
