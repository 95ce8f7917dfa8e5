"""The pairs of `headlines` as batch work (`checker.batch.BatchRun`): each pair checked in
this process, in a pool of local processes (`--jobs N`) or on a Dask cluster
(`--scheduler`), the results back in input order, so the report is the one a serial run
writes.

A pair's result refers to the compiled glossary (the index its terms were found with, and
their entries). It travels back packed, with those references written as keys into the
glossary that the receiving process holds too: a result does not carry a copy of the
glossary. A pair that cannot be checked (an internal error, a worker that stopped) is
left out and said on its pair file, as a record that could not be read is.
"""

from __future__ import annotations

import dataclasses
import io
import math
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from checker.headline.check import HeadlineChecker, HeadlineReport, PairResult
from checker.headline.pairs import HeadlinePair, PairFile, Skipped
from checker.headline.source_terms import pair_term_index
from checker.match.index import TermIndex

_CHUNKS_PER_JOB = 4  # chunks per job: long document pairs spread, short ones batch up
_MAX_CHUNK = 64


@dataclass(frozen=True, slots=True)
class PairFailure:
    """A pair that could not be checked, and why in one line."""

    pair: HeadlinePair
    message: str


@dataclass(frozen=True, slots=True)
class Packed:
    """A pair's result, pickled with its glossary references as keys."""

    data: bytes


@dataclass(frozen=True)
class PairWork:
    """The work of checking pairs: the checker, sent once to every worker. `packed`: the
    results travel to another process (a serial run keeps them as they are)."""

    checker: HeadlineChecker
    packed: bool = True

    def check(self, pair: HeadlinePair) -> PairResult | Packed | PairFailure:
        try:
            result = self.checker.check_pair(pair)
        except RecursionError:
            return PairFailure(pair, "too deeply nested to check")
        except MemoryError:
            return PairFailure(pair, "not enough memory to check it")
        except Exception as exc:  # one bad pair never stops the batch
            return PairFailure(pair, f"internal error: {type(exc).__name__}: {exc}")
        return self._pack(pair, result) if self.packed else result

    def lost(self, pair: HeadlinePair, why: str) -> PairFailure:
        return PairFailure(pair, why)

    def remote(self, pair: HeadlinePair) -> HeadlinePair:
        return pair  # a pair carries its text: nothing to read where it is checked

    def unpack(self, item: PairResult | Packed | PairFailure) -> PairResult | PairFailure:
        if not isinstance(item, Packed):
            return item
        result: PairResult = _Unpickler(io.BytesIO(item.data), self._objects).load()
        return result

    def _pack(self, pair: HeadlinePair, result: PairResult) -> Packed:
        own: dict[int, object] = {}
        if pair.terms:  # the pair's own dictionary: compiled again where it is unpacked
            index = pair_term_index(pair.terms, pair.source_lang)
            own[id(index)] = ("terms", pair.terms, pair.source_lang)
        buffer = io.BytesIO()
        _Pickler(buffer, self._keys, own).dump(result)
        return Packed(buffer.getvalue())

    @cached_property
    def _objects(self) -> dict[object, object]:
        """Key → the glossary's object it stands for."""
        index = self.checker.index
        objects: dict[object, object] = {"index": index, "glossary": index.glossary}
        objects.update({("entry", i): entry for i, entry in enumerate(index.entries)})
        return objects

    @cached_property
    def _keys(self) -> dict[int, object]:
        """id of a glossary object → its key."""
        return {id(value): key for key, value in self._objects.items()}


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, keys: dict[int, object], own: dict[int, object]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.keys = keys
        self.own = own

    def persistent_id(self, obj: Any) -> object:
        key = self.keys.get(id(obj))
        if key is None and isinstance(obj, TermIndex):
            key = self.own.get(id(obj))
        return key


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, objects: dict[object, object]) -> None:
        super().__init__(file)
        self.objects = objects

    def persistent_load(self, key: Any) -> object:
        if isinstance(key, tuple) and key[0] == "terms":
            return pair_term_index(key[1], key[2])
        return self.objects[key]


def check_pair_files(
    checker: HeadlineChecker,
    files: Sequence[PairFile],
    *,
    jobs: int | None = 1,
    scheduler: str | None = None,
) -> HeadlineReport:
    """The report over every pair of the files; `jobs` processes (None: every core), or
    the Dask cluster at `scheduler`. The same report whatever runs it."""
    from checker.batch import BatchRun, default_jobs

    pairs = [p for f in files for p in f.pairs]
    workers = max(1, jobs if jobs is not None else default_jobs())
    chunk = max(1, min(_MAX_CHUNK, math.ceil(len(pairs) / (workers * _CHUNKS_PER_JOB))))
    work = PairWork(checker, packed=workers > 1 or scheduler is not None)
    results: list[PairResult] = []
    failures: list[PairFailure] = []
    with BatchRun.of(work, pairs, jobs=workers, scheduler=scheduler, chunk_size=chunk) as items:
        for item in _unpacked(work, items):
            if isinstance(item, PairFailure):
                failures.append(item)
            else:
                results.append(item)
    return checker.report(_with_failures(files, failures), results)


def _unpacked(work: PairWork, items: Iterator[Any]) -> Iterator[PairResult | PairFailure]:
    for item in items:
        yield work.unpack(item)


def _with_failures(files: Sequence[PairFile], failures: Sequence[PairFailure]) -> list[PairFile]:
    """The files, each with its pairs that could not be checked among its skipped records."""
    by_path: dict[str, list[Skipped]] = {}
    for failure in failures:
        pair = failure.pair
        message = f"pair {pair.id} could not be checked ({failure.message}); it is left out"
        by_path.setdefault(pair.path, []).append(Skipped(pair.line, message))
    return [
        dataclasses.replace(f, skipped=(*f.skipped, *by_path[f.path])) if f.path in by_path else f
        for f in files
    ]
