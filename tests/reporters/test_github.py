"""GitHub workflow annotations: the command shape ruff writes, escaped as the runner needs."""

from __future__ import annotations

import dataclasses
import re

from checker.engine import Result
from checker.reporters.github import annotation, escape_data, escape_property
from tests.reporters.conftest import render, ruff_output

COMMAND = re.compile(
    r"^::(error|warning|notice) title=[^,:]+,file=[^,]+,line=\d+,col=\d+,"
    r"endLine=\d+,endColumn=\d+::\S.*$"
)


def test_escaping_follows_the_runner() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert annotation("notice", "a\nb") == "::notice::a%0Ab"
    assert (
        annotation("error", "m", file="x,y:z.txt", line=3) == "::error file=x%2Cy%3Az.txt,line=3::m"
    )


def test_one_annotation_per_finding(seed_result: Result) -> None:
    lines = render("github", [seed_result]).splitlines()
    assert len(lines) == 17
    path = seed_result.path
    assert lines[0] == (
        f"::error title=termcheck (TM001),file={path},line=1,col=140,endLine=1,endColumn=147::"
        f"{path}:1:140: TM001 'chinese' is miscapitalized: write 'Chinese'"
        "%0A  help: Replace with 'Chinese' (safe fix)"
    )
    assert lines[1].startswith("::warning title=termcheck (ST003),")
    assert all(COMMAND.match(line) for line in lines), lines


def test_file_warnings_are_annotations_too(seed_result: Result) -> None:
    warned = dataclasses.replace(seed_result, findings=(), warnings=("tracked changes: 1, 2",))
    assert render("github", [warned]) == (
        f"::warning file={seed_result.path},title=termcheck::tracked changes: 1, 2\n"
    )


def test_shape_matches_ruff_github() -> None:
    for line in ruff_output("github").strip().splitlines():
        normalized = re.sub(r"title=ruff \(([^)]*)\)", r"title=ruff \1", line)
        assert COMMAND.match(normalized.replace("title=ruff ", "title=")), line
