"""Markdown: headings are headlines, code is skipped, inline tokens found in the source."""

from __future__ import annotations

from checker.document import Document, SegmentKind
from checker.model import Span
from checker.readers import reader_for
from checker.source import decode


def read(text: str) -> Document:
    return reader_for("story.md")(decode(text.encode(), "story.md"))


def test_headings_paragraphs_and_code() -> None:
    text = (
        "# Kanai meets Liu\n\n"
        "The `Kanai Hiroshi` span is code.\n\n"
        "```\nKanai Hiroshi in a fence\n```\n\n"
        "    Kanai Hiroshi indented code\n\n"
        "Setext heading\n--------------\n\n"
        "- item *one*\n"
    )
    document = read(text)
    assert [(s.kind, s.text) for s in document.segments] == [
        (SegmentKind.HEADLINE, "Kanai meets Liu"),
        (SegmentKind.BODY, "The  span is code."),
        (SegmentKind.HEADLINE, "Setext heading"),
        (SegmentKind.BODY, "item one"),
    ]
    assert document.format == "markdown"


def test_positions_through_links_entities_escapes_and_soft_breaks() -> None:
    text = (
        'Intro [China Central Television](https://cctv.com/a "t") and\n'
        "  Japan&#x2019;s \\*envoy* Liu.\n"
    )
    document = read(text)
    (segment,) = document.segments
    assert segment.text == "Intro China Central Television and Japan’s *envoy* Liu."
    lines = document.source.lines
    cctv = segment.to_source(Span(6, 30))
    assert text[cctv.start : cctv.end] == "China Central Television"
    liu = segment.to_source(Span(segment.text.index("Liu"), segment.text.index("Liu") + 3))
    assert lines.line_col(liu.start) == (2, 27)
    sources = {
        segment.text[c.text_start : c.text_end]: text[c.src_start : c.src_end]
        for c in segment.chunks
        if not c.literal
    }
    assert sources == {" ": "\n", "’": "&#x2019;", "*": "\\*"}


def test_front_matter_gives_headline_and_date_and_keeps_line_numbers() -> None:
    text = '---\ntitle: "Tokyo protests"\ndate: 2025-11-19\n---\n\nthe meeting was long.\n'
    document = read(text)
    title, body = document.segments
    assert (title.kind, title.text) == (SegmentKind.HEADLINE, "Tokyo protests")
    assert document.source.lines.line_col(title.chunks[0].src_start) == (2, 9)
    assert document.source.lines.line_col(body.chunks[0].src_start) == (6, 1)
    assert (str(document.date), document.date_origin) == (
        "2025-11-19",
        "metadata (front matter date)",
    )


def test_inline_html_does_not_hide_a_name() -> None:
    text = "Liu <em>jianchao</em> spoke.\n"
    (segment,) = read(text).segments
    assert segment.text == "Liu jianchao spoke."
    assert not segment.is_literal(Span(0, 12))
    end = segment.to_source(Span(0, 12)).end
    assert text[:end] == "Liu <em>jianchao"
