"""XOR's four points with two hidden neurons: the default fit separates them (issue 15).

About half of all starts of a 2-2-1 network end on a plateau at infinity (two points
separated by a saturated neuron, two at p = ½); the classifier's default fit draws
another round of starts when none separated the points (settings.CLASSIFIER_ROUNDS).
"""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pytest

from actlab import settings
from actlab.interop.classifier import ActlabClassifier
from actlab.network import Network
from actlab.settings.declarations import (
    CLASSIFIER_RESTARTS,
    CLASSIFIER_ROUNDS,
    DEFAULT_RESTARTS,
    SEPARATED,
)
from actlab.train import ConvergenceWarning, fit

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([0, 1, 1, 0])


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_default_fit_separates_xor_from_99_of_100_seeds(activation: str) -> None:
    ok = 0
    for seed in range(100):
        clf = ActlabClassifier(width=2, activation=activation, random_state=seed).fit(X, Y)
        # the oracle: the fitted network's own logit, by its forward pass, on each point
        z = clf.network_(X)
        right = bool(np.all((z > 0) == (Y == 1)))
        assert right == bool(np.all(clf.predict(X) == Y))
        ok += right
    assert ok >= 99, f"{activation}: {ok} of 100 seeds separate XOR"


def _seed_needing_a_second_round() -> int:
    """A seed whose first round of 8 starts separates nothing (tanh, 2 neurons)."""
    for seed in range(50):
        net = Network.init(2, 1, "tanh", inputs=2, seed=seed)
        res = fit(net, X, Y, loss="log_loss", seed=seed, restarts=CLASSIFIER_RESTARTS["lm"])
        if res.loss > SEPARATED * np.log(2):
            return seed
    raise AssertionError("no seed in 0-49 has a first round without a separating start")


def test_a_second_round_runs_only_while_no_start_separated() -> None:
    seed = _seed_needing_a_second_round()  # seed 1 at the time of writing
    net = Network.init(2, 1, "tanh", inputs=2, seed=seed)
    first = fit(net, X, Y, loss="log_loss", seed=seed, restarts=CLASSIFIER_RESTARTS["lm"])
    assert first.restart_mse.size == 8
    assert np.mean((first.network(X) > 0) == (Y == 1)) < 1  # one round: a plateau
    res = fit(net, X, Y, loss="log_loss", seed=seed)  # the default: rounds
    assert 8 < res.restart_mse.size <= 8 * CLASSIFIER_ROUNDS
    assert np.all((res.network(X) > 0) == (Y == 1))
    assert res.loss <= SEPARATED * np.log(2)  # separated: the labels' entropy is ln 2
    assert res.loss == pytest.approx(
        float(np.logaddexp(0, (1 - 2 * Y) * res.network(X)).mean()), rel=1e-9
    )
    assert len(res.history.loss) >= 1 and np.isfinite(res.history.loss).all()
    # a seed whose first round separates runs that round alone
    easy = fit(Network.init(2, 1, "tanh", inputs=2, seed=0), X, Y, loss="log_loss", seed=0)
    assert easy.restart_mse.size == 8


def test_rounds_apply_to_the_default_only_and_not_to_regression() -> None:
    net = Network.init(2, 1, "tanh", inputs=2, seed=1)
    assert fit(net, X, Y, loss="log_loss", seed=1, restarts=3).restart_mse.size == 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        reg = fit(net, X, Y.astype(float), seed=1)
    assert reg.restart_mse.size == DEFAULT_RESTARTS["lm"] == 4


def test_data_no_network_separates_pays_for_every_round() -> None:
    # one point with both labels: no start can separate, every round runs
    x = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        res = fit(Network.init(2, 1, "tanh", inputs=2, seed=0), x, y, loss="log_loss")
    assert res.restart_mse.size == 8 * CLASSIFIER_ROUNDS
    assert np.isfinite(res.loss) and res.loss > SEPARATED * np.log(2)


def test_the_classifier_defaults_are_declared_once_in_the_settings() -> None:
    fit_module = importlib.import_module("actlab.train.fit")
    assert fit_module.CLASSIFIER_RESTARTS is settings.declarations.CLASSIFIER_RESTARTS
    assert fit_module.DEFAULT_RESTARTS is settings.declarations.DEFAULT_RESTARTS
    assert ActlabClassifier().get_params()["restarts"] is None  # the fit's default
    assert settings.fit_option("restarts").default is None
    assert settings.fit_option("l2").default == 0.0  # no default penalty (see the report)
