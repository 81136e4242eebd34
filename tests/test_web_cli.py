"""``actlab serve``: options from the settings list, the printed address, the binding warning."""

from __future__ import annotations

from typing import Any

import pytest

from actlab.cli import main
from actlab.cli.serve import lab_url


class FakeServer:
    """Stands in for uvicorn.Server: records its config, 'binds' port 4321 at once."""

    last: FakeServer | None = None

    def __init__(self, config: Any) -> None:
        self.config = config
        self.started = False
        self.should_exit = False
        self.servers: list = []
        FakeServer.last = self

    def run(self) -> None:
        import threading
        import time

        sock = type("S", (), {"getsockname": lambda self: ("127.0.0.1", 4321)})()
        self.servers = [type("Srv", (), {"sockets": [sock]})()]
        self.started = True
        time.sleep(0.3)  # let the announcing thread print
        del threading


@pytest.fixture
def fake_uvicorn(monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "Server", FakeServer)
    return FakeServer


def test_serve_prints_the_address_with_the_start_state(cli, fake_uvicorn):
    res = cli.invoke(main, ["serve", "--port", "0", "--width", "5", "--activation", "relu"])
    assert res.exit_code == 0, res.output
    assert "http://localhost:4321/#width=5&activation=relu" in res.output
    assert fake_uvicorn.last.config.host == "127.0.0.1"


def test_serve_rejects_a_bad_setting_with_its_message(cli, fake_uvicorn):
    res = cli.invoke(main, ["serve", "--width", "100"])
    assert res.exit_code == 2
    assert "the 'width' parameter must be an integer in [1, 64], got 100 instead" in res.output


def test_serve_warns_when_binding_beyond_localhost(cli, fake_uvicorn):
    res = cli.invoke(main, ["serve", "--host", "0.0.0.0"])
    assert res.exit_code == 0 and "no authentication" in res.output


@pytest.mark.parametrize(
    ("host", "values", "url"),
    [
        pytest.param("127.0.0.1", {}, "http://localhost:8000/", id="plain"),
        pytest.param("10.0.0.2", {"seed": 3}, "http://10.0.0.2:8000/#seed=3", id="state"),
        pytest.param("::", {"activation": ["relu", "tanh"]},
                     "http://localhost:8000/#activation=relu%2Ctanh", id="list"),
    ],
)  # fmt: skip
def test_lab_url(host, values, url):
    assert lab_url(host, 8000, values) == url
