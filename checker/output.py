"""Writing reports and files: stdout, or a file replaced atomically."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO, TextIO

from checker.errors import InputError


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it over the target."""
    with writing_atomic(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def writing_atomic(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write in pieces, renamed over `path` (after a flush to disk) only
    when the block ends without an error."""
    with _replacing(Path(path), binary=True) as handle:
        yield handle  # type: ignore[misc]
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or a report file: written to a temporary file beside it as the
    report streams, and moved into place only when the report is complete."""
    if path is None or path == "-":
        yield sys.stdout
        return
    with _replacing(Path(path), binary=False) as handle:
        yield handle  # type: ignore[misc]


@contextlib.contextmanager
def _replacing(target: Path, binary: bool) -> Iterator[IO]:
    """A temporary file beside the target, renamed over it when the block ends without
    an error and removed when it ends with one, or when the process is told to stop
    (Ctrl-C, SIGTERM, SIGHUP): the target is never half written, no temporary is left."""
    directory = target.parent if str(target.parent) else Path(".")
    with _stops_raise():
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", str(target)) from None
        try:
            if binary:
                handle: IO = os.fdopen(fd, "wb")
            else:
                handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
            with handle:
                yield handle
            _permissions_like(target, tmp)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


@contextlib.contextmanager
def _stops_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `SystemExit` (exit code 128 + the signal) for the block,
    so that cleanup runs as it does for Ctrl-C; outside the main thread, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _permissions_like(target: Path, tmp: str) -> None:
    """The mode the target has, or what open() would give a new file."""
    if target.exists():
        os.chmod(tmp, target.stat().st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
