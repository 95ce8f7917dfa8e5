"""The command line as a user meets it: output formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from tests.conftest import FIXTURE_ARGS, MINI_GLOSSARY, NEWS_STYLE, REPO

SEED = REPO / "samples" / "kanai-liu-meeting.txt"
CORRECTED = REPO / "samples" / "kanai-liu-meeting.corrected.txt"
BASE = FIXTURE_ARGS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out, err


def test_text_report_points_at_the_span(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED), *BASE)
    assert code == 1
    assert f"{SEED}:1:140: TM001 'chinese' is miscapitalized: write 'Chinese'" in out
    lines = out.splitlines()
    at = lines.index(next(line for line in lines if ":1:140: TM001" in line))
    excerpt, caret = lines[at + 1], lines[at + 2]
    assert excerpt[caret.index("^") : caret.rindex("^") + 1] == "chinese"
    assert "fix (safe): 'Chinese'" in lines[at + 3]
    assert "glossary: china" in lines[at + 4]
    assert "story date 2025-11-19 (--date)" in out


def test_json_report_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED), *BASE, "--format", "json")
    assert code == 1
    report = json.loads(out)
    first = next(f for f in report["findings"] if f["code"] == "TM001")
    assert {k: first[k] for k in ("line", "column", "end_line", "end_column", "text")} == {
        "line": 1,
        "column": 140,
        "end_line": 1,
        "end_column": 147,
        "text": "chinese",
    }
    assert first["replacement"] == "Chinese"
    assert first["entry"] == "china"
    assert first["severity"] == "error"
    assert first["rule"] == "term-case"
    required = {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "rule",
        "severity",
        "message",
        "text",
        "replacement",
        "entry",
    }
    assert all(required <= set(f) for f in report["findings"])
    assert report["files"][0]["date"] == "2025-11-19"
    assert report["files"][0]["date_origin"] == "--date"
    assert report["summary"]["findings"] == len(report["findings"])


def test_clean_copy_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(CORRECTED), *BASE)
    assert code == 0
    assert "No findings in 1 file." in out


def test_fail_on_error_ignores_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Talks continued through dialog.", encoding="utf-8")
    assert run(capsys, "check", str(story), *BASE)[0] == 1
    assert run(capsys, "check", str(story), *BASE, "--fail-on", "error")[0] == 0


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(SEED), *BASE, "--format", "json", "--select", "TM")
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert codes == {"TM001", "TM002"}
    _, out, _ = run(
        capsys, "check", str(SEED), *BASE, "--format", "json", "--select", "TM", "--ignore", "TM001"
    )
    assert {f["code"] for f in json.loads(out)["findings"]} == {"TM002"}


def test_unknown_rule_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(SEED), *BASE, "--select", "XX9")
    assert code == 2
    assert (
        err.strip() == "termcheck: error: unknown rule code or prefix 'XX9' (see 'termcheck rules')"
    )


def test_invalid_utf8_names_file_and_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Line one\nLi\xff Qiang\n")
    code, _, err = run(capsys, "check", str(bad), *BASE)
    assert code == 2
    assert err.count("\n") == 1
    assert f"{bad}:2:3: not valid UTF-8: byte 0xff cannot be decoded" in err
    assert "Traceback" not in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "no/such/story.txt", *BASE)
    assert code == 2
    assert err.strip() == "termcheck: error: no/such/story.txt: no such file or folder"


def test_broken_glossary_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text("entries:\n- id: x\n  kind: person\n  en: [unclosed\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(SEED), "-g", str(glossary))
    assert code == 2
    assert err.startswith(f"termcheck: error: {glossary}:")
    assert "invalid YAML" in err
    assert err.count("\n") == 1


def test_glossary_with_unknown_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "entries:\n- id: x\n  kind: place\n  en: X\n  colour: red\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "check", str(SEED), "-g", str(glossary))
    assert code == 2
    assert err.strip() == f"termcheck: error: {glossary}:2: unknown key 'colour' in entry 'x'"


def test_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(SEED), "--date", "19/11/2025")
    assert code == 2
    assert "--date '19/11/2025' is not a date" in err


def test_one_bad_file_does_not_hide_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("It was chinese media.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\xfa")
    code, out, err = run(capsys, "check", str(tmp_path), *BASE)
    assert code == 2
    assert "a.txt:1:8: TM001" in out
    assert "b.txt" in err


def test_story_date_from_dateline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "s.txt"
    story.write_text(
        "TOKYO, Nov. 19, 2024 – Defense Minister Minoru Kihara spoke.", encoding="utf-8"
    )
    args = [
        "--no-bundled",
        "-g",
        str(MINI_GLOSSARY),
        "--style",
        str(NEWS_STYLE),
        "--format",
        "json",
    ]
    _, out, _ = run(capsys, "check", str(story), *args)
    report = json.loads(out)
    assert report["files"][0]["date"] == "2024-11-19"
    assert report["files"][0]["date_origin"] == "dateline"
    assert "TT003" in {f["code"] for f in report["findings"]}


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert any(
        line.startswith("MC001  sentence-start-lowercase     warning") for line in out.splitlines()
    )
    code, out, _ = run(capsys, "explain", "TT003")
    assert code == 0
    assert out.startswith("TT003 title-stale (default severity: error)")
    assert "Bad:\n    Defense Minister Minoru Kihara spoke on Wednesday." in out
    code, out, _ = run(capsys, "explain", "title-stale")
    assert out.startswith("TT003")
    code, _, err = run(capsys, "explain", "ZZ001")
    assert code == 2
    assert "unknown rule 'ZZ001'" in err


def test_glossary_lookup_by_chinese_form_and_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "glossary",
        "lookup",
        "劉勁松",
        "--date",
        "2025-11-18",
        "--no-bundled",
        "-g",
        str(MINI_GLOSSARY),
    )
    assert code == 0
    assert out.startswith("Liu Jinsong [liu-jinsong, person]")
    assert "on 2025-11-18: Director-General of the Department of Asian Affairs" in out


def test_glossary_lookup_says_an_open_tenure_runs_to_the_knowledge_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "glossary", "lookup", "Liu Jinsong", "--date", "2025-11-18")
    assert code == 0
    # The bundled glossary knows facts to 2025-11-30; after that it cannot say.
    assert (
        "on 2025-11-18: Director-General of the Department of Asian Affairs "
        "(2021-07 to at least 2025-11-30)"
    ) in out
    assert "present" not in out


def test_glossary_lookup_office_holders(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "glossary",
        "lookup",
        "premier-prc",
        "--date",
        "2020-01-01",
        "--no-bundled",
        "-g",
        str(MINI_GLOSSARY),
    )
    assert code == 0
    assert "holders on 2020-01-01: Li Keqiang (2013-03-15 to 2023-03-11)" in out


def test_glossary_lookup_wrong_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "glossary", "lookup", "masaki kanai", "--no-bundled", "-g", str(MINI_GLOSSARY)
    )
    assert code == 0
    assert "matched forbidden form 'Masaki Kanai' — WRONG FORM" in out


def test_glossary_validate_reports_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        """entries:
- {id: a-person, kind: person, en: Ann Lee, family: Lee, given: Ann, sources: [u],
   tenures: [{office: the-office, from: "2020-05", to: "2020-01", source: u}]}
