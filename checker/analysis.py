"""What a document says about the glossary's entities, worked out once for all rules.

For every segment: the glossary forms found in it (`EntityMention`), the people named
in it (`PersonMention`, including near-miss and unknown-given-name forms of known
family names), and the title phrases attached to each person (found by
`checker.titles.phrases`, judged against the story's date by `checker.titles.verdicts`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import re
from dataclasses import dataclass, field
from functools import cached_property

from checker.document import Document, Segment
from checker.glossary.model import Entry, Form, Glossary, Kind, Role
from checker.lexicon import (
    COMMON_JAPANESE_FAMILY_NAMES,
    COMMON_WORD_HOMOGRAPHS,
    CONNECTORS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    edit_distance,
    plausible_given_name,
)
from checker.match.fold import fold_form
from checker.match.index import Match, TermIndex, slips_allowed
from checker.style import StyleProfile
from checker.titles.phrases import TitleFinder, TitlePhrase
from checker.titles.verdicts import (
    TitleVerdict,
    UnknownNameVerdict,
    judge,
    unknown_name_title,
)


@dataclass(frozen=True)
class EntityMention:
    segment: Segment
    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]  # distinct entries this form may name (one when resolved)
    form: Form  # the glossary form matched
    kinds: frozenset[Kind] = frozenset()  # the kinds of `entries`, worked out once per form

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


_RIGHT_TOKEN = re.compile(r"[ \t]+([A-Z][a-zà-ɏ]+(?:-[A-Za-z][a-zà-ɏ]+)?)\b")
_LEFT_TOKEN = re.compile(r"\b([A-Z][a-zà-ɏ]+(?:-[A-Za-z][a-zà-ɏ]+)?)[ \t]+$")
# How far before a name its given name may start: bounded, so that checking stays linear
# in the length of a paragraph however many names it holds.
_NEIGHBOUR_REACH = 64


class DocumentAnalysis:
    """Mentions and title verdicts of one document, computed once."""

    def __init__(
        self, document: Document, index: TermIndex, style: StyleProfile, date: dt.date
    ) -> None:
        self.document = document
        self.index = index
        self.glossary: Glossary = index.glossary
        self.style = style
        self.date = date
        self.entities: list[EntityMention] = []
        self.people: list[PersonMention] = []
        self._given_names: dict[tuple[str, str | None], bool] = {}
        for segment in document.segments:
            self._analyse(segment)
        self._resolve_short_mentions()
        titles = TitleFinder(index, self._people_in, date)
        for person in self.people:
            person.titles.extend(titles.titles(person))

    # -- entities ---------------------------------------------------------------------------

    def _analyse(self, segment: Segment) -> None:
        matches = self.index.find(segment.text)
        covered = _Spans()
        for match in matches:
            mention = self._entity(segment, match)
            if mention is None:
                continue
            self.entities.append(mention)
            covered.add(match.start, match.end)
            person = mention.entry if mention.entry and mention.entry.kind is Kind.PERSON else None
            if (
                person is not None
                and mention.form.role in (Role.PREFERRED, Role.ACCEPTED, Role.FORBIDDEN)
                and " " in mention.form.text.strip()
            ):
                self.people.append(self._full_name(segment, mention, person))
        for match in matches:
            if not match.cjk:
                self._family_name_neighbours(segment, match, covered)

    def _entity(self, segment: Segment, match: Match) -> EntityMention | None:
        if _inside_url(segment.text, match.start, match.end):
            return None
        entries = self.index.entries_of(match)
        group = self.index.group_of(entries)
        form = best_form(match)
        if _is_acronym(form.text) and not _is_acronym(match.surface):
            return None  # "Tao" is not the TAO
        if (
            match.surface.islower()
            and " " not in match.surface.strip()
            and (match.surface.lower() in COMMON_WORD_HOMOGRAPHS or group.kinds == {Kind.PERSON})
        ):
            return None  # "diet", "song", "sun": words, not the Diet or Song Tao
        return EntityMention(
            segment, match.start, match.end, match.surface, entries, form, group.kinds
        )

    def _full_name(self, segment: Segment, mention: EntityMention, person: Entry) -> PersonMention:
        kind = NameKind.FORBIDDEN if mention.form.role is Role.FORBIDDEN else NameKind.KNOWN
        return PersonMention(
            segment,
            mention.start,
            mention.end,
            mention.surface,
            person,
            kind,
            _order(mention.surface, person),
        )

    def _family_name_neighbours(self, segment: Segment, match: Match, covered: _Spans) -> None:
        """A known family name next to a capitalized word that is not the known given name:
        a misspelt given name (near miss), another given name, or a reversed order."""
        bearers = self.index.bearers(match.surface)
        if not bearers or not match.surface[:1].isupper():
            return
        if any(
            s <= match.start and match.end <= e and (s, e) != (match.start, match.end)
            for s, e in covered.overlapping(match.start, match.end)
        ):
            return
        text = segment.text
        after = _RIGHT_TOKEN.match(text, match.end)
        before = _LEFT_TOKEN.search(text, max(0, match.start - _NEIGHBOUR_REACH), match.start)
        # Only people whose given name is the neighbour, or a slip from it, can be named
        # (and the family's only bearer, whatever the given name).
        if len(bearers) == 1:
            positions = [0]
        else:
            near: set[int] = set()
            for token in (after, before):
                if token:
                    near.update(self.index.bearers_near(match.surface, token.group(1).lower()))
            positions = sorted(near)
        for position in positions:
            entry_index, origin, _ = bearers[position]
            if after and self._could_be_given(after.group(1), origin, after.start(1), segment):
                start, end, given = match.start, after.end(1), after.group(1)
                order = "family-first"
            elif before and self._could_be_given(before.group(1), origin, before.start(1), segment):
                start, end, given = before.start(1), match.end, before.group(1)
                order = "given-first"
            else:
                continue
            person = self.index.entries[entry_index]
            if self._neighbour(segment, start, end, given, person, order, covered):
                break  # the name now covers both neighbours: no other bearer can be added

    def _could_be_given(self, token: str, origin: str | None, start: int, segment: Segment) -> bool:
        key = (token, origin)  # asked again for every bearer of a family name: remembered
        if key not in self._given_names:
            self._given_names[key] = self._plausible_given(token, origin)
        return self._given_names[key]

    def _plausible_given(self, token: str, origin: str | None) -> bool:
        if self.index.find_latin(token):  # a glossary word, not a given name
            return False
        word = token.lower()
        if word in TITLE_HEADS or word in TITLE_MODIFIERS or word in CONNECTORS:
            return False
        return plausible_given_name(token, origin)

    def _neighbour(
        self,
        segment: Segment,
        start: int,
        end: int,
        given: str,
        person: Entry,
        order: str,
        covered: _Spans,
    ) -> bool:
        """Add the person named by the family name and its neighbour; False if not."""
        if any(
            not (start <= s and e <= end and (s, e) != (start, end))
            for s, e in covered.overlapping(start, end)
        ):
            return False  # overlaps a glossary form other than the family name inside it
        assert person.given is not None and person.family is not None
        known = person.given.lower()
        seen = given.lower()
        japanese = person.name_origin == "japanese"
        if seen == known:
            # The right name in the order Chinese names never take ("Jinsong Liu").
            kind = NameKind.KNOWN
        elif _near_miss(seen, known, person.name_origin):
            kind = NameKind.NEAR_MISS
        elif (
            japanese
            and person.family.lower() not in COMMON_JAPANESE_FAMILY_NAMES
            and len(self.index.entries_with_family(person.family)) == 1
        ):
            # Chinese family names are shared by millions: another given name is another
            # person. A rare Japanese family name with another given name is worth a look.
            kind = NameKind.UNKNOWN_GIVEN
        else:
            return False
        covered.add(start, end)
        self.people.append(
            PersonMention(segment, start, end, segment.text[start:end], person, kind, order, given)
        )
        return True

    def _resolve_short_mentions(self) -> None:
        """A family name alone names the one person of that family named in full."""
        named = {p.person.id: p.person for p in self.people}
        for mention in self.entities:
            form = mention.form
            if form.role not in (Role.SHORT, Role.AMBIGUOUS) or " " in form.text.strip():
                continue
            group = self.index.group_of(mention.entries)
            people = group.people
            known = group.people_with_ids(named) if len(people) > 1 else list(people)
            if (
                len(known) == 1
                and known[0].family
                and fold_form(known[0].family) == fold_form(mention.surface)
            ):
                self.people.append(
                    PersonMention(
                        mention.segment,
                        mention.start,
                        mention.end,
                        mention.surface,
                        known[0],
                        NameKind.SHORT,
                        None,
                    )
                )

    def _people_in(self, segment: Segment, start: int, end: int) -> list[PersonMention]:
        """People named within [start, end) of a segment (a bisect over sorted mentions)."""
        ordered = self._people_by_segment.get(id(segment), ([], []))
        starts, people = ordered
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        return [p for p in people[first:last] if p.end <= end]

    @cached_property
    def _people_by_segment(self) -> dict[int, tuple[list[int], list[PersonMention]]]:
        table: dict[int, tuple[list[int], list[PersonMention]]] = {}
        for person in sorted(self.people, key=lambda p: p.start):
            starts, people = table.setdefault(id(person.segment), ([], []))
            starts.append(person.start)
            people.append(person)
        return table

    @property
    def countries(self) -> dict[str, str]:
        """Country qualifiers: 'japanese', 'japan' (as in "Japan's") → 'JP'."""
        return self.index.countries

    # -- title verdicts ----------------------------------------------------------------------

    @cached_property
    def verdicts(self) -> list[TitleVerdict]:
        return [judge(self.glossary, self.date, p, t) for p in self.people for t in p.titles]

    @cached_property
    def unknown_name_verdicts(self) -> list[UnknownNameVerdict]:
        """Titles given to names the glossary does not know, where the title was certainly
        another's (worked out when a rule asks)."""
        offices: dict[int, list[tuple[int, int]]] = {}
        segments = {id(s): s for s in self.document.segments}
        for mention in self.entities:
            if Kind.OFFICE in mention.kinds and _names_a_covered_office(mention.entries):
                offices.setdefault(id(mention.segment), []).append((mention.start, mention.end))
        if not offices:
            return []
        finder = TitleFinder(self.index, self._people_in, self.date)
        found = []
        for key, spans in offices.items():
            for name, title in finder.titles_of_unknown_names(segments[key], spans):
                verdict = unknown_name_title(self.glossary, self.date, name, title)
                if verdict is not None:
                    found.append(verdict)
        return found

    # -- helpers for rules -------------------------------------------------------------------

    def render_name(self, person: Entry) -> str:
        """The person's name as the house style writes it."""
        if person.is_japanese_name and self.style.japanese_name_order == "family-first":
            for form in person.forms_of(Role.ACCEPTED):
                if (
                    _order(form.text, person) == "family-first"
                    and not form.text.isupper()
                    and form.text.split()[0] != form.text.split()[0].upper()
                ):
                    return form.text
            return f"{person.family} {person.given}"
        return person.en

    def post_on_date(self, person: Entry) -> str | None:
        titles = [
            self.glossary.office_title(t) for t in self.glossary.offices_held(person, self.date)
        ]
        return "; ".join(titles) if titles else None


