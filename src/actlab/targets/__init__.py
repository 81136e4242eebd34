"""What is being fitted: the lesson's function, presets, safe expressions, points, CSV, sampling.

``resolve("lesson")``, ``resolve("sin(3*x) + 0.3*x**2", domain=(-2, 2))``,
``from_points(*parse_points("0,0 2,4 4,2 6,2"))``, ``load_csv("data.csv")``, then
``sample(target, 50, seed=0, noise=0.1, test_fraction=0.2)``. The expression
syntax (piecewise included) is documented in :mod:`actlab.targets.expression`.

Targets of k inputs: expressions in ``x1 … xk`` (``resolve("sin(x1)*x2")``), and
fixed data sets whose ``points`` are (X of shape (N, k), y of shape (N,)):
``plane()``/``reg_gauss()`` (TensorFlow Playground regression),
``circle()``/``xor()``/``gauss()``/``spiral()``/``xor4()`` (its classification sets:
y holds class indices, ``target.classes`` their names; ``load_labelled`` reads a CSV
with a label column), ``load_table("data.csv")`` (k
feature columns and a target column), ``lags(series, k)`` and
``resolve("lags:sunspots:3")`` (predict a value from the k before it).
"""

from __future__ import annotations

from .csvfile import load_csv, load_table, parse_csv, parse_table, read_csv, write_csv
from .expression import Expression, parse
from .labelled import load_labelled, parse_labelled
from .marked_points import from_points, parse_points
from .playground import CLASSIFY, circle, gauss, plane, reg_gauss, spiral, xor, xor4
from .presets import ALIASES, PRESETS, lesson_function, preset_names
from .resolve import from_expression, resolve
from .sampling import MAX_SAMPLES, Sample, sample, sample_points
from .series import lag_features, lags, sunspots
from .table import from_table
from .target import DEFAULT_DOMAIN, Target, check_box, check_domain

__all__ = [
    "ALIASES",
    "CLASSIFY",
    "DEFAULT_DOMAIN",
    "MAX_SAMPLES",
    "PRESETS",
    "Expression",
    "Sample",
    "Target",
    "check_box",
    "check_domain",
    "circle",
    "from_expression",
    "from_points",
    "from_table",
    "gauss",
    "lag_features",
    "lags",
    "lesson_function",
    "load_csv",
    "load_labelled",
    "load_table",
    "parse",
    "parse_csv",
    "parse_labelled",
    "parse_points",
    "parse_table",
    "plane",
    "preset_names",
    "read_csv",
    "reg_gauss",
    "resolve",
    "sample",
    "sample_points",
    "spiral",
    "sunspots",
    "write_csv",
    "xor",
    "xor4",
]
