"""`termcheck serve`: the copy desk, a page and an HTTP API on one local web server.

The web framework and server come with the optional extra `serve` and are imported only
here, when the command runs, so the other commands start as fast without them."""

from __future__ import annotations

import contextlib
import importlib.util
import ipaddress
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from checker.errors import InputError, UsageError

if TYPE_CHECKING:
    import socket

_NEEDED = ("starlette", "uvicorn", "multipart")
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """A host name or address that only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def read_token(path: str) -> str:
    """The token: the file's first line, which must not be empty."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"cannot read the token file: {reason}", path) from None
    token = text.strip().splitlines()[0].strip() if text.strip() else ""
    if len(token) < 16:
        raise InputError("the token file must hold a token of at least 16 characters", path, 1)
    return token


def serve_command(
    host: Annotated[
        str, typer.Option(help="Address to listen on (anything but localhost needs --token-file).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    glossary: Annotated[
        list[str] | None,
        typer.Option(
            "--glossary",
            "-g",
            help="Glossary file or folder (repeatable); default: the bundled glossaries.",
        ),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(help="Default house-style profile: a bundled name or a YAML file."),
    ] = None,
    token_file: Annotated[
        str | None,
        typer.Option(help="A file whose first line is the token every API call must send."),
    ] = None,
    max_upload_mb: Annotated[
        float, typer.Option(help="Largest request body accepted, in MB.")
    ] = 10.0,
    check_seconds: Annotated[
        float, typer.Option(help="Longest a single check may take, in seconds.")
    ] = 10.0,
    workers: Annotated[
        int,
        typer.Option(
            help="Server processes sharing the one compiled glossary (forked after it is "
            "compiled); one per core serves the most checks at once."
        ),
    ] = 1,
) -> None:
    """Start the copy desk: a page to check, fix and annotate stories, and the HTTP API."""
    missing = [name for name in _NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(
            "termcheck serve needs the 'serve' extra: pip install 'termcheck[serve]' "
            f"(missing: {', '.join(missing)})"
        )
    if not 1 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port (1-65535)")
    if max_upload_mb <= 0 or check_seconds <= 0:
        raise UsageError("--max-upload-mb and --check-seconds must be positive")
    if not 1 <= workers <= 64:
        raise UsageError(f"--workers {workers}: give 1 to 64 processes")
    token = read_token(token_file) if token_file else None
    if token is None and not is_loopback(host):
        raise UsageError(
            f"--host {host} would open the desk to the network: give --token-file, "
            "or keep the default 127.0.0.1"
        )
    import uvicorn

    from checker.serve.app import Limits, create_app
    from checker.serve.desk import Desk

    desk = Desk(glossary, style)
    limits = Limits(int(max_upload_mb * 1024 * 1024), check_seconds)
    app = create_app(desk, token, limits)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    listening = listening_sockets(host.strip("[]"), port, workers)
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    typer.echo(
        f"termcheck desk: open http://{shown}:{port}/ "
        f"({len(desk.glossary.entries)} glossary entries; "
        f"{'token required' if token else 'no token, this machine only'}; Ctrl-C stops it)"
    )
    if workers == 1:
        uvicorn.Server(config).run(sockets=listening)
    else:
        _run_forked(uvicorn.Server, config, listening, workers)


# Each worker process listens on a socket of its own on the same port, and the system
# deals new connections out among them: shared, one socket would let whichever process
# woke first take a burst of connections, and its clients would wait on it while another
# process had little to do (a process checks one story at a time).
def listening_sockets(host: str, port: int, workers: int) -> list[socket.socket]:
    """The listening sockets: one per worker process where the system deals connections
    out among sockets on one port, else one for all."""
    import socket  # here: the other commands start without it

    own_sockets = workers > 1 and hasattr(socket, "SO_REUSEPORT")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets: list[socket.socket] = []
    for _ in range(workers if own_sockets else 1):
        # Made as a TCP socket by name: asyncio turns Nagle's algorithm off only on sockets
        # whose protocol says TCP, and an answer's head and body, written apart, would
        # otherwise wait out the client's delayed acknowledgement (about 40 ms each).
        listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sockets.append(listening)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if own_sockets:
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        try:
            listening.bind((host, port))
        except OSError as exc:
            for made in sockets:
                made.close()
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        listening.listen(2048)
    return sockets


def _run_forked(server_class: Any, config: Any, sockets: list[socket.socket], workers: int) -> None:
    """Processes forked after the glossary was compiled (its pages shared), each accepting
    on its own socket of the port (or all on one); Ctrl-C or SIGTERM stops them all."""
    children = []
    for i in range(workers):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            own = sockets[i % len(sockets)]
            for other in sockets:
                if other is not own:
                    other.close()
            server_class(config).run(sockets=[own])
            os._exit(0)
        children.append(pid)
    for listening in sockets:
        listening.close()  # the workers' now

    def stop(signum: int, _frame: Any) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        while True:
            try:
                os.waitpid(child, 0)
                break
            except InterruptedError:
                continue
            except ChildProcessError:
                break
