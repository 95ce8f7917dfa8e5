"""Glossary entries and the questions asked of them (who held which office when)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from checker.dates import PartialDate

CONFIRMED = "confirmed"
UNCONFIRMED = "unconfirmed"


class Kind(enum.Enum):
    PERSON = "person"
    OFFICE = "office"
    ORGANIZATION = "organization"
    PLACE = "place"
    TERM = "term"


class Role(enum.Enum):
    """What a form is to its entry."""

    PREFERRED = "preferred"
    ACCEPTED = "accepted"
    SHORT = "short"
    ADJECTIVE = "adjective"
    BEFORE_NAME = "before-name"
    AFTER_NAME = "after-name"
    AMBIGUOUS = "ambiguous"
    DISCOURAGED = "discouraged"
    FORBIDDEN = "forbidden"

    @property
    def is_correct(self) -> bool:
        return self not in (Role.DISCOURAGED, Role.FORBIDDEN)


CJK_LANGS = ("zh-Hans", "zh-Hant", "ja")


@dataclass(frozen=True, slots=True)
class Form:
    text: str
    role: Role
    lang: str = "en"
    status: str = CONFIRMED
    note: str | None = None
    source: str | None = None
    use: str | None = None  # discouraged forms: what to write instead
    line: int | None = None
    formal: bool = True  # office forms: a formal title; False: a job description


@dataclass(frozen=True, slots=True)
class Coverage:
    """The period over which a list is complete: an office's holders, or a person's posts
    among the glossary's offices. Outside it the glossary does not know."""

    start: PartialDate
    end: PartialDate
    vacant: tuple[tuple[PartialDate, PartialDate], ...] = ()  # periods with no holder

    def covers(self, on: dt.date) -> bool:
        """The list is complete on this date; a declared vacancy is left to no verdict,
        since an acting or caretaker holder may have used the title then."""
        return self.start.earliest <= on <= self.end.latest and not self.vacant_between(on, on)

    def vacant_between(self, first: dt.date, last: dt.date) -> bool:
        """The days first..last lie inside one declared vacancy (an office left unfilled,
        such as an embassy run by a chargé d'affaires)."""
        return any(s.earliest <= first and last <= e.latest for s, e in self.vacant)


@dataclass(frozen=True, slots=True)
class Tenure:
    office: str
    start: PartialDate | None
    end: PartialDate | None
    source: str | None = None
    status: str = CONFIRMED
    note: str | None = None
    line: int | None = None
    end_unknown: bool = False  # ended on a date no source gives (`to: unknown`)

    def certainly_held(self, on: dt.date, known_until: dt.date | None = None) -> bool:
        """Held on the date whatever the partial dates turn out to mean. An open tenure
        (`to: null`) is known to be held up to its file's knowledge date (`known_until`;
        None: the file gives none) and unknown after it; an unknown start or end is
        unknown, never "forever"."""
        if self.start is None or self.start.latest > on or self.end_unknown:
            return False
        if self.end is None:
            return known_until is None or on <= known_until
        return self.end.earliest >= on

    def possibly_held(self, on: dt.date) -> bool:
        """Held on the date under some reading of the partial and unknown dates (an
        unknown start means the glossary does not say when the tenure began)."""
        if self.start is not None and self.start.earliest > on:
            return False
        return self.end is None or self.end.latest >= on

    def ended_before(self, on: dt.date) -> bool:
        return self.end is not None and self.end.latest < on

    def span_text(self, known_until: dt.date | None = None) -> str:
        """ "2019-09-11 to 2021-11-04"; an open tenure runs "to at least" its file's
        knowledge date (`known_until`), never "to present": the glossary cannot know."""
        start = str(self.start) if self.start else "?"
        if self.end:
            end = str(self.end)
        elif self.end_unknown:
            end = "an unknown date"
        elif known_until is not None:
            end = f"at least {known_until.isoformat()}"
        else:
            end = "a date the glossary does not give"
        return f"{start} to {end}"


