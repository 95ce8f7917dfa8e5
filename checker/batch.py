"""Checking many files in parallel, results streamed back in the order the files came.

`BatchRun(checkers, files, jobs=N)` is a context manager whose iteration yields, for each
file in order, its `Result`, a `FileError` (the file could not be read or checked: one
line says why; the batch goes on) or a `FileSkipped` (with an `EntryFocus`, the file cannot
concern the entry). The compiled glossaries reach the workers once: a fork pool inherits
them (`gc.freeze()` first, so the pages stay shared), a spawn pool receives them pickled in
each worker's initializer. Workers get file paths, not texts, in chunks of at least 64;
at most a few chunks per worker are in flight, so memory stays flat however many files
there are. A worker process that dies (a file that exhausts memory) costs only that file:
the chunks in flight are checked again one file at a time in a fresh worker.

One job, or fewer files than one chunk, runs in this process. `scheduler=` hands the same
work to a Dask cluster (`checker.scale`). What one task is and does is `checker.file_task`.
`BatchRun.of(work, tasks)` runs other work the same way (the pairs of `headlines`).
"""

from __future__ import annotations

import gc
import heapq
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from checker.engine import Checker, Result
from checker.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from checker.file_task import (
    BatchItem,
    FileError,
    FileSkipped,
    Task,
    Work,
    WorkerState,
    check_chunk,
)
from checker.model import Severity
from checker.printable import printable
from checker.select import EntryFocus
from checker.source import MAX_FILE_BYTES, decode

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNK_SIZE = 64
_CHUNKS_PER_WORKER = 3  # in flight at once: enough to keep workers busy, few to hold


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def tasks_for(paths: Iterable[str], checker: int = 0, read_stdin: bool = True) -> Iterator[Task]:
    """Tasks for paths checked with one checker; `-` is standard input, read here."""
    for path in paths:
        if path == "-" and read_stdin:
            data = sys.stdin.buffer.read()
            yield Task("<stdin>", "-", checker, decode(data, "<stdin>"))
        else:
            yield Task(path, path, checker)


# -- running -------------------------------------------------------------------------------

_STATE: Work | None = None  # in a worker: what `_init_worker` or the fork left here


def _init_worker(state: Work | None) -> None:
    global _STATE
    if state is not None:
        _STATE = state
    gc.collect()


def _worker_chunk(tasks: list[Any]) -> list[Any]:
    assert _STATE is not None
    return check_chunk(_STATE, tasks)


