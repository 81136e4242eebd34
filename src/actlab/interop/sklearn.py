"""``ActlabRegressor``: an actlab network as a scikit-learn regressor.

It fits one input to one output (X of shape (n, 1)), so it drops into
pipelines, cross-validation and grid searches::

    from sklearn.model_selection import GridSearchCV
    GridSearchCV(ActlabRegressor(), {"width": [2, 3, 8]}).fit(x[:, None], y)

``__init__`` only stores its arguments; ``fit`` checks them and sets the
fitted attributes, which end in ``_``: ``network_``, ``result_``,
``n_iter_``, ``loss_``, ``n_features_in_``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import DataError, UnsupportedError

try:
    from sklearn.base import BaseEstimator, RegressorMixin
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError:  # pragma: no cover - depends on the environment
    raise UnsupportedError(
        "ActlabRegressor needs scikit-learn; install it with: pip install scikit-learn"
    ) from None

__all__ = ["ActlabRegressor"]


class ActlabRegressor(RegressorMixin, BaseEstimator):
    """A 1-input, 1-output network fitted with actlab's trainer (default Levenberg–Marquardt).

    Parameters mirror :func:`actlab.train.fit`: ``width``, ``depth``, ``activation``,
    ``optimizer`` (lm, lbfgs, adam, sgd), ``steps``, ``lr``, ``l2``, ``restarts``,
    ``batch_size``, ``tol``, ``backend``; ``random_state`` is an int seed (None means 0:
    actlab never draws from global random state).
    """

    def __init__(
        self,
        width: int = 3,
        depth: int = 1,
        activation: str = "sigmoid",
        optimizer: str = "lm",
        steps: int | None = None,
        lr: float | None = None,
        l2: float = 0.0,
        restarts: int | None = None,
        batch_size: int | None = None,
        tol: float = 1e-6,
        random_state: int | None = 0,
        backend: str = "numpy",
    ) -> None:
        self.width = width
        self.depth = depth
        self.activation = activation
        self.optimizer = optimizer
        self.steps = steps
        self.lr = lr
        self.l2 = l2
        self.restarts = restarts
        self.batch_size = batch_size
        self.tol = tol
        self.random_state = random_state
        self.backend = backend

    def _one_column(self, x: np.ndarray) -> np.ndarray:
        """The input column of a validated X, which must have exactly one feature."""
        if x.shape[1] != 1:
            raise DataError(
                f"ActlabRegressor takes one feature (X of shape (n, 1)); got {x.shape[1]} "
                "features: actlab networks have one input"
            )
        return x[:, 0]

    def fit(self, X: Any, y: Any) -> ActlabRegressor:
        """Fit the network to (X, y); returns self."""
        from ..network import Network
        from ..train import fit

        x, y_arr = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        seed = 0 if self.random_state is None else self.random_state
        net = Network.init(self.width, self.depth, self.activation, seed=seed)
        n = x.shape[0]
        batch = None if self.batch_size is None else min(self.batch_size, n)
        result = fit(
            net, self._one_column(x), y_arr, optimizer=self.optimizer, steps=self.steps,
            lr=self.lr, l2=self.l2, restarts=self.restarts, batch_size=batch, tol=self.tol,
            seed=seed, backend=self.backend,
        )  # fmt: skip
        self.result_ = result
        self.network_ = result.network
        self.n_iter_ = result.steps
        self.loss_ = result.loss
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Network output for each row of X (n, 1)."""
        check_is_fitted(self, "network_")
        x = validate_data(self, X, reset=False, dtype=np.float64)
        return self.network_(self._one_column(x))

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags
