"""`headlines --jobs N` and `--scheduler`: pairs checked by the batch machinery of `check`,
the report the same as a serial run's, in the same order; a pair that cannot be checked
is left out and said, and the rest are checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.headline.check import HeadlineChecker, PairResult
from checker.headline.pair_files import read_pair_files
from checker.headline.pair_work import check_pair_files
from checker.headline.pairs import HeadlinePair, PairFile, PairTerm
from checker.headline.report import report_object
from tests.clirun import invoke
from tests.headline.conftest import DATE, HEADLINES_ARGS, SAMPLES, make_checker, pair

SAMPLE_FILES = [str(SAMPLES / "kanai-liu.tsv"), str(SAMPLES / "kanai-liu.jsonl")]


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _files() -> list[PairFile]:
    """The samples, and a file of pairs with their own dictionaries and a document pair."""
    terms = (PairTerm("低头", ("head lowered", "head bowed")),)
    extra = [
        pair("日本官员低头听中方讲话", "Japanese official listens, head bowed", terms=terms),
        pair("日本官员低头听中方讲话", "Japanese official listens, bowing", terms=terms),
        pair(
            "刘劲松会见金井正彰\n金井正彰抵达北京",
            "Liu Jinsong meets Masaaki Kanai\nLiu Jianchao arrives in Beijing",
            ["Liu Jinsong meets Masaaki Kanai\nMasaaki Kanai arrives in Beijing"],
        ),
    ]
    return [*read_pair_files(SAMPLE_FILES), PairFile("<pairs>", "jsonl", tuple(extra))]


def test_two_processes_give_the_serial_report(checker: HeadlineChecker) -> None:
    files = _files()
    serial = report_object(check_pair_files(checker, files, jobs=1))
    parallel = report_object(check_pair_files(checker, files, jobs=2))
    assert parallel == serial
    ids = [p["id"] for p in parallel["pairs"]]
    assert ids == [p.id for f in files for p in f.pairs]
    # The pair's own dictionary came back usable: its missing term at its place.
    bowing = parallel["pairs"][-2]
    assert [(f["code"], f["start"], f["end"], f["text"]) for f in bowing["findings"]] == [
        ("HL001", 4, 6, "低头")
    ]
    document = parallel["pairs"][-1]
    assert [(f["code"], f["start"], f["text"]) for f in document["findings"]] == [
        ("HL004", 32, "Liu Jianchao")
    ]


def test_the_command_line_report_is_the_same_with_jobs(tmp_path: Path) -> None:
    outputs = []
    for extra in ([], ["--jobs", "2"]):
        result = invoke([*HEADLINES_ARGS, *SAMPLE_FILES, "--format", "json", *extra])
        assert result.exit_code == 1, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[1]["pairs"]) == 34


class _Failing(HeadlineChecker):
    """A checker that breaks on one pair (an internal error) or dies on another."""

    def check_pair(self, pair: HeadlinePair, copy_checks: bool = True) -> PairResult:
        if pair.id == "mfa-wrong-title":
            raise ValueError("broken on purpose")
        if pair.id == "komeito-good" and os.getpid() != self.parent:
            os._exit(1)  # a worker that stops, as one that runs out of memory does
        return super().check_pair(pair, copy_checks)

    parent = os.getpid()


def _failing() -> _Failing:
    base = make_checker()
    return _Failing(
        base.copy.glossary, base.copy.style, date=DATE, index=base.index, selection=None
    )


def test_a_pair_that_cannot_be_checked_is_left_out_and_said() -> None:
    files = read_pair_files([SAMPLE_FILES[0]])
    report = check_pair_files(_failing(), files, jobs=1)
    ids = [r.pair.id for r in report.results]
    assert "mfa-wrong-title" not in ids and len(ids) == 15
    (skipped,) = report.files[0].skipped
    assert str(skipped) == (
        "line 10: pair mfa-wrong-title could not be checked (internal error: ValueError: "
        "broken on purpose); it is left out"
    )


def test_a_worker_that_stops_costs_only_its_pair() -> None:
    files = read_pair_files([SAMPLE_FILES[0]])
    report = check_pair_files(_failing(), files, jobs=2)
    ids = [r.pair.id for r in report.results]
    assert "komeito-good" not in ids and "mfa-wrong-title" not in ids and len(ids) == 14
    assert [str(k) for k in report.files[0].skipped] == [
        "line 10: pair mfa-wrong-title could not be checked (internal error: ValueError: "
        "broken on purpose); it is left out",
        "line 15: pair komeito-good could not be checked (the process checking it stopped "
        "(out of memory?)); it is left out",
    ]
    assert [r.pair.id for r in report.results] == [
        p.id for p in files[0].pairs if p.id not in ("komeito-good", "mfa-wrong-title")
    ]


def test_a_local_dask_cluster_gives_the_serial_report(checker: HeadlineChecker) -> None:
    pytest.importorskip("distributed")
    files = _files()
    serial = report_object(check_pair_files(checker, files, jobs=1))
    clustered = report_object(check_pair_files(checker, files, scheduler="local:2"))
    assert clustered == serial
