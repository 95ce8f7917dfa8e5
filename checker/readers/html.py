"""HTML articles: the headline and the body text, mapped to exact offsets in the source.

The page is read as a stream, never as a tree, so that memory stays a small multiple of
its size whatever its shape (a million one-word paragraphs, elements nested a thousand
deep). libxml2's HTML parser (through lxml, with a parser target: events and no tree; it
never loads external entities) gives the structure, but no offsets; so a tokenizer pass
(`html.parser`, references reported apart) first lays out every run of text of the source
with its offset (`_SourceRuns`), and each text node the parser reports is then found in
that sequence, in document order. Character references are non-literal chunks. The parser
reads the page twice: once for its outline (`_Outline`: which element is the body, which
the headline, the JSON-LD articles, the dates of the metadata), once to stream the body's
blocks into segments as they end (`_PageReader`, with `xml_stream.BlockStream`).

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
import threading
from array import array
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, cast

from lxml import etree

from checker.document import Document, Segment, SegmentKind
from checker.errors import InputError
from checker.model import Span
from checker.readers.langtags import canonical_lang
from checker.readers.metadata import metadata_date
from checker.readers.segments import BlockRules, Piece, build_segment, dateline_date
from checker.readers.xml_stream import BlockStream, Node, local
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
    warnings = list(source.warnings)
    if not source.text.strip():
        return Document(source, (), None, None, tuple(warnings), format="html")
    runs = _SourceRuns(source.text)
    outline = _Outline(runs)
    _parse(source, outline)
    page = _PageReader(runs, outline)
    flattened = _parse(source, page)
    page.finish()
    if flattened:
        warnings.append(
            f"{flattened:,} element(s) nested deeper than {MAX_DEPTH:,} levels were read as"
            " if their tags were not there (their text is checked)"
        )
    if page.unmapped:
        warnings.append(
            f"{page.unmapped} run(s) of text could not be located in the source and"
            " were not checked"
        )
    if page.dropped:
        warnings.append(
            f"{page.dropped:,} characters of text were not checked: markup the parser could"
            " not place"
        )
    found = page.segments()
    date, origin = outline.date()
    if date is None:
        date, origin = dateline_date(found)
    return Document(
        source,
        found,
        date,
        origin,
        tuple(warnings),
        format="html",
        marked_quotations=tuple(sorted(page.quotations())),
    )


_CHUNK = 1 << 16  # characters of the page fed to the parser at a time


def _parse(source: SourceFile, reader: _Pass) -> int:
    """Feed the page to libxml2's HTML parser (which never loads external entities), its
    text nodes and elements going to `reader`; no tree is built. The number of elements
    nested past `MAX_DEPTH`, whose tags were left out, is returned."""
    state = getattr(_thread, "parser", None)
    if state is None:
        # One parser per thread, reused: a parser with a target is a reference cycle
        # (lxml's), which would otherwise wait for the cycle collector with the reader.
        nodes = _TextNodes()
        parser = etree.HTMLParser(
            # the parser gives `str` to a target when it is told the encoding
            target=cast("etree.ParserTarget", nodes),
            encoding="utf-8",
            no_network=True,
            remove_comments=False,
        )
        state = _thread.parser = (parser, nodes)
    parser, nodes = state
    nodes.reader = reader
    text = source.text
    try:
        for start in range(0, len(text), _CHUNK):
            parser.feed(text[start : start + _CHUNK].encode("utf-8"))
        parser.close()
        return nodes.flattened
    except BaseException as exc:
        del _thread.parser  # its state is unknown
        if isinstance(exc, (etree.ParserError, etree.XMLSyntaxError)):
            raise InputError(f"cannot read HTML: {exc}", source.path) from None
        raise
    finally:
        nodes.reset()


_thread = threading.local()


class _Tokens(HTMLParser):
    """Every text run of an HTML source with its offset, references apart, kept compact:
    the runs' texts joined into a few strings as they come, two arrays of offsets, and
    the value of each run that is not literal (a reference or a line ending) with where
    it ends in the source."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.blocks: list[str] = []  # the runs' texts, joined a thousand at a time
        self._parts: list[str] = []
        self.flat_starts = array("q")  # where each run starts in the joined text
        self.src_starts = array("q")  # where each run starts in the source
        self.values: dict[int, tuple[str, int]] = {}  # run: (value, end in the source)
        self.meta_tags: list[tuple[int, str]] = []  # offset, raw start tag of each <meta>
        self._flat_length = 0
        self._line_starts = array("q", [0])
        self._line_starts.extend(m.end() for m in re.finditer("\n", text))

    def position(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.meta_tags.append((self.position(), self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag

    def parse_html_declaration(self, i: int) -> int:
        # `<![` opens no marked section in an HTML page: what follows, to the next `>`, is
        # a bogus comment (HTML5, as libxml2 reads it), where Python's parser would stop
        # at an unknown keyword with an error.
        if self.rawdata.startswith("<![", i):
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1
        return super().parse_html_declaration(i)

    def handle_data(self, data: str) -> None:
        for piece in _literal_runs(data, self.position()):
            self._add(piece)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def close(self) -> None:
        super().close()
        self.blocks.append("".join(self._parts))
        self._parts.clear()

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
            self.values[len(self.src_starts)] = (piece.text, piece.end)
        self.flat_starts.append(self._flat_length)
        self.src_starts.append(piece.start)
        self._flat_length += len(piece.text)
        self._parts.append(piece.text)
        if len(self._parts) == 1000:
            self.blocks.append("".join(self._parts))
            self._parts.clear()


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


class _SourceRuns:
    """The runs of text of an HTML source (`_Tokens`), in which the parser's text nodes
    are found in document order: a node's text is the next place in the joined runs'
    text that holds it, and its `Piece`s are cut from the runs there."""

    def __init__(self, text: str) -> None:
        tokens = _Tokens(text)
        tokens.feed(text)
        tokens.close()
        self.meta_tags = tokens.meta_tags
        self._flat = "".join(tokens.blocks)
        tokens.blocks.clear()
        self._flat_starts, self._src_starts = tokens.flat_starts, tokens.src_starts
        self._values = tokens.values

    def cursor(self) -> _RunCursor:
        return _RunCursor(self._flat)

    def pieces(self, start: int, length: int) -> list[Piece]:
        """The pieces of the joined text at [start, start + length)."""
        end = start + length
        result: list[Piece] = []
        starts = self._flat_starts
        i = bisect.bisect_right(starts, start) - 1
        count = len(starts)
        while i < count and starts[i] < end:
            at = starts[i]
            run_end = starts[i + 1] if i + 1 < count else len(self._flat)
            lo, hi = max(start, at), min(end, run_end)
            text = self._flat[lo:hi]
            src_start = self._src_starts[i]
            value = self._values.get(i)
            if value is not None:
                result.append(Piece(text, src_start, value[1], literal=False))
            else:
                result.append(Piece(text, src_start + lo - at, src_start + hi - at))
            i += 1
        return result


class _RunCursor:
    """One reading of the parser's text nodes against the runs, in document order: where
    each is, and how much text was passed over (the parser left it out) or not found."""

    def __init__(self, flat: str) -> None:
        self._flat = flat
        self._at = 0
        self.unmapped = 0  # text nodes not found
        self.dropped = 0  # characters of text passed over

    def find(self, value: str) -> int:
        """Where the text node starts in the joined runs, or -1."""
        found = self._flat.find(value, self._at)
        if found == -1:
            if value.strip():
                self.unmapped += 1
            return -1
        if found > self._at:
            self.dropped += _visible_length(self._flat, self._at, found)
        self._at = found + len(value)
        return found

    def finish(self) -> None:
        self.dropped += _visible_length(self._flat, self._at, len(self._flat))


def _visible_length(text: str, start: int, end: int) -> int:
    """The characters of text[start:end] that are not white space."""
    return end - start - sum(text.count(c, start, end) for c in " \t\r\n\f")


class _Pass:
    """What one reading of the page does with its text nodes and elements (`depth`: how
    many elements are open, the element itself included)."""

    def opened(self, tag: str, attrib: dict[str, str], depth: int) -> None: ...

    def closed(self, depth: int) -> None: ...

    def other(self) -> None: ...

    def text(self, value: str) -> None: ...


# Elements nested deeper than this are read as if their tags were not there (their text
# still is): an open element costs a reader a few hundred bytes, its tag five.
MAX_DEPTH = 1_000


class _TextNodes:
    """The parser's target, which shows a `_Pass` the page as a tree would hold it: the
    `data` calls between two other events joined into one text node (an element's text,
    or the tail of the element or comment before it), handed over before that next event;
    the text after the root element is not part of the tree."""

    def __init__(self) -> None:
        self.reader = _Pass()
        self._data: list[str] = []
        self._depth = 0
        self.flattened = 0  # elements past `MAX_DEPTH`

    def reset(self) -> None:
        self.reader = _Pass()
        self._data.clear()
        self._depth = 0
        self.flattened = 0

    def data(self, value: str) -> None:
        self._data.append(value)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._text_node()
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self.flattened += 1
        else:
            # lxml's stand-in for no attributes answers `get` slowly: a dict is quicker
            self.reader.opened(tag, attrib or {}, self._depth)

    def end(self, tag: str) -> None:
        self._text_node()
        if self._depth <= MAX_DEPTH:
            self.reader.closed(self._depth)
        self._depth -= 1

    def comment(self, text: str) -> None:
        self._text_node()
        self.reader.other()

    def pi(self, target: str, data: str | None = None) -> None:
        self._text_node()
        self.reader.other()

    def close(self) -> None:
        self._text_node()
        while self._depth:
            self.end("")

    def _text_node(self) -> None:
        if self._data:
            value = "".join(self._data)
            self._data.clear()
            if self._depth and value:
                self.reader.text(value)


def _itemprops(attrib: dict[str, str]) -> list[str]:
    return re.split(r"[ \t\r\n]+", attrib.get("itemprop", "").strip(" \t\r\n"))


# Where the headline element is looked for, in this order: (kind, segment name).
_HEADLINE_ELEMENTS = (("itemprop", "headline"), ("article h1", "h1"), ("h1", "h1"))
# Where the metadata gives the date, in the order tried after JSON-LD (see `_Outline._dates`).
_DATE_ORIGINS = ("article:published_time", "datePublished", "datePublished", "date")


class _Candidate:
    """An open element that may hold the headline: its order, the kinds of candidate it is
    (`_HEADLINE_ELEMENTS`), and whether text was seen in it."""

    __slots__ = ("has_text", "kinds", "order")

    def __init__(self, order: int, kinds: tuple[str, ...]) -> None:
        self.order = order
        self.kinds = kinds
        self.has_text = False


class _Outline(_Pass):
    """The first pass over the page: which element is the body (the first with
    `itemprop="articleBody"`, else `<article>`, `<main>`, `<body>`), where the headline
    is, the JSON-LD articles, and the dates the metadata gives. Elements are known by
    their order of appearance (the second pass sees the same events)."""

    def __init__(self, runs: _SourceRuns) -> None:
        self.runs = runs
        self._cursor = runs.cursor()
        self.count = 0  # elements met
        self.lang: str | None = None
        self.bodies: dict[str, int] = {}  # articleBody, article, main, body: the first
        self.headline_elements: dict[str, int] = {}  # kind: the first with text
        self.title: int | None = None  # the first <title> of the <head>
        self.articles: list[tuple[list[Piece], dict[str, Any]]] = []  # JSON-LD
        self.dates: list[list[str]] = [[] for _ in _DATE_ORIGINS]
        self._names: list[tuple[str, bool]] = []  # open elements: name, a candidate
        self._articles_open = 0
        self._candidates: list[_Candidate] = []  # open elements that may be the headline
        self._script: list[Piece] | None = None  # the text of an open JSON-LD script
        self._script_text: list[str] = []

    def opened(self, tag: str, attrib: dict[str, str], depth: int) -> None:
        self.count += 1
        name = local(tag) or ""
        if self.count == 1:
            self.lang = attrib.get("lang") or attrib.get("xml:lang")
        itemprops = _itemprops(attrib)
        if "articleBody" in itemprops:
            self.bodies.setdefault("articleBody", self.count)
        if name in ("article", "main", "body"):
            self.bodies.setdefault(name, self.count)
        kinds: tuple[str, ...] = ()
        if "headline" in itemprops and tag != "meta":
            kinds += ("itemprop",)
        if name == "h1":
            kinds += ("article h1", "h1") if self._articles_open else ("h1",)
        if kinds:
            self._candidates.append(_Candidate(self.count, kinds))
        if name == "title" and self.title is None and self._names and self._names[-1][0] == "head":
            self.title = self.count
        if name == "script" and attrib.get("type") == "application/ld+json":
            self._script = []
            self._script_text = []
        self._dates(tag, attrib)
        self._articles_open += name == "article"
        self._names.append((name, bool(kinds)))

    def _dates(self, tag: str, attrib: dict[str, str]) -> None:
        found = (
            attrib.get("content")
            if tag == "meta" and attrib.get("property") == _DATE_ORIGINS[0]
            else None,
            attrib.get("content") if attrib.get("itemprop") == "datePublished" else None,
            attrib.get("datetime") if attrib.get("itemprop") == "datePublished" else None,
            attrib.get("content") if tag == "meta" and attrib.get("name") == "date" else None,
        )
        for values, value in zip(self.dates, found, strict=True):
            if value is not None:
                values.append(value)

    def closed(self, depth: int) -> None:
        name, candidate = self._names.pop()
        self._articles_open -= name == "article"
        if candidate:
            ended = self._candidates.pop()
            if ended.has_text:
                for kind in ended.kinds:
                    first = self.headline_elements.get(kind, ended.order)
                    self.headline_elements[kind] = min(first, ended.order)
        if name == "script" and self._script is not None:
            self._json_ld("".join(self._script_text), self._script)
            self._script = None

    def text(self, value: str) -> None:
        found = self._cursor.find(value)
        if self._script is not None:
            self._script_text.append(value)
        if found == -1:
            return
        if self._script is not None:
            self._script.extend(self.runs.pieces(found, len(value)))
        if value.strip():
            # Innermost first: a candidate already marked was open, and so were those
            # around it, when its text came.
            for candidate in reversed(self._candidates):
                if candidate.has_text:
                    break
                candidate.has_text = True

    def _json_ld(self, text: str, pieces: list[Piece]) -> None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's stack
            return
        for item in _json_items(data):
            types = item.get("@type")
            names = {types} if isinstance(types, str) else set(types or ())
            if names & _ARTICLE_TYPES:
                self.articles.append((pieces, item))

    def headline(self) -> tuple[Segment | None, int | None, str]:
        """The headline when JSON-LD or `og:title` gives it; else the element that holds
        it (by order, with the name of its segment), to be read in the second pass."""
        for pieces, article in self.articles:
            value = article.get("headline")
            if isinstance(value, str) and value.strip():
                found = _json_string_pieces(pieces, "headline", value)
                if found:
                    return _headline(found, "json-ld headline"), None, ""
        for kind, name in _HEADLINE_ELEMENTS:
            if kind in self.headline_elements:
                return None, self.headline_elements[kind], name
        og_title = _meta_pieces(self.runs.meta_tags, "property", "og:title")
        if og_title:
            return _headline(og_title, "og:title"), None, ""
        return None, self.title, "title"

    def body(self) -> int | None:
        """The element that holds the story's body, by order."""
        for kind in ("articleBody", "article", "main", "body"):
            if kind in self.bodies:
                return self.bodies[kind]
        return None

    def date(self) -> tuple[dt.date | None, str | None]:
        for _pieces, article in self.articles:
            value = article.get("datePublished")
            date = metadata_date(value) if isinstance(value, str) else None
            if date is not None:
                return date, "metadata (datePublished)"
        for origin, values in zip(_DATE_ORIGINS, self.dates, strict=True):
            for value in values:
                date = metadata_date(value)
                if date is not None:
                    return date, f"metadata ({origin})"
        return None, None


class _PageReader(_Pass):
    """The second pass: the blocks of the body streamed into segments as they end, and
    the headline element's text."""

    def __init__(self, runs: _SourceRuns, outline: _Outline) -> None:
        self._runs = runs
        self._cursor = runs.cursor()
        self._count = 0
        self._lang = canonical_lang(outline.lang)
        self.headline, self._headline_at, self._headline_name = outline.headline()
        self._body_at = outline.body()
        self._body: tuple[Segment, ...] = ()  # the body's segments, once it has ended
        self._quotations: list[Span] = []
        self._stream: BlockStream | None = None  # the body, while it is open
        self._stream_depth = 0
        self._headline_node: Node | None = None
        self._headline_depth = 0
        self._headline_pieces: list[Piece] | None = None  # while the headline is open
        self._counts: Counter[str] = Counter()

    @property
    def unmapped(self) -> int:
        return self._cursor.unmapped

    @property
    def dropped(self) -> int:
        return self._cursor.dropped

    def finish(self) -> None:
        self._cursor.finish()

    def segments(self) -> tuple[Segment, ...]:
        return ((self.headline,) if self.headline is not None else ()) + self._body

    def quotations(self) -> list[Span]:
        return self._quotations

    def opened(self, tag: str, attrib: dict[str, str], depth: int) -> None:
        self._count += 1
        at = self._count
        if self._stream is None and at not in (self._body_at, self._headline_at):
            return
        node = Node(tag, attrib, 0)
        if at == self._headline_at:
            self._headline_node, self._headline_depth = node, depth
            self._headline_pieces = []
        if self._stream is not None:
            self._stream.start(node)
        elif at == self._body_at:
            self._stream = BlockStream(node, HTML_RULES, self._segment_of)
            self._stream_depth = depth

    def closed(self, depth: int) -> None:
        if self._stream is not None:
            if depth == self._stream_depth:
                self._stream.finish()
                self._body = self._stream.segments.segments()
                self._quotations = self._stream.quotations
                self._stream = None  # which refers to this reader
            else:
                self._stream.end()
        if self._headline_pieces is not None and depth == self._headline_depth:
            self.headline = _headline(self._headline_pieces, self._headline_name)
            self._headline_pieces = None

    def other(self) -> None:
        if self._stream is not None:
            self._stream.other()

    def text(self, value: str) -> None:
        found = self._cursor.find(value)
        if found == -1 or (self._stream is None and self._headline_pieces is None):
            return
        pieces = self._runs.pieces(found, len(value))
        if self._headline_pieces is not None:
            self._headline_pieces.extend(pieces)
        if self._stream is not None:
            for piece in pieces:
                self._stream.characters(piece)

    def _segment_of(self, block: Node, pieces: list[Piece]) -> Segment | None:
        if block is self._headline_node:
            return None
        name = local(block.tag) or "text"
        self._counts[name] += 1
        kind = SegmentKind.HEADLINE if name in _HEADINGS else SegmentKind.BODY
        lang = canonical_lang(block.get("lang"), self._lang)
        return build_segment(kind, pieces, f"{name}[{self._counts[name]}]", lang)


def _meta_pieces(meta_tags: list[tuple[int, str]], attribute: str, value: str) -> list[Piece]:
    """The pieces of the `content` of the first <meta> whose `attribute` is `value`."""
    for offset, raw in meta_tags:
        found = _attribute_pieces(raw, offset, attribute)
        if found and "".join(p.text for p in found) == value:
            return _attribute_pieces(raw, offset, "content")
    return []


def _headline(pieces: list[Piece], name: str) -> Segment | None:
    return build_segment(SegmentKind.HEADLINE, pieces, name)


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
