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
    """Converts increasing UTF-8 byte offsets of `data` into code-point offsets."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._byte = 0
        self._char = 0

    def char(self, byte: int) -> int:
        if byte < self._byte:
            return len(self._data[:byte].decode("utf-8"))
        self._char += len(self._data[self._byte : byte].decode("utf-8"))
        self._byte = byte
        return self._char


class XmlMap:
    """Pieces of the text and the tail of every node of a parsed XML document."""

    def __init__(
        self, tree: etree._ElementTree, text: str, path: str, data: bytes | None = None
    ) -> None:
        self._text = text
        self._path = path
        root = tree.getroot()
        self._nodes: list[Any] = list(root.iter())
        self._index = {node: i for i, node in enumerate(self._nodes)}
        self._texts: dict[int, list[Piece]] = {}
        self._tails: dict[int, list[Piece]] = {}
        self._starts: list[int] = []
        self._scan(text.encode("utf-8") if data is None else data)
        self._verify()

    def text_pieces(self, node: Any) -> list[Piece]:
        return self._texts.get(self._index[node], [])

    def tail_pieces(self, node: Any) -> list[Piece]:
        return self._tails.get(self._index[node], [])

    def start_offset(self, node: Any) -> int:
        """Offset of the '<' that opens the node."""
        return self._starts[self._index[node]]

    def _fail(self, message: str, node: Any | None = None) -> InputError:
        line = node.sourceline if node is not None and isinstance(node.sourceline, int) else None
        return InputError(message, self._path, line)

    def _scan(self, data: bytes) -> None:
        """Record the pieces of every node from an expat pass over `data`, the text as
        UTF-8 (declaration unchanged: the offsets are those of the text)."""
        offsets = _Offsets(data)
        parser = xml.parsers.expat.ParserCreate(encoding="UTF-8")
        parser.buffer_text = False
        stack: list[int] = []
        slot: list[tuple[int, bool] | None] = [None]

        def open_node() -> int:
            index = len(self._starts)
            self._starts.append(offsets.char(parser.CurrentByteIndex))
            return index

        def start(_name: str, _attributes: Any) -> None:
            index = open_node()
            stack.append(index)
            slot[0] = (index, False)

        def end(_name: str) -> None:
            index = stack.pop()
            slot[0] = (index, True) if stack else None

        def leaf(*_args: Any) -> None:
            if stack:
                slot[0] = (open_node(), True)

        def characters(data: str) -> None:
            if slot[0] is None:
                return
            start_at = offsets.char(parser.CurrentByteIndex)
            target = self._tails if slot[0][1] else self._texts
            target.setdefault(slot[0][0], []).append(self._piece(data, start_at))

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

    def _piece(self, data: str, start: int) -> Piece:
        text = self._text
        if text.startswith(data, start):
            return Piece(data, start, start + len(data))
        if text.startswith("&", start):
            end = text.find(";", start)
            if end != -1:
                return Piece(data, start, end + 1, literal=False)
        if data == "\n" and text.startswith("\r", start):
            width = 2 if text.startswith("\r\n", start) else 1
            return Piece(data, start, start + width, literal=False)
        raise InputError("cannot map XML text to the source", self._path)

    def _verify(self) -> None:
        if len(self._starts) != len(self._nodes):
            raise self._fail("cannot map XML nodes to the source (structure differs)")
        for i, node in enumerate(self._nodes):
            if local_name(node) is not None:
                mapped = "".join(p.text for p in self._texts.get(i, []))
                if mapped != (node.text or ""):
                    raise self._fail(f"cannot map the text of <{local_name(node)}>", node)
            if i:
                mapped = "".join(p.text for p in self._tails.get(i, []))
                if mapped != (node.tail or ""):
                    raise self._fail("cannot map the text after a node to the source", node)
