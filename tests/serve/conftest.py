"""The desk on the bundled glossaries: a shared `Desk`, the framework's test client, and a
real server on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the desk needs the 'serve' extra")

import uvicorn
from starlette.testclient import TestClient

from checker.serve.app import Limits, create_app
from checker.serve.desk import Desk
from tests.conftest import REPO

SEED = REPO / "samples" / "kanai-liu-meeting.txt"
SEED_DOCX = REPO / "samples" / "kanai-liu-meeting.docx"
DATA = Path(__file__).parent / "data"
TOKEN = "correct-horse-battery-staple-42"


@pytest.fixture(scope="session")
def desk() -> Desk:
    return Desk()


@pytest.fixture(scope="session")
def client(desk: Desk) -> Iterator[TestClient]:
    with TestClient(create_app(desk)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """uvicorn serving the desk on 127.0.0.1 in a thread, stopped at the end."""

    def __init__(self, desk: Desk, token: str | None = None, limits: Limits | None = None):
        self.port = free_port()
        config = uvicorn.Config(
            create_app(desk, token, limits),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the desk did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def live_server(desk: Desk) -> Iterator[LiveServer]:
    with LiveServer(desk) as server:
        yield server
