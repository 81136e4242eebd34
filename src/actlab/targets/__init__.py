"""What is being fitted: the lesson's function, presets, safe expressions, points, CSV, sampling.

``resolve("lesson")``, ``resolve("sin(3*x) + 0.3*x**2", domain=(-2, 2))``,
``from_points(*parse_points("0,0 2,4 4,2 6,2"))``, ``load_csv("data.csv")``, then
``sample(target, 50, seed=0, noise=0.1, test_fraction=0.2)``. The expression
syntax (piecewise included) is documented in :mod:`actlab.targets.expression`.
"""

from __future__ import annotations

from .csvfile import load_csv, parse_csv, read_csv, write_csv
from .expression import Expression, parse
from .marked_points import from_points, parse_points
from .presets import ALIASES, PRESETS, lesson_function, preset_names
from .resolve import from_expression, resolve
from .sampling import MAX_SAMPLES, Sample, sample, sample_points
from .target import DEFAULT_DOMAIN, Target, check_domain

__all__ = [
    "ALIASES",
    "DEFAULT_DOMAIN",
    "MAX_SAMPLES",
    "PRESETS",
    "Expression",
    "Sample",
    "Target",
    "check_domain",
    "from_expression",
    "from_points",
    "lesson_function",
    "load_csv",
    "parse",
    "parse_csv",
    "parse_points",
    "preset_names",
    "read_csv",
    "resolve",
    "sample",
    "sample_points",
    "write_csv",
]
