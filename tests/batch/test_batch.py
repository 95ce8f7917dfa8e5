"""Batch runs: order, parallel equals serial, and bad files reported once each without
stopping the batch."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.batch import (
    BatchRun,
    BatchSummary,
    FileError,
    Task,
    WorkerState,
    tasks_for,
)
from checker.discover import discover
from checker.engine import Checker, Result
from checker.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from checker.file_task import check_task
from checker.model import Severity
from checker.readers import READERS
from tests.batch.conftest import STORIES, jsonl, write_stories

ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE bomb [
<!ENTITY a "1234567890">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<bomb>&c;</bomb>
"""


def _run(checker: Checker, paths: list[str], **options: object) -> list[object]:
    with BatchRun([checker], tasks_for(paths), **options) as items:  # type: ignore[arg-type]
        return list(items)


def _archive(root: Path, copies: int) -> list[str]:
    """`copies` copies of every story, in folders, as a newsroom archive holds them."""
    for n in range(copies):
        write_stories(root / f"{n:03d}")
    return list(discover([str(root)]))


def _bad_files(root: Path) -> dict[str, str]:
    """Files that cannot be checked, each with the part of its reason that names why."""
    root.mkdir()
    (root / "folder.txt").mkdir()
    (root / "binary.txt").write_bytes(b"Liu Jinsong met \x80\x81 reporters.\n")
    (root / "huge.txt").write_text("Liu Jingsong met reporters.\n" * 2000, encoding="utf-8")
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    os.mkfifo(root / "pipe.txt")
    reasons = {
        "folder.txt": "is a directory",
        "binary.txt": "binary.txt:1:17: not valid UTF-8: byte 0x80",
        "huge.txt": "file too large to check",
        "dangling.txt": "no such file",
        "pipe.txt": "not a regular file",
    }
    if ".xml" in READERS:
        (root / "bomb.xml").write_text(ENTITY_BOMB, encoding="utf-8")
        reasons["bomb.xml"] = "entit"
    return reasons


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_files_are_reported_once_each_and_the_batch_finishes(
    tmp_path: Path, batch_checker: Checker, jobs: int
) -> None:
    good = write_stories(tmp_path / "good")
    reasons = _bad_files(tmp_path / "bad")
    bad = [str(tmp_path / "bad" / name) for name in reasons]
    # Bad files between good ones; small chunks so that two jobs really use a pool.
    paths = [p for pair in zip(good, bad, strict=False) for p in pair] + good[len(bad) :]
    paths += bad[len(good) :]
    items = _run(batch_checker, paths, jobs=jobs, chunk_size=2, max_file_bytes=10_000)

    assert [getattr(i, "path", None) for i in items] == paths  # input order, one item each
    errors = [i for i in items if isinstance(i, FileError)]
    assert [e.path for e in errors] == bad
    for error in errors:
        name = Path(error.path).name
        assert error.message.startswith(error.path + ":")
        assert reasons[name] in error.message, error.message
        assert "\n" not in error.message
    results = [i for i in items if isinstance(i, Result)]
    assert [r.path for r in results] == good
    summary = BatchSummary()
    assert len(list(summary.results(items))) == len(good)
    assert summary.exit_code(Severity.WARNING) == EXIT_ERROR
    assert "could not be read" not in summary.render()  # each error was shown as it came
    line = summary.skipped_line()
    assert line is not None and "\n" not in line
    assert line.startswith(
        f"termcheck: skipped {len(bad)} files that could not be read or checked: "
    )
    assert line.endswith(", ".join(bad))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission_is_reported(tmp_path: Path, batch_checker: Checker) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Liu Jingsong met reporters.\n", encoding="utf-8")
    secret.chmod(0)
    (item,) = _run(batch_checker, [str(secret)])
    assert isinstance(item, FileError)
    assert item.message == f"{secret}: cannot read file: Permission denied"


def test_parallel_results_equal_serial_results_in_order(
    tmp_path: Path, batch_checker: Checker
) -> None:
    paths = _archive(tmp_path / "archive", 12)
    assert len(paths) == 12 * len(STORIES)
    serial = _run(batch_checker, paths, jobs=1)
    parallel = _run(batch_checker, paths, jobs=2, chunk_size=5)
    assert [getattr(i, "path", None) for i in parallel] == paths
    assert jsonl(r for r in parallel if isinstance(r, Result)) == jsonl(
        r for r in serial if isinstance(r, Result)
    )
    assert parallel == serial


