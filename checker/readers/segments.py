"""Building segments from mapped pieces of text, shared by the markup readers.

A reader that knows where each run of text stands in the source (`Piece`) hands the
runs of one block (a paragraph, a headline) to `build_segment`, which joins them into the
segment text the checks see and keeps the map: literal runs that touch in the source
merge into one chunk, and a run of white space that holds a line break or a tab (the
wrapping of a paragraph in the file) becomes a single space mapped to the whole run, so
that a wrapped line never looks like a new paragraph to the checks.

`subtree_pieces` gathers the pieces of an element of a tree (lxml, or the light tree of
`xml_stream`), given a `TextMap` that says where the text and the tail of each node are in
the source; the bodies of stories are read as streams of events (`xml_stream.BlockStream`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from checker.dates import DATELINE_REACH, date_in_dateline
from checker.document import JOINED_PARAGRAPHS, ChunkTable, Segment, SegmentKind


@dataclass(frozen=True, slots=True)
class Piece:
    """Text that stands at [start, end) of the source text. A literal piece is the same
    characters in the source; a non-literal one came from a reference or a line ending.
    A non-literal piece with start == end is a separator the reader inserted (a line
    break written as markup)."""

    text: str
    start: int
    end: int
    literal: bool = True

    @property
    def is_separator(self) -> bool:
        return not self.literal and self.start == self.end


def separator(text: str, at: int) -> Piece:
    return Piece(text, at, at, literal=False)


_BREAKING = re.compile(r"[\n\r\t\f\v\u2028\u2029]")
# The white space `_normalized` may change: at either end of a piece, or holding a break.
# Single spaces between words are left inside their run of text (a unit per word would
# cost a Python object per word of a 200 MB document).
_SPACE_RUN = re.compile(r"\A\s+|\s+\Z|\s*[\n\r\t\f\v\u2028\u2029]\s*")


def _units(pieces: Sequence[Piece]) -> Iterator[Piece]:
    """Literal pieces split into runs of white space that may change (see `_SPACE_RUN`)
    and runs of text between them."""
    for piece in pieces:
        if not piece.literal or not piece.text:
            if piece.text:
                yield piece
            continue
        last = 0
        for match in _SPACE_RUN.finditer(piece.text):
            if match.start() > last:
                yield Piece(
                    piece.text[last : match.start()],
                    piece.start + last,
                    piece.start + match.start(),
                )
            yield Piece(match.group(0), piece.start + match.start(), piece.start + match.end())
            last = match.end()
        if last < len(piece.text):
            yield Piece(piece.text[last:], piece.start + last, piece.end)


def _is_space(piece: Piece) -> bool:
    return not piece.is_separator and piece.text.isspace()


def _normalized(pieces: Sequence[Piece]) -> list[Piece]:
    """White space trimmed at both ends and around separators; runs with a line break
    or a tab collapsed into one space."""
    units = list(_units(pieces))
    result: list[Piece] = []
    i = 0
    while i < len(units):
        if not _is_space(units[i]):
            result.append(units[i])
            i += 1
            continue
        j = i
        while j < len(units) and _is_space(units[j]):
            j += 1
        run = units[i:j]
        at_edge = i == 0 or j == len(units)
        next_to_separator = (i > 0 and units[i - 1].is_separator) or (
            j < len(units) and units[j].is_separator
        )
        if not at_edge and not next_to_separator:
            if _BREAKING.search("".join(u.text for u in run)):
                result.append(Piece(" ", run[0].start, run[-1].end, literal=False))
            else:
                result.extend(run)
        i = j
    return result


def build_segment(
    kind: SegmentKind,
    pieces: Sequence[Piece],
    name: str | None = None,
    lang: str = "en",
) -> Segment | None:
    """The segment the pieces make, or None when they hold no text."""
    units = _normalized(pieces)
    if not any(u.text.strip() for u in units):
        return None
    chunks = ChunkTable()
    texts: list[str] = []
    position = 0
    for unit in units:
        end = position + len(unit.text)
        last = len(chunks) - 1
        touches = last >= 0 and chunks.literal(last) and chunks.src_end(last) == unit.start
        if unit.literal and touches:
            chunks.extend_last(end, unit.end)
        else:
            chunks.append(position, end, unit.start, unit.end, unit.literal)
        texts.append(unit.text)
        position = end
    return Segment(kind, "".join(texts), chunks, name, lang)


class SegmentList:
    """The segments of a document in reading order, with consecutive one-line body
    paragraphs of one language joined `JOINED_PARAGRAPHS` at a time (`Segment.joined`),
    as they come: a large document of tiny paragraphs never holds a segment per
    paragraph. Shorter runs of such paragraphs keep a segment each, so a story of
    ordinary length reads as before, a segment per paragraph."""

    def __init__(self) -> None:
        self._segments: list[Segment] = []
        self._run: list[Segment] = []

    def append(self, segment: Segment | None) -> None:
        if segment is None:
            return
        run = self._run
        if not segment.may_join:
            self._end_run()
            self._segments.append(segment)
            return
        if run and run[0].lang != segment.lang:
            self._end_run()
        run.append(segment)
        if len(run) == JOINED_PARAGRAPHS:
            self._segments.append(Segment.joined(run))
            run.clear()

    def extend(self, segments: Iterable[Segment]) -> None:
        for segment in segments:
            self.append(segment)

    def _end_run(self) -> None:
        self._segments.extend(self._run)
        self._run.clear()

    def segments(self) -> tuple[Segment, ...]:
        self._end_run()
        return tuple(self._segments)


class TextMap(Protocol):
    """Where the text of a node (before its first child) and its tail are in the source."""

    def text_pieces(self, node: Any) -> list[Piece]: ...

    def tail_pieces(self, node: Any) -> list[Piece]: ...


def local_name(node: Any) -> str | None:
    """The element's name without namespace or prefix, lower case; None for comments
    and processing instructions."""
    tag = node.tag
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


@dataclass(frozen=True)
class BlockRules:
    """Which elements make blocks of their own, which are skipped with their content,
    and which stand for a line break."""

    blocks: frozenset[str]
    skipped: frozenset[str]
    breaks: frozenset[str] = frozenset({"br"})


def subtree_pieces(node: Any, text_map: TextMap) -> list[Piece]:
    """Every piece of text inside the node, markup ignored (comments skipped)."""
    pieces = list(text_map.text_pieces(node))
    for child in node:
        if local_name(child) is not None:
            pieces.extend(subtree_pieces(child, text_map))
        pieces.extend(text_map.tail_pieces(child))
    return pieces


def dateline_date(segments: Sequence[Segment]) -> tuple[dt.date | None, str | None]:
    """The date a dateline in the story's first lines gives, with "dateline" as where it
    was found; only the segments within the dateline's reach are joined."""
    head: list[str] = []
    size = 0
    for segment in segments:
        head.append(segment.text)
        size += len(segment.text) + 1
        if size >= DATELINE_REACH:
            break
    date = date_in_dateline("\n".join(head))
    return date, "dateline" if date else None
