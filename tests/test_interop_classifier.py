"""ActlabClassifier against scikit-learn's estimator checks, with labels of any kind."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

from sklearn.linear_model import LogisticRegression
from sklearn.utils.estimator_checks import parametrize_with_checks

import actlab
from actlab.interop.sklearn import ActlabClassifier
from actlab.problem import Problem

pytestmark = pytest.mark.filterwarnings("ignore::actlab.train.ConvergenceWarning")


@parametrize_with_checks([ActlabClassifier(steps=30, restarts=2)])
def test_sklearn_estimator_checks(estimator: ActlabClassifier, check) -> None:  # type: ignore[no-untyped-def]
    check(estimator)


def test_classifier_separates_the_circle_and_names_classes_back() -> None:
    x, y = Problem.from_spec("circle", points=200).train()
    labels = np.where(y == 1, "inside", "outside")
    clf = actlab.ActlabClassifier(width=4).fit(x, labels)
    assert list(clf.classes_) == ["inside", "outside"]
    assert clf.score(x, labels) == 1.0
    proba = clf.predict_proba(x)
    assert proba.shape == (len(x), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    # decision_function is the logit of classes_[1]: positive where it is predicted
    z = clf.decision_function(x)
    np.testing.assert_array_equal(clf.predict(x) == "outside", z > 0)


def test_three_classes_use_softmax_over_three_outputs() -> None:
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
    y = rng.integers(0, 3, 150)
    x = centres[y] + rng.normal(0, 0.7, (150, 2))
    clf = ActlabClassifier(width=4).fit(x, y + 10)
    assert clf.network_.outputs == 3 and list(clf.classes_) == [10, 11, 12]
    assert clf.decision_function(x).shape == (150, 3)
    assert clf.score(x, y + 10) >= LogisticRegression().fit(x, y).score(x, y) - 0.02
