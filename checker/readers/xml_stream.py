"""XML documents read in one pass, the story's body a block at a time.

The bytes are first checked by libxml2 (`checker.xmlsafe.check_xml`: the same refusals
and errors as a full parse, elements freed as they end). One expat pass then reads them
again, reporting every run of character data with its byte offset (`buffer_text =
False`: entity and character references and line endings arrive as runs of their own),
which gives each run its place in `SourceFile.text` and tells literal runs from those a
reference or a normalized line ending stands for.

What is small — metadata, headers, a NewsML-G2 item's parts — becomes a light tree of
`Node`s (tag, attributes, children, and the pieces of each node's text and tail, in the
shapes lxml uses), read afterwards by the readers as a tree. The body of a story, which
may be hundreds of megabytes, is never a tree: where a reader says a body starts
(`open_stream`), its events go to a `BlockStream`, which hands the pieces of each block
to the reader's `emit` as the block ends, as a walk over the tree would (the tests hold
it to one), and keeps only what the reader asks of the rest (which elements occur, the text and
attributes of a few, the spans of quotation elements).
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from lxml import etree

from checker.document import Segment
from checker.errors import InputError
from checker.model import Span
from checker.readers.quoted_markup import QUOTATION_ELEMENTS, marked_quotations
from checker.readers.segments import BlockRules, Piece, SegmentList, separator
from checker.source import SourceFile
from checker.xmlsafe import check_xml, parse_xml

_DECLARED_ENCODING = re.compile(
    r"""\A(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[A-Za-z0-9._:-]+\2""", re.ASCII
)


def xml_bytes(text: str) -> bytes:
    """The decoded text as UTF-8, its XML declaration saying so."""
    return _DECLARED_ENCODING.sub(r"\g<1>\g<2>UTF-8\g<2>", text, count=1).encode("utf-8")


def parse_source(source: SourceFile) -> etree._ElementTree:
    """The hardened parse of a small decoded XML source (whatever encoding it was stored
    in) into an lxml tree."""
    return parse_xml(xml_bytes(source.text), source.path)


def _utf8(source: SourceFile) -> tuple[bytes, bytes]:
    """The source text as UTF-8 twice over: for the expat pass, with its declaration as
    it is (expat is told the encoding, so offsets are those of the text), and for
    libxml2, with a declaration that says UTF-8. One copy when they are the same, and
    none when the file's own bytes are that already."""
    declared = _DECLARED_ENCODING.match(source.text[:1024])
    says_utf8 = declared is None or re.search(r"[\"']utf-8[\"']\Z", declared.group(0), re.I)
    if source.raw is not None and source.encoding == "utf-8" and not source.bom:
        data = source.raw  # already the text as UTF-8 (it was decoded from it strictly)
    else:
        data = source.text.encode("utf-8")
    return data, (data if says_utf8 else xml_bytes(source.text))


class Node:
    """An element (or, with no tag, a comment or processing instruction) of the light
    tree: lxml's names for what the readers use of it."""

    __slots__ = ("attrib", "children", "sourceline", "stream", "tag", "tail_pieces", "text_pieces")

    def __init__(self, tag: str | None, attrib: dict[str, str], sourceline: int) -> None:
        self.tag = tag
        self.attrib = attrib
        self.sourceline = sourceline
        self.children: list[Node] = []
        self.text_pieces: list[Piece] = []
        self.tail_pieces: list[Piece] = []
        self.stream: BlockStream | None = None  # the blocks of a streamed body

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrib.get(key, default)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.children)

    def iter(self) -> Iterator[Node]:
        """The node and every node inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.iter()

    @property
    def text(self) -> str | None:
        return "".join(p.text for p in self.text_pieces) if self.text_pieces else None

    def itertext(self) -> Iterator[str]:
        """The text inside the node, its children's tails included (not its own)."""
        if self.tag is not None:
            yield from (p.text for p in self.text_pieces)
        for child in self.children:
            yield from child.itertext()
            yield from (p.text for p in child.tail_pieces)


class NodeMap:
    """The `TextMap` of a light tree: each node holds its own pieces."""

    def text_pieces(self, node: Node) -> list[Piece]:
        return list(node.text_pieces)

    def tail_pieces(self, node: Node) -> list[Piece]:
        return list(node.tail_pieces)


def root_name(node: Node) -> str:
    """An element's name without its namespace, as written (lxml's `QName.localname`)."""
    return (node.tag or "").rsplit("}", 1)[-1]


def local(tag: str | None) -> str | None:
    """A tag's name without namespace or prefix, lower case (as `segments.local_name`)."""
    if tag is None:
        return None
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


class _Frame:
    """An open element of a streamed body: a block with its run of pieces, an inline
    element, or one whose text is not read (skipped, or a line break)."""

    __slots__ = ("kind", "node", "run")

    def __init__(self, kind: int, node: Node | None = None) -> None:
        self.kind = kind
        self.node = node
        self.run: list[Piece] = []


