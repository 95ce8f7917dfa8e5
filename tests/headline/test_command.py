"""`termcheck headlines` from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.clirun import invoke
from tests.headline.conftest import HEADLINES_ARGS, SAMPLES

BASE = HEADLINES_ARGS


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def run(*args: str) -> Any:
    return invoke([*BASE, *args])


def test_text_report(tmp_path: Path) -> None:
    result = run(str(SAMPLES / "kanai-liu.tsv"))
    assert result.exit_code == 1, result.output
    assert "kanai-liu.tsv:9: pair mfa-swapped-person (zh-Hans)" in result.output
    assert "translation:1:1: HL004 'Liu Jianchao' names Liu Jianchao" in result.output
    assert "  BLEU " in result.output and "tok:13a" in result.output
    assert "term exact match" in result.output


def test_text_report_shows_copy_and_names_as_they_are(tmp_path: Path) -> None:
    """Copy is never read as markup: an emoji code, a bracket and a backslash stay as
    written, and a control character is shown escaped."""
    pairs = tmp_path / "odd [b]:smile:.tsv"
    pairs.write_text(
        "id\tsource_lang\tsource\ttranslation\n"
        "p1\tzh-Hans\t日本官员低头听中方讲话\tOfficial :smile: \\[x] \x1b[31m listens\n",
        encoding="utf-8",
    )
    result = run(str(pairs))
    assert result.exit_code == 1, result.output
    assert "odd [b]:smile:.tsv:2: pair p1 (zh-Hans)" in result.output
    assert "      Official :smile: \\[x] \\x1b[31m listens" in result.output
    assert "\x1b" not in result.output and "😄" not in result.output


def test_json_report_shape(tmp_path: Path, cache: Path) -> None:
    out = tmp_path / "report.json"
    result = run(str(SAMPLES / "kanai-liu.jsonl"), "--format", "json", "--output", str(out))
    assert result.exit_code == 1, result.output
    assert result.output == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    pairs = {p["id"]: p for p in report["pairs"]}
    assert len(pairs) == 18
    swapped = pairs["mfa-swapped-person"]
    first = swapped["findings"][0]
    assert {k: first[k] for k in ("code", "field", "start", "end", "line", "column", "text")} == {
        "code": "HL004",
        "field": "translation",
        "start": 0,
        "end": 12,
        "line": 1,
        "column": 1,
        "text": "Liu Jianchao",
    }
    assert first["replacement"] == "Liu Jinsong" and first["fix_applicability"] == "unsafe"
    assert set(swapped["scores"]) == {"chrf", "chrf_pp", "bleu", "ter", "spbleu", "nrefs", "notes"}
    assert swapped["scores"]["notes"] == {}
    terms = swapped["terms"]
    assert set(terms) == {"expected", "found", "missing", "wrong"}
    assert terms["wrong"] == [
        {
            "source": "刘劲松",
            "start": 10,
            "end": 13,
            "entry": "liu-jinsong",
            "text": "Liu Jianchao",
            "translation_start": 0,
            "translation_end": 12,
            "names": ["liu-jianchao"],
            "reason": "other-entity",
        }
    ]
    assert [t["source"] for t in pairs["mfa-dropped-term"]["terms"]["missing"]] == ["北京"]
    assert pairs["mfa-good"]["findings"] == []
    summary = report["summary"]
    for key in ("bleu", "chrf", "chrf_pp", "ter", "spbleu"):
        assert 0 <= summary[key] <= 100
        assert summary["signatures"][key].startswith("nrefs:")
    assert 0 < summary["term_exact_match"] <= 1 and 0 < summary["term_success_rate"] <= 1
    assert summary["spm_model"]["origin"] == "trained"
    assert Path(summary["spm_model"]["path"]).parent == cache / "termcheck" / "spm"
    assert f"spm-local-{summary['spm_model']['sha256'][:12]}" in summary["signatures"]["spbleu"]


def test_clean_pairs_exit_zero_and_a_users_model(tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    good.write_text("source\ttranslation\n刘劲松会见金井正彰\tLiu Jinsong meets Masaaki Kanai\n")
    first = run(str(good), "--format", "json")
    assert first.exit_code == 0, first.output
    model = json.loads(first.output)["summary"]["spm_model"]
    again = run(str(good), "--format", "json", "--spm-model", model["path"])
    assert json.loads(again.output)["summary"]["spm_model"]["origin"] == "file"
    assert json.loads(again.output)["summary"]["spm_model"]["sha256"] == model["sha256"]


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    case = tmp_path / "case.tsv"
    case.write_text("source\ttranslation\n刘劲松会见金井正彰\tMasaaki Kanai meets liu jinsong\n")
    assert run(str(case)).exit_code == 1
    assert run(str(case), "--fail-on", "error").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format: invalid choice 'xml'"),
        (["--date", "18/11"], "--date '18/11' is not a date"),
        (["--fail-on", "fatal"], "--fail-on: unknown severity"),
        (["--spm-model", "m", "--spm-corpus", "c"], "do not go together"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    result = run(str(SAMPLES / "kanai-liu.tsv"), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("termcheck: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_bad_record_is_left_out_said_with_its_line_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"source": "刘劲松会见金井正彰", "translation": "Liu Jinsong meets Masaaki Kanai"}\n'
        '{"source": }\n'
        '{"source": "刘劲松会见金井正彰", "translation": "Liu Jinsong meets Masaaki Kanai", '
        '"terms": {"女孩": [""]}}\n'
    )
    out = tmp_path / "report.json"
    result = run(str(bad), "--format", "json", "--output", str(out))
    assert result.exit_code == 2
    report = json.loads(out.read_text())
    assert len(report["pairs"]) == 2
    assert report["files"][0]["skipped"] == [
        {
            "path": str(bad),
            "line": 2,
            "message": "not valid JSON (Expecting value at column 12); the line is left out",
        },
        {
            "path": str(bad),
            "line": 3,
            "message": "term '女孩' has an empty English side; the term is left out",
        },
    ]


def test_a_file_with_no_readable_record_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": }\n')
    out = tmp_path / "report.json"
    result = run(str(bad), "--output", str(out))
    assert result.exit_code == 2
    assert result.stderr == (
        f"termcheck: error: {bad}:1: no headline pairs found: not valid JSON (Expecting value "
        "at column 12); the line is left out\n"
    )
    assert not out.exists()
