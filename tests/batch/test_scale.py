"""Scale-out on Dask: a LocalCluster run writes the report a local run writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.batch import BatchRun, FileError, tasks_for
from checker.discover import discover
from checker.engine import Checker, Result
from checker.errors import UsageError
from tests.batch.conftest import jsonl, write_stories

pytest.importorskip("distributed")


def test_a_local_cluster_gives_the_local_report(tmp_path: Path, batch_checker: Checker) -> None:
    for n in range(8):
        write_stories(tmp_path / "archive" / f"{n:02d}")
    broken = tmp_path / "broken.txt"
    broken.mkdir()
    paths = list(discover([str(tmp_path / "archive")]))
    paths.insert(7, str(broken))
    with BatchRun([batch_checker], tasks_for(paths), jobs=1) as items:
        local = list(items)
    with BatchRun([batch_checker], tasks_for(paths), scheduler="local:2", chunk_size=5) as items:
        distributed = list(items)
    assert [getattr(i, "path", None) for i in distributed] == paths
    assert distributed == local
    report = jsonl(r for r in distributed if isinstance(r, Result))
    assert report == jsonl(r for r in local if isinstance(r, Result))
    assert report.count('"code": "TT002"') == 8
    (error,) = [i for i in distributed if isinstance(i, FileError)]
    assert error.message == f"{broken}: is a directory"


@pytest.mark.parametrize("scheduler", ["local:0", "local:two"])
def test_a_bad_local_worker_count_is_a_usage_error(batch_checker: Checker, scheduler: str) -> None:
    with pytest.raises(UsageError) as caught, BatchRun([batch_checker], [], scheduler=scheduler):
        pass
    assert str(caught.value).startswith(f"--scheduler {scheduler!r}: use local:N")
