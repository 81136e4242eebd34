"""The preset targets: the lesson's function and a library of classic curves.

Each preset is written twice, on purpose: as numpy code (``fn``) and as an
expression in actlab's syntax (``expression``); the tests check that both agree.
"""

from __future__ import annotations

import numpy as np

from .target import Target

__all__ = ["ALIASES", "LESSON_KINKS", "PRESETS", "lesson_function", "preset_names"]

_PI = float(np.pi)


LESSON_KINKS = (0.0, 2.0, 4.0)


def lesson_function(x: np.ndarray | float) -> np.ndarray:
    """The lesson's target: 0 (x < 0), 2x (0 ≤ x < 2), −x + 6 (2 ≤ x < 4), 2 (x ≥ 4)."""
    x = np.asarray(x, dtype=np.float64)
    return np.select([x < 0, x < 2, x < 4], [0.0 * x, 2.0 * x, 6.0 - x], default=2.0)


def _sawtooth(x: np.ndarray) -> np.ndarray:
    return x - np.floor(x)


def _complex(x: np.ndarray) -> np.ndarray:
    return 0.8 * np.sin(1.3 * x) + 0.4 * np.sin(3.1 * x + 1.0) + 0.2 * np.cos(7.0 * x) + 0.1 * x


_LIST = [
    Target(
        "lesson",
        "f(x) = 0 (x < 0); 2x (0 ≤ x < 2); −x + 6 (2 ≤ x < 4); 2 (x ≥ 4)",
        (-2.0, 6.0),
        lesson_function,
        kinks=LESSON_KINKS,
        expression="piecewise(x < 0: 0, x < 2: 2*x, x < 4: -x + 6, 2)",
    ),
    Target("sin", "sin(x)", (-2 * _PI, 2 * _PI), np.sin, expression="sin(x)"),
    Target("abs", "|x|", (-1.0, 1.0), np.abs, kinks=(0.0,), expression="abs(x)"),
    Target(
        "step",
        "0 (x < 0); 1 (x ≥ 0)",
        (-1.0, 1.0),
        lambda x: np.where(x >= 0, 1.0, 0.0),
        kinks=(0.0,),
        expression="piecewise(x < 0: 0, 1)",
    ),
    Target(
        "sawtooth",
        "x − ⌊x⌋",
        (0.0, 3.0),
        _sawtooth,
        kinks=(1.0, 2.0),
        expression="x - floor(x)",
    ),
    Target(
        "gaussian",
        "exp(−x²)",
        (-3.0, 3.0),
        lambda x: np.exp(-(x**2)),
        expression="exp(-x**2)",
    ),
    Target(
        "runge",
        "1 / (1 + 25x²)",
        (-1.0, 1.0),
        lambda x: 1.0 / (1.0 + 25.0 * x**2),
        expression="1 / (1 + 25*x**2)",
    ),
    Target("xsinx", "x·sin(x)", (-10.0, 10.0), lambda x: x * np.sin(x), expression="x*sin(x)"),
    Target(
        "nielsen",
        "0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x)",
        (0.0, 1.0),
        lambda x: 0.2 + 0.4 * x**2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x),
        expression="0.2 + 0.4*x**2 + 0.3*x*sin(15*x) + 0.05*cos(50*x)",
    ),
    Target(
        "complex",
        "0.8·sin(1.3x) + 0.4·sin(3.1x + 1) + 0.2·cos(7x) + 0.1x",
        (0.0, 8.0),
        _complex,
        expression="0.8*sin(1.3*x) + 0.4*sin(3.1*x + 1) + 0.2*cos(7*x) + 0.1*x",
    ),
]

PRESETS: dict[str, Target] = {t.name: t for t in _LIST}

#: Other names that users and scripts already use for a preset (``seed``: the lesson's
#: function was first called the "seed" example).
ALIASES: dict[str, str] = {"seed": "lesson"}


def preset_names() -> list[str]:
    """Names of the presets, in display order."""
    return list(PRESETS)
