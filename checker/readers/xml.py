"""XML documents, told apart by their root element: NITF, or NewsML-G2 (items,
messages and the other NewsML-G2 documents). Every other root is refused as unsupported.
Both are read in one pass that streams the story's body (`checker.readers.xml_stream`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checker.document import Document
from checker.errors import InputError
from checker.readers.newsml import FRAGMENTS, NEWSML_NAMESPACE, NewsmlStreams, newsml_document
from checker.readers.nitf import nitf_document, nitf_stream
from checker.readers.segments import local_name
from checker.readers.xml_stream import BlockStream, Node, read_light, root_name
from checker.source import SourceFile


def read_xml(source: SourceFile) -> Document:
    streams = _Streams(source.path)
    root = read_light(source, streams, seen=streams.count)
    if streams.newsml is None:
        return nitf_document(source, root)
    return newsml_document(source, root)


class _Streams:
    """Tells the format from the root element as the pass starts, and opens the stream
    of each story body the format reads."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items = 0  # NewsML-G2 items, counted by the check before the pass
        self.newsml: NewsmlStreams | None = None

    def count(self, element: Any) -> None:
        if local_name(element) == "newsitem":
            self.items += 1

    def __call__(self, node: Node, ancestors: Sequence[Node]) -> BlockStream | None:
        if not ancestors:
            self._choose(node)
            return None
        if self.newsml is not None:
            return self.newsml(node, ancestors)
        if len(ancestors) == 1 and local_name(node) == "body":
            return nitf_stream(node, ancestors[0])
        return None

    def _choose(self, root: Node) -> None:
        name = root_name(root)
        namespace = (root.tag or "")[1:].rsplit("}", 1)[0] if "}" in (root.tag or "") else None
        if name == "nitf":
            return
        if namespace == NEWSML_NAMESPACE or name in {"newsItem", "newsMessage"} | FRAGMENTS:
            self.newsml = NewsmlStreams(self.items)
            return
        raise InputError(f"unsupported XML document <{name}>", self.path)
