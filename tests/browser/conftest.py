"""Fixtures of the browser tests: the lab on port 0, headless Chromium, a fresh page per test.

Chromium comes from the system (``shutil.which("chromium")``); the tests never
download a browser. Without Chromium or the playwright package they skip, except
in CI (the environment variable CI is set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing(reason: str) -> None:
    """Skip, or fail in CI where the browser must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


class LabServer:
    """The lab served by uvicorn in a background thread on a free port."""

    def __init__(self) -> None:
        import uvicorn

        from actlab.web.app import create_app, limit_blas_threads

        limit_blas_threads()  # as actlab serve does

        config = uvicorn.Config(
            create_app(max_stream_seconds=120),
            host="127.0.0.1",
            port=0,
            log_level="warning",
            ws="none",
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the lab server did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/"

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def launch(playwright: Any) -> Any:
    """Headless system Chromium."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        missing("chromium is not installed (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def lab_url() -> Iterator[str]:
    """The base URL of a lab server shared by every browser test."""
    with LabServer() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, lab_url: str) -> Iterator[Any]:
    """A fresh page (1400×1000); the test fails if the page logs an error."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.lab_url = lab_url
    pg.console_errors = errors
    yield pg
    context.close()
