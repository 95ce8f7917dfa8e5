"""Choosing a reader: by suffix, by XML root element, by content."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.readers import reader_for
from checker.source import decode
from tests.readers.conftest import SAMPLES


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("kanai-liu-meeting.nitf.xml", "xml"),
        ("kanai-liu-meeting.newsml.xml", "xml"),
        ("kanai-liu-meeting.html", "html"),
        ("kanai-liu-meeting.md", "markdown"),
        ("kanai-liu-meeting.docx", "docx"),
        ("kanai-liu-meeting.txt", "text"),
    ],
)
def test_without_a_suffix_the_content_decides(name: str, fmt: str) -> None:
    source = decode((SAMPLES / name).read_bytes(), "story")
    document = reader_for("story")(source)
    expected = {"markdown": "text"}.get(fmt, fmt)  # Markdown without a suffix is plain text
    assert document.format == expected


def test_unsupported_xml_root_is_a_clear_error() -> None:
    with pytest.raises(InputError) as error:
        reader_for("a.xml")(decode(b"<?xml version='1.0'?><project><x/></project>", "a.xml"))
    assert str(error.value) == "a.xml: unsupported XML document <project>"


def test_nitf_with_namespace() -> None:
    xml = (
        '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><head><title>T</title></head>'
        "<body><body.head><hedline><hl1>Head</hl1><hl2>Sub</hl2></hedline></body.head>"
        "<body.content><p>Para.</p></body.content></body></nitf>"
    )
    document = reader_for("a.xml")(decode(xml.encode(), "a.xml"))
    assert [(s.kind.value, s.name, s.text) for s in document.segments] == [
        ("headline", "hl1[1]", "Head"),
        ("headline", "hl2[1]", "Sub"),
        ("body", "p[1]", "Para."),
    ]


def test_nitf_title_when_there_is_no_hl1() -> None:
    xml = "<nitf><head><title>Only title</title></head><body><p>x</p></body></nitf>"
    document = reader_for("a.nitf")(decode(xml.encode(), "a.nitf"))
    assert document.segments[0].text == "Only title"


def test_a_large_text_file_is_cut_into_segments_at_paragraph_breaks() -> None:
    from checker.readers.text import SEGMENT_CHARACTERS, read_text

    paragraph = "Talks on taiwan ended. " * 40 + "\n"
    text = (paragraph + "\n") * (3 * SEGMENT_CHARACTERS // len(paragraph))
    document = read_text(decode(text.encode(), "big.txt"))
    assert len(document.segments) == 3
    for segment in document.segments:
        (chunk,) = segment.chunks
        assert text[chunk.src_start : chunk.src_end] == segment.text
        assert segment.text.startswith("Talks") and segment.text.rstrip("\n").endswith("ended. ")
    small = read_text(decode(b"One.\n\nTwo.\n", "small.txt"))
    assert [s.text for s in small.segments] == ["One.\n\nTwo.\n"]
