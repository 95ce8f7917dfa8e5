"""Reading pair files: TSV, CSV, JSON Lines, XLIFF 1.2 and 2.x, TMX."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.headline.pair_files import read_pair_file
from checker.headline.pairs import PairTerm
from tests.datasets import TEST_DATA, shared_file

YY = "日本官員低頭聽中方講話"
EN = "Japanese official listens to the Chinese side with head lowered"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- TSV and CSV ------------------------------------------------------------------------------


def test_tsv_columns_aliases_references_and_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.tsv",
        "id\tsrc\ttarget\tref\treference2\tnotes\n"
        f'a\t{YY}\t"Japanese" official bows\t{EN}\tsecond\tx\n'
        "\t\t\t\t\t\n"
        f"\t刘劲松会见金井正彰\tLiu Jinsong meets Masaaki Kanai\t\t\t\n",
    )
    result = read_pair_file(path)
    first, second = result.pairs
    assert result.format == "tsv"
    assert (first.id, first.line, first.translation) == ("a", 2, '"Japanese" official bows')
    assert first.references == (EN, "second")
    assert (first.source_lang, first.lang_origin) == ("zh-Hant", "detected")
    assert (second.id, second.line, second.references) == ("2", 4, ())
    assert second.source_lang == "zh-Hans"


def test_tsv_without_a_translation_column_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "p.tsv", f"source\ttext\n{YY}\tx\n")
    with pytest.raises(InputError) as caught:
        read_pair_file(path)
    assert caught.value.line == 1
    assert "no 'translation' column" in caught.value.message


def test_tsv_row_with_too_few_fields_is_left_out_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "p.tsv", f"source\ttranslation\n{YY}\t{EN}\n\n{YY}\n{YY}\t{EN}\n")
    read = read_pair_file(path)
    assert [p.line for p in read.pairs] == [2, 5]
    assert [str(s) for s in read.skipped] == [
        "line 4: the row has 1 fields where the header has 2; the row is left out"
    ]


def test_a_pair_file_without_a_header_is_read_when_its_columns_are_plain(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "p.tsv", f"{YY}\t{EN}\tJapanese official bows\n{YY}\t{EN}\t\n")
    read = read_pair_file(path)
    assert [(p.line, p.source, p.translation, p.references) for p in read.pairs] == [
        (1, YY, EN, ("Japanese official bows",)),
        (2, YY, EN, ()),
    ]


def test_an_ambiguous_file_without_a_header_shows_the_header_expected(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", f"{EN},{YY}\n")
    with pytest.raises(InputError) as caught:
        read_pair_file(path)
    assert caught.value.line == 1
    assert caught.value.message == (
        f"the header names no 'source' column (columns: {EN}, {YY}); "
        "write a header row such as 'source,translation,reference'"
    )


def test_csv_quoting_and_the_line_of_each_record(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.csv",
        f'source,translation,source_lang\n{YY},"Official, bowing,\nspeaks",zh-TW\n'
        f'{YY},"""Bow""",\n',
    )
    first, second = read_pair_file(path).pairs
    assert first.translation == "Official, bowing,\nspeaks"
    assert (first.source_lang, first.lang_origin) == ("zh-Hant", "file")
    assert (second.line, second.translation) == (4, '"Bow"')


def test_terms_column_is_json(tmp_path: Path) -> None:
    terms = '[{"source": "低頭", "target": ["head lowered", "head bowed"]}]'
    path = write(tmp_path, "p.tsv", f"source\ttranslation\tterms\n{YY}\t{EN}\t{terms}\n")
    assert read_pair_file(path).pairs[0].terms == (
        PairTerm("低頭", ("head lowered", "head bowed")),
    )
    bad = write(tmp_path, "bad.tsv", f"source\ttranslation\tterms\n{YY}\t{EN}\t[{{\n")
    read = read_pair_file(bad)
    assert [(p.line, p.terms) for p in read.pairs] == [(2, ())]
    assert [(s.line, s.message[:26]) for s in read.skipped] == [(2, "'terms' is not valid JSON ")]


def test_a_term_with_an_empty_english_side_is_left_out_and_said(tmp_path: Path) -> None:
    terms = '[{"source": "女孩", "target": [""]}, {"source": "低頭", "target": "head bowed"}]'
    line = json.dumps({"source": YY, "translation": EN, "terms": json.loads(terms)})
    read = read_pair_file(write(tmp_path, "p.jsonl", f"{line}\n{line}\n"))
    assert [p.terms for p in read.pairs] == [(PairTerm("低頭", ("head bowed",)),)] * 2
    assert [str(s) for s in read.skipped] == [
        "line 1: term '女孩' has an empty English side; the term is left out",
        "line 2: term '女孩' has an empty English side; the term is left out",
    ]


# -- JSON Lines -------------------------------------------------------------------------------


def test_jsonl_references_terms_and_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.jsonl",
        f'{{"id": 7, "source": "{YY}", "translation": "{EN}", "reference": ["a", "b"],'
        ' "terms": {"低頭": "head lowered"}}\n\n'
        f'{{"source": "{YY}", "translation": "", "references": ["c"], "source_lang": "ja-JP"}}\n',
    )
    first, second = read_pair_file(path).pairs
    assert (first.id, first.references) == ("7", ("a", "b"))
    assert first.terms == (PairTerm("低頭", ("head lowered",)),)
    assert (second.id, second.line, second.translation) == ("2", 3, "")
    assert (second.references, second.source_lang) == (("c",), "ja")


def test_jsonl_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path, "p.jsonl", f'{{"source": "{YY}", "translation": "x"}}\n{{"source": 1,,}}\n'
    )
    read = read_pair_file(path)
    assert len(read.pairs) == 1
    assert [str(s) for s in read.skipped] == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes at column "
        "14); the line is left out"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('["a", "b"]', "no headline pairs found: not a JSON object"),
        ('{"source": "甲"}', "no headline pairs found: the pair has no 'translation'"),
        ('{"source": "甲", "translation": {"a": 1}}', "'translation' is not text"),
    ],
)
def test_jsonl_shape_errors(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, "p.jsonl", line + "\n")
    with pytest.raises(InputError) as caught:
        read_pair_file(path)
    assert caught.value.line == 1
    assert message in caught.value.message


# -- XLIFF ------------------------------------------------------------------------------------

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="zh-TW" target-language="en" datatype="plaintext">
    <body>
      <group id="g">
        <trans-unit id="u1">
          <source>日本官員<x id="1"/>低頭聽中方講話</source>
          <target state="signed-off"
            ><g id="1">Japanese</g> official<ph id="2">&lt;br/&gt;</ph> bows</target>
        </trans-unit>
      </group>
      <trans-unit id="u2" translate="no"><source>甲</source><target>A</target></trans-unit>
      <trans-unit id="u3"><source>乙</source></trans-unit>
      <trans-unit id="u4"><source xml:lang="fr">Bonjour</source><target>Hi</target></trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_12_units_inline_codes_and_state(tmp_path: Path) -> None:
    result = read_pair_file(write(tmp_path, "a.xlf", XLIFF12))
    (unit,) = result.pairs
    assert result.format == "xliff-1.2"
    assert (unit.id, unit.line, unit.state) == ("u1", 6, "signed-off")
    assert (unit.source, unit.translation) == (YY, "Japanese official bows")
    assert unit.source_lang == "zh-Hant"
    assert result.warnings == (
        "1 unit(s) without a translation skipped",
        "1 unit(s) skipped: not a Chinese or Japanese text with English",
    )


def test_xliff_12_translated_from_english_is_read_the_other_way_round() -> None:
    result = read_pair_file(TEST_DATA / "symfony-xliff" / "validators.zh_CN.xlf")
    first = result.pairs[0]
    assert len(result.pairs) == 116
    assert (first.source, first.translation) == (
        "该变量的值应为 false 。",
        "This value should be false.",
    )
    assert first.source_lang == "zh-Hans"
    assert result.warnings[0].startswith("the file is translated from English")


XLIFF21 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0"
       srcLang="zh-Hant" trgLang="en-US">
  <file id="f">
    <unit id="u1">
      <segment state="final"><source>日本官員低頭</source>
        <target><pc id="1">Japanese official</pc> bows</target></segment>
      <ignorable><source>，</source></ignorable>
      <segment state="translated"><source>聽中方講話</source>
        <target><cp hex="0020"/>and listens</target></segment>
    </unit>
    <unit id="u2">
      <segment><source>甲</source><target>A</target></segment>
      <segment><source>乙</source></segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff_2_segments_are_joined_with_the_least_advanced_state(tmp_path: Path) -> None:
    result = read_pair_file(write(tmp_path, "b.xlf", XLIFF21))
    (unit,) = result.pairs
    assert result.format == "xliff-2"
    assert unit.source == "日本官員低頭，聽中方講話"
    assert unit.translation == "Japanese official bows， and listens"
    assert (unit.state, unit.line) == ("translated", 5)
    assert result.warnings == ("1 unit(s) without a translation skipped",)


def test_xliff_that_declares_entities_is_refused(tmp_path: Path) -> None:
    bomb = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff>&a;</xliff>\n'
    with pytest.raises(InputError) as caught:
        read_pair_file(write(tmp_path, "bomb.xlf", bomb))
    assert "declares entities" in caught.value.message


def test_every_hostile_xml_file_is_refused_or_has_no_pairs(tmp_path: Path) -> None:
    folder = shared_file("formats", "xml-security")
    for path in sorted(folder.glob("*.xml")):
        copy = write(tmp_path, path.stem + ".tmx", path.read_bytes())
        with pytest.raises(InputError):
            read_pair_file(copy)


def test_not_an_xliff_root(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_pair_file(write(tmp_path, "c.xlf", "<tmx/>"))
    assert caught.value.message == "not an XLIFF file: the root element is <tmx>"


# -- TMX --------------------------------------------------------------------------------------

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="zh-CN" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"
          creationtool="t" creationtoolversion="1"/>
  <body>
    <tu tuid="t1">
      <tuv xml:lang="en-GB"><seg>UK rendering</seg></tuv>
      <tuv xml:lang="ZH-TW">
        <seg>日本官員<bpt i="1">&lt;b&gt;</bpt>低頭<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang="en-US"><seg>US <hi>rendering</hi></seg></tuv>
    </tu>
    <tu><tuv lang="ja-JP"><seg>金井正彰</seg></tuv>
        <tuv lang="EN"><seg>Masaaki Kanai</seg></tuv></tu>
    <tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>
  </body>
</tmx>
"""


