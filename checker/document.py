"""Documents as the checks see them: segments of text, each mapped back to the source."""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import overload

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


# Consecutive plain body paragraphs of a large document are checked as one segment of
# this many paragraphs (see `Segment.joined`): a document of many tiny paragraphs then
# costs a few integers per paragraph, not an object and a copy of its text.
JOINED_PARAGRAPHS = 256
PARAGRAPH_BREAK = "\n\n"


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


class ChunkTable(Sequence[Chunk]):
    """A segment's chunks as numbers in one array (32 bits: a source is at most 256 MB),
    five a chunk (text start and end,
    source start and end, literal), with no object per chunk; a `Chunk` is made when one
    is asked for. Chunks are in text order and do not overlap; text between two chunks
    (the break between joined paragraphs) belongs to neither."""

    __slots__ = ("_numbers",)

    def __init__(self, chunks: Iterable[Chunk] = ()) -> None:
        self._numbers = array("i")
        for c in chunks:
            self.append(c.text_start, c.text_end, c.src_start, c.src_end, c.literal)

    def append(
        self, text_start: int, text_end: int, src_start: int, src_end: int, literal: bool = True
    ) -> None:
        self._numbers.extend((text_start, text_end, src_start, src_end, literal))

    def extend_last(self, text_end: int, src_end: int) -> None:
        """Make the last chunk end later, in the text and in the source."""
        self._numbers[-4] = text_end
        self._numbers[-2] = src_end

    def extend_shifted(self, other: ChunkTable, shift: int) -> None:
        """Append `other`'s chunks with their text offsets moved by `shift`."""
        numbers = other._numbers
        for i in range(0, len(numbers), 5):
            self._numbers.extend(
                (numbers[i] + shift, numbers[i + 1] + shift, *numbers[i + 2 : i + 5])
            )

    def __len__(self) -> int:
        return len(self._numbers) // 5

    @overload
    def __getitem__(self, index: int) -> Chunk: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Chunk, ...]: ...

    def __getitem__(self, index: int | slice) -> Chunk | tuple[Chunk, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(len(self))[index])
        i = 5 * range(len(self))[index]
        text_start, text_end, src_start, src_end, literal = self._numbers[i : i + 5]
        return Chunk(text_start, text_end, src_start, src_end, bool(literal))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChunkTable | tuple | list):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"ChunkTable({list(self)!r})"

    def text_start(self, i: int) -> int:
        return self._numbers[5 * i]

    def text_end(self, i: int) -> int:
        return self._numbers[5 * i + 1]

    def src_start(self, i: int) -> int:
        return self._numbers[5 * i + 2]

    def src_end(self, i: int) -> int:
        return self._numbers[5 * i + 3]

    def literal(self, i: int) -> bool:
        return bool(self._numbers[5 * i + 4])

    def index_at(self, offset: int) -> int:
        """The chunk that holds `offset`, or the last one before it."""
        found = bisect.bisect_right(range(len(self)), offset, key=self.text_start)
        return max(0, found - 1)


class ParagraphNames:
    """Where each paragraph of a joined segment starts in its text, and its name: the
    names in one string, not a string each."""

    __slots__ = ("_ends", "_names", "_starts")

    def __init__(self, starts: array[int], names: Sequence[str]) -> None:
        self._starts = starts
        self._names = "".join(names)
        self._ends = array("i", itertools.accumulate(len(name) for name in names))

    def __len__(self) -> int:
        return len(self._starts)

    def name(self, i: int) -> str:
        return self._names[self._ends[i - 1] if i else 0 : self._ends[i]]

    def at(self, offset: int) -> str:
        """The name of the paragraph that holds `offset`."""
        return self.name(max(0, bisect.bisect_right(self._starts, offset) - 1))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.name(i) for i in range(len(self)))


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    text: str
    chunks: ChunkTable
    name: str | None = None
    lang: str = "en"
    # A segment of joined paragraphs: each one's start and name (`name` is the first's).
    paragraphs: ParagraphNames | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.chunks, ChunkTable):
            object.__setattr__(self, "chunks", ChunkTable(self.chunks))

    @classmethod
    def literal(
        cls, kind: SegmentKind, text: str, offset: int, name: str | None = None, lang: str = "en"
    ) -> Segment:
        """A segment that is a verbatim slice of the source starting at `offset`."""
        return cls(
            kind, text, ChunkTable([Chunk(0, len(text), offset, offset + len(text))]), name, lang
        )

    @classmethod
    def joined(cls, paragraphs: Sequence[Segment]) -> Segment:
        """One segment of consecutive body paragraphs of one language, separated by a
        blank line as paragraphs of plain text are (sentences, quotations and datelines
        see the same breaks), each keeping its name for the findings in it."""
        chunks = ChunkTable()
        starts = array("i")
        position = 0
        for paragraph in paragraphs:
            starts.append(position)
            chunks.extend_shifted(paragraph.chunks, position)
            position += len(paragraph.text) + len(PARAGRAPH_BREAK)
        first = paragraphs[0]
        names = ParagraphNames(starts, tuple(p.name or "" for p in paragraphs))
        text = PARAGRAPH_BREAK.join(p.text for p in paragraphs)
        return cls(first.kind, text, chunks, first.name, first.lang, names)

    @property
    def may_join(self) -> bool:
        """A body paragraph that can be checked as part of a joined segment: one line."""
        return self.kind is SegmentKind.BODY and "\n" not in self.text and "\r" not in self.text

    def name_at(self, offset: int) -> str | None:
        """The name of the paragraph that holds `offset` of the text."""
        return self.paragraphs.at(offset) if self.paragraphs is not None else self.name

    @property
    def names(self) -> tuple[str | None, ...]:
        """The names of the paragraphs the segment holds (one unless joined)."""
        return self.paragraphs.names if self.paragraphs is not None else (self.name,)

    @cached_property
    def title_cased(self) -> bool:
        """A headline with its words capitalized ("Kihara Vows Calm Response to ..."):
        its capitals say nothing about which words are titles or parts of names."""
        if self.kind is not SegmentKind.HEADLINE:
            return False
        words = [w for w in _WORD.findall(self.text) if w.lower() not in _MINOR_WORDS]
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)

    def source_offset(self, offset: int, end: bool = False) -> int:
        chunks = self.chunks
        if not chunks:
            return offset
        i = chunks.index_at(offset - 1 if end and offset > 0 else offset)
        if chunks.literal(i):
            local = chunks.src_start(i) + (offset - chunks.text_start(i))
            return min(local, chunks.src_end(i))  # past the chunk: between paragraphs
        return chunks.src_end(i) if end else chunks.src_start(i)

    def to_source(self, span: Span) -> Span:
        return Span(self.source_offset(span.start), self.source_offset(span.end, end=True))

    def is_literal(self, span: Span) -> bool:
        """True when the span lies inside one literal chunk (an edit there is a plain splice)."""
        chunks = self.chunks
        if not chunks:
            return True
        i = chunks.index_at(span.start)
        return chunks.literal(i) and span.end <= chunks.text_end(i)


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
