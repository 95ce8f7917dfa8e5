"""HTML: headline by priority, body text without page furniture, exact offsets."""

from __future__ import annotations

import pytest

from checker.document import Document, SegmentKind
from checker.model import Span
from checker.readers import reader_for
from checker.readers.html import read_html
from checker.source import decode


def read(page: str) -> Document:
    return reader_for("page.html")(decode(page.encode(), "page.html"))


def headline(document: Document) -> tuple[str | None, str]:
    first = document.segments[0]
    assert first.kind is SegmentKind.HEADLINE
    return first.name, first.text


JSON_LD = """<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},
 {"@type": ["NewsArticle"], "headline": "Japan\\u2019s envoy meets Liu",
  "datePublished": "2025-11-18"}]}
</script>"""


def test_json_ld_headline_in_a_graph_with_an_escape() -> None:
    page = f"<html><head>{JSON_LD}<title>Site</title></head><body><h1>Other</h1></body></html>"
    document = read(page)
    assert headline(document) == ("json-ld headline", "Japan’s envoy meets Liu")
    segment = document.segments[0]
    liu = segment.to_source(Span(20, 23))
    assert page[liu.start : liu.end] == "Liu"
    escape = segment.to_source(Span(5, 6))
    assert page[escape.start : escape.end] == "\\u2019"
    assert (str(document.date), document.date_origin) == ("2025-11-18", "metadata (datePublished)")


def test_microdata_then_h1_then_og_title_then_title() -> None:
    microdata = '<body><div itemscope><span itemprop="headline">Micro</span></div><h1>H</h1></body>'
    assert headline(read(f"<html>{microdata}</html>")) == ("headline", "Micro")
    assert headline(
        read("<html><body><article><h1>Big <em>one</em></h1></article></body></html>")
    ) == (
        "h1",
        "Big one",
    )
    og = (
        '<html><head><meta property="og:title" content="Tokyo &amp; Beijing">'
        "<title>T</title></head></html>"
    )
    document = read(og)
    assert headline(document) == ("og:title", "Tokyo & Beijing")
    amp = document.segments[0].chunks[1]
    assert (og[amp.src_start : amp.src_end], amp.literal) == ("&amp;", False)
    assert headline(read("<html><head><title>Only title</title></head></html>")) == (
        "title",
        "Only title",
    )


def test_furniture_is_skipped_and_article_body_read() -> None:
    page = """<html><head><style>p { color: red }</style></head><body>
<nav><p>taiwan nav</p></nav><header><p>header text</p></header>
<article><p>First paragraph.</p><aside><p>aside text</p></aside>
<div>Loose <b>text</b><p>Nested.</p>after</div><script>var a = "x";</script>
<pre>code here</pre><p>Line one.<br>line two</p></article>
<footer><p>footer</p></footer></body></html>"""
    texts = [s.text for s in read(page).segments]
    assert texts == ["First paragraph.", "Loose text", "Nested.", "after", "Line one.\nline two"]


def test_entities_and_wrapped_lines_map_to_the_source() -> None:
    page = "<html><body><p>Kanai&nbsp;Hiroshi met Liu\r\n   jianchao &copy y.</p></body></html>"
    document = read(page)
    (segment,) = document.segments
    assert segment.text == "Kanai\xa0Hiroshi met Liu jianchao © y."
    name = segment.to_source(Span(segment.text.index("Liu"), segment.text.index("jianchao") + 8))
    assert page[name.start : name.end] == "Liu\r\n   jianchao"
    assert document.source.lines.line_col(name.end) == (2, 12)
    assert not segment.is_literal(Span(0, 13))


def test_published_time_meta_is_the_date() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2025-11-19T08:00:00+09:00">'
        "</head><body><p>x</p></body></html>"
    )
    document = read(page)
    assert (str(document.date), document.date_origin) == (
        "2025-11-19",
        "metadata (article:published_time)",
    )


def test_empty_page() -> None:
    assert read("  ").segments == ()


def nested(depth: int, paragraph: str) -> tuple[str, Document]:
    """A page with a paragraph inside `depth` nested divs of an article, and its reading."""
    page = (
        "<html><body><article><p>Shallow.</p>"
        + "<div>" * depth
        + paragraph
        + "</div>" * depth
        + "</article></body></html>"
    )
    return page, read_html(decode(page.encode(), "deep.html"))


