"""The declarative settings list: validation, text parsing, pydantic bounds, CLI options."""

from __future__ import annotations

import re

import pytest

from actlab import activations, settings
from actlab.errors import ConfigError
from actlab.web.schemas import InitRequest, TrainRequest


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_every_default_passes_its_own_check(setting):
    assert setting.check(setting.default) == setting.default


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        pytest.param("width", "8", 8, id="int"),
        pytest.param("learning_rate", "0.5", 0.5, id="float"),
        pytest.param("x_min", "", None, id="optional-empty"),
        pytest.param("activation", "relu, tanh", ["relu", "tanh"], id="list"),
        pytest.param("fit", "points", "points", id="choice"),
        pytest.param("target", "  sin(x) ", "sin(x)", id="text-stripped"),
    ],
)
def test_parse_reads_text(name, text, value):
    assert settings.get(name).parse(text) == value


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        pytest.param("width", 0, "the 'width' parameter must be an integer in [1, 64], got 0",
                     id="width-low"),
        pytest.param("depth", 2.5, "the 'depth' parameter must be an integer, got 2.5",
                     id="depth-fraction"),
        pytest.param("learning_rate", 0.0, "finite number in (0, 10], got 0.0",
                     id="lr-open-bound"),
        pytest.param("learning_rate", float("nan"), "finite number", id="lr-nan"),
        pytest.param("activation", ["relu"] * 5, "list of 1 to 4", id="too-many-layers"),
        pytest.param("optimizer", "newton", "one of lm, lbfgs, adam, sgd", id="optimizer"),
        pytest.param("target", "", "1 to 2000 characters", id="empty-target"),
    ],
)  # fmt: skip
def test_check_rejects_with_a_message(name, value, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        settings.get(name).check(value)


def test_check_all_separates_good_and_bad():
    clean, errors = settings.check_all({"width": "3", "seed": "-4", "nope": "1"}, text=True)
    assert clean == {"width": 3}
    assert set(errors) == {"seed", "nope"}


def test_activation_choices_are_the_activation_table():
    assert settings.get("activation").choices == tuple(activations.names())


@pytest.mark.parametrize(
    ("model", "field", "name"),
    [
        pytest.param(InitRequest, "width", "width", id="init-width"),
        pytest.param(InitRequest, "depth", "depth", id="init-depth"),
        pytest.param(TrainRequest, "learning_rate", "learning_rate", id="train-lr"),
        pytest.param(TrainRequest, "steps", "steps", id="train-steps"),
    ],
)
def test_api_schema_bounds_come_from_the_settings(model, field, name):
    prop = model.model_json_schema()["properties"][field]
    s = settings.get(name)
    assert prop["maximum"] == s.hi
    assert prop.get("minimum", prop.get("exclusiveMinimum")) == s.lo
    assert prop["default"] == s.default and prop["description"] == s.help


def test_limits_are_the_documented_bounds():
    assert settings.get("width").hi == settings.LIMITS["max_width"] == 64
    assert settings.get("depth").hi == settings.LIMITS["max_depth"] == 4
    assert settings.get("grid_points").hi == settings.LIMITS["max_grid_points"] == 2000
