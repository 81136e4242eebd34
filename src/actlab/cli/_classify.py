"""``actlab fit`` on a classification target: accuracy and log loss instead of errors."""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path
from typing import Any

import click

from .. import score
from .._validate import check_int
from ..network import MAX_DEPTH, MAX_WIDTH, Network
from ..problem import Problem
from ..targets.features import Features
from ._output import emit_json, emit_table
from ._paths import write_text

PLAYGROUND_TEST_FRACTION = 0.5  # the Playground's default ratio of training to test data


def fit_classifier(
    problem: Problem,
    activation: str,
    width: int,
    depth: int,
    features: str | None,
    save_file: Path | None,
    as_json: bool,
    given: dict[str, Any],
) -> None:
    """Fit, then print train/test accuracy and log loss (or JSON)."""
    from ..train import ConvergenceWarning, FitOptions
    from ..train import fit as train_fit
    from ..train.classification import loss_for

    assert problem.classes is not None and problem.target is not None
    if problem.test_fraction == 0 and problem.target.generate is not None:
        problem = dataclasses.replace(problem, test_fraction=PLAYGROUND_TEST_FRACTION)
    feats = Features.parse(features) if features is not None else None
    x, y = problem.train()
    xt, yt = problem.test()
    if feats is not None:
        x, xt = feats(x), feats(xt) if len(xt) else xt.reshape(0, feats.count)
    k = len(problem.classes)
    chosen = {key: v for key, v in given.items() if v is not None}
    chosen.setdefault("loss", loss_for(k))
    options = FitOptions.for_context("cli", **chosen)
    outputs = 1 if options.loss == "log_loss" else k
    inputs = x.shape[1] if x.ndim == 2 else 1
    net = Network.init(
        check_int("width", width, 1, MAX_WIDTH), check_int("depth", depth, 0, MAX_DEPTH),
        activation, inputs=inputs, outputs=outputs, seed=options.seed,
    )  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        result = train_fit(net, x, y, options)
    train = score.classify(result.network, x, y)
    test = score.classify(result.network, xt, yt) if len(yt) else None
    data = {
        "accuracy": train["accuracy"],
        "test_accuracy": None if test is None else test["accuracy"],
        "log_loss": train["log_loss"],
        "test_log_loss": None if test is None else test["log_loss"],
        "time_s": result.time_s,
        "network": result.network.to_dict(),
        "classes": list(problem.classes),
        "features": list(feats.names) if feats is not None else ["x1", "x2"][:inputs],
        "target": problem.describe()
        | {"noise": problem.noise, "test_points": len(yt), "seed": problem.seed},
        "optimizer": options.optimizer,
        "options": options.to_dict(),
        "steps": result.steps,
        "converged": result.converged,
        "restarts": int(result.restart_mse.size),
    }
    if save_file is not None:
        write_text(save_file, result.network.to_json(indent=1) + "\n", "--save")
        data["saved"] = str(save_file)
    for w in caught:
        click.echo(f"Warning: {w.message}", err=True)
    if as_json:
        emit_json(data)
        return
    t = data["target"]
    test_acc = "-" if test is None else f"{100 * test['accuracy']:.1f}%"
    test_loss = "-" if test is None else f"{test['log_loss']:.4f}"
    emit_table(
        [
            ("target", f"{t['name']} ({', '.join(problem.classes)}), {t['points']} training "
                       f"and {t['test_points']} test points, noise {problem.noise:g}"),
            ("features", ", ".join(data["features"])),
            ("network", repr(result.network)),
            ("accuracy", f"{100 * train['accuracy']:.1f}% (test {test_acc})"),
            ("log_loss", f"{train['log_loss']:.4f} (test {test_loss})"),
            ("time", f"{result.time_s:.3f} s ({options.optimizer}, {data['restarts']} starts, "
                     f"{result.steps} steps)"),
        ]
    )  # fmt: skip
    if save_file is not None:
        click.echo(f"saved: {save_file}")


__all__ = ["fit_classifier"]