- {id: b-person, kind: person, en: Bo Lee, family: Lee, given: Bo, sources: [u],
   tenures: [{office: the-office, from: "2019", to: "2021", source: u},
             {office: missing-office, from: "2019", source: u}]}
- {id: the-office, kind: office, en: Chief Tester, sources: [u]}
- {id: a-person, kind: place, en: Anywhere, sources: [u]}
- {id: c-place, kind: place, en: Bo Lee, sources: [u]}
- {id: d-place, kind: place, en: lowercase town, sources: [u],
   specs: [{text: "It is lowercase town.", expect: [TM001]}]}
""",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "glossary", "validate", str(glossary))
    assert code == 2
    messages = err.splitlines()
    assert any(
        ":3: [a-person] tenure of 'the-office' ends (2020-01) before it starts" in m
        for m in messages
    )
    assert any("[a-person] duplicate id 'a-person'" in m for m in messages)
    assert any("[b-person] tenure names a missing office 'missing-office'" in m for m in messages)
    assert any("also claimed by" in m and "[b-person]" in m for m in messages)
    assert any("single-holder office 'the-office'" in m for m in messages)
    assert any("[d-place] form 'lowercase town' starts in lower case" in m for m in messages)
    assert any("[d-place] spec 'It is lowercase town.' expected ['TM001']" in m for m in messages)


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("termcheck ")
