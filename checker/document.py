"""Documents as the checks see them: segments of text, each mapped back to the source."""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from checker.model import Edit, Span
from checker.quotes import Quotations, document_quotations
from checker.source import SourceFile

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MINOR_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or"})


class SegmentKind(enum.Enum):
    HEADLINE = "headline"
    BODY = "body"
    BYLINE = "byline"
    DATELINE = "dateline"
    SOURCE = "source"
    TARGET = "target"
    REFERENCE = "reference"


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of segment text [text_start, text_end) that stands at [src_start, src_end) of
    the source text. `literal` chunks are the same characters in the source (safe to edit);
    others came from an entity or a character reference."""

    text_start: int
    text_end: int
    src_start: int
    src_end: int
    literal: bool = True


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    text: str
    chunks: tuple[Chunk, ...]
    name: str | None = None
    lang: str = "en"

    @classmethod
    def literal(
        cls, kind: SegmentKind, text: str, offset: int, name: str | None = None, lang: str = "en"
    ) -> Segment:
        """A segment that is a verbatim slice of the source starting at `offset`."""
        return cls(kind, text, (Chunk(0, len(text), offset, offset + len(text)),), name, lang)

    @cached_property
    def title_cased(self) -> bool:
        """A headline with its words capitalized ("Kihara Vows Calm Response to ..."):
        its capitals say nothing about which words are titles or parts of names."""
        if self.kind is not SegmentKind.HEADLINE:
            return False
        words = [w for w in _WORD.findall(self.text) if w.lower() not in _MINOR_WORDS]
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)

    @cached_property
    def _starts(self) -> list[int]:
        return [c.text_start for c in self.chunks]

    def _chunk_at(self, offset: int) -> Chunk:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.chunks[i]

    def source_offset(self, offset: int, end: bool = False) -> int:
        if not self.chunks:
            return offset
        chunk = self._chunk_at(offset - 1 if end and offset > 0 else offset)
        if chunk.literal:
            return chunk.src_start + (offset - chunk.text_start)
        return chunk.src_end if end else chunk.src_start

    def to_source(self, span: Span) -> Span:
        return Span(self.source_offset(span.start), self.source_offset(span.end, end=True))

    def is_literal(self, span: Span) -> bool:
        """True when the span lies inside one literal chunk (an edit there is a plain splice)."""
        if not self.chunks:
            return True
        chunk = self._chunk_at(span.start)
        return chunk.literal and span.end <= chunk.text_end


# Writes edits (spans in source-text coordinates) into the original bytes of a format
# whose bytes are not simply the encoded source text (DOCX: XML inside a zip).
Splicer = Callable[[Sequence[Edit]], bytes]


@dataclass(frozen=True)
class Document:
    source: SourceFile
    segments: tuple[Segment, ...]
    date: dt.date | None = None  # the story's date found in the document itself
    date_origin: str | None = None  # where that date was found ("dateline", "metadata")
    warnings: tuple[str, ...] = field(default=())
    format: str = "text"  # text, markdown, html, xml, docx: how replacements are escaped
    splice: Splicer | None = None  # None: edits are spliced into the encoded source text
    # Quotations the markup declares (<q>, <blockquote>, <bq>), in source coordinates.
    marked_quotations: tuple[Span, ...] = ()

    @property
    def path(self) -> str:
        return self.source.path

    @cached_property
    def quotations(self) -> Quotations:
        """Quoted speech: the declared quotations and those that quotation marks enclose."""
        return document_quotations(self.segments, self.marked_quotations)
