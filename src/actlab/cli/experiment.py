"""``actlab experiment NAME``: test one claim of the lesson on many seeds."""

from __future__ import annotations

import click

from . import main
from ._output import emit_json
from ._paths import output_dir, output_file, write_text


@main.command()
@click.argument("name", required=False)
@click.option("--size", type=click.Choice(["small", "full"]), default="full", show_default=True)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the table and verdict as JSON.")
@click.option(
    "--out", type=click.Path(file_okay=False), help="Write the table as CSV (NAME.csv) here."
)
@click.option("--force", is_flag=True, help="Replace the table in --out if it exists.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
def experiment(
    name: str | None,
    size: str,
    seed: int,
    as_json: bool,
    out: str | None,
    force: bool,
    lang: str,
) -> None:
    """Run experiment NAME and print its table and verdict (no NAME: list them)."""
    from ..experiments import EXPERIMENTS, get_experiment

    if name is None:
        for key in sorted(EXPERIMENTS):
            doc = (EXPERIMENTS[key].__doc__ or "").strip().splitlines()[0]
            click.echo(f"{key:<18} {doc}")
        return
    runner = get_experiment(name)
    table = None
    if out is not None:  # checked before the experiment runs, not after
        table = output_file(
            str(output_dir(out, "--out") / f"{name}.csv"), force=force, option="--out"
        )
    result = runner(size=size, seed=seed)
    if table is not None:
        path = write_text(table, result.csv_text(), "--out")
        if not as_json:
            click.echo(f"table written to {path}")
    if as_json:
        emit_json(result.to_dict())
        return
    click.echo(f"Claim: {result.claim[lang]}")
    _print_table(result.columns, result.rows)
    mark = {True: "holds", False: "refuted", None: "partly"}[result.verdict.holds]
    click.echo(f"Verdict ({mark}): {result.verdict.text[lang]}")


def _print_table(columns: list[str], rows: list[dict]) -> None:
    def fmt(v: object) -> str:
        return f"{v:.4g}" if isinstance(v, float) else str(v)

    cells = [[fmt(r.get(c, "")) for c in columns] for r in rows[:40]]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
    if len(rows) > 40:
        click.echo(f"… {len(rows) - 40} more rows (use --out or --json for all)")
