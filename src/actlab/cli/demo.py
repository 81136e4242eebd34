"""``actlab demo``: the main job — the lesson's whole story as one HTML report."""

from __future__ import annotations

import sys
import warnings
import webbrowser

import click

from . import main
from ._paths import check_links, output_dir

REPORT_ENTRIES = ("report.html", "figures", "tables")  # all that the report writes


@main.command()
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="Report language (default: follows the locale).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="actlab-report",
    show_default=True,
    help="Folder for report.html, figures/ and tables/.",
)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the report in a browser.")
def demo(lang: str | None, out: str, seed: int, open_browser: bool) -> None:
    """Run the lesson's story end to end and write a self-contained HTML report.

    Every number and figure is computed in this run: the target, the linear
    network's collapse to a line, the two-sigmoid network, the redundant-neuron
    experiment, marked points, tanh, relu, square, width and depth.
    """
    from tqdm import tqdm

    from ..figures import FontWarning
    from ..report import SECTIONS, build_report, default_lang

    lang = lang or default_lang()
    folder = output_dir(out, "--out")
    check_links(folder, REPORT_ENTRIES, "--out")
    bar = tqdm(
        total=len(SECTIONS) + 1,
        unit="step",
        desc="actlab demo",
        leave=False,
        file=sys.stderr,
    )

    def progress(key: str) -> None:
        bar.set_postfix_str(key)
        bar.update(1)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        try:
            path = build_report(folder, lang=lang, seed=seed, progress=progress)
        finally:
            bar.close()
    for w in caught:
        if issubclass(w.category, FontWarning):
            click.echo(f"Warning: {w.message}", err=True)
            break
    click.echo(str(path.resolve()))
    if open_browser:
        webbrowser.open(path.resolve().as_uri())
