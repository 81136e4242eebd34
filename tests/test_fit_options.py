"""One set of fit options: declared once, taken by fit, fit_population, the CLI, the page
and the scikit-learn estimator."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from actlab import Network, lesson, settings
from actlab.cli import main
from actlab.errors import ConfigError
from actlab.train import FitOptions, fit, fit_population

X = lesson.GRID.values()
Y = lesson.target(X)
NAMES = [s.name for s in settings.FIT_OPTIONS]


def test_fit_options_fields_are_the_declarations() -> None:
    fields = {f.name: f.default for f in dataclasses.fields(FitOptions)}
    assert list(fields) == NAMES
    assert fields == {s.name: s.default for s in settings.FIT_OPTIONS}


@pytest.mark.parametrize("name", NAMES)
def test_fit_options_check_every_field_with_its_declaration(name: str) -> None:
    bad = {"int": 0.5, "float": "fast", "choice": "nope", "bool": "yes", "pair": (1, 2, 3),
           "text": ""}[settings.fit_option(name).kind]  # fmt: skip
    with pytest.raises(ConfigError, match=rf"the '{name}(\[\d\])?' parameter must be"):
        FitOptions(**{name: bad})


def test_fit_options_accept_aliases_and_name_the_word_used() -> None:
    assert FitOptions().replace(lr=0.5).learning_rate == 0.5
    with pytest.raises(ConfigError, match="the 'lr' parameter must be a finite number"):
        FitOptions().replace(lr=-1.0)
    with pytest.raises(ConfigError, match="unknown fit option 'speed'; options: optimizer"):
        FitOptions().replace(speed=2)


def test_contexts_change_only_what_they_declare() -> None:
    library = FitOptions()
    for context, changes in settings.CONTEXTS.items():
        opts = FitOptions.for_context(context)
        changed = {f.name for f in dataclasses.fields(opts)
                   if getattr(opts, f.name) != getattr(library, f.name)}  # fmt: skip
        assert changed == {k for k, v in changes.items() if "default" in v}, context
        assert all(v["why"] for v in changes.values())  # each departure says why
    assert FitOptions.for_context("page").optimizer == "adam"
    assert FitOptions.for_context("cli").optimizer == "lm"


def test_fit_takes_an_options_object_or_keywords_alike() -> None:
    net = Network.init(2, 2, "tanh", seed=0)
    a = fit(net, X, Y, FitOptions(optimizer="adam", steps=50, learning_rate=0.05, tol=0))
    b = fit(net, X, Y, optimizer="adam", steps=50, lr=0.05, tol=0)
    c = fit(net, X, Y, FitOptions(optimizer="adam"), steps=50, learning_rate=0.05, tol=0)
    for other in (b, c):
        for wa, wo in zip(a.network.weights, other.network.weights, strict=True):
            np.testing.assert_array_equal(wa, wo)


def test_fit_population_refuses_restarts_and_defaults_to_adam() -> None:
    pop = Network.init(2, 1, "sigmoid", seed=[0, 1])
    assert fit_population(pop, X, Y, steps=5, tol=0).optimizer == "adam"
    with pytest.raises(ConfigError, match="fit_population has no 'restarts' option"):
        fit_population(pop, X, Y, restarts=3)


def test_cli_fit_has_an_option_for_every_fit_option(cli) -> None:  # type: ignore[no-untyped-def]
    text = cli.invoke(main, ["fit", "--help"], terminal_width=200).output
    for s in settings.FIT_OPTIONS:
        for word in (s.name, *s.aliases):
            assert re.search(rf"--{word.replace('_', '-')}\b", text), word


def test_cli_fit_options_reach_the_fit(cli) -> None:  # type: ignore[no-untyped-def]
    import json

    args = ["fit", "--width", "2", "--optimizer", "sgd", "--momentum", "0", "--lr", "0.05",
            "--steps", "30", "--tol", "0", "--l2", "0.001", "--json"]  # fmt: skip
    res = cli.invoke(main, args)
    assert res.exit_code == 0, res.output
    options = json.loads(res.stdout)["options"]
    assert options["optimizer"] == "sgd" and options["momentum"] == 0.0
    assert options["learning_rate"] == 0.05 and options["l2"] == 0.001 and options["steps"] == 30
    res = cli.invoke(main, ["fit", "--momentum", "1.5"])
    assert res.exit_code == 2 and "the 'momentum' parameter must be a finite number" in res.output


def test_page_training_settings_are_the_fit_options_in_the_page_context() -> None:
    for name in ("optimizer", "learning_rate", "steps", "momentum", "l2"):
        page = settings.get(name)
        assert page == settings.fit_option(name, "page")
        assert page.choices == settings.fit_option(name).choices


def test_live_trainer_steps_the_librarys_optimizer() -> None:
    from actlab.web.trainer import LiveTrainer

    net = Network.init(3, 2, "tanh", seed=5)  # two hidden layers: the generic loop
    for optimizer, extra in (("adam", {}), ("sgd", {"momentum": 0.5})):
        trainer = LiveTrainer(net, X, Y, optimizer, 0.02, **extra)
        trainer.run(40, seconds=60)
        ref = fit(net, X, Y, optimizer=optimizer, lr=0.02, steps=40, tol=0, restarts=1, **extra)
        for wa, wb in zip(trainer.network().weights, ref.network.weights, strict=True):
            np.testing.assert_allclose(wa, wb, rtol=1e-12, atol=1e-14)


def test_regressor_parameters_are_the_fit_options() -> None:
    pytest.importorskip("sklearn")
    from actlab.interop.sklearn import FIT_PARAMS, ActlabRegressor

    params = ActlabRegressor().get_params()
    # seed is random_state; loss is fixed by the estimator's kind (ActlabClassifier's too)
    assert set(FIT_PARAMS) == set(NAMES) - {"seed", "loss"}
    for name in FIT_PARAMS:
        assert params[name] == settings.fit_option(name).default, name


def test_lm_runs_lbfgs_beyond_its_parameter_limit() -> None:
    from actlab.train._options import LM_MAX_PARAMETERS, method_for

    small = Network.init(8, 2, "tanh", seed=0)  # 8·2 + 8·9 + 9 = 97 parameters
    wide = Network.init(40, 2, "tanh", seed=0)  # 40·2 + 40·41 + 41 = 1761 parameters
    assert method_for("lm", 97) == "lm" and method_for("lm", 1761) == "lbfgs"
    assert method_for("adam", 10**6) == "adam" and LM_MAX_PARAMETERS == 1000
    assert fit(small, X, Y, steps=5, tol=0).optimizer == "lm"
    result = fit(wide, X, Y, restarts=1, steps=300, tol=0)
    assert result.optimizer == "lbfgs"
    assert result.mse < 0.05  # L-BFGS still fits the lesson's target: the best line gives 0.97
