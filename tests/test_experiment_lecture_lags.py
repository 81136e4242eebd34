"""``lecture-lags``: the lecture's table on the sunspot series, split by time, against
scikit-learn's linear regression on lag features built here by hand."""

from __future__ import annotations

import numpy as np
import pytest

from actlab.experiments import run
from actlab.targets.series import sunspots


@pytest.fixture(scope="module")
def result():
    return run("lecture-lags", size="small", seed=0)


def _by_hand(k: int, fraction: float = 0.2):
    """Lag rows of the yearly counts, the last ``fraction`` of them held out."""
    s = sunspots()[1]
    x = np.array([s[t - k : t] for t in range(k, len(s))])
    y = s[k:]
    n_test = round(fraction * len(y))
    return x[:-n_test], y[:-n_test], x[-n_test:], y[-n_test:]


@pytest.mark.parametrize("k", [1, 7])
def test_lecture_lags_linear_rows_match_sklearn_on_a_time_split(result, k: int) -> None:
    from sklearn.linear_model import LinearRegression

    x, y, xt, yt = _by_hand(k)
    model = LinearRegression().fit(x, y)
    row = next(r for r in result.rows if r["model"] == "linear" and r["lags"] == k)
    assert row["train_mse"] == pytest.approx(np.mean((model.predict(x) - y) ** 2), rel=1e-9)
    assert row["test_mse"] == pytest.approx(np.mean((model.predict(xt) - yt) ** 2), rel=1e-9)
    assert row["parameters"] == k + 1


def test_lecture_lags_table_has_the_lectures_shape(result) -> None:
    assert result.columns[-2:] == ["train_mse", "test_mse"]
    models = [(r["model"], r["activation"]) for r in result.rows]
    assert models[:2] == [("linear", "identity")] * 2
    assert {a for m, a in models if m == "network"} == {"sigmoid", "relu"}
    depths = {r["depth"] for r in result.rows if r["model"] == "network"}
    widths = {r["width"] for r in result.rows if r["model"] == "network"}
    assert len(depths) >= 2 and len(widths) >= 2  # growing width and depth
    for r in result.rows:
        assert r["train_mse"] > 0 and r["test_mse"] > 0


def test_lecture_lags_verdict_follows_its_rows(result) -> None:
    rows, f = result.rows, result.findings
    linear_k = rows[1]
    nets = [r for r in rows if r["model"] == "network"]
    best_test = min(r["test_mse"] for r in nets)
    assert f["activation_helps"] == (
        best_test < linear_k["test_mse"]
        and min(r["train_mse"] for r in nets) < linear_k["train_mse"]
    )
    assert f["lags_help"] == (rows[1]["test_mse"] < rows[0]["test_mse"])
    helps, deeper = f["activation_helps"], f["deeper_train_falls"] and bool(f["deeper_test_rises"])
    expected = True if (helps and deeper) else (None if (helps or deeper) else False)
    assert result.verdict.holds is expected
    assert f"{linear_k['test_mse']:.0f}" in result.verdict.text["en"]
    assert f"{linear_k['test_mse']:.0f}" in result.verdict.text["zh"]
