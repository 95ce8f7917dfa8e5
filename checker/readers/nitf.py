"""NITF 3.x (IPTC News Industry Text Format), with or without its namespace.

Headlines are `hedline/hl1` and `hl2` (`head/title` when there is no `hl1`), bylines
and datelines keep their kinds, and every paragraph-like element of `body.head`,
`body.content` and `body.end` is a body segment; inline markup (`em`, `person`, `org`,
`a`, …) is joined into its paragraph. Media metadata is skipped. The story date is
`docdata/date.issue@norm`, else `date.release@norm`, else the dateline's
`story.date@norm` or its text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker.dates import date_in_dateline
from checker.document import Document, Segment, SegmentKind
from checker.readers.langtags import canonical_lang
from checker.readers.metadata import metadata_date
from checker.readers.segments import (
    BlockRules,
    Piece,
    build_segment,
    local_name,
    subtree_pieces,
)
from checker.readers.xml_stream import BlockStream, Node, NodeMap, light_quotations
from checker.source import SourceFile

_KINDS = {
    "hl1": SegmentKind.HEADLINE,
    "hl2": SegmentKind.HEADLINE,
    "title": SegmentKind.HEADLINE,
    "byline": SegmentKind.BYLINE,
    "dateline": SegmentKind.DATELINE,
}
NITF_RULES = BlockRules(
    blocks=frozenset(
        {
            "hl1",
            "hl2",
            "byline",
            "dateline",
            "distributor",
            "p",
            "li",
            "dt",
            "dd",
            "td",
            "th",
            "caption",
            "media-caption",
            "tagline",
            "bibliography",
            "credit",
            "note",
            "abstract",
            "block",
            "bq",
            "fn",
        }
    ),
    skipped=frozenset(
        {"media-reference", "media-metadata", "media-object", "media-producer", "pre", "hr"}
    ),
)
_DATE_SOURCES = ("date.issue", "date.release")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


_DATE_ELEMENTS = frozenset({*_DATE_SOURCES, "story.date", "dateline"})


@dataclass(frozen=True)
class NitfContent:
    segments: tuple[Segment, ...]
    date: dt.date | None
    date_origin: str | None


def nitf_document(source: SourceFile, root: Node) -> Document:
    content = nitf_content(root)
    return Document(
        source,
        content.segments,
        content.date,
        content.date_origin,
        source.warnings,
        format="xml",
        marked_quotations=light_quotations(root),
    )


def nitf_stream(body: Node, nitf: Node, prefix: str = "") -> BlockStream:
    """The stream that reads the blocks of an NITF `body` (of the element `nitf`) into
    segments as they end; their names start with `prefix`."""
    lang = _lang(nitf)
    counts: Counter[str] = Counter()

    def segment_of(block: Node, pieces: list[Piece]) -> Segment | None:
        return _segment(block, pieces, prefix, counts, lang)

    return BlockStream(body, NITF_RULES, segment_of, kept=_DATE_ELEMENTS)


def nitf_content(nitf: Node, prefix: str = "") -> NitfContent:
    """The segments and the story date of an `nitf` element (a whole file, or an NITF
    body inside a NewsML-G2 item) whose bodies were streamed (`nitf_stream`)."""
    lang = _lang(nitf)
    segments: list[Segment] = []
    counts: Counter[str] = Counter()
    has_hl1 = any(
        local_name(e) == "hl1" or (e.stream is not None and "hl1" in e.stream.names)
        for e in nitf.iter()
    )
    for part in nitf:
        name = local_name(part)
        if name == "head" and not has_hl1:
            for title in _children(part, "title"):
                pieces = subtree_pieces(title, NodeMap())
                segment = _segment(title, pieces, prefix, counts, lang)
                if segment is not None:
                    segments.append(segment)
        elif name == "body" and part.stream is not None:
            segments.extend(part.stream.segments.segments())
    date, origin = _story_date(nitf)
    return NitfContent(tuple(segments), date, origin)


def _lang(nitf: Node) -> str:
    return canonical_lang(nitf.get("baselang") or nitf.get(_XML_LANG))


def _segment(
    block: Any, pieces: list[Piece], prefix: str, counts: Counter[str], lang: str
) -> Segment | None:
    name = local_name(block) or "text"
    return build_segment(
        _KINDS.get(name, SegmentKind.BODY),
        pieces,
        _segment_name(prefix, name, counts),
        canonical_lang(block.get(_XML_LANG), lang),
    )


def _segment_name(prefix: str, name: str, counts: Counter[str]) -> str:
    counts[name] += 1
    return f"{prefix}{name}[{counts[name]}]"


def _children(node: Any, name: str) -> list[Any]:
    return [child for child in node if local_name(child) == name]


def _date_elements(nitf: Node) -> Iterator[Node]:
    """The elements that may give the story's date, in document order: those of the
    light tree, and those a streamed body kept."""
    for node in nitf.iter():
        if node.stream is not None:
            yield from node.stream.kept_nodes
        else:
            yield node


def _story_date(nitf: Node) -> tuple[dt.date | None, str | None]:
    for element in _date_elements(nitf):
        name = local_name(element)
        if name in _DATE_SOURCES:
            date = metadata_date(element.get("norm"))
            if date is not None:
                return date, f"metadata ({name})"
    for element in _date_elements(nitf):
        name = local_name(element)
        if name == "story.date":
            date = metadata_date(element.get("norm"))
            if date is not None:
                return date, "metadata (story.date)"
        if name == "dateline":
            date = date_in_dateline("".join(element.itertext()))
            if date is not None:
                return date, "dateline"
    return None, None
