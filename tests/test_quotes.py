"""Quoted speech found in text and markup, recorded in the document model."""

from __future__ import annotations

import pytest

from checker.model import Span
from checker.quotes import Quotations, paragraphs, quoted_spans
from checker.readers import reader_for
from checker.source import decode
from tests.conftest import FIXTURES, described, make_checker


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quoted_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We oppose it,” Mao Ning said.", ["“We oppose it,”"]),
        ('He said "no" twice.', ['"no"']),
        ("A ‘gray-zone’ threat and Japan’s ‘resolve’.", ["‘gray-zone’", "‘resolve’"]),
        ("Kihara Vows Calm Response to 'Gray-Zone' Pressure", ["'Gray-Zone'"]),
        ("“Japan’s ‘red line’ is clear,” he said.", ["“Japan’s ‘red line’ is clear,”"]),
        ("It’s the ministers’ meeting and Japan's rise.", []),
        ("“Unclosed, it runs to the end", ["“Unclosed, it runs to the end"]),
        ("He called it «absurd» and 「遺憾」.", ["«absurd»", "「遺憾」"]),
    ],
)
def test_quotation_marks(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_paragraphs_are_lines_unless_the_text_has_blank_lines() -> None:
    assert paragraphs("one\ntwo") == [(0, 3), (4, 7)]
    assert paragraphs("one\nwrapped\n\ntwo") == [(0, 11), (13, 16)]


def test_a_quotation_over_several_paragraphs_opens_each_again() -> None:
    text = "“First paragraph of the quote,\n“second paragraph,” she said.\nNot quoted."
    source = decode(text.encode("utf-8"), "story.txt")
    spans = list(reader_for("story.txt")(source).quotations)
    assert [text[s.start : s.end] for s in spans] == [
        "“First paragraph of the quote,",
        "“second paragraph,”",
    ]


def test_containing_and_overlapping() -> None:
    quotations = Quotations([Span(10, 20), Span(15, 30), Span(40, 50)])
    assert quotations.spans == (Span(10, 30), Span(40, 50))
    assert quotations.containing(Span(12, 29)) == Span(10, 30)
    assert quotations.containing(Span(25, 35)) is None
    assert quotations.overlapping(Span(25, 35))
    assert not quotations.overlapping(Span(30, 40))


HTML = (
    "<html><body><article><p>Mao Ning said <q>the Taiwan region is part of China</q>."
    "</p><blockquote><p>We oppose the Taiwan region independence</p></blockquote>"
    "<p>Outside, the Taiwan region was discussed.</p></article></body></html>"
)
NITF = (
    '<?xml version="1.0" encoding="UTF-8"?><nitf><body><body.content>'
    "<p>She said <q>the Taiwan region</q> twice.</p>"
    "<bq><block><p>the Taiwan region again</p></block></bq>"
    "<p>Outside, the Taiwan region.</p></body.content></body></nitf>"
)
NEWSML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<newsItem xmlns="http://iptc.org/std/nir/2006-02-01/"><contentSet><inlineXML>'
    '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
    "<p>She said <q>the Taiwan region</q> twice.</p>"
    "<blockquote><p>the Taiwan region again</p></blockquote>"
    "<p>Outside, the Taiwan region.</p></body></html></inlineXML></contentSet></newsItem>"
)


MARKDOWN = (
    "She said the Taiwan region twice.\n\n"
    "> the Taiwan region again\n\n"
    "Outside, she said “the Taiwan region” too.\n"
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("story.html", HTML),
        ("story.nitf.xml", NITF),
        ("story.newsml.xml", NEWSML),
        ("story.md", MARKDOWN),
    ],
)
def test_quotation_markup_is_recorded_and_respected(name: str, content: str) -> None:
    source = decode(content.encode("utf-8"), name)
    document = reader_for(name)(source)
    quoted_text = [content[s.start : s.end] for s in document.quotations]
    assert len(quoted_text) == 2
    assert all("the Taiwan region" in q for q in quoted_text)
    checker = make_checker(glossary=FIXTURES / "names-glossary.yaml")
    result = checker.check_document(document)
    findings = [f for f in result.findings if f.code == "ST004"]
    outside = 0 if name.endswith(".md") else 2  # where the unquoted one stands
    levels = ["info", "info"]
    levels.insert(outside, "warning")
    assert [f.severity.label for f in findings] == levels
    assert [f.fix is not None for f in findings] == [level == "warning" for level in levels]
    assert len(described(result, "ST004")) == 3
