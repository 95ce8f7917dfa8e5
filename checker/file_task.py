"""One task of a batch: what a worker is given, what it does and what it returns.

A batch runs `Work`: whatever checks one task and says what became of a task whose worker
died. The files of `check` are one such work (`WorkerState` over `Task`s, each a file
whose `Result`, `FileError` or `FileSkipped` comes back); the pairs of `headlines` are
another (`checker.headline.pair_work`). The local process pool (`checker.batch`) and the
Dask runner (`checker.scale`) both run work through `check_chunk`; neither imports the
other for it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple, Protocol

from checker.discover import Unreadable
from checker.engine import Checker, Result
from checker.errors import InputError, TermcheckError
from checker.printable import printable
from checker.select import EntryFocus
from checker.source import MAX_FILE_BYTES, SourceFile, read_source


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be read or checked; `message` is the one-line reason."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class FileSkipped:
    """A file that cannot hold a finding about the focused glossary entry."""

    path: str


BatchItem = Result | FileError | FileSkipped


class Task(NamedTuple):
    """One file to check: its name in reports, where to read it, which checker."""

    path: str
    location: str
    checker: int = 0
    source: SourceFile | None = None  # text already read (standard input)


class Work(Protocol):
    """What every worker of a batch needs, sent once, and what it does with one task."""

    def check(self, task: Any) -> Any:
        """The task's item; whatever goes wrong with one task is said in its item."""

    def lost(self, task: Any, why: str) -> Any:
        """The item of a task whose worker stopped (`why`) while checking it."""

    def remote(self, task: Any) -> Any:
        """The task as a worker on another machine can do it."""


@dataclass(frozen=True)
class WorkerState:
    """The work of checking files: the compiled checkers and the run's options."""

    checkers: tuple[Checker, ...]
    encoding: str | None = None
    focus: EntryFocus | None = None
    max_file_bytes: int = MAX_FILE_BYTES

    def check(self, task: Task) -> BatchItem:
        return check_task(self, task)

    def lost(self, task: Task, why: str) -> FileError:
        return file_error(task, f"{task.path}: {why}")

    def remote(self, task: Task) -> Task:
        """Workers may run elsewhere: they read files by absolute path."""
        if task.source is not None:
            return task
        return task._replace(location=os.path.abspath(task.location))


def check_task(state: WorkerState, task: Task) -> BatchItem:
    """Check one file; whatever goes wrong with it becomes a `FileError`."""
    try:
        source = task.source or _read(task, state)
        if state.focus is not None and not state.focus.mentioned_in(source.text):
            return FileSkipped(task.path)
        result = state.checkers[task.checker].check_source(source)
        if state.focus is not None:
            result = state.focus.keep(result)
    except TermcheckError as exc:
        return file_error(task, str(exc))
    except RecursionError:
        return file_error(task, f"{task.path}: too deeply nested to check")
    except MemoryError:
        return file_error(task, f"{task.path}: not enough memory to check it")
    except Exception as exc:  # one bad file never stops the batch
        return file_error(task, f"{task.path}: internal error: {type(exc).__name__}: {exc}")
    return _portable(result)


def file_error(task: Task, message: str) -> FileError:
    """The error as one printable line (a file name or an exception may hold anything)."""
    lines = message.strip().splitlines()
    return FileError(task.path, printable(lines[0] if lines else f"{task.path}: cannot be checked"))


def check_chunk(work: Work, tasks: Sequence[Any]) -> list[Any]:
    """What a worker runs: the work over a chunk of tasks, their items in order."""
    return [work.check(task) for task in tasks]


def _read(task: Task, state: WorkerState) -> SourceFile:
    if isinstance(task.location, Unreadable):
        raise InputError(task.location.reason, task.path)
    try:
        source = read_source(task.location, state.encoding, state.max_file_bytes)
    except InputError as exc:
        raise InputError(exc.message, task.path, exc.line, exc.column) from None
    # A check needs the text, not the bytes (a Word file's reader reads its bytes).
    raw = source.raw if source.is_archive else None
    return replace(source, path=task.path, raw=raw)


def _portable(result: Result) -> Result:
    """The result without the file's bytes: reports need the text, not the bytes, and the
    bytes would double what travels back from a worker."""
    if result.source.raw is None:
        return result
    return replace(result, source=replace(result.source, raw=None))