class Runner(Protocol):
    """Runs tasks somewhere else than in this process."""

    def run(self, tasks: Iterator[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


class BatchRun:
    """Check files in parallel; iterate for their items in input order.

    ```
    with BatchRun([checker], tasks_for(paths), jobs=4) as items:
        for item in items: ...
    ```
    """

    def __init__(
        self,
        checkers: Sequence[Checker],
        tasks: Iterable[Task],
        *,
        jobs: int | None = None,
        scheduler: str | None = None,
        encoding: str | None = None,
        focus: EntryFocus | None = None,
        chunk_size: int = CHUNK_SIZE,
        max_file_bytes: int = MAX_FILE_BYTES,
        start_method: str | None = None,
    ) -> None:
        state = WorkerState(tuple(checkers), encoding, focus, max_file_bytes)
        self._start(state, tasks, jobs, scheduler, chunk_size, start_method)

    @classmethod
    def of(
        cls,
        work: Work,
        tasks: Iterable[Any],
        *,
        jobs: int | None = None,
        scheduler: str | None = None,
        chunk_size: int = CHUNK_SIZE,
        start_method: str | None = None,
    ) -> BatchRun:
        """A batch of any work (not files): its items come back in the tasks' order."""
        run = cls.__new__(cls)
        run._start(work, tasks, jobs, scheduler, chunk_size, start_method)
        return run

    def _start(
        self,
        work: Work,
        tasks: Iterable[Any],
        jobs: int | None,
        scheduler: str | None,
        chunk_size: int,
        start_method: str | None,
    ) -> None:
        self.state = work
        self.jobs = max(1, jobs if jobs is not None else default_jobs())
        self.scheduler = scheduler
        self.chunk_size = max(1, chunk_size)
        self.start_method = start_method
        self._tasks = iter(tasks)
        self._head: list[Any] = []
        self._runner: Runner | None = None

    def __enter__(self) -> Iterator[Any]:
        if self.scheduler is not None:
            from checker.scale import ClusterRunner

            self._runner = ClusterRunner(self.scheduler, self.state, self.chunk_size)
            return self._runner.run(self._tasks)
        # Fewer files than one chunk are not worth a pool.
        self._head = list(islice(self._tasks, self.chunk_size + 1))
        if self.jobs == 1 or len(self._head) <= self.chunk_size:
            return self._serial()
        self._runner = _PoolRunner(self.state, self.jobs, self.chunk_size, self.start_method)
        return self._runner.run(_chain(self._head, self._tasks))

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    def _serial(self) -> Iterator[Any]:
        for task in _chain(self._head, self._tasks):
            yield self.state.check(task)


def _chain(head: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from head
    yield from rest


def _preferred_start_method() -> str:
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _chunks(tasks: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(tasks, size)):
        yield chunk


class _PoolRunner:
    """A process pool fed a few chunks at a time; a pool that breaks is replaced.

    multiprocessing and concurrent.futures are imported only here: a run that checks its
    files in this process never needs them."""

    def __init__(self, state: Work, jobs: int, chunk_size: int, start_method: str | None) -> None:
        self.state = state
        self.jobs = jobs
        self.chunk_size = chunk_size
        self.start_method = start_method or _preferred_start_method()
        self._pool: ProcessPoolExecutor | None = None

    def _start(self, workers: int) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context(self.start_method)
        global _STATE
        if self.start_method == "fork":
            _STATE = self.state  # inherited by the workers: nothing pickled
            gc.freeze()  # the collector leaves inherited objects alone: their pages stay shared
            initial: Work | None = None
        else:
            initial = self.state  # pickled once per worker
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(initial,)
        )

    def run(self, tasks: Iterator[Any]) -> Iterator[Any]:
        from concurrent.futures.process import BrokenProcessPool

        chunks = _chunks(tasks, self.chunk_size)
        window = self.jobs * _CHUNKS_PER_WORKER
        pending: deque[tuple[list[Any], Future[list[Any]]]] = deque()
        self._pool = self._start(self.jobs)
        exhausted = False
        while True:
            unsent: list[Any] = []
            try:
                while not exhausted and len(pending) < window:
                    unsent = next(chunks, [])
                    if not unsent:
                        exhausted = True
                        break
                    pending.append((unsent, self._pool.submit(_worker_chunk, unsent)))
                    unsent = []
                if not pending:
                    return
                items = pending[0][1].result()
            except BrokenProcessPool:
                lost = [task for chunk, _ in pending for task in chunk] + unsent
                pending.clear()
                self._pool.shutdown(wait=True, cancel_futures=True)
                yield from self._one_by_one(lost)
                self._pool = self._start(self.jobs)
                continue
            pending.popleft()
            yield from items

    def _one_by_one(self, tasks: Iterable[Any]) -> Iterator[Any]:
        """Check each task alone in a one-worker pool, to find the one that kills it."""
        from concurrent.futures.process import BrokenProcessPool

        pool = self._start(1)
        try:
            for task in tasks:
                try:
                    yield from pool.submit(_worker_chunk, [task]).result()
                except BrokenProcessPool:
                    yield self.state.lost(task, "the process checking it stopped (out of memory?)")
                    pool.shutdown(wait=True)
                    pool = self._start(1)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


# -- summary -------------------------------------------------------------------------------

WORST_FILES = 10
SKIPPED_NAMES = 10
TOP_ENTRIES = 10


@dataclass
class BatchSummary:
    """What a batch found, counted as the items stream past (nothing else is kept but the
    unreadable files and the worst few)."""

    files: int = 0  # files checked
    skipped: int = 0  # files that cannot concern the focused entry
    findings: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    by_entry: Counter[str] = field(default_factory=Counter)
    errors: list[FileError] = field(default_factory=list)
    highest: Severity | None = None
    started: float = field(default_factory=time.monotonic)
    _worst: list[tuple[int, int, str]] = field(default_factory=list, repr=False)

    def add(self, item: BatchItem) -> None:
        if isinstance(item, FileError):
            self.errors.append(item)
            return
        if isinstance(item, FileSkipped):
            self.skipped += 1
            return
        self.files += 1
        if not item.findings:
            return
        self.findings += len(item.findings)
        for finding in item.findings:
            self.by_severity[finding.severity.label] += 1
            self.by_rule[finding.code] += 1
            if finding.entry is not None:
                self.by_entry[finding.entry] += 1
            if self.highest is None or finding.severity > self.highest:
                self.highest = finding.severity
        entry = (len(item.findings), -self.files, item.path)
        if len(self._worst) < WORST_FILES:
            heapq.heappush(self._worst, entry)
        else:
            heapq.heappushpop(self._worst, entry)

    def results(self, items: Iterable[BatchItem]) -> Iterator[Result]:
        """Count every item, and pass the results on (to a reporter)."""
        for item in items:
            self.add(item)
            if isinstance(item, Result):
                yield item

    @property
    def worst_files(self) -> list[tuple[str, int]]:
        """The files with the most findings, most first (ties: in input order)."""
        return [(path, count) for count, _, path in sorted(self._worst, reverse=True)]

    def exit_code(self, fail_on: Severity = Severity.WARNING) -> int:
        """2 if any file could not be read or checked, else 1 if a finding is at or above
        `fail_on`, else 0."""
        if self.errors:
            return EXIT_ERROR
        if self.highest is not None and self.highest >= fail_on:
            return EXIT_FINDINGS
        return EXIT_CLEAN

    def render(self) -> str:
        """The summary as lines of text, for standard error."""
        elapsed = time.monotonic() - self.started
        rate = f", {self.files / elapsed:,.0f} files/s" if elapsed > 0 and self.files else ""
        severities = ", ".join(
            f"{self.by_severity[k]:,} {k}"
            for k in ("error", "warning", "info")
            if k in self.by_severity
        )
        lines = [
            f"Checked {_count(self.files, 'file')} in {elapsed:.1f} s{rate}: "
            f"{_count(self.findings, 'finding')}" + (f" ({severities})" if severities else "")
        ]
        if self.skipped:
            lines.append(f"  {_count(self.skipped, 'file')} not mentioning the entry were skipped")
        if self.by_rule:
            lines.append("  by rule: " + _tally(self.by_rule.most_common()))
        if self.by_entry:
            lines.append("  by entry: " + _tally(self.by_entry.most_common(TOP_ENTRIES)))
            if len(self.by_entry) > TOP_ENTRIES:
                lines[-1] += f", and {len(self.by_entry) - TOP_ENTRIES:,} more"
        if self.worst_files:
            lines.append("  most findings:")
            lines.extend(f"    {printable(path)} ({count:,})" for path, count in self.worst_files)
        return "\n".join(lines)

    def skipped_line(self) -> str | None:
        """One line naming the files that could not be read or checked (each was reported
        on its own line as it came), or None when every file was checked."""
        if not self.errors:
            return None
        names = [printable(error.path) for error in self.errors[:SKIPPED_NAMES]]
        more = len(self.errors) - len(names)
        listed = ", ".join(names) + (f" and {more:,} more" if more else "")
        return (
            f"termcheck: skipped {_count(len(self.errors), 'file')} that could not be read "
            f"or checked: {listed}"
        )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _tally(pairs: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{key} {n:,}" for key, n in pairs)