_BLOCK, _INLINE, _SKIP, _BREAK = range(4)


# The segment a reader makes of a block's pieces, if any (the block is a light `Node`).
SegmentOf = Callable[[Node, list[Piece]], Segment | None]


class BlockStream:
    """The blocks of one element read from events: the text of the element and of every
    block inside it, as each ends, made into a segment by `segment_of` (the order and the
    pieces of a walk over the tree) and collected in `segments`. It also keeps the
    local names of the elements met, the spans of quotation elements, and for elements
    named in `kept` their attributes and text, in document order (`kept_nodes`)."""

    def __init__(
        self,
        root: Node,
        rules: BlockRules,
        segment_of: SegmentOf,
        kept: frozenset[str] = frozenset(),
    ) -> None:
        self.rules = rules
        self.segment_of = segment_of
        self.kept = kept
        self.segments = SegmentList()
        self.names: set[str] = set()
        self.quotations: list[Span] = []
        self.kept_nodes: list[Node] = []
        self._frames = [_Frame(_BLOCK, root)]
        self._blocks = [self._frames[0]]
        self._open_quotations: list[list[int]] = []  # [start, end] of each open one
        if local(root.tag) in QUOTATION_ELEMENTS:
            self._open_quotations.append([-1, -1])
        self._open_kept: list[Node] = []
        self._break_at: int | None = None  # a line break waiting for the text after it

    def start(self, node: Node) -> None:
        self._place_break(None)
        name = local(node.tag)
        if name is not None:
            self.names.add(name)
        top = self._frames[-1]
        if name in QUOTATION_ELEMENTS:
            self._open_quotations.append([-1, -1])
        if name in self.kept:
            self._open_kept.append(node)
            self.kept_nodes.append(node)
        rules = self.rules
        if top.kind in (_SKIP, _BREAK) or name is None or name in rules.skipped:
            frame = _Frame(_SKIP)
        elif name in rules.blocks:
            self._flush(self._blocks[-1])
            frame = _Frame(_BLOCK, node)
            self._blocks.append(frame)
        elif name in rules.breaks:
            frame = _Frame(_BREAK)
        else:
            frame = _Frame(_INLINE)
        frame.node = node
        self._frames.append(frame)

    def end(self) -> None:
        self._place_break(None)
        frame = self._frames.pop()
        name = local(frame.node.tag) if frame.node is not None else None
        if name in QUOTATION_ELEMENTS:
            start, end = self._open_quotations.pop()
            if start >= 0:
                self.quotations.append(Span(start, end))
        if name in self.kept:
            self._open_kept.pop()
        if frame.kind == _BLOCK:
            self._blocks.pop()
            self._flush(frame)
        elif frame.kind == _BREAK and self._frames[-1].kind not in (_SKIP, _BREAK):
            run = self._blocks[-1].run
            self._break_at = run[-1].end if run else 0

    def other(self) -> None:
        """A comment or a processing instruction."""
        self._place_break(None)

    def characters(self, piece: Piece) -> None:
        for span in self._open_quotations:
            if piece.text:
                span[0] = piece.start if span[0] < 0 else span[0]
                span[1] = max(span[1], piece.end)
        for node in self._open_kept:
            node.text_pieces.append(piece)  # its text, descendants' included
        if self._frames[-1].kind in (_SKIP, _BREAK):
            return
        self._place_break(piece.start)
        _add(self._blocks[-1].run, piece)

    def finish(self) -> None:
        self._place_break(None)
        self._flush(self._blocks[0])
        for start, end in self._open_quotations:  # the root's own, if it is one
            if start >= 0:
                self.quotations.append(Span(start, end))
        self._frames.clear()  # the root frame holds the node that holds this stream
        self._blocks.clear()

    def _place_break(self, at: int | None) -> None:
        """Put the waiting line break where the text after it starts, or when no text
        follows, at the end of the run before it."""
        if self._break_at is not None:
            self._blocks[-1].run.append(separator("\n", self._break_at if at is None else at))
            self._break_at = None

    def _flush(self, frame: _Frame) -> None:
        if frame.run and frame.node is not None:
            self.segments.append(self.segment_of(frame.node, frame.run))
            frame.run = []


def _add(pieces: list[Piece], piece: Piece) -> None:
    """Append a piece, merged into the literal piece before it when they touch."""
    if pieces and piece.literal and pieces[-1].literal and pieces[-1].end == piece.start:
        last = pieces[-1]
        if not last.is_separator:
            pieces[-1] = Piece(last.text + piece.text, last.start, piece.end)
            return
    pieces.append(piece)


def light_quotations(root: Node) -> tuple[Span, ...]:
    """The source spans of the quotation elements of a light tree and of its streamed
    bodies, in source order."""
    spans = list(marked_quotations(root, NodeMap()))
    for node in root.iter():
        if node.stream is not None:
            spans.extend(node.stream.quotations)
    return tuple(sorted(spans))