def test_tmx_variants_by_language(tmp_path: Path) -> None:
    result = read_pair_file(write(tmp_path, "t.tmx", TMX))
    first, second = result.pairs
    assert (first.id, first.source, first.source_lang) == ("t1", "日本官員低頭", "zh-Hant")
    assert (first.translation, first.references) == ("UK rendering", ("US rendering",))
    assert (second.id, second.source_lang, second.translation) == ("2", "ja", "Masaaki Kanai")
    assert result.warnings == (
        "1 unit(s) skipped: no Chinese or Japanese variant with an English one",
    )


def test_tmx_reference_language_picks_the_references(tmp_path: Path) -> None:
    first = read_pair_file(write(tmp_path, "t.tmx", TMX), reference_lang="en-GB").pairs[0]
    assert (first.translation, first.references) == ("US rendering", ("UK rendering",))


def test_tmx_compliance_kit_utf16_and_upper_case_tags() -> None:
    folder = TEST_DATA / "tmx"
    ja = read_pair_file(folder / "ImportTest1C.tmx", reference_lang="en-gb").pairs
    assert [(p.source, p.translation, p.references) for p in ja] == [
        (f"{n} entry in Japanese", f"{n} entry in US English", (f"{n} entry in UK English",))
        for n in ("First", "Second", "Third")
    ]
    for path in sorted(folder.glob("*.tmx")):
        if path.name in ("ImportTest1C.tmx", "ImportTest1I.tmx"):
            assert read_pair_file(path).pairs
            continue
        with pytest.raises(InputError) as caught:  # English–French memories: no CJK source
            read_pair_file(path)
        assert caught.value.message.startswith("no headline pairs found ("), path.name


def test_tmx_in_utf16_with_a_bom(tmp_path: Path) -> None:
    utf16 = TMX.replace("UTF-8", "UTF-16").encode("utf-16")
    assert len(read_pair_file(write(tmp_path, "u.tmx", utf16)).pairs) == 2


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_pair_file(write(tmp_path, "p.docx", "x"))
    assert caught.value.message.startswith("unknown pair file type")
    with pytest.raises(InputError) as missing:
        read_pair_file(tmp_path / "none.tsv")
    assert missing.value.message == "no such file"
