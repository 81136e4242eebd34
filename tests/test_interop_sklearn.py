"""ActlabRegressor against scikit-learn's estimator checks and in pipelines and grid searches.

scikit-learn's checks feed 2 to 10 features in about thirty of its checks; the
regressor takes one feature by design (actlab networks have one input), so on
the real estimator those checks are expected to fail with that message, and
every check also runs on a test subclass that reads only X's first column, so
the rest of the contract (cloning, pickling, idempotence, dtypes, NaN
handling, sample-order invariance, n_features_in_, …) is still verified.
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
from actlab import DataError, lesson
from actlab.interop.sklearn import ActlabRegressor

pytestmark = pytest.mark.filterwarnings("ignore::actlab.train.ConvergenceWarning")

MULTI_FEATURE = (
    "check_fit_score_takes_y",
    "check_estimators_overwrite_params",
    "check_dont_overwrite_parameters",
    "check_estimators_fit_returns_self",
    "check_readonly_memmap_input",
    "check_n_features_in_after_fitting",
    "check_positive_only_tag_during_fit",
    "check_estimators_dtypes",
    "check_dtype_object",
    "check_pipeline_consistency",
    "check_estimators_nan_inf",
    "check_estimators_pickle",
    "check_f_contiguous_array_estimator",
    "check_regressors_train",
    "check_regressor_data_not_an_array",
    "check_regressors_no_decision_function",
    "check_supervised_y_2d",
    "check_regressors_int",
    "check_methods_sample_order_invariance",
    "check_methods_subset_invariance",
    "check_fit2d_1sample",
    "check_dict_unchanged",
    "check_fit_idempotent",
    "check_fit_check_is_fitted",
    "check_n_features_in",
    "check_fit2d_predict1d",
)


def _expected(estimator: object) -> dict[str, str]:
    if type(estimator) is ActlabRegressor:
        reason = "feeds several features; ActlabRegressor takes one (X of shape (n, 1))"
        return dict.fromkeys(MULTI_FEATURE, reason)
    return {}


class FirstFeatureRegressor(ActlabRegressor):
    """Test double: fits X's first column, so the multi-feature checks can run on the rest."""

    def _one_column(self, x: np.ndarray) -> np.ndarray:
        return x[:, 0]

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.regressor_tags.poor_score = True  # it ignores every feature but the first
        return tags


@parametrize_with_checks(
    [ActlabRegressor(steps=30), FirstFeatureRegressor(steps=30)],
    expected_failed_checks=_expected,
)
def test_sklearn_estimator_checks(estimator: ActlabRegressor, check) -> None:  # type: ignore[no-untyped-def]
    check(estimator)


X = lesson.GRID.values()[:, None]
Y = lesson.target(lesson.GRID.values())


def test_regressor_fits_the_lesson_to_the_width_2_optimum() -> None:
    model = actlab.ActlabRegressor(width=2).fit(X, Y)
    assert np.mean((model.predict(X) - Y) ** 2) == pytest.approx(0.0075280, rel=1e-3)
    assert model.score(X, Y) > 0.99
    assert model.n_features_in_ == 1 and model.n_iter_ > 0


def test_regressor_rejects_several_features() -> None:
    with pytest.raises(DataError, match=r"takes one feature \(X of shape \(n, 1\)\); got 2"):
        ActlabRegressor().fit(np.zeros((5, 2)), np.zeros(5))


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
