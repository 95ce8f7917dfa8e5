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


@dataclass(frozen=True, slots=True)
class Coverage:
    """The period over which a list is complete: an office's holders, or a person's posts
    among the glossary's offices. Outside it the glossary does not know."""

    start: PartialDate
    end: PartialDate

    def covers(self, on: dt.date) -> bool:
        return self.start.earliest <= on <= self.end.latest


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

    def certainly_held(self, on: dt.date) -> bool:
        """Held on the date whatever the partial dates turn out to mean."""
        if self.start is None or self.start.latest > on or self.end_unknown:
            return False
        return self.end is None or self.end.earliest >= on

    def possibly_held(self, on: dt.date) -> bool:
        """Held on the date under some reading of the partial dates (an unknown start
        means the glossary does not say when the tenure began)."""
        if self.start is not None and self.start.earliest > on:
            return False
        return self.end is None or self.end.latest >= on

    def ended_before(self, on: dt.date) -> bool:
        return self.end is not None and self.end.latest < on

    def span_text(self) -> str:
        start = str(self.start) if self.start else "?"
        end = str(self.end) if self.end else ("an unknown date" if self.end_unknown else "present")
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

    def __post_init__(self) -> None:
        if not self.by_id:
            index: dict[str, Entry] = {}
            for entry in self.entries:
                index.setdefault(entry.id, entry)
            object.__setattr__(self, "by_id", index)

    @classmethod
    def merge(cls, glossaries: Iterable[Glossary]) -> Glossary:
        parts = list(glossaries)
        return cls(
            entries=tuple(e for g in parts for e in g.entries),
            names=tuple(n for g in parts for n in g.names),
            versions=tuple(v for g in parts for v in g.versions),
            knowledge_dates=tuple(d for g in parts for d in g.knowledge_dates),
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

    def holders_on(self, office_id: str, on: dt.date, certain: bool = True) -> list[Holding]:
        test = Tenure.certainly_held if certain else Tenure.possibly_held
        return [h for h in self.holdings.get(office_id, ()) if test(h.tenure, on)]

    def offices_held(self, person: Entry, on: dt.date, certain: bool = True) -> list[Tenure]:
        test = Tenure.certainly_held if certain else Tenure.possibly_held
        return [t for t in person.tenures if test(t, on)]

    def office_title(self, tenure: Tenure) -> str:
        office = self.get(tenure.office)
        return office.en if office else tenure.office