_COVERED: dict[int, tuple[tuple[Entry, ...], bool]] = {}


def _names_a_covered_office(entries: tuple[Entry, ...]) -> bool:
    """Among a form's entries is an office of one holder at a time whose holders are
    declared complete (worked out once per form's entries)."""
    known = _COVERED.get(id(entries))
    if known is None or known[0] is not entries:
        covered = any(
            e.kind is Kind.OFFICE and e.holders == "single" and e.coverage is not None
            for e in entries
        )
        known = _COVERED[id(entries)] = (entries, covered)
    return known[1]


class _Spans:
    """Spans already taken in a segment, sorted by start, asked which overlap a range."""

    _LONGEST = 256  # no glossary form or name runs longer than this

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        low = bisect.bisect_left(self._spans, (start - self._LONGEST, 0))
        high = bisect.bisect_left(self._spans, (end, 0))
        return [(s, e) for s, e in self._spans[low:high] if s < end and start < e]


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _near_miss(seen: str, known: str, origin: str | None) -> bool:
    """One slip in a long given name ("Minou" for "Minoru", "Jinsang" for "Jinsong").
    Short Chinese given names one letter apart are usually different names (Qiang, Qing)."""
    slips = slips_allowed(known, origin)
    return (
        slips > 0
        and abs(len(seen) - len(known)) <= slips
        and edit_distance(seen, known, slips) <= slips
    )


def best_form(match: Match) -> Form:
    """Of the forms folded to the same key, the one written exactly as seen, else the first
    correct one (so a case error is judged against a correct form)."""
    for candidate in match.candidates:
        if candidate.form.text == match.surface:
            return candidate.form
    for candidate in match.candidates:
        if candidate.form.role.is_correct:
            return candidate.form
    return match.candidates[0].form


def _order(surface: str, person: Entry) -> str | None:
    if not person.family:
        return None
    first = re.split(r"\s+", surface.strip())[0]
    return "family-first" if fold_form(first) == fold_form(person.family) else "given-first"


def _inside_url(text: str, start: int, end: int) -> bool:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    token = text[left:right]
    return "://" in token or "@" in token or token.startswith("www.")
