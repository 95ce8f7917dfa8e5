"""A check run under a time limit in the thread that serves the request.

A check is all computation. Run in a second thread, it competes with the server's own
thread for the interpreter and costs a hand-over each way (about a sixth of a check's
time under load); run in the server's thread, nothing else can stop it. In the main
thread of a process, where the desk's workers serve, an interval timer's signal stops a
check that runs past its limit, raising `CheckTimeout` inside it. Elsewhere (a test
client serves from another thread) signals cannot be used: the caller then runs the
check in a thread of its own and waits for it no longer than the limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")


class CheckTimeout(Exception):
    """The check ran past its time limit."""


def can_interrupt() -> bool:
    """A check in this thread can be stopped by a timer: the main thread, where a system
    has interval timers."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def run_with_deadline(work: Callable[..., T], args: tuple[Any, ...], seconds: float) -> T:
    """`work(*args)` in this thread, stopped with `CheckTimeout` after `seconds`; the
    timer and the signal's previous handler are put back however it ends."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise CheckTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
