"""``ActlabClassifier``: an actlab network as a scikit-learn classifier.

Two classes: one output, the logit z of the second class, p = σ(z), trained on log
loss. K > 2 classes: K outputs and their softmax, trained on cross-entropy. Labels
may be any values scikit-learn accepts (numbers, strings); ``classes_`` holds them in
sorted order, and ``predict`` gives them back::

    clf = ActlabClassifier(width=8, depth=2, activation="tanh").fit(X, y)
    clf.predict_proba(X)        # (n, K) probabilities, columns in ``classes_`` order
    clf.decision_function(X)    # the logits: (n,) for two classes, (n, K) otherwise

Its parameters are those of ``ActlabRegressor`` (every fit option but ``loss``,
which the number of classes decides).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedError

try:
    from sklearn.base import ClassifierMixin
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import column_or_1d, validate_data
except ImportError:  # pragma: no cover - depends on the environment
    raise UnsupportedError(
        "ActlabClassifier needs scikit-learn; install it with: pip install scikit-learn"
    ) from None

from ._params import ActlabEstimator, estimator_init

__all__ = ["ActlabClassifier"]


class ActlabClassifier(ClassifierMixin, ActlabEstimator):
    """A k-input network classifier fitted with actlab's trainer (default Levenberg–Marquardt
    as generalised Gauss–Newton, 8 starts, more while none separates the classes:
    ``settings.CLASSIFIER_ROUNDS``).

    Parameters: ``width``, ``depth``, ``activation`` of the network, then every option
    of :func:`actlab.train.fit` but ``loss`` (same names and defaults);
    ``random_state`` is the int seed (None means 0). Fitted attributes: ``classes_``,
    ``network_``, ``result_``, ``n_iter_``, ``loss_``, ``n_features_in_``.
    """

    __init__ = estimator_init("tanh")

    def fit(self, X: Any, y: Any) -> ActlabClassifier:
        """Fit the network to (X, y); returns self."""
        from ..train import fit
        from ..train.classification import loss_for

        x, y_raw = validate_data(self, X, y, dtype=np.float64)
        y_raw = column_or_1d(y_raw, warn=True)
        check_classification_targets(y_raw)
        self.classes_, y_idx = np.unique(y_raw, return_inverse=True)
        k = len(self.classes_)
        if k < 2:
            raise ValueError(
                f"ActlabClassifier needs samples of at least 2 classes; got 1 class "
                f"({self.classes_[0]!r})"
            )
        options = self._options(x.shape[0], loss=loss_for(k))
        net = self._network(x.shape[1], outputs=1 if k == 2 else k)
        self._fitted(fit(net, x, y_idx.astype(np.float64), options))
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """The logits: (n,) for two classes (of ``classes_[1]``), (n, K) for K classes."""
        return self._output(X)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities (n, K), columns in the order of ``classes_``."""
        from ..score import logits_to_proba

        z = self.decision_function(X)
        return logits_to_proba(z, binary=len(self.classes_) == 2)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """log of :meth:`predict_proba`."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class of each row of X."""
        z = self.decision_function(X)
        idx = (z > 0).astype(np.int64) if z.ndim == 1 else z.argmax(axis=1)
        return self.classes_[idx]
