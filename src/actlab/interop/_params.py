"""What the scikit-learn estimators share: their parameters, built once from the fit
options' declarations, and the steps of ``fit`` and ``predict`` that do not depend on
whether the estimator regresses or classifies.

scikit-learn reads an estimator's parameters from the signature of its ``__init__``;
:func:`estimator_init` makes that ``__init__`` from :data:`actlab.settings.FIT_OPTIONS`
(names, defaults, types), so a fit option is declared once and both estimators offer it.
"""

from __future__ import annotations

from collections.abc import Callable
from inspect import Parameter, Signature
from typing import Any

import numpy as np

from .. import settings
from ..errors import UnsupportedError

try:
    from sklearn.base import BaseEstimator
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError:  # pragma: no cover - depends on the environment
    raise UnsupportedError(
        "actlab's scikit-learn estimators need scikit-learn; install it with: "
        "pip install scikit-learn"
    ) from None

__all__ = ["DEFAULTS", "FIT_PARAMS", "ActlabEstimator", "estimator_init", "store"]

#: Each fit option's declared default: the estimators' parameter defaults.
DEFAULTS: dict[str, Any] = {o.name: o.default for o in settings.fit_options()}
#: The fit options the estimators expose as parameters (``seed`` is ``random_state``;
#: ``loss`` is the estimator's kind: MSE for the regressor, log loss or cross-entropy
#: for the classifier).
FIT_PARAMS = tuple(o.name for o in settings.fit_options() if o.name not in ("seed", "loss"))

_TYPES: dict[str, Any] = {
    "int": int, "float": float, "choice": str, "text": str, "bool": bool,
    "pair": tuple[float, float],
}  # fmt: skip


def _param(name: str, default: Any, annotation: Any) -> Parameter:
    return Parameter(name, Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation)


def estimator_init(activation: str, **extra: tuple[Any, Any]) -> Callable[..., None]:
    """An ``__init__`` taking ``width`` (3), ``depth`` (1), ``activation``, every fit
    option but ``seed`` and ``loss`` (their declared defaults), ``random_state`` (None
    means seed 0) and the ``extra`` parameters, given as name=(default, type).

    It only stores its arguments, unchanged (scikit-learn's contract); its signature is
    the one scikit-learn's ``get_params`` reads.
    """
    params = [
        Parameter("self", Parameter.POSITIONAL_OR_KEYWORD),
        _param("width", 3, int),
        _param("depth", 1, int),
        _param("activation", activation, str),
    ]
    for name in FIT_PARAMS:
        s = settings.fit_option(name)
        kind = _TYPES[s.kind]
        params.append(_param(name, s.default, kind | None if s.optional else kind))
    params.append(_param("random_state", 0, int | None))
    params += [_param(name, default, kind) for name, (default, kind) in extra.items()]
    signature = Signature(params, return_annotation=None)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        store(self, bound.arguments)

    __init__.__signature__ = signature  # type: ignore[attr-defined]
    __init__.__doc__ = "Store the parameters (see the class); nothing is checked until fit."
    return __init__


def store(estimator: Any, params: dict[str, Any]) -> None:
    """Set every ``__init__`` argument as an attribute, unchanged (scikit-learn's contract)."""
    for name, value in params.items():
        if name not in ("self", "__class__"):
            setattr(estimator, name, value)


class ActlabEstimator(BaseEstimator):
    """The part of ``ActlabRegressor`` and ``ActlabClassifier`` that does not depend on
    the kind of estimator: the fit options from the parameters, the input check of
    ``predict``, the network's own output, and the tags."""

    def _options(self, points: int, **extra: Any) -> Any:
        """The :class:`~actlab.train.FitOptions` of the parameters for ``points`` rows:
        ``random_state`` None is seed 0, a batch larger than the data is the whole data."""
        from ..train import FitOptions

        params = {name: getattr(self, name) for name in FIT_PARAMS}
        if params["batch_size"] is not None:
            params["batch_size"] = min(params["batch_size"], points)
        seed = 0 if self.random_state is None else self.random_state  # type: ignore[attr-defined]
        return FitOptions(**params, seed=seed, **extra)

    def _network(self, inputs: int, outputs: int = 1) -> Any:
        """The starting network: ``width`` × ``depth`` of ``activation``, seeded."""
        from ..network import Network

        p = {name: getattr(self, name) for name in ("width", "depth", "activation")}
        seed = 0 if self.random_state is None else self.random_state  # type: ignore[attr-defined]
        return Network.init(**p, inputs=inputs, outputs=outputs, seed=seed)

    def _output(self, X: Any) -> np.ndarray:
        """The fitted network's output on X (n, k), after scikit-learn's checks."""
        check_is_fitted(self, "network_")
        x = validate_data(self, X, reset=False, dtype=np.float64)
        return self.network_(x)  # type: ignore[attr-defined, no-any-return]

    def _fitted(self, result: Any) -> None:
        """Set the fitted attributes of a :class:`~actlab.train.FitResult`."""
        self.result_ = result
        self.network_ = result.network
        self.n_iter_ = result.steps
        self.loss_ = result.loss

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags
