"""One file checked as a batch task: what a worker is given (`WorkerState`, `Task`), what
it does (`check_task`, `check_chunk`) and what it returns (a `Result`, a `FileError` or a
`FileSkipped`). The local process pool (`checker.batch`) and the Dask runner
(`checker.scale`) both run these; neither imports the other for them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

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


@dataclass(frozen=True)
class WorkerState:
    """What every worker needs, sent once: the compiled checkers and the run's options."""

    checkers: tuple[Checker, ...]
    encoding: str | None = None
    focus: EntryFocus | None = None
    max_file_bytes: int = MAX_FILE_BYTES


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


def check_chunk(state: WorkerState, tasks: Sequence[Task]) -> list[BatchItem]:
    return [check_task(state, task) for task in tasks]


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
