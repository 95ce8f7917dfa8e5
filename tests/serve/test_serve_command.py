"""`termcheck serve` as an operator starts it: where to open it, what it refuses, and the
optional extra it needs."""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from checker.cli import main
from checker.commands.serve import is_loopback, listening_sockets
from checker.errors import UsageError
from tests.conftest import REPO
from tests.serve.conftest import TOKEN, free_port


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", *args])
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "desk.example.org"])
def test_other_hosts(host: str) -> None:
    assert not is_loopback(host)


def test_refuses_the_network_without_a_token(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--host", "0.0.0.0")
    assert code == 2
    assert err == (
        "termcheck: error: --host 0.0.0.0 would open the desk to the network: "
        "give --token-file, or keep the default 127.0.0.1\n"
    )


def test_token_file_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.token"
    code, _, err = run(capsys, "--token-file", str(missing))
    assert (code, err) == (
        2,
        f"termcheck: error: {missing}: cannot read the token file: No such file or directory\n",
    )
    short = tmp_path / "short.token"
    short.write_text("secret\n")
    code, _, err = run(capsys, "--token-file", str(short))
    assert (code, err) == (
        2,
        f"termcheck: error: {short}:1: the token file must hold a token of at least 16 "
        "characters\n",
    )


def test_bad_limits_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--max-upload-mb", "0")
    assert code == 2 and "must be positive" in err
    code, _, err = run(capsys, "--port", "70000")
    assert (code, err) == (2, "termcheck: error: --port 70000 is not a port (1-65535)\n")


def test_without_the_extra_it_names_the_extra_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("starlette", "uvicorn") else real(name, *a),
    )
    code, _, err = run(capsys)
    assert code == 2
    assert err == (
        "termcheck: error: termcheck serve needs the 'serve' extra: "
        "pip install 'termcheck[serve]' (missing: starlette, uvicorn)\n"
    )


def test_check_does_not_load_the_web_framework() -> None:
    code = "import sys, checker.cli; print(sorted({'starlette', 'uvicorn'} & set(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert completed.stdout.strip() == "[]"


def test_starts_says_where_to_open_it_and_answers_with_the_token(tmp_path: Path) -> None:
    token_file = tmp_path / "desk.token"
    token_file.write_text(TOKEN + "\n")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "checker",
            "serve",
            "--port",
            str(port),
            "--token-file",
            str(token_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith(f"termcheck desk: open http://127.0.0.1:{port}/ (")
        assert "token required" in line
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/health",
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        health = _get(request)
        assert health["status"] == "ok"
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/health"))
        assert refused.value.code == 401
    finally:
        server.terminate()
        server.wait(timeout=30)


def _serve(port: int, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "checker", "serve", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def _get(request: urllib.request.Request) -> dict[str, object]:
    import time

    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return dict(json.load(response))
        except urllib.error.URLError as exc:
            if isinstance(exc, urllib.error.HTTPError):
                raise
            time.sleep(0.1)
    raise AssertionError("the desk did not answer")


def test_worker_processes_share_the_port_and_stop_together() -> None:
    psutil = pytest.importorskip("psutil")
    port = free_port()
    server = _serve(port, "--workers", "2")
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith(f"termcheck desk: open http://127.0.0.1:{port}/")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/health")
        for _ in range(4):
            assert _get(request)["status"] == "ok"
        workers = psutil.Process(server.pid).children()
        assert len(workers) == 2
    finally:
        server.terminate()
        server.wait(timeout=30)
    psutil.wait_procs(workers, timeout=30)
    assert not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers)


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="one socket for all here")
def test_each_worker_process_listens_on_a_socket_of_its_own_on_the_port() -> None:
    port = free_port()
    sockets = listening_sockets("127.0.0.1", port, 3)
    try:
        assert len(sockets) == 3
        assert {s.getsockname() for s in sockets} == {("127.0.0.1", port)}
        assert len({s.fileno() for s in sockets}) == 3
    finally:
        for made in sockets:
            made.close()
    single = listening_sockets("127.0.0.1", port, 1)
    assert len(single) == 1
    single[0].close()


def test_a_port_in_use_is_a_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(UsageError, match=rf"^cannot listen on 127.0.0.1:{port}: "):
            listening_sockets("127.0.0.1", port, 2)


def test_workers_are_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--workers", "0")
    assert (code, err) == (2, "termcheck: error: --workers 0: give 1 to 64 processes\n")


def test_a_check_past_its_limit_is_stopped_in_the_serving_process() -> None:
    # The desk's own process checks in its main thread, where a timer stops the check.
    port = free_port()
    server = _serve(port, "--check-seconds", "0.01")
    story = (
        "Prime Minister Sanae Takaichi met Chinese Premier Li Qiang in taiwan. " * 3000
    ).encode()
    body = json.dumps({"text": story.decode()}).encode()
    try:
        _get(urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/health"))
        for _ in range(2):  # the timer is set again for each check
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/check",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            with pytest.raises(urllib.error.HTTPError) as stopped:
                urllib.request.urlopen(request, timeout=30)
            assert stopped.value.code == 503
            assert json.load(stopped.value)["detail"] == "the check took longer than 0.01 s"
        assert (
            _get(urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/health"))["status"] == "ok"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
