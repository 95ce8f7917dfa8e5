"""The source map of an XML document: where each text node stands in the source text.

lxml gives the structure but no character offsets. An expat pass over the same text,
with `buffer_text = False`, reports every run of character data with its byte offset;
entity and character references and line endings arrive as runs of their own. The
expat pass reads the decoded source text encoded as UTF-8 (the document's declared
encoding is overridden), so byte offsets are converted once, in order, into code-point
offsets of `SourceFile.text`. Nodes are matched to lxml's by document order (elements,
comments and processing instructions inside the root), and the text each node gets from
the map is checked against lxml's: a mismatch is an error, never a wrong position.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from array import array
from typing import Any

from lxml import etree

from checker.errors import InputError
from checker.readers.segments import Piece, local_name
from checker.source import SourceFile
from checker.xmlsafe import parse_xml

_DECLARED_ENCODING = re.compile(
    r"""\A(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[A-Za-z0-9._:-]+\2""", re.ASCII
)


def xml_bytes(text: str) -> bytes:
    """The decoded text as UTF-8, its XML declaration saying so."""
    return _DECLARED_ENCODING.sub(r"\g<1>\g<2>UTF-8\g<2>", text, count=1).encode("utf-8")


def parse_source(source: SourceFile) -> etree._ElementTree:
    """The hardened parse of a decoded XML source (whatever encoding it was stored in)."""
    return parse_xml(xml_bytes(source.text), source.path)


def parse_mapped(source: SourceFile) -> tuple[etree._ElementTree, XmlMap]:
    """The hardened parse of a decoded XML source and its source map, from one UTF-8
    copy of the text when its declaration (if any) already says UTF-8: a large document
    is then encoded once, not twice."""
    if source.raw is not None and source.encoding == "utf-8" and not source.bom:
        data = source.raw  # already the text as UTF-8 (it was decoded from it strictly)
    else:
        data = source.text.encode("utf-8")
    declared = _DECLARED_ENCODING.match(source.text[:1024])
    if declared is not None and not re.search(r"[\"']utf-8[\"']\Z", declared.group(0), re.I):
        tree = parse_source(source)
    else:
        tree = parse_xml(data, source.path)
    return tree, XmlMap(tree, source.text, source.path, data)


_HANDLERS = (
    "StartElementHandler",
    "EndElementHandler",
    "CommentHandler",
    "ProcessingInstructionHandler",
    "CharacterDataHandler",
)


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


class XmlMap:
    """Pieces of the text and the tail of every node of a parsed XML document.

    The map holds offsets, not text: each piece is its start and end in the source text
    (in two arrays, merged with the piece before it when they touch), and only a
    reference or a line ending keeps the value it stands for. `Piece`s are made when a
    reader asks for a node's text, so that a large document costs a few integers per
    text node rather than an object and a copy of its text."""

    def __init__(
        self, tree: etree._ElementTree, text: str, path: str, data: bytes | None = None
    ) -> None:
        self._text = text
        self._path = path
        root = tree.getroot()
        self._nodes: list[Any] = list(root.iter())
        self._index = {node: i for i, node in enumerate(self._nodes)}
        self._piece_starts = array("q")
        self._piece_ends = array("q")
        self._values: dict[int, str] = {}  # non-literal pieces: what they stand for
        # Node i's text is pieces [_ranges[4i], _ranges[4i+1]), its tail [4i+2, 4i+3).
        self._ranges = array("q", bytes(8 * 4 * len(self._nodes)))
        self._starts = array("q")
        self._scan(text.encode("utf-8") if data is None else data)
        self._verify()

    def text_pieces(self, node: Any) -> list[Piece]:
        return self._pieces(4 * self._index[node])

    def tail_pieces(self, node: Any) -> list[Piece]:
        return self._pieces(4 * self._index[node] + 2)

    def start_offset(self, node: Any) -> int:
        """Offset of the '<' that opens the node."""
        return self._starts[self._index[node]]

    def _pieces(self, slot: int) -> list[Piece]:
        return [self._piece(k) for k in range(self._ranges[slot], self._ranges[slot + 1])]

    def _piece(self, k: int) -> Piece:
        start, end = self._piece_starts[k], self._piece_ends[k]
        value = self._values.get(k)
        if value is None:
            return Piece(self._text[start:end], start, end)
        return Piece(value, start, end, literal=False)

    def _fail(self, message: str, node: Any | None = None) -> InputError:
        line = node.sourceline if node is not None and isinstance(node.sourceline, int) else None
        return InputError(message, self._path, line)

    def _scan(self, data: bytes) -> None:
        """Record the pieces of every node from an expat pass over `data`, the text as
        UTF-8 (declaration unchanged: the offsets are those of the text)."""
        offsets = _Offsets(data, len(data) == len(self._text))
        parser = xml.parsers.expat.ParserCreate(encoding="UTF-8")
        parser.buffer_text = False
        stack: list[int] = []
        # Where character data goes: 4 * node + 0 (its text) or + 2 (its tail); -1 none.
        slot = [-1]
        ranges, starts, ends = self._ranges, self._piece_starts, self._piece_ends

        def open_node() -> int:
            index = len(self._starts)
            self._starts.append(offsets.char(parser.CurrentByteIndex))
            return index

        def start(_name: str, _attributes: Any) -> None:
            index = open_node()
            stack.append(index)
            slot[0] = 4 * index

        def end(_name: str) -> None:
            index = stack.pop()
            slot[0] = 4 * index + 2 if stack else -1

        def leaf(*_args: Any) -> None:
            if stack:
                slot[0] = 4 * open_node() + 2

        def characters(value: str) -> None:
            at = slot[0]
            if at < 0 or at >= len(ranges):
                return
            start_at = offsets.char(parser.CurrentByteIndex)
            end_at, literal = self._locate(value, start_at)
            count = len(starts)
            if ranges[at + 1] == 0 and ranges[at] == 0:
                ranges[at] = ranges[at + 1] = count
            elif (
                literal
                and ranges[at + 1] == count
                and count - 1 not in self._values
                and ends[count - 1] == start_at
            ):
                ends[count - 1] = end_at  # touches the literal piece before it
                return
            if not literal:
                self._values[count] = value
            starts.append(start_at)
            ends.append(end_at)
            ranges[at + 1] = count + 1

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CommentHandler = leaf
        parser.ProcessingInstructionHandler = leaf
        parser.CharacterDataHandler = characters
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
            # The handlers refer to the parser: without this the cycle keeps the pass's
            # garbage alive until the next full collection, well into the checks.
            for handler in _HANDLERS:
                setattr(parser, handler, None)

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

    def _verify(self) -> None:
        if len(self._starts) != len(self._nodes):
            raise self._fail("cannot map XML nodes to the source (structure differs)")
        for i, node in enumerate(self._nodes):
            if local_name(node) is not None and not self._spells(4 * i, node.text):
                raise self._fail(f"cannot map the text of <{local_name(node)}>", node)
            if i and not self._spells(4 * i + 2, node.tail):
                raise self._fail("cannot map the text after a node to the source", node)

    def _spells(self, slot: int, text: str | None) -> bool:
        """Do the pieces of a slot spell `text` (None: no text)? Without copying the
        source in the common case of one literal piece."""
        low, high = self._ranges[slot], self._ranges[slot + 1]
        if low == high:
            return not text
        if text is None:
            return False
        if high - low == 1 and low not in self._values:
            start, end = self._piece_starts[low], self._piece_ends[low]
            return end - start == len(text) and self._text.startswith(text, start)
        return "".join(piece.text for piece in self._pieces(slot)) == text
