"""Hostile and real XML: refused in one line and at once, or read; never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.readers import reader_for
from checker.readers.xml_stream import parse_source, read_light
from checker.source import read_source
from checker.xmlsafe import parse_xml
from tests.datasets import TEST_DATA, params, shared_params
from tests.readers.conftest import FIXTURES

GLOSSARY = FIXTURES / "dev-glossary.yaml"

SECURITY = shared_params("*.xml", "formats", "xml-security")
NEWSML = sorted((TEST_DATA / "newsml-g2").glob("*.xml"))
TMX = sorted((TEST_DATA / "tmx").glob("*.tmx"))


def declares_entities(path: Path) -> bool:
    return b"<!ENTITY" in path.read_bytes()


@pytest.mark.parametrize("path", SECURITY)
def test_security_corpus(path: Path) -> None:
    started = time.perf_counter()
    try:
        reader_for(str(path))(read_source(path))
    except InputError as error:
        message = str(error)
        assert "\n" not in message
        if declares_entities(path):
            assert "declares entities; refused" in message
            assert time.perf_counter() - started < 1.0
        else:
            assert "unsupported XML document" in message
    else:
        assert not declares_entities(path)


def test_entity_bomb_is_refused_by_the_command_with_exit_2_and_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checker.cli import main

    bomb = tmp_path / "bomb.xml"
    entities = "".join(f'<!ENTITY e{n} "&e{n - 1};&e{n - 1};">' for n in range(1, 10))
    bomb.write_text(f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e0 "ha">{entities}]><r>&e9;</r>')
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(bomb), "--no-bundled", "-g", str(GLOSSARY)])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert err.count("\n") == 1 and "declares entities; refused" in err


def test_a_large_bomb_is_refused_before_parsing() -> None:
    head = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "' + b"x" * 1000 + b'">]>\n<r>'
    data = head + b"&a;" * 2_000_000 + b"</r>"
    started = time.perf_counter()
    with pytest.raises(InputError, match="declares entities"):
        parse_xml(data, "bomb.xml")
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("path", params(NEWSML, "tests/data/newsml-g2 is empty"))
def test_newsml_examples_are_read(path: Path) -> None:
    document = reader_for(str(path))(read_source(path))
    assert document.format == "xml"
    for segment in document.segments:
        for chunk in segment.chunks:
            if chunk.literal:
                text = document.source.text[chunk.src_start : chunk.src_end]
                assert text == segment.text[chunk.text_start : chunk.text_end]


def test_newsml_nitf_item_has_headline_byline_and_date() -> None:
    path = next(p for p in NEWSML if p.name.startswith("LISTING_2_"))
    document = reader_for(str(path))(read_source(path))
    names = [s.name for s in document.segments]
    assert names[:3] == ["headline[1]", "nitf/hl1[1]", "nitf/byline[1]"]
    assert document.segments[0].text.startswith('Fed to halt QE to avert "bubble"')
    assert document.date_origin == "metadata (contentCreated)"


def test_newsml_xhtml_body() -> None:
    path = next(p for p in NEWSML if "xhtml" in p.name)
    document = reader_for(str(path))(read_source(path))
    assert [s.text for s in document.segments] == ["Line one of two.", "Line two of two."]


def test_concept_item_reads_with_a_warning() -> None:
    path = next(p for p in NEWSML if p.name.startswith("LISTING_10_"))
    document = reader_for(str(path))(read_source(path))
    assert document.segments == ()
    assert document.warnings == ("NewsML-G2 <conceptItem> holds no story text",)


@pytest.mark.parametrize("path", params(TMX, "tests/data/tmx is empty"))
def test_tmx_files_pass_the_xml_layer(path: Path) -> None:
    source = read_source(path)
    parse_source(source)
    read_light(source, lambda *_: None)
    parse_xml(path.read_bytes(), str(path))