OpenStream = Callable[[Node, Sequence[Node]], BlockStream | None]


class _Offsets:
    """Converts increasing UTF-8 byte offsets of `data` into code-point offsets (the same
    offsets when the text is ASCII, with no decoding)."""

    def __init__(self, data: bytes, ascii_text: bool) -> None:
        self._data = data
        self._ascii = ascii_text
        self._byte = 0
        self._char = 0

    def char(self, byte: int) -> int:
        if self._ascii:
            return byte
        if byte < self._byte:
            return len(self._data[:byte].decode("utf-8"))
        self._char += len(self._data[self._byte : byte].decode("utf-8"))
        self._byte = byte
        return self._char


def read_light(
    source: SourceFile, open_stream: OpenStream, seen: Callable[[Any], None] | None = None
) -> Node:
    """The root of the document's light tree, its streamed bodies read on the way.
    `seen` is shown each element of the check before the pass (an lxml element, freed
    after)."""
    data, declared_utf8 = _utf8(source)
    for element in check_xml(declared_utf8, source.path):
        if seen is not None:
            seen(element)
    del declared_utf8
    return _LightReader(source, data, open_stream).root


class _LightReader:
    def __init__(self, source: SourceFile, data: bytes, open_stream: OpenStream) -> None:
        self._text = source.text
        self._path = source.path
        self._open_stream = open_stream
        self._offsets = _Offsets(data, len(data) == len(source.text))
        self._stack: list[Node] = []
        self._target: list[Piece] | None = None  # where character data goes
        self._stream: BlockStream | None = None
        self._stream_depth = 0
        self.root = Node(None, {}, 0)
        parser = xml.parsers.expat.ParserCreate("UTF-8", "}")
        parser.buffer_text = False
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CommentHandler = self._other
        parser.ProcessingInstructionHandler = self._other
        parser.CharacterDataHandler = self._characters
        self._parser = parser
        try:
            parser.Parse(data, True)
        except xml.parsers.expat.ExpatError as exc:
            raise InputError(
                f"not well-formed XML: {xml.parsers.expat.ErrorString(exc.code)}",
                self._path,
                exc.lineno,
                exc.offset + 1,
            ) from None
        finally:
            # The handlers refer to the parser and to this reader: break the cycle.
            for handler in (
                "StartElementHandler",
                "EndElementHandler",
                "CommentHandler",
                "ProcessingInstructionHandler",
                "CharacterDataHandler",
            ):
                setattr(parser, handler, None)
            del self._parser

    def _node(self, tag: str, attributes: dict[str, str]) -> Node:
        attrib = {_lxml_name(k): v for k, v in attributes.items()}
        return Node(_lxml_name(tag), attrib, self._parser.CurrentLineNumber)

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        node = self._node(tag, attributes)
        if self._stream is not None:
            self._stream_depth += 1
            self._stream.start(node)
            return
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.root = node
        stream = self._open_stream(node, self._stack)
        if stream is not None:
            node.stream = stream
            self._stream = stream
            self._stream_depth = 0
            self._target = None
        else:
            self._target = node.text_pieces
        self._stack.append(node)

    def _end(self, _tag: str) -> None:
        if self._stream is not None:
            if self._stream_depth:
                self._stream_depth -= 1
                self._stream.end()
                return
            self._stream.finish()
            self._stream = None
        node = self._stack.pop()
        self._target = node.tail_pieces if self._stack else None

    def _other(self, *_args: Any) -> None:
        if self._stream is not None:
            self._stream.other()
        elif self._stack:
            node = Node(None, {}, self._parser.CurrentLineNumber)
            self._stack[-1].children.append(node)
            self._target = node.tail_pieces

    def _characters(self, value: str) -> None:
        if self._stream is None and self._target is None:
            return
        start = self._offsets.char(self._parser.CurrentByteIndex)
        end, literal = self._locate(value, start)
        piece = Piece(value, start, end, literal)
        if self._stream is not None:
            self._stream.characters(piece)
        elif self._target is not None:
            _add(self._target, piece)

    def _locate(self, value: str, start: int) -> tuple[int, bool]:
        """Where character data reported at `start` ends in the source, and whether it
        is literal there (not a reference or a line ending the parser normalized)."""
        text = self._text
        if text.startswith(value, start):
            return start + len(value), True
        if text.startswith("&", start):
            end = text.find(";", start)
            if end != -1:
                return end + 1, False
        if value == "\n" and text.startswith("\r", start):
            return start + (2 if text.startswith("\r\n", start) else 1), False
        raise InputError("cannot map XML text to the source", self._path)


def _lxml_name(name: str) -> str:
    """expat's `namespace}local` as lxml's `{namespace}local`."""
    return "{" + name if "}" in name else name