def test_spawned_workers_receive_the_checker_once_and_agree(
    tmp_path: Path, batch_checker: Checker
) -> None:
    paths = _archive(tmp_path / "archive", 3)
    serial = _run(batch_checker, paths, jobs=1)
    spawned = _run(batch_checker, paths, jobs=2, chunk_size=4, start_method="spawn")
    assert spawned == serial


def test_a_worker_that_dies_costs_only_the_file_that_killed_it(
    tmp_path: Path, batch_checker: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exit_abruptly(source: object) -> object:
        os._exit(9)  # as the kernel's out-of-memory killer would end the worker

    monkeypatch.setitem(READERS, ".fatal", exit_abruptly)
    paths = write_stories(tmp_path / "a") + write_stories(tmp_path / "b")
    fatal = tmp_path / "killer.fatal"
    fatal.write_text("anything", encoding="utf-8")
    paths.insert(5, str(fatal))
    items = _run(batch_checker, paths, jobs=2, chunk_size=2)
    assert [getattr(i, "path", None) for i in items] == paths
    (error,) = [i for i in items if isinstance(i, FileError)]
    assert error.path == str(fatal)
    assert error.message == f"{fatal}: the process checking it stopped (out of memory?)"
    assert all(isinstance(i, Result) for i in items if i is not error)


def test_standard_input_is_read_once_in_this_process(
    batch_checker: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(STORIES["kihara.txt"].encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stdin)
    (task,) = tasks_for(["-"])
    assert task.path == "<stdin>" and task.source is not None
    result = check_task(_state(batch_checker), task)
    assert isinstance(result, Result)
    assert [(f.code, f.span.start) for f in result.findings] == [("TM002", 47)]


def test_results_travel_without_the_file_bytes(tmp_path: Path, batch_checker: Checker) -> None:
    (path,) = write_stories(tmp_path, {"kihara.txt": STORIES["kihara.txt"]})
    result = check_task(_state(batch_checker), Task(path, path))
    assert isinstance(result, Result)
    assert result.source.raw is None
    assert result.source.text == STORIES["kihara.txt"]


def test_summary_counts_rules_entries_and_worst_files(
    tmp_path: Path, batch_checker: Checker
) -> None:
    paths = write_stories(tmp_path)
    summary = BatchSummary()
    list(summary.results(_run(batch_checker, paths)))
    assert summary.files == len(STORIES)
    assert summary.findings == 5
    assert dict(summary.by_rule) == {"TM002": 2, "TT003": 1, "ST004": 1, "TT002": 1}
    assert summary.by_entry["minoru-kihara"] == 1
    assert summary.by_entry["liu-jinsong"] == 2
    assert summary.worst_files[0] == (str(tmp_path / "kihara.txt"), 1)
    assert summary.exit_code(Severity.WARNING) == EXIT_FINDINGS
    assert summary.exit_code(Severity.ERROR) == EXIT_FINDINGS  # TM002 and TT00x are errors
    text = summary.render()
    assert text.startswith(f"Checked {len(STORIES)} files in ")
    assert "by rule: TM002 2, " in text
    assert "by entry: liu-jinsong 2, " in text


def test_a_clean_batch_exits_zero(tmp_path: Path, batch_checker: Checker) -> None:
    paths = write_stories(tmp_path, {"clean.txt": STORIES["clean.txt"]})
    summary = BatchSummary()
    list(summary.results(_run(batch_checker, paths)))
    assert summary.exit_code() == EXIT_CLEAN
    assert summary.render().startswith("Checked 1 file in ")


def _state(checker: Checker) -> WorkerState:
    return WorkerState((checker,))


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_are_taken_as_they_are_needed(
    tmp_path: Path, batch_checker: Checker, jobs: int
) -> None:
    """An endless stream of files: the first results come while most are still unread,
    and only a few chunks are ever taken ahead (memory does not grow with the batch)."""
    paths = write_stories(tmp_path)
    taken = 0

    def endless() -> Iterator[Task]:
        nonlocal taken
        for path in itertools.cycle(paths):
            taken += 1
            yield Task(path, path)

    with BatchRun([batch_checker], endless(), jobs=jobs, chunk_size=4) as items:
        first = list(itertools.islice(items, 20))
    assert [getattr(i, "path", None) for i in first] == (paths * 3)[:20]
    assert taken <= 20 + 4 * 3 * jobs + 4  # what was yielded, and the window of chunks
