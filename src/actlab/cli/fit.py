"""``actlab fit``: train a network on a target and show what each neuron learned."""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import activations as act
from .. import score, settings
from .._validate import check_int
from ..network import MAX_DEPTH, MAX_WIDTH, Network
from ..problem import Problem
from . import main
from ._output import emit_json, emit_table
from ._paths import output_file, write_text

MAX_POINTS = 100_000
FIT_OPTIONS = settings.fit_options("cli")  # every option of the library's fit, as the CLI sees it

#: Per last-hidden neuron: output weight, size |c_i|·range of φ_i, share, negligible.
contributions = score.neurons


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class _Bar:
    """A tqdm progress bar on stderr, only when stderr is a terminal and text is wanted."""

    def __init__(self, steps: int, enabled: bool) -> None:
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=steps, unit="step", file=sys.stderr, leave=False)

    def __call__(self, progress: Any) -> None:
        if self.bar is not None:
            self.bar.n = progress.step
            self.bar.set_postfix(loss=f"{progress.loss:.3g}", refresh=False)
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@main.command()
@click.option(
    "--target",
    "target_spec",
    default="lesson",
    show_default=True,
    help="What to fit: lesson (also: seed), a preset, points: …, a CSV file or an expression in x.",
)
@click.option(
    "--activation",
    default="sigmoid",
    show_default=True,
    help=f"Hidden activation: {', '.join(act.names(trainable=True))}.",
)
@click.option("--width", type=int, default=3, show_default=True, help="Neurons per hidden layer.")
@click.option("--depth", type=int, default=1, show_default=True, help="Hidden layers.")
@click.option("--points", type=int, help="Training points on the target's domain (default 201).")
@click.option(
    "--noise",
    type=float,
    default=None,
    help="Noise: σ added to y, or for the Playground's classification sets its noise (0-0.5).",
)
@click.option(
    "--test-fraction",
    type=float,
    default=None,
    help="Share of the points held out and scored as test error (default 0; 0.5 for "
    "classification).",
)
@click.option(
    "--split",
    type=click.Choice(["random", "time"]),
    default="random",
    help="Hold out test points at random, or the last ones of a series "
    "(time: train on the past, test on the future; e.g. --target lags:sunspots:7).",
)
@click.option(
    "--features",
    default=None,
    help="Classification: the Playground's input features, e.g. x1^2,x2^2 (default x1,x2).",
)
@settings.click_options(FIT_OPTIONS)
@click.option("--save", "save_file", type=click.Path(dir_okay=False), help="Write the network.")
@click.option("--force", is_flag=True, help="Replace the --save file if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def fit(
    target_spec: str,
    activation: str,
    width: int,
    depth: int,
    points: int | None,
    noise: float | None,
    test_fraction: float | None,
    split: str,
    features: str | None,
    save_file: str | None,
    force: bool,
    as_json: bool,
    **given: Any,
) -> None:
    """Train a network on a target and print its error, formula and neurons.

    Prints the final MSE and largest error on the training points, the time, the
    formula and each last-hidden neuron's contribution (output weight c_i and size
    |c_i|·range of φ_i over the data). With --json: an object with keys mse,
    max_error, time_s, formula, contributions, network (and target, optimizer,
    steps, converged, restarts). The progress bar goes to stderr, on a terminal only.
    With --test-fraction also "test": {"points", "mse", "max_error"} on the held-out
    points; --split time holds out the last rows of a series such as lags:sunspots:K
    (predict each year from the K before it).

    A classification target (circle, xor, gauss, spiral, xor4, or a labelled CSV) is
    fitted on log loss (cross-entropy for K > 2 classes) and prints the accuracy on the
    training and test points and the log loss; --json keys: accuracy, test_accuracy,
    log_loss, test_log_loss, network, classes, features (and target, optimizer, …).
    """
    import warnings

    from ..train import ConvergenceWarning, FitOptions
    from ..train import fit as train_fit
    from ..train.optimizers import DEFAULT_STEPS

    save_path = None if save_file is None else output_file(save_file, force=force, option="--save")
    if points is not None:
        points = check_int("points", points, 2, MAX_POINTS)
    extra = {k: v for k, v in (("noise", noise), ("test_fraction", test_fraction)) if v is not None}
    problem = Problem.from_spec(target_spec, points=points, split=split, **extra)
    if problem.is_classification:
        from ._classify import fit_classifier

        fit_classifier(problem, activation, width, depth, features, save_path, as_json, given)
        return
    if features is not None:
        raise click.UsageError("--features applies to classification targets only")
    x, y = problem.train()
    options = FitOptions.for_context("cli", **{k: v for k, v in given.items() if v is not None})
    net = Network.init(
        check_int("width", width, 1, MAX_WIDTH), check_int("depth", depth, 1, MAX_DEPTH),
        activation, inputs=problem.inputs, seed=options.seed,
    )  # fmt: skip
    bar = _Bar(options.steps or DEFAULT_STEPS[options.optimizer], enabled=not as_json)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        try:
            # a callback always: the kernels then run in chunks, and Ctrl+C stops them
            result = train_fit(net, x, y, options, callback=bar)
        finally:
            bar.close()
    scores = score.score(result.network(x), y)
    data = {
        "mse": scores["mse"],
        "max_error": scores["max_error"],
        "time_s": result.time_s,
        "formula": result.network.formula(),
        "contributions": score.neurons(result.network, x, y),
        "network": result.network.to_dict(),
        "target": problem.describe(),
        "optimizer": result.optimizer,  # what ran: lm runs lbfgs above 1000 parameters
        "options": options.to_dict(),
        "steps": result.steps,
        "converged": result.converged,
        "restarts": int(result.restart_mse.size),
    }
    x_test, y_test = problem.test()
    if len(y_test):
        data["test"] = {"points": len(y_test), **score.score(result.network(x_test), y_test)}
    if save_path is not None:
        write_text(save_path, result.network.to_json(indent=1) + "\n", "--save")
        data["saved"] = save_file
    for w in caught:
        click.echo(f"Warning: {w.message}", err=True)
    if as_json:
        emit_json(data)
        return
    click.echo(data["formula"])
    t = data["target"]
    if problem.inputs > 1:
        where = "in " + " × ".join(f"[{lo:g}, {hi:g}]" for lo, hi in t["domain"])
    else:
        where = f"over [{t['domain'][0]:g}, {t['domain'][1]:g}]"
    test = data.get("test")
    emit_table(
        [
            ("target", f"{t['name']}, {t['points']} points {where}"),
            ("mse", f"{data['mse']:.7f}"),
            *([("test mse", f"{test['mse']:.7f} on {test['points']} held-out points")]
              if test else []),
            ("max_error", f"{data['max_error']:.5f}"),
            ("time", f"{data['time_s']:.3f} s ({result.optimizer}, "
                     f"{_count(data['restarts'], 'start')}, "
                     f"{_count(data['steps'], 'step')})"),
        ]
    )  # fmt: skip
    click.echo("contributions (last hidden layer):")
    for c in data["contributions"]:
        click.echo(
            f"  neuron {c['neuron']}: output weight {c['output_weight']:+.4g}, "
            f"size {c['size']:.4g} ({100 * c['share']:.0f}%)"
        )
    if save_file is not None:
        click.echo(f"saved: {save_file}")
