"""HTML articles: the headline and the body text, mapped to exact offsets in the source.

The structure comes from `lxml.html` (libxml2's HTML parser, which never loads external
entities). It gives no offsets, so a tokenizer pass (`html.parser`, references reported
apart) lays out every text run of the source with its offset; lxml's text nodes are then
found in that sequence in document order. Character references are non-literal chunks.

The headline is, in this order: JSON-LD `NewsArticle` (or any `Article` type)
`headline`, microdata `itemprop="headline"`, the article's `<h1>`, `og:title`, `<title>`.
The body is the `articleBody`, else the first `<article>`, else `<main>`, else `<body>`;
scripts, styles, navigation, headers, footers, asides, forms and code are skipped. The
story date is JSON-LD `datePublished`, else `article:published_time`, else microdata
`datePublished`, else a dateline in the text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import json
import re
from array import array
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import lxml.html
from lxml import etree

from checker.document import Document, Segment, SegmentKind
from checker.errors import InputError
from checker.readers.langtags import canonical_lang
from checker.readers.metadata import metadata_date
from checker.readers.quoted_markup import marked_quotations
from checker.readers.segments import (
    BlockRules,
    Piece,
    SegmentList,
    block_pieces,
    build_segment,
    dateline_date,
    local_name,
    subtree_pieces,
)
from checker.source import SourceFile

HTML_RULES = BlockRules(
    blocks=frozenset(
        {
            "address",
            "article",
            "blockquote",
            "body",
            "caption",
            "dd",
            "details",
            "div",
            "dl",
            "dt",
            "figcaption",
            "figure",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hgroup",
            "li",
            "main",
            "ol",
            "p",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "tr",
            "ul",
        }
    ),
    skipped=frozenset(
        {
            "aside",
            "audio",
            "button",
            "canvas",
            "code",
            "footer",
            "form",
            "head",
            "header",
            "iframe",
            "kbd",
            "map",
            "math",
            "nav",
            "noscript",
            "object",
            "pre",
            "samp",
            "script",
            "select",
            "style",
            "svg",
            "template",
            "textarea",
            "video",
        }
    ),
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "ScholarlyArticle",
        "Report",
    }
)


def read_html(source: SourceFile) -> Document:
    data = source.text.encode("utf-8")
    warnings = list(source.warnings)
    if not source.text.strip():
        return Document(source, (), None, None, tuple(warnings), format="html")
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=False)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError) as exc:
        raise InputError(f"cannot read HTML: {exc}", source.path) from None
    del data  # parsed: the UTF-8 copy is no longer needed
    text_map = HtmlMap(source.text, root)
    if text_map.unmapped:
        warnings.append(
            f"{text_map.unmapped} run(s) of text could not be located in the source and"
            " were not checked"
        )
    if text_map.dropped:
        why = (
            f"elements nested {text_map.depth} deep, past the parser's limit of "
            f"{PARSER_DEPTH_LIMIT}"
            if text_map.depth > PARSER_DEPTH_LIMIT
            else "markup the parser could not place"
        )
        warnings.append(f"{text_map.dropped:,} characters of text were not checked: {why}")
    page = _Page(root, text_map)
    segments = SegmentList()
    headline, headline_element = page.headline()
    segments.append(headline)
    body_root = page.body_root()
    lang = canonical_lang(root.get("lang") or root.get(_XML_LANG))
    counts: Counter[str] = Counter()

    def emit(block: Any, pieces: list[Piece]) -> None:
        if block is headline_element:
            return
        name = local_name(block) or "text"
        counts[name] += 1
        kind = SegmentKind.HEADLINE if name in _HEADINGS else SegmentKind.BODY
        segment = build_segment(
            kind, pieces, f"{name}[{counts[name]}]", canonical_lang(block.get("lang"), lang)
        )
        segments.append(segment)

    if body_root is not None:
        block_pieces(body_root, text_map, HTML_RULES, emit)
    found = segments.segments()
    date, origin = page.date()
    if date is None:
        date, origin = dateline_date(found)
    return Document(
        source,
        found,
        date,
        origin,
        tuple(warnings),
        format="html",
        marked_quotations=marked_quotations(body_root, text_map) if body_root is not None else (),
    )


_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# libxml2's HTML parser leaves out what is nested deeper than this.
PARSER_DEPTH_LIMIT = 255


class _Tokens(HTMLParser):
    """Every text run of an HTML source with its offset; references apart. A run is
    kept as offsets (in arrays) and its text as the parser reads it, to be joined once;
    only a reference or a line ending keeps the value it stands for."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.parts: list[str] = []  # each run's text as the parser reads it
        self.src_starts = array("q")
        self.src_ends = array("q")
        self.values: dict[int, str] = {}  # runs that are not literal: their value
        self.meta_tags: list[tuple[int, str]] = []  # offset, raw start tag of each <meta>
        self._open: list[str] = []
        self.depth = 0  # the deepest nesting of elements
        self._line_starts = array("q", [0])
        self._line_starts.extend(m.end() for m in re.finditer("\n", text))

    def position(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.meta_tags.append((self.position(), self.get_starttag_text() or ""))
        if tag not in _VOID:
            self._open.append(tag)
            self.depth = max(self.depth, len(self._open))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.meta_tags.append((self.position(), self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for piece in _literal_runs(data, self.position()):
            self._add(piece)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, head: str) -> None:
        start = self.position()
        end = start + len(head)
        if self.text.startswith(";", end):
            end += 1
        raw = self.text[start:end]
        value = html.unescape(raw)
        self._add(Piece(value, start, end, literal=value == raw))

    def _add(self, piece: Piece) -> None:
        if not piece.literal:
            self.values[len(self.parts)] = piece.text
        self.parts.append(piece.text)
        self.src_starts.append(piece.start)
        self.src_ends.append(piece.end)


def _literal_runs(data: str, start: int) -> Iterator[Piece]:
    """Text as written, with each CR LF or lone CR a non-literal line feed (as the HTML
    parser reads it)."""
    last = 0
    for match in re.finditer("\r\n?", data):
        if match.start() > last:
            yield Piece(data[last : match.start()], start + last, start + match.start())
        yield Piece("\n", start + match.start(), start + match.end(), literal=False)
        last = match.end()
    if last < len(data):
        yield Piece(data[last:], start + last, start + len(data))


class HtmlMap:
    """Pieces of the text and tail of every lxml.html node, found in the token sequence.

    The runs' texts are joined into one string (`_flat`); a node's text is kept as where
    it starts in that string and its length, and its `Piece`s are made when a reader asks
    for them, so that a large page costs a few integers per text node."""

    def __init__(self, text: str, root: Any) -> None:
        tokens = _Tokens(text)
        tokens.feed(text)
        tokens.close()
        self.meta_tags = tokens.meta_tags
        self._src_starts, self._src_ends = tokens.src_starts, tokens.src_ends
        self._values = tokens.values
        self._starts = array("q")  # where each run starts in `_flat`
        position = 0
        for part in tokens.parts:
            self._starts.append(position)
            position += len(part)
        self._flat = "".join(tokens.parts)
        tokens.parts.clear()
        self._texts: dict[Any, tuple[int, int]] = {}  # node: (start in `_flat`, length)
        self._tails: dict[Any, tuple[int, int]] = {}
        self.unmapped = 0
        self.dropped = 0  # characters of text the parser left out (too deeply nested)
        self.depth = tokens.depth
        self._cursor = 0
        self._align(root)

    def text_pieces(self, node: Any) -> list[Piece]:
        found = self._texts.get(node)
        return self._slice(*found) if found else []

    def tail_pieces(self, node: Any) -> list[Piece]:
        found = self._tails.get(node)
        return self._slice(*found) if found else []

    def _align(self, root: Any) -> None:
        for node, is_tail, value in _text_nodes(root):
            if not value:
                continue
            found = self._flat.find(value, self._cursor)
            if found == -1:
                if value.strip():
                    self.unmapped += 1
                continue
            self.dropped += _visible_length(self._flat, self._cursor, found)
            (self._tails if is_tail else self._texts)[node] = (found, len(value))
            self._cursor = found + len(value)
        self.dropped += _visible_length(self._flat, self._cursor, len(self._flat))

    def _slice(self, start: int, length: int) -> list[Piece]:
        end = start + length
        result: list[Piece] = []
        i = bisect.bisect_right(self._starts, start) - 1
        count = len(self._starts)
        while i < count and self._starts[i] < end:
            at = self._starts[i]
            run_end = self._starts[i + 1] if i + 1 < count else len(self._flat)
            lo, hi = max(start, at), min(end, run_end)
            text = self._flat[lo:hi]
            src_start = self._src_starts[i]
            if i in self._values:
                result.append(Piece(text, src_start, self._src_ends[i], literal=False))
            else:
                result.append(Piece(text, src_start + lo - at, src_start + hi - at))
            i += 1
        return result


def _visible_length(text: str, start: int, end: int) -> int:
    """The characters of text[start:end] that are not white space."""
    return end - start - sum(text.count(c, start, end) for c in " \t\r\n\f")


def _text_nodes(node: Any) -> Iterator[tuple[Any, bool, str | None]]:
    """(node, is_tail, text) for every text node in document order."""
    if local_name(node) is not None:
        yield node, False, node.text
    for child in node:
        yield from _text_nodes(child)
        yield child, True, child.tail


class _Page:
    """Where an HTML page keeps its headline, body and date."""

    def __init__(self, root: Any, text_map: HtmlMap) -> None:
        self.root = root
        self.map = text_map
        self.articles = list(_json_ld_articles(root))

    def body_root(self) -> Any | None:
        for path in (
            '//*[contains(concat(" ", normalize-space(@itemprop), " "), " articleBody ")]',
            "//article",
            "//main",
            "//body",
        ):
            found = self.root.xpath(path)
            if found:
                return found[0]
        return None

    def headline(self) -> tuple[Segment | None, Any | None]:
        for script, article in self.articles:
            value = article.get("headline")
            if isinstance(value, str) and value.strip():
                pieces = _json_string_pieces(self.map.text_pieces(script), "headline", value)
                if pieces:
                    return _headline(pieces, "json-ld headline"), None
        for path, name in (
            ('//*[contains(concat(" ", normalize-space(@itemprop), " "), " headline ")]', None),
            ("//article//h1", "h1"),
            ("//h1", "h1"),
        ):
            for element in self.root.xpath(path):
                if element.tag == "meta":
                    continue
                segment = _headline(subtree_pieces(element, self.map), name or "headline")
                if segment is not None:
                    return segment, element
        og_title = self._meta_pieces("property", "og:title")
        if og_title:
            return _headline(og_title, "og:title"), None
        for title in self.root.xpath("//head/title"):
            return _headline(subtree_pieces(title, self.map), "title"), title
        return None, None

    def date(self) -> tuple[dt.date | None, str | None]:
        for _script, article in self.articles:
            value = article.get("datePublished")
            date = metadata_date(value) if isinstance(value, str) else None
            if date is not None:
                return date, "metadata (datePublished)"
        for path, origin in (
            ('//meta[@property="article:published_time"]/@content', "article:published_time"),
            ('//*[@itemprop="datePublished"]/@content', "datePublished"),
            ('//*[@itemprop="datePublished"]/@datetime', "datePublished"),
            ('//meta[@name="date"]/@content', "date"),
        ):
            for value in self.root.xpath(path):
                date = metadata_date(str(value))
                if date is not None:
                    return date, f"metadata ({origin})"
        return None, None

    def _meta_pieces(self, attribute: str, value: str) -> list[Piece]:
        for offset, raw in self.map.meta_tags:
            found = _attribute_pieces(raw, offset, attribute)
            if found and "".join(p.text for p in found) == value:
                return _attribute_pieces(raw, offset, "content")
        return []


def _headline(pieces: list[Piece], name: str) -> Segment | None:
    return build_segment(SegmentKind.HEADLINE, pieces, name)


def _json_ld_articles(root: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's stack
            continue
        for item in _json_items(data):
            types = item.get("@type")
            names = {types} if isinstance(types, str) else set(types or ())
            if names & _ARTICLE_TYPES:
                yield script, item


def _json_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_items(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_items(data.get("@graph"))


_JSON_STRING = r'"((?:[^"\\]|\\.)*)"'
_JSON_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})?|.)")


def _json_string_pieces(script: list[Piece], key: str, value: str) -> list[Piece]:
    """The pieces of the JSON string value of `key` in a script's text, escapes
    non-literal; empty when no such key holds `value`."""
    if len(script) != 1 or not script[0].literal:
        return []
    text, base = script[0].text, script[0].start
    for match in re.finditer(rf'"{re.escape(key)}"\s*:\s*{_JSON_STRING}', text):
        raw = match.group(1)
        if json.loads(f'"{raw}"') != value:
            continue
        pieces: list[Piece] = []
        start = base + match.start(1)
        last = 0
        for escape in _JSON_ESCAPE.finditer(raw):
            if escape.start() > last:
                pieces.append(
                    Piece(raw[last : escape.start()], start + last, start + escape.start())
                )
            pieces.append(
                Piece(
                    json.loads(f'"{escape.group(0)}"'),
                    start + escape.start(),
                    start + escape.end(),
                    literal=False,
                )
            )
            last = escape.end()
        if last < len(raw):
            pieces.append(Piece(raw[last:], start + last, start + len(raw)))
        return pieces
    return []


def _attribute_pieces(raw_tag: str, offset: int, name: str) -> list[Piece]:
    """The pieces of an attribute value inside a start tag written at `offset`."""
    match = re.search(
        rf"""\s{re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
        raw_tag,
        re.IGNORECASE,
    )
    if not match:
        return []
    group = next(g for g in (1, 2, 3) if match.group(g) is not None)
    value, start = match.group(group), offset + match.start(group)
    pieces: list[Piece] = []
    last = 0
    for reference in re.finditer(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?", value):
        decoded = html.unescape(reference.group(0))
        if decoded == reference.group(0):
            continue
        if reference.start() > last:
            pieces.append(
                Piece(value[last : reference.start()], start + last, start + reference.start())
            )
        pieces.append(Piece(decoded, start + reference.start(), start + reference.end(), False))
        last = reference.end()
    if last < len(value):
        pieces.append(Piece(value[last:], start + last, start + len(value)))
    return pieces
