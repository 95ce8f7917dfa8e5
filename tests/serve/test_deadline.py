"""A check under a time limit in the serving thread: stopped by a timer, and nothing of
the timer left behind."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from checker.serve.deadline import CheckTimeout, can_interrupt, run_with_deadline


def test_work_within_the_limit_returns_and_leaves_no_timer() -> None:
    before = signal.getsignal(signal.SIGALRM)
    assert run_with_deadline(lambda a, b: a + b, (2, 3), 5.0) == 5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_work_past_the_limit_is_stopped_there() -> None:
    started = time.monotonic()
    with pytest.raises(CheckTimeout):
        run_with_deadline(time.sleep, (3.0,), 0.1)
    assert time.monotonic() - started < 1.0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_work_that_fails_leaves_no_timer() -> None:
    def fails() -> None:
        raise ValueError("bad story")

    with pytest.raises(ValueError, match="bad story"):
        run_with_deadline(fails, (), 5.0)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_only_the_main_thread_can_be_interrupted() -> None:
    assert can_interrupt()
    seen: list[bool] = []
    worker = threading.Thread(target=lambda: seen.append(can_interrupt()))
    worker.start()
    worker.join()
    assert seen == [False]
