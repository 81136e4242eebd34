"""``actlab targets`` (the presets) and ``actlab target show SPEC`` (one target up close)."""

from __future__ import annotations

import click
import numpy as np

from ..targets import PRESETS, Target, resolve
from . import main
from ._output import emit_json, emit_table


def _domain_text(domain: tuple[float, float]) -> str:
    return f"[{domain[0]:.6g}, {domain[1]:.6g}]"


@main.command("targets")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def targets_command(as_json: bool) -> None:
    """List the preset targets: name, natural domain and formula."""
    if as_json:
        emit_json([t.to_dict() for t in PRESETS.values()])
        return
    width = max(len(n) for n in PRESETS)
    doms = {n: _domain_text(t.domain) for n, t in PRESETS.items()}
    dwidth = max(len(d) for d in doms.values())
    for name, t in PRESETS.items():
        click.echo(f"{name:<{width}}  {doms[name]:<{dwidth}}  {t.formula}")


@main.group("target")
def target_group() -> None:
    """Inspect one target (a preset name, 'points: x,y …' or an expression in x)."""


def describe(target: Target, n: int) -> dict:
    """Formula, domain, kinks and ``n`` sample values of a target."""
    x = target.grid(n)
    y = target(x) + 0.0  # no '-0' in the output
    return {
        **target.to_dict(),
        "samples": [{"x": float(a), "y": float(b)} for a, b in zip(x, y, strict=True)],
    }


@target_group.command("show")
@click.argument("spec")
@click.option(
    "--domain", nargs=2, type=float, default=None, metavar="A B", help="Domain [A, B] to use."
)
@click.option(
    "--samples",
    "n",
    type=click.IntRange(2, 101),
    default=5,
    show_default=True,
    help="How many sample values to print.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def show_target(spec: str, domain: tuple[float, float] | None, n: int, as_json: bool) -> None:
    """Show SPEC's formula, domain and a few values.

    SPEC is a preset name (see ``actlab targets``), ``"points: 0,0 2,4 4,2"``
    or an expression such as ``"sin(3*x) + 0.3*x**2"`` or
    ``"piecewise(x < 0: 0, x < 2: 2*x, x < 4: -x + 6, 2)"``. Put ``--`` before
    an expression that starts with '-'.
    """
    data = describe(resolve(spec, domain), n)
    if as_json:
        emit_json(data)
        return
    rows = [
        ("name", data["name"]),
        ("formula", data["formula"]),
        ("expression", data["expression"]),
        ("domain", _domain_text(tuple(data["domain"]))),
        ("kinks", ", ".join(f"{k:g}" for k in data["kinks"]) or None),
    ]
    emit_table([(k, v) for k, v in rows if v is not None])
    click.echo("")
    xs = np.array([s["x"] for s in data["samples"]])
    ys = np.array([s["y"] for s in data["samples"]])
    click.echo(f"{'x':>12}  {'f(x)':>12}")
    for a, b in zip(xs, ys, strict=True):
        click.echo(f"{a:>12.6g}  {b:>12.6g}")
