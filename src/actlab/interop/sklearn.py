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

from .. import settings
from ..errors import UnsupportedError
from ..train.result import link_sklearn
from ._params import DEFAULTS, store

try:
    from sklearn.base import BaseEstimator, RegressorMixin
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError:  # pragma: no cover - depends on the environment
    raise UnsupportedError(
        "ActlabRegressor needs scikit-learn; install it with: pip install scikit-learn"
    ) from None

__all__ = ["FIT_PARAMS", "ActlabRegressor"]

link_sklearn()  # actlab's ConvergenceWarning is also scikit-learn's from now on


#: The fit options the estimator exposes as parameters (``seed`` is ``random_state``;
#: ``loss`` is the estimator's kind: MSE here, log loss or cross-entropy for a classifier).
FIT_PARAMS = tuple(o.name for o in settings.fit_options() if o.name not in ("seed", "loss"))
_D = DEFAULTS


class ActlabRegressor(RegressorMixin, BaseEstimator):
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

    def __init__(
        self,
        width: int = 3,
        depth: int = 1,
        activation: str = "sigmoid",
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
        scale: bool = True,
        backend: str = _D["backend"],
        device: str = _D["device"],
        dtype: str = _D["dtype"],
    ) -> None:
        store(self, locals())

    def fit(self, X: Any, y: Any) -> ActlabRegressor:
        """Fit the network to (X, y); returns self."""
        from ..network import Network
        from ..train import FitOptions, fit

        x, y_arr = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        seed = 0 if self.random_state is None else self.random_state
        params = {name: getattr(self, name) for name in FIT_PARAMS}
        if params["batch_size"] is not None:  # a batch larger than the data is the whole data
            params["batch_size"] = min(params["batch_size"], x.shape[0])
        options = FitOptions(**params, seed=seed)
        net = Network.init(self.width, self.depth, self.activation, inputs=x.shape[1], seed=seed)
        if not self.scale:
            result = fit(net, x, y_arr, options)
        else:
            mx, sx = _standard(x, axis=0)
            my, sy = _standard(y_arr, axis=None)
            result = fit(net, (x - mx) / sx, (y_arr - my) / sy, options)
            result = _unscaled(result, mx, sx, float(my), float(sy))
        self.result_ = result
        self.network_ = result.network
        self.n_iter_ = result.steps
        self.loss_ = result.loss
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Network output for each row of X (n, k)."""
        check_is_fitted(self, "network_")
        x = validate_data(self, X, reset=False, dtype=np.float64)
        return self.network_(x)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags


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
