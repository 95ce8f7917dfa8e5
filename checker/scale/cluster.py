"""The Dask runner behind `--scheduler`: broadcast once, stream back, reorder."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from checker.errors import UsageError
from checker.file_task import Work, check_chunk

LOCAL_PREFIX = "local:"
_CHUNKS_PER_WORKER = 3


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask: pip install 'termcheck[scale]' (dask[distributed])"
        ) from None
    return distributed


class ClusterRunner:
    """Checks chunks of tasks (files, pairs) on a Dask cluster, in input order."""

    def __init__(self, scheduler: str, state: Work, chunk_size: int) -> None:
        distributed = _distributed()
        self._cluster: Any = None
        if scheduler.startswith(LOCAL_PREFIX):
            workers = _worker_count(scheduler)
            self._cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = distributed.Client(self._cluster)
        else:
            try:
                self._client = distributed.Client(scheduler, timeout="30s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise UsageError(f"--scheduler: cannot reach {scheduler}: {exc}") from None
        self._distributed = distributed
        self.chunk_size = chunk_size
        self._work = state
        self._state = self._client.scatter(state, broadcast=True, hash=False)

    @property
    def workers(self) -> int:
        return max(1, len(self._client.scheduler_info().get("workers", {})))

    def run(self, tasks: Iterator[Any]) -> Iterator[Any]:
        window = self.workers * _CHUNKS_PER_WORKER
        completed = self._distributed.as_completed()
        chunk_of: dict[str, tuple[int, list[Any]]] = {}
        ready: dict[int, tuple[list[Any], Any]] = {}
        submitted = 0
        next_index = 0
        exhausted = False
        while True:
            while not exhausted and submitted - next_index < window:
                chunk = [self._work.remote(t) for t in _take(tasks, self.chunk_size)]
                if not chunk:
                    exhausted = True
                    break
                future = self._client.submit(check_chunk, self._state, chunk, pure=False)
                chunk_of[future.key] = (submitted, chunk)
                completed.add(future)
                submitted += 1
            if next_index == submitted:
                return
            while next_index not in ready:
                future = next(completed)
                index, chunk = chunk_of.pop(future.key)
                ready[index] = (chunk, future)
            chunk, future = ready.pop(next_index)
            next_index += 1
            yield from self._items(chunk, future)

    def _items(self, chunk: list[Any], future: Any) -> Iterable[Any]:
        """A chunk's items; a chunk whose task failed (a worker died on it) is checked
        again task by task, so only the task that kills a worker is lost."""
        if future.status == "finished":
            items: list[Any] = future.result()
            return items
        found: list[Any] = []
        for task in chunk:
            single = self._client.submit(check_chunk, self._state, [task], pure=False)
            try:
                found.extend(single.result())
            except Exception:
                found.append(
                    self._work.lost(task, "the worker checking it stopped (out of memory?)")
                )
        return found

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _worker_count(scheduler: str) -> int:
    count = scheduler[len(LOCAL_PREFIX) :]
    if not count.isdigit() or int(count) < 1:
        raise UsageError(f"--scheduler {scheduler!r}: use local:N with N ≥ 1, or an address")
    return int(count)


def _take(tasks: Iterator[Any], size: int) -> list[Any]:
    chunk = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) == size:
            break
    return chunk
