"""``actlab fit``: train a network on a target and show what each neuron learned."""

from __future__ import annotations

import sys
from typing import Any

import click
import numpy as np

from .. import activations as act
from .. import lesson
from .._validate import check_int, check_seed
from ..errors import ConfigError
from ..network import MAX_DEPTH, MAX_WIDTH, Network
from . import main
from ._output import emit_json, emit_table
from ._paths import output_file, write_text

DEFAULT_POINTS = 201
MAX_POINTS = 100_000


def target_data(spec: str, points: int | None) -> tuple[str, np.ndarray, np.ndarray]:
    """(name, x, y) of a target: ``seed`` is the lesson's 201 points over [−2, 6]."""
    n = DEFAULT_POINTS if points is None else check_int("points", points, 2, MAX_POINTS)
    if spec.strip().lower() == "seed":
        x = np.linspace(lesson.GRID.start, lesson.GRID.stop, n)
        return "seed", x, lesson.target(x)
    try:
        from ..targets import resolve
    except ImportError:  # an install without targets knows only the lesson's target
        raise ConfigError(f"the 'target' parameter must be seed; got {spec!r} instead") from None
    target = resolve(spec)
    if target.points is not None and points is None:
        x, y = target.points
        return target.name, np.asarray(x, float), np.asarray(y, float)
    x = target.grid(n)
    return target.name, x, np.asarray(target(x), dtype=float)


def contributions(net: Network, x: np.ndarray) -> list[dict[str, Any]]:
    """Per last-hidden neuron: its output weight and its size |c_i|·(range of φ_i on the data).

    The size is how far that neuron's term c_i·φ_i moves the output across the data;
    ``share`` is its part of the total, so a neuron with share ≈ 0 is as if absent.
    """
    trace = net.trace(x)
    h = trace.activations[-1] if trace.activations else x[:, None]
    c = net.weights[-1][0]
    sizes = np.abs(c) * (h.max(axis=0) - h.min(axis=0))
    total = float(sizes.sum()) or 1.0
    return [
        {"neuron": i + 1, "output_weight": float(c[i]), "size": float(sizes[i]),
         "share": float(sizes[i] / total)}
        for i in range(c.size)
    ]  # fmt: skip


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
    default="seed",
    show_default=True,
    help="What to fit: seed (the lesson), a preset, points: …, or an expression in x.",
)
@click.option(
    "--activation",
    default="sigmoid",
    show_default=True,
    help=f"Hidden activation: {', '.join(act.names(trainable=True))}.",
)
@click.option("--width", type=int, default=3, show_default=True, help="Neurons per hidden layer.")
@click.option("--depth", type=int, default=1, show_default=True, help="Hidden layers.")
@click.option(
    "--optimizer",
    type=click.Choice(["lm", "lbfgs", "adam", "sgd"]),
    default="lm",
    show_default=True,
    help="Levenberg–Marquardt, L-BFGS, Adam or SGD with momentum.",
)
@click.option("--restarts", type=int, help="Starts to keep the best of (default 4 for lm/lbfgs).")
@click.option(
    "--steps", type=int, help="Iteration cap (default 200 lm, 1000 lbfgs, 2000 adam/sgd)."
)
@click.option("--lr", type=float, help="Learning rate of adam and sgd (default 0.01).")
@click.option("--points", type=int, help="Training points on the target's domain (default 201).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of every random start.")
@click.option("--save", "save_file", type=click.Path(dir_okay=False), help="Write the network.")
@click.option("--force", is_flag=True, help="Replace the --save file if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def fit(
    target_spec: str, activation: str, width: int, depth: int, optimizer: str,
    restarts: int | None, steps: int | None, lr: float | None, points: int | None, seed: int,
    save_file: str | None, force: bool, as_json: bool,
) -> None:  # fmt: skip
    """Train a network on a target and print its error, formula and neurons.

    Prints the final MSE and largest error on the training points, the time, the
    formula and each last-hidden neuron's contribution (output weight c_i and size
    |c_i|·range of φ_i over the data). With --json: an object with keys mse,
    max_error, time_s, formula, contributions, network (and target, optimizer,
    steps, converged, restarts). The progress bar goes to stderr, on a terminal only.
    """
    import warnings

    from ..train import ConvergenceWarning
    from ..train import fit as train_fit

    save_path = None if save_file is None else output_file(save_file, force=force, option="--save")
    name, x, y = target_data(target_spec, points)
    net = Network.init(
        check_int("width", width, 1, MAX_WIDTH), check_int("depth", depth, 1, MAX_DEPTH),
        activation, seed=check_seed(seed),
    )  # fmt: skip
    bar = _Bar(steps or 0, enabled=not as_json)
    if bar.bar is not None and steps is None:
        from ..train.optimizers import DEFAULT_STEPS

        bar.bar.total = DEFAULT_STEPS[optimizer]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        try:
            result = train_fit(
                net, x, y, optimizer=optimizer, restarts=restarts, steps=steps, lr=lr,
                seed=seed, callback=bar,  # always: kernels run in chunks, Ctrl+C stops them
            )  # fmt: skip
        finally:
            bar.close()
    scores = lesson.score(result.network(x), y)
    data = {
        "mse": scores["mse"],
        "max_error": scores["max_error"],
        "time_s": result.time_s,
        "formula": result.network.formula(),
        "contributions": contributions(result.network, x),
        "network": result.network.to_dict(),
        "target": {"name": name, "points": int(x.size), "domain": [float(x.min()), float(x.max())]},
        "optimizer": optimizer,
        "steps": result.steps,
        "converged": result.converged,
        "restarts": int(result.restart_mse.size),
    }
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
    emit_table(
        [
            ("target", f"{t['name']}, {t['points']} points over [{t['domain'][0]:g}, "
                       f"{t['domain'][1]:g}]"),
            ("mse", f"{data['mse']:.7f}"),
            ("max_error", f"{data['max_error']:.5f}"),
            ("time", f"{data['time_s']:.3f} s ({optimizer}, {_count(data['restarts'], 'start')}, "
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
