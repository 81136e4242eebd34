"""``ActlabRegressor``: an actlab network as a scikit-learn regressor.

It fits any number of inputs to one output (X of shape (n, k)), so it drops
into pipelines, cross-validation and grid searches::

    from sklearn.model_selection import GridSearchCV
    GridSearchCV(ActlabRegressor(), {"width": [2, 3, 8]}).fit(x[:, None], y)

``__init__`` only stores its arguments; ``fit`` checks them and sets the
fitted attributes, which end in ``_``: ``network_``, ``result_``,
``n_iter_``, ``loss_``, ``n_features_in_``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedError
from ..train.result import link_sklearn

try:
    from sklearn.base import RegressorMixin
    from sklearn.utils.validation import validate_data
except ImportError:  # pragma: no cover - depends on the environment
    raise UnsupportedError(
        "ActlabRegressor needs scikit-learn; install it with: pip install scikit-learn"
    ) from None

from ._params import FIT_PARAMS, ActlabEstimator, estimator_init

__all__ = ["FIT_PARAMS", "ActlabRegressor"]

link_sklearn()  # actlab's ConvergenceWarning is also scikit-learn's from now on


class ActlabRegressor(RegressorMixin, ActlabEstimator):
    """A k-input, 1-output network fitted with actlab's trainer (default Levenberg–Marquardt).

    Parameters: ``width``, ``depth``, ``activation`` of the network, then every option
    of :func:`actlab.train.fit` (:class:`~actlab.train.FitOptions`, declared in
    ``actlab.settings.FIT_OPTIONS``, same names and defaults); ``random_state`` is
    the int seed (None means 0: actlab never draws from global random state).

    ``scale=True`` (the default) fits on standardized data — each column of X and y
    shifted to mean 0 and divided by its standard deviation — and folds that scaling
    back into the first and last layers, so ``network_`` and ``predict`` work on the
    data as given. Inputs such as years (≈ 2000 ± 20) saturate every neuron of a
    network initialised for inputs of size ≈ 1; a one-hidden-layer fit recovers by
    itself (its starts are placed on the data), a deeper one does not. With scaling,
    ``l2`` applies to the weights of the standardized fit, and ``result_.history``
    is in standardized units (``result_.mse`` and ``loss_`` are in units of y²).
    """

    __init__ = estimator_init("sigmoid", scale=(True, bool))

    def fit(self, X: Any, y: Any) -> ActlabRegressor:
        """Fit the network to (X, y); returns self."""
        from ..train import fit

        x, y_arr = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        options = self._options(x.shape[0])
        net = self._network(x.shape[1])
        if not self.scale:
            result = fit(net, x, y_arr, options)
        else:
            mx, sx = _standard(x, axis=0)
            my, sy = _standard(y_arr, axis=None)
            result = fit(net, (x - mx) / sx, (y_arr - my) / sy, options)
            result = _unscaled(result, mx, sx, float(my), float(sy))
        self._fitted(result)
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Network output for each row of X (n, k)."""
        return self._output(X)


def _standard(a: np.ndarray, axis: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation (1 where the data are constant)."""
    mean = np.mean(a, axis=axis)
    std = np.std(a, axis=axis)
    return mean, np.where(std > 0, std, 1.0)


def _unscaled(result: Any, mx: np.ndarray, sx: np.ndarray, my: float, sy: float) -> Any:
    """The fit on standardized data as a fit on the data as given: exact, layer by layer.

    z = W·(x − m)/s + b = (W/s)·x + (b − W·(m/s)) in the first layer, and
    y = sy·ŷ + my in the output layer.
    """
    from dataclasses import replace

    from ..network import Network

    net = result.network
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    biases[0] = biases[0] - weights[0] @ (mx / sx)
    weights[0] = weights[0] / sx
    weights[-1] = weights[-1] * sy
    biases[-1] = biases[-1] * sy + my
    square = sy * sy
    return replace(
        result,
        network=Network(weights, biases, net.activations),
        mse=result.mse * square,
        loss=result.loss * square,
        validation_mse=None if result.validation_mse is None else result.validation_mse * square,
    )


from .classifier import ActlabClassifier  # noqa: E402  (the classifier, beside the regressor)

__all__ += ["ActlabClassifier"]
