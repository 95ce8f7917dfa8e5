"""A progress bar for batch runs: files done, findings, files per second, time left.

Shown on standard error when it is a terminal, unless `--quiet`, and only when the report
does not go to that same terminal or down a pipe (a report streaming onto the screen shows
its own progress; a pipe's reader wants the report alone). The bar is redrawn from the
loop that consumes results (no refresh thread, so worker processes are never forked
beside one) and removed when the batch ends.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import ProgressColumn

    from checker.batch import BatchItem

_REDRAW_SECONDS = 0.1


def progress_wanted(quiet: bool, report_to_stdout: bool) -> bool:
    """Should a batch show a progress bar on standard error?"""
    if quiet or not _is_terminal(sys.stderr):
        return False
    if not report_to_stdout:
        return True
    return not _is_terminal(sys.stdout) and not _is_pipe(sys.stdout)


def with_progress(
    items: Iterable[BatchItem],
    total: int | None = None,
    *,
    enabled: bool = True,
    console: Console | None = None,
) -> Iterator[BatchItem]:
    """The items unchanged, drawing a progress bar (on standard error, unless another
    console is given) as they pass, when enabled."""
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from checker.engine import Result

    bar = Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files, {task.fields[findings]:,} findings"),
        _files_per_second(),
        TimeRemainingColumn(),
        console=console or Console(file=sys.stderr),
        auto_refresh=False,
        transient=True,
    )
    with bar:
        task = bar.add_task("checking", total=total, findings=0)
        findings = 0
        drawn = 0.0
        for item in items:
            if isinstance(item, Result):
                findings += len(item.findings)
            bar.update(task, advance=1, findings=findings)
            now = time.monotonic()
            if now - drawn >= _REDRAW_SECONDS:
                bar.refresh()
                drawn = now
            yield item


def _files_per_second() -> ProgressColumn:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} files/s" if speed else "", style="progress.data.speed")

    return FilesPerSecond()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _is_pipe(stream: TextIO) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, ValueError, OSError):
        return False
