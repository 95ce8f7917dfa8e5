"""IPTC NewsML-G2: news items (alone, or in a `newsMessage`) and their text.

From each item's `contentMeta`: every `headline` (its `role` in the segment name), the
`dateline`, `by` and `description`; from its `contentSet`: an NITF body or an XHTML body
in `inlineXML`, or plain text in `inlineData`. The story date is `itemMeta/firstCreated`,
else `contentMeta/contentCreated`, else the dateline, else the NITF body's date. Other
NewsML-G2 documents (concept, knowledge, planning or catalog items, fragments) are read
and hold no story text, which a warning says.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from checker.dates import date_in_dateline
from checker.document import Document, Segment, SegmentKind
from checker.readers.html import HTML_RULES
from checker.readers.langtags import canonical_lang
from checker.readers.metadata import metadata_date
from checker.readers.nitf import nitf_content, nitf_stream
from checker.readers.segments import Piece, build_segment, local_name, subtree_pieces
from checker.readers.xml_stream import BlockStream, Node, NodeMap, light_quotations, root_name
from checker.source import SourceFile

NEWSML_NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_META_KINDS = {
    "headline": SegmentKind.HEADLINE,
    "dateline": SegmentKind.DATELINE,
    "by": SegmentKind.BYLINE,
    "description": SegmentKind.BODY,
}


# Parts of an item that IPTC's own examples also publish as documents of their own.
FRAGMENTS = frozenset({"contentMeta", "contentSet"})


class NewsmlStreams:
    """Opens a stream for each story body of a NewsML-G2 document as the pass meets it
    (an NITF or XHTML body in `inlineXML`), its segments named after its item; `items`
    is the number of items in the document."""

    def __init__(self, items: int) -> None:
        self.items = items
        self._number = 0  # of the item being read
        self._html_counts: dict[int, Counter[str]] = {}

    def __call__(self, node: Node, ancestors: Sequence[Node]) -> BlockStream | None:
        name = local_name(node)
        if name == "newsitem":
            self._number += 1
        if name != "body" or len(ancestors) < 2 or local_name(ancestors[-2]) != "inlinexml":
            return None
        prefix = f"item[{self._number}]/" if self.items > 1 else ""
        parent = ancestors[-1]
        if local_name(parent) == "nitf":
            return nitf_stream(node, parent, f"{prefix}nitf/")
        if local_name(parent) != "html":
            return None
        item = next((a for a in reversed(ancestors) if local_name(a) == "newsitem"), None)
        lang = canonical_lang(item.get(_XML_LANG) if item is not None else None)
        counts = self._html_counts.setdefault(id(parent), Counter())

        def segment_of(block: Node, pieces: list[Piece]) -> Segment | None:
            name = local_name(block) or "text"
            counts[name] += 1
            kind = SegmentKind.HEADLINE if name in ("h1", "h2", "h3") else SegmentKind.BODY
            return build_segment(kind, pieces, f"{prefix}html/{name}[{counts[name]}]", lang)

        return BlockStream(node, HTML_RULES, segment_of)


def newsml_document(source: SourceFile, root: Node) -> Document:
    items: list[tuple[list[Any], str | None]] = [
        (list(e), e.get(_XML_LANG)) for e in root.iter() if local_name(e) == "newsitem"
    ]
    if not items and root_name(root) in FRAGMENTS:
        items = [([root], None)]
    segments: list[Segment] = []
    date: dt.date | None = None
    origin: str | None = None
    for number, (parts, lang) in enumerate(items, 1):
        prefix = f"item[{number}]/" if len(items) > 1 else ""
        reader = _ItemReader(parts, canonical_lang(lang), prefix)
        segments.extend(reader.segments())
        if date is None:
            date, origin = reader.date()
    warnings = list(source.warnings)
    if not segments:
        warnings.append(f"NewsML-G2 <{root_name(root)}> holds no story text")
    return Document(
        source,
        tuple(segments),
        date,
        origin,
        tuple(warnings),
        format="xml",
        marked_quotations=light_quotations(root),
    )


class _ItemReader:
    """The text of one item, given its parts (`itemMeta`, `contentMeta`, `contentSet`)."""

    def __init__(self, parts: list[Any], lang: str, prefix: str) -> None:
        self.parts = parts
        self.map = NodeMap()
        self.prefix = prefix
        self.lang = lang
        self.nitf_date: tuple[dt.date | None, str | None] = (None, None)

    def _child(self, node: Any, name: str) -> list[Any]:
        return [c for c in node if local_name(c) == name.lower()]

    def segments(self) -> list[Segment]:
        result: list[Segment] = []
        for meta in self._child(self.parts, "contentMeta"):
            result.extend(self._meta(meta))
        for content_set in self._child(self.parts, "contentSet"):
            for content in content_set:
                result.extend(self._content(content))
        return result

    def _meta(self, meta: Any) -> list[Segment]:
        result = []
        counts: Counter[str] = Counter()
        for element in meta:
            name = local_name(element)
            kind = _META_KINDS.get(name or "")
            if name is None or kind is None:
                continue
            counts[name] += 1
            role = element.get("role")
            label = f"{self.prefix}{name}" + (f"[{role}]" if role else f"[{counts[name]}]")
            segment = build_segment(
                kind,
                subtree_pieces(element, self.map),
                label,
                canonical_lang(element.get(_XML_LANG), self.lang),
            )
            if segment is not None:
                result.append(segment)
        return result

    def _content(self, content: Any) -> list[Segment]:
        name = local_name(content)
        if name == "inlinexml":
            result: list[Segment] = []
            for body in content:
                body_name = local_name(body)
                if body_name == "nitf":
                    found = nitf_content(body, f"{self.prefix}nitf/")
                    result.extend(found.segments)
                    if self.nitf_date[0] is None:
                        self.nitf_date = (found.date, found.date_origin)
                elif body_name == "html":
                    result.extend(self._xhtml(body))
            return result
        if name == "inlinedata":
            segment = build_segment(
                SegmentKind.BODY,
                subtree_pieces(content, self.map),
                f"{self.prefix}inlineData",
                self.lang,
            )
            return [segment] if segment is not None else []
        return []

    def _xhtml(self, html: Any) -> list[Segment]:
        return [
            segment
            for body in self._child(html, "body")
            if body.stream is not None
            for segment in body.stream.segments.segments()
        ]

    def date(self) -> tuple[dt.date | None, str | None]:
        for meta_name, child_name in (
            ("itemMeta", "firstCreated"),
            ("contentMeta", "contentCreated"),
        ):
            for meta in self._child(self.parts, meta_name):
                for element in self._child(meta, child_name):
                    date = metadata_date((element.text or "").strip())
                    if date is not None:
                        return date, f"metadata ({child_name})"
        for meta in self._child(self.parts, "contentMeta"):
            for element in self._child(meta, "dateline"):
                date = date_in_dateline("".join(element.itertext()))
                if date is not None:
                    return date, "dateline"
        return self.nitf_date