@dataclass(frozen=True, slots=True)
class Spec:
    text: str
    expect: tuple[str, ...]
    date: dt.date | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    date: str
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    kind: Kind
    en: str
    forms: tuple[Form, ...]
    path: str = "<memory>"
    line: int | None = None
    family: str | None = None
    given: str | None = None
    name_origin: str | None = None
    country: str | None = None
    case: str = "exact"
    holders: str = "single"
    organization: str | None = None
    tenures: tuple[Tenure, ...] = ()
    born: PartialDate | None = None
    born_status: str = CONFIRMED
    events: tuple[Event, ...] = ()
    ja_reading: str | None = None
    note: str | None = None
    status: str = CONFIRMED
    sources: tuple[str, ...] = ()
    specs: tuple[Spec, ...] = ()
    coverage: Coverage | None = None

    def forms_of(self, *roles: Role, lang: str = "en") -> list[Form]:
        return [f for f in self.forms if f.role in roles and f.lang == lang]

    @cached_property
    def before_name(self) -> str:
        forms = self.forms_of(Role.BEFORE_NAME)
        return forms[0].text if forms else self.en

    @cached_property
    def after_name(self) -> str:
        forms = self.forms_of(Role.AFTER_NAME)
        return forms[0].text if forms else self.en

    @property
    def source(self) -> str | None:
        return self.sources[0] if self.sources else None

    @property
    def is_japanese_name(self) -> bool:
        return self.kind is Kind.PERSON and self.name_origin == "japanese"

    def cjk_forms(self) -> Iterator[Form]:
        return (f for f in self.forms if f.lang in CJK_LANGS)


@dataclass(frozen=True)
class Holding:
    """A person's tenure of an office."""

    person: Entry
    tenure: Tenure


@dataclass(frozen=True)
class Glossary:
    """Entries from one or more files, indexed by id, immutable once built."""

    entries: tuple[Entry, ...]
    names: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()
    knowledge_dates: tuple[dt.date, ...] = ()
    by_id: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)
    # The date each file's facts run to, by the `path` its entries carry.
    knowledge_by_path: dict[str, dt.date] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.by_id:
            index: dict[str, Entry] = {}
            for entry in self.entries:
                index.setdefault(entry.id, entry)
            object.__setattr__(self, "by_id", index)
        if not self.knowledge_by_path and len(self.knowledge_dates) == 1 and self.entries:
            # One file: its entries share its path.
            known = {self.entries[0].path: self.knowledge_dates[0]}
            object.__setattr__(self, "knowledge_by_path", known)

    @classmethod
    def merge(cls, glossaries: Iterable[Glossary]) -> Glossary:
        parts = list(glossaries)
        if len(parts) == 1 and type(parts[0]) is cls:
            return parts[0]  # one glossary is its own merge (its entries are not copied)
        return cls(
            entries=tuple(e for g in parts for e in g.entries),
            names=tuple(n for g in parts for n in g.names),
            versions=tuple(v for g in parts for v in g.versions),
            knowledge_dates=tuple(d for g in parts for d in g.knowledge_dates),
            knowledge_by_path={p: d for g in parts for p, d in g.knowledge_by_path.items()},
        )

    def get(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    @cached_property
    def holdings(self) -> dict[str, tuple[Holding, ...]]:
        """Office id → every person's tenure of it."""
        table: dict[str, list[Holding]] = {}
        for entry in self.entries:
            for tenure in entry.tenures:
                table.setdefault(tenure.office, []).append(Holding(entry, tenure))
        return {k: tuple(v) for k, v in table.items()}

    def known_until(self, entry: Entry) -> dt.date | None:
        """The knowledge date of the file that holds the entry (None: it gives none)."""
        return self.knowledge_by_path.get(entry.path)

    @cached_property
    def knowledge_date(self) -> dt.date | None:
        """The earliest date the loaded files' facts run to: titles in a story dated
        after it are not checked against later changes."""
        return min(self.knowledge_dates, default=None)

    def holders_on(self, office_id: str, on: dt.date, certain: bool = True) -> list[Holding]:
        if not certain:
            return [h for h in self.holdings.get(office_id, ()) if h.tenure.possibly_held(on)]
        return [
            h
            for h in self.holdings.get(office_id, ())
            if h.tenure.certainly_held(on, self.known_until(h.person))
        ]

    def offices_held(self, person: Entry, on: dt.date, certain: bool = True) -> list[Tenure]:
        if not certain:
            return [t for t in person.tenures if t.possibly_held(on)]
        known_until = self.known_until(person)
        return [t for t in person.tenures if t.certainly_held(on, known_until)]

    def office_title(self, tenure: Tenure) -> str:
        office = self.get(tenure.office)
        return office.en if office else tenure.office
