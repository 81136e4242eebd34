"""``actlab serve``: start the interactive lab (JSON API and page) on a local port."""

from __future__ import annotations

import threading
import webbrowser
from typing import Any
from urllib.parse import urlencode

import click

from .. import settings
from ..errors import ConfigError
from . import main

#: Lab settings that can be given on the command line; they open the page in that state.
START_SETTINGS = ("target", "depth", "width", "activation", "seed", "mode", "lang")


def lab_url(host: str, port: int, values: dict[str, Any]) -> str:
    """The page's address with the given settings in its fragment (the page's URL state)."""
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    state = {k: ",".join(v) if isinstance(v, list) else v for k, v in values.items()}
    fragment = f"#{urlencode(state)}" if state else ""
    return f"http://{shown}:{port}/{fragment}"


def check_listen(host: str, port: int) -> None:
    """Refuse an address the server could not listen on, as an Error: rather than a log line."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as e:
        raise ConfigError(
            f"cannot listen on --host {host!r}: {getattr(e, 'strerror', None) or e}; "
            "give an address of this machine, such as 127.0.0.1"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as e:
            raise ConfigError(
                f"cannot listen on {host}:{port}: {e.strerror or e}; choose another --port"
            ) from None


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@settings.click_options(START_SETTINGS)
def serve(host: str, port: int, open_browser: bool, **start: Any) -> None:
    """Start the interactive lab: move weights, mark points, construct, train, collapse.

    The page and its API are served at http://localhost:PORT/ (the API's
    documentation at /api/docs). Lab settings given here set the page's first state.
    """
    import uvicorn

    from ..web.app import create_app, limit_blas_threads

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"Warning: binding to {host}; the lab has no authentication, so anyone who "
            "can reach this address can use it.",
            err=True,
        )
    values = {k: v for k, v in start.items() if v is not None}
    check_listen(host, port)
    limit_blas_threads()
    config = uvicorn.Config(create_app(), host=host, port=port, log_level="warning")
    server = uvicorn.Server(config)

    def announce() -> None:
        # wait until the socket is bound so that port 0 shows the real port
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if not server.started:
            return
        bound = server.servers[0].sockets[0].getsockname()[1] if server.servers else port
        url = lab_url(host, bound, values)
        click.echo(f"actlab lab at {url}  (Ctrl+C to stop)")
        if open_browser:
            webbrowser.open(url)

    threading.Thread(target=announce, daemon=True).start()
    server.run()
