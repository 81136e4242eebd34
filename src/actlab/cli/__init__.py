"""The ``actlab`` command: one thin entry for the whole library.

This package is the only place that prints errors and exits: expected
errors (:class:`~actlab.errors.ActlabError`) become ``Error: …`` on stderr
with exit status 1; usage errors exit with 2, as click does.
"""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from ..errors import ActlabError
from ..settings import SYSTEM, click_options
from ..threads import set_threads

SYSTEM_THREADS = {s.name: s for s in SYSTEM}["threads"]


class ActlabGroup(click.Group):
    """A click group that turns library errors into clean messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ActlabError as e:
            raise click.ClickException(str(e)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            raise click.exceptions.Exit(130) from None


@click.group(cls=ActlabGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actlab")
@click_options([SYSTEM_THREADS])
def main(threads: int | None) -> None:
    """actlab: see, prove and measure why neural networks need activation functions."""
    if threads is not None:
        set_threads(threads)


# Each command lives in its own module and registers itself on ``main``.
from . import collapse, construct, demo, experiment, fit, serve, show, sweep, targets  # noqa: E402,F401
