"""JSON Lines: one finding a line, streamed as each file's result arrives."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from checker.engine import Result
from checker.reporters.json import finding_record
from checker.reporters.jsonl import write_jsonl
from tests.reporters.conftest import render


def test_each_line_is_the_json_record_of_one_finding(seed_result: Result) -> None:
    lines = render("jsonl", [seed_result]).splitlines()
    assert len(lines) == len(seed_result.findings) == 17
    records = [json.loads(line) for line in lines]
    assert records == [
        json.loads(json.dumps(finding_record(seed_result, f))) for f in seed_result.findings
    ]
    first = records[0]
    assert (first["line"], first["column"], first["code"], first["text"]) == (
        1,
        140,
        "TM001",
        "chinese",
    )
    assert "’" in lines[4]  # not escaped: the line stays readable


def test_findings_are_written_before_the_next_result_is_read(seed_result: Result) -> None:
    out = io.StringIO()
    written_before_second: list[int] = []

    def results() -> Iterator[Result]:
        yield seed_result
        written_before_second.append(len(out.getvalue().splitlines()))
        yield seed_result

    write_jsonl(results(), out)
    assert written_before_second == [17]
    assert len(out.getvalue().splitlines()) == 34


def test_ruff_json_lines_shape_one_object_per_line(seed_result: Result) -> None:
    from tests.reporters.conftest import ruff_output

    ruff_lines = ruff_output("json-lines").strip().splitlines()
    assert all(isinstance(json.loads(line), dict) for line in ruff_lines)
    ours = render("jsonl", [seed_result]).strip().splitlines()
    assert all(isinstance(json.loads(line), dict) for line in ours)
    assert {"code", "message", "severity"} <= set(json.loads(ruff_lines[0])) & set(
        json.loads(ours[0])
    )
