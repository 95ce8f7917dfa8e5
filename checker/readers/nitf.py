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
from dataclasses import dataclass
from typing import Any

from lxml import etree

from checker.dates import date_in_dateline
from checker.document import Document, Segment, SegmentKind
from checker.readers.langtags import canonical_lang
from checker.readers.metadata import metadata_date
from checker.readers.quoted_markup import marked_quotations
from checker.readers.segments import (
    BlockRules,
    Piece,
    SegmentList,
    block_pieces,
    build_segment,
    local_name,
    subtree_pieces,
)
from checker.readers.xml_map import XmlMap
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


@dataclass(frozen=True)
class NitfContent:
    segments: tuple[Segment, ...]
    date: dt.date | None
    date_origin: str | None


def nitf_document(source: SourceFile, tree: etree._ElementTree, text_map: XmlMap) -> Document:
    content = nitf_content(tree.getroot(), text_map)
    return Document(
        source,
        content.segments,
        content.date,
        content.date_origin,
        source.warnings,
        format="xml",
        marked_quotations=marked_quotations(tree.getroot(), text_map),
    )


def nitf_content(nitf: Any, text_map: XmlMap, prefix: str = "") -> NitfContent:
    """The segments and the story date of an `nitf` element (a whole file, or an NITF
    body inside a NewsML-G2 item)."""
    lang = canonical_lang(nitf.get("baselang") or nitf.get(_XML_LANG))
    segments = SegmentList()
    counts: Counter[str] = Counter()

    def emit(block: Any, pieces: list[Piece]) -> None:
        name = local_name(block) or "text"
        segment = build_segment(
            _KINDS.get(name, SegmentKind.BODY),
            pieces,
            _segment_name(prefix, name, counts),
            canonical_lang(block.get(_XML_LANG), lang),
        )
        segments.append(segment)

    has_hl1 = any(local_name(e) == "hl1" for e in nitf.iter())
    for part in nitf:
        name = local_name(part)
        if name == "head" and not has_hl1:
            for title in _children(part, "title"):
                emit(title, subtree_pieces(title, text_map))
        elif name == "body":
            block_pieces(part, text_map, NITF_RULES, emit)
    date, origin = _story_date(nitf)
    return NitfContent(segments.segments(), date, origin)


def _segment_name(prefix: str, name: str, counts: Counter[str]) -> str:
    counts[name] += 1
    return f"{prefix}{name}[{counts[name]}]"


def _children(node: Any, name: str) -> list[Any]:
    return [child for child in node if local_name(child) == name]


def _story_date(nitf: Any) -> tuple[dt.date | None, str | None]:
    for element in nitf.iter():
        name = local_name(element)
        if name in _DATE_SOURCES:
            date = metadata_date(element.get("norm"))
            if date is not None:
                return date, f"metadata ({name})"
    for element in nitf.iter():
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
