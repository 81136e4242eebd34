"""ActlabRegressor against scikit-learn's estimator checks and in pipelines and grid searches.

The regressor takes any number of features (a network of k inputs), so every one of
scikit-learn's estimator checks runs on it, with no expected failure.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

pytest.importorskip("sklearn")

from sklearn.base import clone
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

import actlab
from actlab import lesson
from actlab.interop.sklearn import ActlabRegressor

pytestmark = pytest.mark.filterwarnings("ignore::actlab.train.ConvergenceWarning")


@parametrize_with_checks([ActlabRegressor(steps=30)])
def test_sklearn_estimator_checks(estimator: ActlabRegressor, check) -> None:  # type: ignore[no-untyped-def]
    check(estimator)


X = lesson.GRID.values()[:, None]
Y = lesson.target(lesson.GRID.values())


def test_regressor_fits_the_lesson_to_the_width_2_optimum() -> None:
    model = actlab.ActlabRegressor(width=2).fit(X, Y)
    assert np.mean((model.predict(X) - Y) ** 2) == pytest.approx(0.0075280, rel=1e-3)
    assert model.score(X, Y) > 0.99
    assert model.n_features_in_ == 1 and model.n_iter_ > 0


def test_regressor_fits_several_features() -> None:
    # y = sin(x1) + x2²/4 on [−2, 2]²: a smooth surface a width-8 network follows closely
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, (300, 2))
    y = np.sin(x[:, 0]) + x[:, 1] ** 2 / 4
    model = ActlabRegressor(width=8, activation="tanh").fit(x, y)
    assert model.n_features_in_ == 2 and model.network_.inputs == 2
    assert model.score(x, y) > 0.99


def test_regressor_params_round_trip_and_clone() -> None:
    model = ActlabRegressor(width=5, optimizer="adam", learning_rate=0.05)
    assert model.get_params()["width"] == 5
    model.set_params(width=2, activation="tanh")
    assert clone(model).get_params() == model.get_params()
    assert "network_" not in vars(model)  # __init__ and set_params fit nothing


def test_regressor_in_pipeline_and_grid_search() -> None:
    pipe = make_pipeline(StandardScaler(), ActlabRegressor())
    search = GridSearchCV(pipe, {"actlabregressor__width": [1, 3]}, cv=3).fit(X, Y)
    assert search.best_params_["actlabregressor__width"] == 3


def test_regressor_pickles_with_identical_predictions() -> None:
    model = ActlabRegressor(width=3).fit(X, Y)
    again = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(again.predict(X), model.predict(X))


YEARS = np.arange(1960, 2021, dtype=float)[:, None]
CO2 = 300 + 0.02 * (YEARS[:, 0] - 1960) ** 2 + 5 * np.sin((YEARS[:, 0] - 1960) / 4)


@pytest.mark.parametrize("depth", [1, 2])
def test_regressor_scales_unscaled_inputs_inside(depth: int) -> None:
    # years (≈ 1990 ± 30) saturate a deeper network's neurons unless X is standardized
    model = ActlabRegressor(width=6, depth=depth).fit(YEARS, CO2)
    assert model.score(YEARS, CO2) > 0.9999
    # the scaling is folded into the network: it works on the years as given
    np.testing.assert_allclose(model.network_(YEARS), model.predict(YEARS), rtol=1e-12)
    assert model.result_.mse == pytest.approx(np.mean((model.predict(YEARS) - CO2) ** 2))


def test_regressor_without_scaling_fits_the_data_as_given() -> None:
    model = ActlabRegressor(width=2, scale=False).fit(X, Y)
    assert model.get_params()["scale"] is False
    assert np.mean((model.predict(X) - Y) ** 2) == pytest.approx(0.0075280, rel=1e-3)


def test_convergence_warning_is_scikit_learns() -> None:
    from sklearn.exceptions import ConvergenceWarning

    assert issubclass(actlab.train.ConvergenceWarning, ConvergenceWarning)
    assert issubclass(actlab.train.ConvergenceWarning, UserWarning)
    with pytest.warns(ConvergenceWarning, match="step cap"):
        actlab.fit(actlab.Network.init(3, 1, "sigmoid", seed=0), X[:, 0], Y, steps=3)
    model = ActlabRegressor(steps=3)
    with pytest.warns(ConvergenceWarning):
        model.fit(X, Y)
