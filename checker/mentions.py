"""What a document mentions of the glossary: the forms found in it (`EntityMention`), the
people it names (`PersonMention`, of a `NameKind`) and the title phrases attached to
them (`TitlePhrase`).

`checker.analysis` and `checker.titles.phrases` find them, `checker.titles.verdicts`
judges the titles, and the rules report on them; this module depends on none of these.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from checker.document import Segment
from checker.glossary.model import Entry, Form, Kind
from checker.titles.dated import Period


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A glossary form found in a segment. One is kept per mention of the whole document,
    so it holds no text of its own (`surface` is read from the segment)."""

    segment: Segment
    start: int
    end: int
    entries: tuple[Entry, ...]  # distinct entries this form may name (one when resolved)
    form: Form  # the glossary form matched
    kinds: frozenset[Kind] = frozenset()  # the kinds of `entries`, worked out once per form

    @property
    def surface(self) -> str:
        return self.segment.text[self.start : self.end]

    @property
    def entry(self) -> Entry | None:
        return self.entries[0] if len(self.entries) == 1 else None


class NameKind(enum.Enum):
    KNOWN = "known"  # a correct full form of the person's name
    FORBIDDEN = "forbidden"  # a known wrong form
    NEAR_MISS = "near-miss"  # the family name with a misspelt given name
    UNKNOWN_GIVEN = "unknown-given"  # the family name with a given name the glossary lacks
    SHORT = "short"  # the family name alone


@dataclass
class PersonMention:
    segment: Segment
    start: int
    end: int
    surface: str
    person: Entry
    kind: NameKind
    order: str | None  # "given-first" / "family-first" for full names
    given_seen: str | None = None  # the given name as written (near-miss, unknown)
    titles: list[TitlePhrase] = field(default_factory=list)
    right: str | None = None  # the span written right, when not the whole name (near miss)
    tie: str | None = None  # what ties a wrong or unknown form to the person (None: a hint)


@dataclass
class TitlePhrase:
    start: int
    end: int
    text: str
    position: str  # "before" or "after" the name
    past: str | None  # "former" / "then" when the title is marked as past
    country: str | None  # the country its qualifier names ("Japan's" → JP)
    offices: tuple[Entry, ...]  # glossary offices the phrase names
    generic_rank: str | None  # a bare rank word ("Minister") with nothing that names an office
    dated: Period | None = None  # the date its sentence ties it to, when not the story's
    description: bool = False  # an epithet ("top diplomat"), not a title: never judged