@pytest.mark.parametrize("depth", [300, 995])
def test_text_nested_past_libxml2s_tree_limit_is_read(depth: int) -> None:
    """libxml2's tree stops at 255 levels; the page is read from its events, so text
    nested deeper is checked like any other, at its offsets."""
    page, document = nested(depth, "<p>Talks on taiwan ended.</p>")
    assert [(s.name, s.text) for s in document.segments] == [
        ("p[1]", "Shallow."),
        ("p[2]", "Talks on taiwan ended."),
    ]
    taiwan = document.segments[1].to_source(Span(9, 15))
    assert (taiwan.start, page[taiwan.start : taiwan.end]) == (page.index("taiwan"), "taiwan")
    assert document.warnings == ()


@pytest.mark.parametrize("depth", [997, 100_000])
def test_elements_nested_past_a_thousand_levels_are_read_as_plain_text(depth: int) -> None:
    """Past 1,000 open elements the tags are left out and a warning says how many; their
    text is still checked at its offsets (memory stays bounded whatever the nesting)."""
    page, document = nested(depth, "<p>Talks on <b>taiwan</b> ended.</p>")
    # the text joins the innermost element read, the div at the thousandth level
    assert [(s.name, s.text) for s in document.segments] == [
        ("p[1]", "Shallow."),
        ("div[1]", "Talks on taiwan ended."),
    ]
    taiwan = document.segments[1].to_source(Span(9, 15))
    assert (taiwan.start, page[taiwan.start : taiwan.end]) == (page.index("taiwan"), "taiwan")
    left_out = 3 + depth + 2 - 1000  # html, body, article, the divs, p and b
    assert document.warnings == (
        f"{left_out:,} element(s) nested deeper than 1,000 levels were read as if their tags"
        " were not there (their text is checked)",
    )


def test_a_page_within_the_limit_has_no_warning() -> None:
    page = "<html><body><article>" + "<div>" * 200 + "<p>Deep.</p>" + "</div>" * 200
    document = read_html(decode(page.encode(), "deep.html"))
    assert [s.text for s in document.segments] == ["Deep."] and document.warnings == ()


def test_the_headline_element_is_the_first_with_text_and_is_left_out_of_the_body() -> None:
    """The outline pass picks the first candidate with text (an empty microdata headline
    is passed over); the body pass leaves that element out and keeps the blocks around
    it, with their own language."""
    page = (
        '<html lang="en"><body><span itemprop="headline"> </span><article>'
        '<h1 itemprop="headline">Liu meets <i>Kanai</i></h1><p>First.</p>'
        '<p lang="ja">金井正彰局長</p><h2>Later heading</h2></article></body></html>'
    )
    document = read(page)
    assert [(s.kind, s.name, s.text, s.lang) for s in document.segments] == [
        (SegmentKind.HEADLINE, "headline", "Liu meets Kanai", "en"),
        (SegmentKind.BODY, "p[1]", "First.", "en"),
        (SegmentKind.BODY, "p[2]", "金井正彰局長", "ja"),
        (SegmentKind.HEADLINE, "h2[1]", "Later heading", "en"),
    ]
    kanai = document.segments[0].to_source(Span(10, 15))
    assert (kanai.start, page[kanai.start : kanai.end]) == (page.index("Kanai"), "Kanai")


def test_a_json_ld_headline_with_a_line_break_in_its_script_falls_back_to_the_h1() -> None:
    """A JSON-LD headline is used only where its script is one literal run of the
    source (here a CR LF makes it two): else the next candidate, which then stays out
    of the body."""
    script = (
        '<script type="application/ld+json">{"@type": "NewsArticle",\r\n'
        '"headline": "From JSON"}</script>'
    )
    page = f"<html><head>{script}</head><body><h1>From the page</h1><p>Body.</p></body></html>"
    document = read(page)
    assert [(s.name, s.text) for s in document.segments] == [
        ("h1", "From the page"),
        ("p[1]", "Body."),
    ]


def test_a_blockquote_that_is_the_article_body_is_a_marked_quotation() -> None:
    page = (
        '<html><body><blockquote itemprop="articleBody">“We disagree,” he said.'
        "</blockquote></body></html>"
    )
    document = read(page)
    start = page.index("“")
    assert document.marked_quotations == (Span(start, page.index("</blockquote>")),)
