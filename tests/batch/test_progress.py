"""The progress bar: when it shows, and that it passes every item through unchanged."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from rich.console import Console

from checker.batch import BatchRun, FileError, tasks_for
from checker.engine import Checker
from checker.progress import progress_wanted, with_progress
from tests.batch.conftest import write_stories


class _Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize(
    ("quiet", "stderr_tty", "stdout_tty", "report_to_stdout", "wanted"),
    [
        (False, True, False, True, True),  # report redirected to a file: show the bar
        (False, True, True, False, True),  # report written with --output
        (False, True, True, True, False),  # report streams onto the terminal itself
        (True, True, False, False, False),  # --quiet
        (False, False, False, False, False),  # stderr is not a terminal (CI, a pipe)
    ],
)
def test_when_the_bar_is_wanted(
    monkeypatch: pytest.MonkeyPatch,
    quiet: bool,
    stderr_tty: bool,
    stdout_tty: bool,
    report_to_stdout: bool,
    wanted: bool,
) -> None:
    monkeypatch.setattr(sys, "stderr", _Stream(stderr_tty))
    monkeypatch.setattr(sys, "stdout", _Stream(stdout_tty))
    assert progress_wanted(quiet, report_to_stdout) is wanted


def test_no_bar_when_the_report_goes_down_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    read, write = os.pipe()
    with os.fdopen(write, "w") as pipe:
        monkeypatch.setattr(sys, "stderr", _Stream(True))
        monkeypatch.setattr(sys, "stdout", pipe)
        assert not progress_wanted(False, report_to_stdout=True)
    os.close(read)


def test_items_pass_through_unchanged_and_the_bar_counts_them(
    tmp_path: Path, batch_checker: Checker
) -> None:
    paths = [*write_stories(tmp_path), str(tmp_path / "missing.txt")]
    with BatchRun([batch_checker], tasks_for(paths)) as items:
        plain = list(items)
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, color_system=None, width=120)
    with BatchRun([batch_checker], tasks_for(paths)) as items:
        shown = list(with_progress(items, total=len(paths), console=console))
    assert shown == plain
    assert isinstance(shown[-1], FileError)
    drawn = screen.getvalue()
    assert f"{len(paths)}/{len(paths)} files, 5 findings" in drawn


def test_a_disabled_bar_draws_nothing() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True)
    items = list(with_progress(iter([]), enabled=False, console=console))
    assert items == []
    assert screen.getvalue() == ""
