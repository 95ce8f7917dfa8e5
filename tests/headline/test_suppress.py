"""Inline suppression in pair files: `termcheck: ignore CODE` in a pair's note (a TSV or CSV
note/comment column, a JSON Lines note/comment key, an XLIFF or TMX <note>) silences
exactly those codes on that pair; an unused or unreadable one is reported in the note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.headline.check import HeadlineChecker
from checker.headline.pair_files import read_pair_file
from tests.clirun import invoke
from tests.headline.conftest import HEADLINES_ARGS

MEET = "刘劲松会见金井正彰"
SWAPPED = "Liu Jianchao meets Masaaki Kanai"  # HL004 at 0–12 of the translation
SWAPPED_LATE = "Liu Jianchao meets Masaaki Kanai on Nov. 19"  # and HL006 at 41–43
MEET_18 = "刘劲松18日会见金井正彰"


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def codes_by_pair(checker: HeadlineChecker, path: Path) -> dict[str, list[tuple[str, str, int]]]:
    pair_file = read_pair_file(path)
    return {
        p.id: [(f.code, f.segment or "", f.span.start) for f in checker.check_pair(p).findings]
        for p in pair_file.pairs
    }


def test_a_tsv_note_silences_exactly_the_named_code(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text(
        "id\tsource\ttranslation\tnote\n"
        f"1\t{MEET_18}\t{SWAPPED_LATE}\ttermcheck: ignore HL004\n"
        f"2\t{MEET_18}\t{SWAPPED_LATE}\tchecked by the desk\n",
        encoding="utf-8",
    )
    result = invoke([*HEADLINES_ARGS, str(path), "--format", "concise"])
    assert result.stdout.splitlines() == [
        f"{path}:2:57: HL006 '19' does not match the source's '18日' (18)",
        f"{path}:3:16: HL004 'Liu Jianchao' names Liu Jianchao, but the source has '刘劲松' "
        "(Liu Jinsong): write 'Liu Jinsong' [fix: 'Liu Jinsong']",
        f"{path}:3:57: HL006 '19' does not match the source's '18日' (18)",
    ]


def test_unused_and_unreadable_codes_are_reported_in_the_note(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(
        "source,translation,comment\n"
        f"{MEET},Liu Jinsong meets Masaaki Kanai,reviewed; termcheck: ignore HL004 HL999\n",
        encoding="utf-8",
    )
    result = invoke([*HEADLINES_ARGS, str(path), "--format", "concise"])
    # The note starts at column 43 of line 2; HL004 is its 29th character, HL999 its 35th.
    assert result.stdout.splitlines() == [
        f"{path}:2:71: CK002 'termcheck: ignore HL004' suppresses nothing here: remove HL004",
        f"{path}:2:77: CK003 'HL999' is not a rule code (see 'termcheck rules')",
    ]
    report = json.loads(invoke([*HEADLINES_ARGS, str(path), "--format", "json"]).stdout)
    (pair,) = report["pairs"]
    assert [(f["code"], f["field"], f["start"], f["end"], f["text"]) for f in pair["findings"]] == [
        ("CK002", "note", 28, 33, "HL004"),
        ("CK003", "note", 34, 39, "HL999"),
    ]


def test_a_code_not_in_force_is_neither_silenced_nor_reported(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    record = {"source": MEET, "translation": SWAPPED, "note": "termcheck: ignore HL004"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = invoke([*HEADLINES_ARGS, str(path), "--format", "concise", "--ignore", "HL004"])
    assert result.stdout == "" and result.exit_code == 0


def test_a_jsonl_note_silences_its_pair_only(tmp_path: Path, checker: HeadlineChecker) -> None:
    path = tmp_path / "pairs.jsonl"
    records = [
        {"id": "a", "source": MEET, "translation": SWAPPED, "comment": "termcheck: ignore HL004"},
        {"id": "b", "source": MEET, "translation": SWAPPED},
    ]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    assert codes_by_pair(checker, path) == {"a": [], "b": [("HL004", "translation", 0)]}


def test_xliff_notes_suppress(tmp_path: Path, checker: HeadlineChecker) -> None:
    xliff12 = tmp_path / "pairs12.xlf"
    xliff12.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="zh-CN" target-language="en" datatype="plaintext" original="x">'
        "<body>\n"
        f'    <trans-unit id="u1"><source>{MEET}</source><target>{SWAPPED}</target>'
        "<note>termcheck: ignore HL004</note></trans-unit>\n"
        f'    <trans-unit id="u2"><source>{MEET}</source><target>{SWAPPED}</target>'
        "<note>the desk's note</note></trans-unit>\n"
        "  </body></file>\n</xliff>\n",
        encoding="utf-8",
    )
    assert codes_by_pair(checker, xliff12) == {"u1": [], "u2": [("HL004", "translation", 0)]}
    xliff2 = tmp_path / "pairs2.xlf"
    xliff2.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" '
        'trgLang="en"><file id="f">\n'
        '  <unit id="u1"><notes><note>termcheck: ignore HL004</note></notes>'
        f"<segment><source>{MEET}</source><target>{SWAPPED}</target></segment></unit>\n"
        '  <unit id="u2">'
        f"<segment><source>{MEET}</source><target>{SWAPPED}</target></segment></unit>\n"
        "</file></xliff>\n",
        encoding="utf-8",
    )
    assert codes_by_pair(checker, xliff2) == {"u1": [], "u2": [("HL004", "translation", 0)]}


def test_tmx_notes_suppress(tmp_path: Path, checker: HeadlineChecker) -> None:
    path = tmp_path / "pairs.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
        'segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x" creationtool="x" '
        'creationtoolversion="1"/><body>\n'
        '<tu tuid="t1"><note>termcheck: ignore HL004</note>'
        f'<tuv xml:lang="zh-CN"><seg>{MEET}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{SWAPPED}</seg></tuv></tu>\n'
        f'<tu tuid="t2"><tuv xml:lang="zh-CN"><seg>{MEET}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{SWAPPED}</seg></tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    assert codes_by_pair(checker, path) == {"t1": [], "t2": [("HL004", "translation", 0)]}
