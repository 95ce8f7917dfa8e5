"""`termcheck headlines` with the copy checks' options: --select/--ignore, --encoding, and
the concise, JSON Lines, SARIF, JUnit and GitHub reports, each finding at its place in the
pair file."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.clirun import invoke
from tests.headline.conftest import HEADLINES_ARGS, SAMPLES

BASE = HEADLINES_ARGS
SAMPLE_LINES = (SAMPLES / "kanai-liu.tsv").read_text(encoding="utf-8").splitlines()
HEADER = SAMPLE_LINES[0]
DROPPED_TERM = SAMPLE_LINES[3]  # 日本 not rendered: HL001 in the source
SWAPPED_PERSON = SAMPLE_LINES[8]  # Liu Jianchao for 刘劲松: HL004 and TT002
LEFTOVER_CJK = SAMPLE_LINES[4]  # 中方 left in the English: HL007


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.tsv"
    path.write_text("\n".join([HEADER, DROPPED_TERM, SWAPPED_PERSON]) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> Any:
    return invoke([*BASE, *args])


def test_concise_places_each_finding_in_the_pair_file(pairs: Path) -> None:
    result = run(str(pairs), "--format", "concise")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    # 日本 is the source's 29th character of line 2: id, tab, zh-Hans, tab come first.
    assert lines[0].startswith(f"{pairs}:2:29: HL001 '日本' (Japan) has no approved rendering")
    assert lines[1].startswith(f"{pairs}:3:70: HL004 'Liu Jianchao' names Liu Jianchao")
    assert lines[1].endswith("[fix: 'Liu Jinsong']")
    assert lines[2].startswith(f"{pairs}:3:84: TT002 'director-general of the Department")
    assert len(lines) == 3
    row = SWAPPED_PERSON
    assert row[69:81] == "Liu Jianchao"  # column 70 is where the name stands in the row


def test_select_and_ignore_choose_pair_and_copy_rules(pairs: Path) -> None:
    only_pair = run(str(pairs), "--format", "concise", "--select", "HL", "--ignore", "HL001")
    assert only_pair.exit_code == 1
    assert [ln.split(": ")[1].split()[0] for ln in only_pair.stdout.splitlines()] == ["HL004"]
    titles = run(str(pairs), "--format", "concise", "--select", "TT002,HL001")
    assert [ln.split(": ")[1].split()[0] for ln in titles.stdout.splitlines()] == [
        "HL001",
        "TT002",
    ]
    clean = run(str(pairs), "--format", "concise", "--ignore", "HL,TT")
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_an_unknown_code_is_a_usage_error(pairs: Path) -> None:
    result = run(str(pairs), "--select", "HL0X")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "termcheck: error: unknown rule code or prefix 'HL0X' (see 'termcheck rules')"
    ]


def test_sarif_regions_and_fixes_are_in_the_pair_file(pairs: Path) -> None:
    result = run(str(pairs), "--format", "sarif")
    assert result.exit_code == 1, result.output
    run_ = json.loads(result.stdout)["runs"][0]
    found = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]) for r in run_["results"]
    ]
    assert [(code, (g["startLine"], g["startColumn"], g["endColumn"])) for code, g in found] == [
        ("HL001", (2, 29, 31)),
        ("HL004", (3, 70, 82)),
        ("TT002", (3, 84, 167)),
    ]
    swap = run_["results"][1]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert swap["deletedRegion"] == {
        "startLine": 3,
        "startColumn": 70,
        "endLine": 3,
        "endColumn": 82,
    }
    assert swap["insertedContent"] == {"text": "Liu Jinsong"}
    described = {rule["id"] for rule in run_["tool"]["driver"]["rules"]}
    assert {"HL001", "HL004", "TT002"} <= described


def test_jsonl_records_carry_file_positions(pairs: Path) -> None:
    result = run(str(pairs), "--format", "jsonl", "--select", "HL004")
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["code"], r["path"], r["line"], r["column"], r["text"]) for r in records] == [
        ("HL004", str(pairs), 3, 70, "Liu Jianchao")
    ]


def test_junit_has_a_failure_per_finding_at_its_line(pairs: Path) -> None:
    result = run(str(pairs), "--format", "junit")
    assert result.exit_code == 1, result.output
    cases = ET.fromstring(result.stdout).findall(".//testcase")
    assert [(c.get("name"), c.get("line"), c.get("column")) for c in cases] == [
        ("termcheck.HL001", "2", "29"),
        ("termcheck.HL004", "3", "70"),
        ("termcheck.TT002", "3", "84"),
    ]
    assert {c.get("file") for c in cases} == {str(pairs)}


def test_github_annotations(pairs: Path) -> None:
    result = run(str(pairs), "--format", "github", "--select", "HL001")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f"::error title=termcheck (HL001),file={pairs},line=2,col=29,endLine=2,endColumn=31::"
        f"{pairs}:2:29: HL001 '日本' (Japan) has no approved rendering in the translation: "
        "write 'Japan' or 'Japanese'\n"
    )


def test_encoding_reads_a_big5_pair_file(tmp_path: Path) -> None:
    path = tmp_path / "big5.tsv"
    path.write_bytes(("\n".join([HEADER, LEFTOVER_CJK]) + "\n").encode("big5"))
    result = run(str(path), "--format", "concise", "--encoding", "big5")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(
        f"{path}:2:70: HL007 '中方' is Chinese or Japanese text left in the English"
    )
    wrong = run(str(path), "--format", "concise", "--encoding", "utf-8")
    assert wrong.exit_code == 2
    assert len(wrong.stderr.strip().splitlines()) == 1
    assert str(path) in wrong.stderr


def test_an_escaped_field_is_placed_at_its_record_without_a_fix(tmp_path: Path) -> None:
    """JSON Lines that escape the translation: the file holds no offsets of the field."""
    path = tmp_path / "pairs.jsonl"
    first = {
        "id": "a",
        "source": "日本官员低头听中方讲话",
        "translation": "Japanese official listens",
    }
    second = {
        "id": "b",
        "source": "日本官员低头听中方讲话",
        "translation": "Japanese official listens to 中方 with head lowered",
    }
    path.write_text(
        json.dumps(first, ensure_ascii=False) + "\n" + json.dumps(second) + "\n", encoding="utf-8"
    )
    result = run(str(path), "--format", "concise", "--select", "HL007")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f"{path}:2:1: HL007 '中方' is Chinese or Japanese text left in the English translation\n"
    )
