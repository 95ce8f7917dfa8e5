"""CSV and TSV term lists: the TICO-19 terminologies and one-column-per-language tables."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from checker.errors import GlossaryError
from checker.glossary.load_csv import glossary_from_csv
from checker.glossary.loader import load_glossary_file
from checker.glossary.model import Kind, Role
from tests.datasets import TEST_DATA

TICO = TEST_DATA / "tico19"
COUNTS = {
    "f_en-zh_CN.csv": 306,
    "f_en-zh_TW.csv": 306,
    "g_en_zh-CN.csv": 337,
    "g_en_zh-TW.csv": 337,
    "g_zh-CN_en.csv": 50,
    "g_zh-TW_en.csv": 49,
}


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_tico19_terminologies(name: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        glossary = load_glossary_file(TICO / name)
    # Google's lists have a part-of-speech column, which a glossary has no place for.
    expected = [f"{TICO / name}:1: column not understood, left out: pos"]
    assert [str(w.message) for w in caught] == (expected if name.startswith("g_") else [])
    assert len(glossary.entries) == COUNTS[name]
    assert len({e.id for e in glossary.entries}) == COUNTS[name]
    assert all(e.kind is Kind.TERM and e.en for e in glossary.entries)


@pytest.mark.filterwarnings("ignore:.*column not understood")
def test_alternatives_and_remarks_in_one_cell() -> None:
    glossary = load_glossary_file(TICO / "g_en_zh-CN.csv")
    contagious = glossary.by_id["contagious"]
    assert [(f.text, f.lang) for f in contagious.forms] == [
        ("contagious", "en"),
        ("可传染", "zh-Hans"),
        ("有传染性", "zh-Hans"),
    ]
    assert contagious.note is not None and contagious.note.startswith("In the context of")
    assert contagious.line == 2
    coronavirus = glossary.by_id["coronavirus"]
    generic = next(f for f in coronavirus.forms if f.text == "冠状病毒")
    assert generic.note == "when referring the generic virus group"


@pytest.mark.filterwarnings("ignore:.*column not understood")
def test_chinese_source_files_take_english_from_the_target() -> None:
    glossary = load_glossary_file(TICO / "g_zh-TW_en.csv")
    entry = glossary.by_id["virus-receptor"]
    assert [(f.text, f.lang, f.role) for f in entry.forms] == [
        ("virus receptor", "en", Role.PREFERRED),
        ("病毒受體", "zh-Hant", Role.PREFERRED),
    ]


def test_one_column_per_language_with_kind_and_source() -> None:
    text = (
        "id,kind,EN,zh_CN,zh-TW,ja-JP,note,source\n"
        "1,person,Liu Jinsong|Liu Jin-song,刘劲松,劉勁松,劉勁松,DG,https://example.org/liu\n"
        "2,place,Japan,日本,日本,日本,,\n"
        "3,term,,孤儿,,,no English,\n"
    )
    glossary = glossary_from_csv(text, "names.csv")
    liu, japan = glossary.entries
    assert (liu.id, liu.kind, liu.en, liu.sources) == (
        "liu-jinsong",
        Kind.PERSON,
        "Liu Jinsong",
        ("https://example.org/liu",),
    )
    assert [(f.text, f.lang, f.role.value) for f in liu.forms] == [
        ("Liu Jinsong", "en", "preferred"),
        ("Liu Jin-song", "en", "accepted"),
        ("刘劲松", "zh-Hans", "preferred"),
        ("劉勁松", "zh-Hant", "preferred"),
        ("劉勁松", "ja", "preferred"),
    ]
    assert japan.line == 3


def test_tsv_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text("en\tja\nsummit\t首脳会談\nsummit\t頂上会談\n", encoding="utf-8")
    glossary = load_glossary_file(path)
    assert [e.id for e in glossary.entries] == ["summit", "summit-2"]


def test_a_table_without_english_is_an_error() -> None:
    with pytest.raises(GlossaryError) as error:
        glossary_from_csv("fr,de\nsommet,Gipfel\n", "x.csv")
    assert str(error.value).startswith("x.csv:1: a CSV glossary needs")
