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

from .. import settings
from ..errors import UnsupportedError
from ._params import DEFAULTS, store

try:
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data
except ImportError:  # pragma: no cover - depends on the environment
    raise UnsupportedError(
        "ActlabClassifier needs scikit-learn; install it with: pip install scikit-learn"
    ) from None

__all__ = ["ActlabClassifier"]

_D = DEFAULTS
FIT_PARAMS = tuple(o.name for o in settings.fit_options() if o.name not in ("seed", "loss"))


class ActlabClassifier(ClassifierMixin, BaseEstimator):
    """A k-input network classifier fitted with actlab's trainer (default Levenberg–Marquardt
    as generalised Gauss–Newton, 8 starts).

    Parameters: ``width``, ``depth``, ``activation`` of the network, then every option
    of :func:`actlab.train.fit` but ``loss`` (same names and defaults);
    ``random_state`` is the int seed (None means 0). Fitted attributes: ``classes_``,
    ``network_``, ``result_``, ``n_iter_``, ``loss_``, ``n_features_in_``.
    """

    def __init__(
        self,
        width: int = 3,
        depth: int = 1,
        activation: str = "tanh",
        optimizer: str = _D["optimizer"],
        steps: int | None = _D["steps"],
        learning_rate: float | None = _D["learning_rate"],
        l2: float = _D["l2"],
        batch_size: int | None = _D["batch_size"],
        restarts: int | None = _D["restarts"],
        init_restarts: str = _D["init_restarts"],
        tol: float = _D["tol"],
        validation: float | None = _D["validation"],
        early_stopping: bool = _D["early_stopping"],
        patience: int = _D["patience"],
        momentum: float = _D["momentum"],
        betas: tuple[float, float] = _D["betas"],
        eps: float = _D["eps"],
        random_state: int | None = 0,
        backend: str = _D["backend"],
        device: str = _D["device"],
        dtype: str = _D["dtype"],
    ) -> None:
        store(self, locals())

    def fit(self, X: Any, y: Any) -> ActlabClassifier:
        """Fit the network to (X, y); returns self."""
        from ..network import Network
        from ..train import FitOptions, fit
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
        seed = 0 if self.random_state is None else self.random_state
        params = {name: getattr(self, name) for name in FIT_PARAMS}
        if params["batch_size"] is not None:
            params["batch_size"] = min(params["batch_size"], x.shape[0])
        loss = loss_for(k)
        options = FitOptions(**params, seed=seed, loss=loss)
        outputs = 1 if k == 2 else k
        net = Network.init(
            self.width, self.depth, self.activation, inputs=x.shape[1], outputs=outputs, seed=seed
        )
        result = fit(net, x, y_idx.astype(np.float64), options)
        self.result_ = result
        self.network_ = result.network
        self.n_iter_ = result.steps
        self.loss_ = result.loss
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """The logits: (n,) for two classes (of ``classes_[1]``), (n, K) for K classes."""
        check_is_fitted(self, "network_")
        x = validate_data(self, X, reset=False, dtype=np.float64)
        return self.network_(x)

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

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags
