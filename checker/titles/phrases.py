"""Title phrases attached to a named person: the run of title words directly before the
name ("Chief Cabinet Secretary Minoru Kihara") or the apposition after it ("Liu Jinsong,
director-general of ..."), each resolved to the glossary offices it names."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from checker.glossary.model import Entry, Kind, Role
from checker.lexicon import (
    CONNECTORS,
    GENERIC_RANKS,
    PAST_MARKERS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    is_common_word,
)
from checker.match.index import DistinctEntries, TermIndex, title_words
from checker.mentions import PersonMention, TitlePhrase
from checker.sentences import is_sentence_start
from checker.titles.dated import sentence_period

if TYPE_CHECKING:
    from checker.document import Segment


# Words before a job word that say nothing of whose job it is ("the spokesman", "its
# new envoy"): the job word is still read as the glossary's title.
_DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "whose", "new"}
)
# Words inside a title phrase that do not change the office it names ("Japan's new
# foreign minister", "the LDP's new secretary-general").
_TRANSPARENT = frozenset({"new"})
# Verbs whose object held the title when it was taken from them, at a time the sentence
# need not name: "who would succeed Prime Minister Suga", "replaced Foreign Minister Qin".
_SUCCESSION = frozenset(
    {
        "succeed",
        "succeeds",
        "succeeded",
        "succeeding",
        "replace",
        "replaces",
        "replaced",
        "replacing",
    }
)
# Words that make a phrase a description of the person rather than a title of office
# ("top diplomat", "veteran diplomat", "top government spokesperson").
EPITHETS = frozenset(
    {
        "top",
        "veteran",
        "longtime",
        "long-time",
        "long-serving",
        "seasoned",
        "leading",
        "powerful",
        "influential",
        "hawkish",
        "outspoken",
        "key",
    }
)
# A career told by its count or length ("two-time prime minister", "a double prime
# minister", "Japan's longest-serving prime minister"): a description too.
_CAREER = re.compile(
    r"double|onetime|longest-serving|(?:one|two|three|four|five|six|\d+)-(?:time|term)"
)


def is_epithet(word: str) -> bool:
    """The (lower-case) word makes a title phrase a description of the person."""
    return word in EPITHETS or _CAREER.fullmatch(word) is not None


# Modifiers that make another rank of a head word: "Minister" is a foreign minister's
# rank, not a prime minister's or a vice-minister's.
RANK_MODIFIERS = frozenset(
    {
        "prime",
        "vice",
        "deputy",
        "assistant",
        "state",
        "senior",
        "chief",
        "general",
        "first",
        "acting",
        "parliamentary",
        "executive",
        "permanent",
        "special",
        "under",
        "co",
    }
)
# Verbs that make "NAME, the top government spokesperson said" an attribution: the clause
# after the comma says who spoke, nothing about the name before it.
_SPEECH_VERBS = "said|says|told|added|noted|stated|announced|wrote|explained|stressed|warned"


PeopleIn = Callable[["Segment", int, int], "list[PersonMention]"]


class Named(Protocol):
    """A name in a segment that titles attach to: a known person's or an unknown one."""

    @property
    def segment(self) -> Segment: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def person(self) -> Entry | None: ...


@dataclass(frozen=True)
class UnknownName:
    """A name the glossary does not know, written directly after a title."""

    segment: Segment
    start: int
    end: int
    surface: str
    person: None = None


# A word; a doubled hyphen is a dash between two words ("LIMA--Prime Minister").
_BEFORE_WORD = re.compile(r"[A-Za-zÀ-ɏ](?:[\w'’]|-(?!-))*")
_APPOSITION = re.compile(r",\s+")
_CLAUSE_STARTS = frozenset(
    {
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "where",
        "when",
        "while",
        "said",
        "says",
        "told",
        "and",
        "but",
        "as",
        "in",
        "on",
        "at",
        "after",
        "before",
        "with",
        "without",
        "also",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "will",
        "would",
        "became",
        "served",
    }
)
_MAX_APPOSITION_WORDS = 16
# How far before a name its title may start: bounded, so that checking stays linear in
# the length of a paragraph however many names it holds.
_TITLE_REACH = 240
_APPOSITION_REACH = 240
_LEFT_WORD = re.compile(r"([A-Za-z][\w'’-]*)[ \t]+$")
_NEIGHBOUR_WORD = 40
_SENTENCE_OPENERS = (
    CONNECTORS
    | PAST_MARKERS
    | {
        "a",
        "an",
        "later",
        "when",
        "after",
        "before",
        "as",
        "but",
        "new",
        "incoming",
        "outgoing",
        "meanwhile",
    }
)
# Nouns in the names of many bodies: alone beside a job word they say whose job it is no
# more than the job word does ("Office Spokesperson"); "ministry" and "department" stay,
# as copy calls the body it has just named so ("a ministry spokesman").
_BODY_NOUNS = frozenset({"office", "bureau", "council", "commission", "committee", "agency"})
# Days and months, capitalized wherever they stand.
_CALENDAR_WORDS = frozenset(
    name.lower() for name in (*calendar.day_name, *calendar.month_name) if name
)
# Two or three capitalized words after a title: a name ("Taro Yamada", "Wang Jianguo").
_UNKNOWN_NAME = re.compile(
    r"[ \t]+(?P<name>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:[ \t]+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2})"
    r"\b(?![ \t]*[A-Z])"
)
# The same name set off by commas after the office and its country, where the title ends.
_APPOSED_UNKNOWN_NAME = re.compile(
    r"(?P<country>(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w'’.-]*)?),[ \t]+"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:[ \t]+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}),"
)
_CAPITALIZED = re.compile(r"\b[A-Z][\w'’-]*")
_APPOSITION_END = re.compile(
    rf"[,;:.()\[\]“”\"!?]|\s(?:and|who|which|met|(?P<speech>{_SPEECH_VERBS}))\b"
)


class TitleFinder:
    """Finds the title phrases attached to person mentions of one document."""

    def __init__(self, index: TermIndex, people_in: PeopleIn, story_date: dt.date) -> None:
        self.index = index
        self._people_in = people_in  # people named within [start, end) of a segment
        self.story_date = story_date

    @property
    def countries(self) -> dict[str, str]:
        """Country qualifiers: 'japanese', 'japan' (as in "Japan's") → 'JP'."""
        return self.index.countries

    def titles(self, mention: PersonMention) -> Iterator[TitlePhrase]:
        before = self._title_before(mention)
        if before is not None:
            yield before
        after = self._title_after(mention)
        if after is not None:
            yield after

    def titles_of_unknown_names(
        self, segment: Segment, offices: list[tuple[int, int]]
    ) -> Iterator[tuple[UnknownName, TitlePhrase]]:
        """Names the glossary does not know written directly after an office's form
        ("Chief Cabinet Secretary Taro Yamada"), or set off by commas after it and its
        country ("Chief Cabinet Secretary of Japan, Tsuboi Minoru, said"), with the title
        before them. `offices`: the spans of office forms found in the segment."""
        text = segment.text
        for _, office_end in offices:
            found = _UNKNOWN_NAME.match(text, office_end)
            title_end = office_end
            if found is None:
                found = _APPOSED_UNKNOWN_NAME.match(text, office_end)
                if found is None:
                    continue
                title_end = found.end("country")
            start, end = found.span("name")
            if self._people_in(segment, start, end) or self.index.find_latin(found.group("name")):
                continue  # a known name, or a glossary form ("Premier Li", "Minister Wang")
            name = UnknownName(segment, start, end, found.group("name"))
            title = self._title_before(name)
            if title is None or title.end != title_end:
                continue
            if self._qualified_by_unknown_word(text, title.start):
                continue  # "British Prime Minister Keir Starmer": another country's
            yield name, title

    @staticmethod
    def _qualified_by_unknown_word(text: str, start: int) -> bool:
        """A capitalized word before the title that is no sentence opener ("British",
        "Australian"): the title is probably another country's."""
        before = _LEFT_WORD.search(text, max(0, start - _NEIGHBOUR_WORD), start)
        if before is None or not before.group(1)[0].isupper():
            return False
        word = before.group(1).lower()
        return not (is_sentence_start(text, before.start(1)) and word in _SENTENCE_OPENERS)

    def _title_before(self, mention: Named) -> TitlePhrase | None:
        """The run of title words written directly before the name, on the same line."""
        text = mention.segment.text
        reach = max(0, mention.start - _TITLE_REACH)
        line_start = text.rfind("\n", reach, mention.start) + 1 or reach
        words = list(_BEFORE_WORD.finditer(text, line_start, mention.start))
        taken: list[re.Match[str]] = []
        past = None
        qualifier = None  # a lower-case word of no title right before it ("government")
        glued = None  # a capitalized word of no title right before it ("Presidential")
        edge = _apposed_title_end(text, mention.start, mention.end)
        others = self._people_in(mention.segment, line_start, mention.start)
        for word in reversed(words):
            if text[word.end() : edge].strip(" \t"):
                break  # punctuation between the word and what follows it
            if any(p.start < word.end() and word.start() < p.end for p in others):
                break  # another person's name ("... Fumio Kishida and Defense Minister X")
            raw = word.group(0)
            lower = raw.lower().rstrip("-")
            if lower in PAST_MARKERS:
                past = "then" if lower in ("then", "ex") else lower
                if taken:
                    taken.append(word)
                break
            marker, _, rest = lower.partition("-")
            if marker in ("then", "ex") and rest and self._title_word(rest):
                taken.append(word)  # "then-Japanese prime minister": the past opens the title
                break
            if taken and raw[0].isupper() and not self._title_word(raw):
                if taken[-1].group(0).lower() not in CONNECTORS and raw.isalpha() and raw.istitle():
                    glued = word  # "Presidential" (not "VIETNAM-" of a dateline)
                break  # "President Yoon Suk Yeol and Prime Minister", "Protest Against Prime
                # Minister" in a title-case headline: a capitalized word of no title ends it
            if (
                raw[0].isupper()
                or lower in TITLE_HEADS
                or lower in TITLE_MODIFIERS
                or (taken and is_epithet(lower))  # "top spokesman": a description
                or (lower in _TRANSPARENT and taken)  # "the LDP's new secretary-general"
                or (lower in CONNECTORS and taken)
            ):
                taken.append(word)
                edge = word.start()
                continue
            if raw.isalpha() and raw.islower() and lower not in _DETERMINERS:
                qualifier = lower
                if lower in _SUCCESSION and taken:
                    past = "then"  # "who would succeed Prime Minister Suga": he held it then
            break
        taken.reverse()
        leftmost = taken[0] if taken else None
        # Leading words that belong to no title ("Later Defense Minister ...") are dropped.
        while taken and (
            taken[0].group(0).lower() in CONNECTORS
            or not (self._title_word(taken[0].group(0)) or is_epithet(taken[0].group(0).lower()))
        ):
            taken.pop(0)
        if len(taken) == 1 and past and taken[0].group(0).lower() in PAST_MARKERS:
            return None
        if not taken:
            return None
        if taken[0].group(0).lower().startswith(("then-", "ex-")):
            past = "then"
        if (
            glued is not None
            and taken[0] is leftmost
            and not any(w.group(0).lower() in CONNECTORS for w in taken)  # one title
            and self._names_a_body(mention, glued)
        ):
            # "Presidential Office Spokesperson", "Hong Kong Chief Executive": the title of
            # a body whose name the glossary does not know, not one of its offices.
            return TitlePhrase(
                taken[0].start(), taken[-1].end(), text[taken[0].start() : taken[-1].end()],
                "before", past, None, (), None, None, True,
            )  # fmt: skip
        if qualifier and len(taken) == 1 and taken[0].group(0).islower():
            # "chief government spokesman", "party leader": a job word of a body the
            # phrase does not name is a description, not one of the glossary's titles.
            return TitlePhrase(
                taken[0].start(), taken[0].end(), taken[0].group(0), "before", past,
                None, (), None, None, True,
            )  # fmt: skip
        return self._title_phrase(mention, taken[0].start(), taken[-1].end(), "before", past)

    @staticmethod
    def _names_a_body(mention: Named, word: re.Match[str]) -> bool:
        """A capitalized word of no title right before a title is part of the name of a
        body, unless it is a day or month, or a title-case headline or the sentence's start
        capitalized it."""
        if mention.segment.title_cased:
            return False
        written = word.group(0)
        lower = written.lower()
        if lower in _CALENDAR_WORDS:
            return False  # "on Thursday Prime Minister ..."
        if is_sentence_start(mention.segment.text, word.start()):
            return lower not in _SENTENCE_OPENERS and not is_common_word(written)  # "Since"
        return True

    def _title_word(self, word: str) -> bool:
        folded = title_words(word)
        if not folded:
            return False
        token = folded[0].removeprefix("then-").removeprefix("ex-")
        return (
            token in PAST_MARKERS
            or token in TITLE_HEADS
            or token in TITLE_MODIFIERS
            or token in self.index.title_vocabulary
            or token in self.countries
        )

    def _title_after(self, mention: Named) -> TitlePhrase | None:
        text = mention.segment.text
        comma = _APPOSITION.match(text, mention.end)
        if comma is None:
            return None
        start = comma.end()
        limit = min(len(text), start + _APPOSITION_REACH)
        stop = _APPOSITION_END.search(text, start, limit)
        if stop is not None and stop.group("speech"):
            return None  # "..., the top government spokesperson said": an attribution
        end = stop.start() if stop else limit
        if self._people_in(mention.segment, start, end):
            return None  # "Song Tao, the envoy of General Secretary Xi Jinping": a relation
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if end <= start or "\n" in text[start:end]:
            return None
        words = [w.rstrip("-") for w in title_words(text[start:end])]
        if not words or words[0] in _CLAUSE_STARTS or len(words) > _MAX_APPOSITION_WORDS:
            return None  # a clause ("who was ..."), or too long to be a title
        while words and words[-1] in CONNECTORS:
            words.pop()
        past = None
        if words and words[0] in ("the", "a", "an"):
            words = words[1:]
        if words and words[0].split("-")[0] in PAST_MARKERS:
            past = "then" if words[0].startswith(("then", "ex")) else words[0].split("-")[0]
        if not any(w in TITLE_HEADS for w in words[:6]):
            return None
        return self._title_phrase(mention, start, end, "after", past)

    def _title_phrase(
        self, mention: Named, start: int, end: int, position: str, past: str | None
    ) -> TitlePhrase | None:
        text = mention.segment.text[start:end]
        words = title_words(text)
        if past and words and words[0].split("-")[0] in PAST_MARKERS:
            words = words[1:]
        words = [w.split("-", 1)[1] if w.startswith(("then-", "ex-")) else w for w in words]
        country = None
        content: list[str] = []
        for i, word in enumerate(words):
            if word in ("the", "a", "an") or word in _TRANSPARENT:
                continue
            code = self.countries.get(word)
            if code and country is None and not content:
                if word in self._organization_openers(text):
                    content.append(word)  # "Taiwan Affairs Office spokesperson": a body's
                    continue
                country = code  # "Japan's foreign minister", "Chinese Premier"
                continue
            if code and country is None and _after_of(words, i):
                country = code  # "ambassador of China to Japan": the sending state
            content.append(word)
        if not any(w in TITLE_HEADS for w in content):
            return None
        if any(is_epithet(w) for w in content):
            return TitlePhrase(start, end, text, position, past, country, (), None, None, True)
        offices = self._offices_named(content, country, mention.person)
        if offices and self._foreign_words(text, offices):
            offices = ()
        if offices:
            offices = self._of_every_word(content, offices)
        if offices:
            offices = self._of_organizations_named(text, offices)
        generic = None
        if not offices and len(content) == 1 and content[0] in GENERIC_RANKS:
            generic = content[0]
        dated = None
        if offices or generic:  # only a title that names something is judged on a date
            dated = sentence_period(mention.segment.text, start, mention.end, self.story_date)
        return TitlePhrase(start, end, text, position, past, country, offices, generic, dated)

    def _organization_openers(self, text: str) -> set[str]:
        """The first words of the organizations' names the text holds ("taiwan" of "Taiwan
        Affairs Office", or of "Taiwan Affairs Office spokesperson", a form of one of its
        offices): a country word there names the body, not a country."""
        openers = set()
        for match in self.index.find(text):
            words = title_words(match.surface)
            if not words:
                continue
            for entry in self.index.entries_of(match):
                body = self.index.glossary.get(entry.organization or "")
                if entry.kind is Kind.ORGANIZATION or (
                    body is not None
                    and any(title_words(f.text)[:1] == words[:1] for f in body.forms)
                ):
                    openers.add(words[0])
        return openers

    def _foreign_words(self, text: str, offices: tuple[Entry, ...]) -> bool:
        """Capitalized words in the phrase that belong to no title, organization or country
        the glossary knows: the phrase is about something else."""
        for raw in _CAPITALIZED.findall(text):
            word = title_words(raw)
            if not word:
                continue
            folded = word[0].removeprefix("then-")
            if not (
                folded in self.index.title_vocabulary
                or folded in TITLE_HEADS
                or folded in TITLE_MODIFIERS
                or folded in PAST_MARKERS
                or folded in self.countries
                or folded in CONNECTORS
            ):
                return True
        return False

    def _of_every_word(self, content: list[str], offices: tuple[Entry, ...]) -> tuple[Entry, ...]:
        """Of the offices a phrase names, those whose forms (or their organization's) use
        every word of it, or of one of its titles joined by "and": a bare "spokesperson"
        names the Foreign Ministry's, but "Presidential Office Spokesperson" or "Defense
        Ministry spokesperson" another body's, which the glossary does not know; and a
        title whose other words only say it is some body's ("Office Spokesperson") names
        none."""
        parts: list[set[str]] = [set()]
        for word in content:
            if word == "and":  # "State Councilor and Foreign Minister": two titles
                parts.append(set())
            elif word not in CONNECTORS and word not in PAST_MARKERS and word not in self.countries:
                parts[-1].add(word)
        parts = [part for part in parts if part <= TITLE_HEADS or part - TITLE_HEADS - _BODY_NOUNS]
        return tuple(
            office
            for office in offices
            if any(part and part <= self.index.words_of_office(office.id) for part in parts)
        )

    def _of_organizations_named(self, text: str, offices: tuple[Entry, ...]) -> tuple[Entry, ...]:
        """Of the offices a phrase names, those of the organizations it names, if it names
        any: "Liberal Democratic Party General Secretary" is no Communist Party office,
        "Komeito Secretary General" not the UN's. An organization's units are named by its
        id and theirs ("mfa-prc" → "mfa-prc-press-department")."""
        named = {
            entry.id
            for match in self.index.find(text)
            for entry in self.index.entries_of(match)
            if entry.kind is Kind.ORGANIZATION
        }
        if not named:
            return offices
        return tuple(
            office
            for office in offices
            if office.organization is None
            or any(_same_body(office.organization, organization) for organization in named)
        )

    def _offices_named(
        self, content: list[str], country: str | None, person: Entry | None
    ) -> tuple[Entry, ...]:
        held = {t.office for t in person.tenures} if person else set()
        best = DistinctEntries()
        for i in self.index.offices_named(frozenset(content), country, held):
            best.add(i, self.index.entries[i])
        return tuple(best.entries)


def _apposed_title_end(text: str, start: int, end: int) -> int:
    """Where the title before a name ends: right before it, or before the comma of a name
    set off by commas after its title ("China's Consul General in Osaka, Xue Jian, ...")."""
    if text[max(0, start - 2) : start] == ", " and text.startswith(",", end):
        return start - 2
    return start


def _same_body(one: str, other: str) -> bool:
    """The two organization ids are one body, or one is a unit of the other."""
    return one == other or one.startswith(other + "-") or other.startswith(one + "-")


def _after_of(words: list[str], i: int) -> bool:
    """The word follows "of" or "of the": "vice minister for foreign affairs of Japan"."""
    return (i >= 1 and words[i - 1] == "of") or (
        i >= 2 and words[i - 1] == "the" and words[i - 2] == "of"
    )


def rank_words(office: Entry) -> frozenset[str]:
    """The bare ranks that are a shorter form of the office's title: the head of each of
    its English forms that no rank-changing modifier precedes ("Foreign Minister",
    "Minister for Foreign Affairs" → minister; "Premier" → premier; "Prime Minister" →
    none)."""
    ranks = set()
    for form in office.forms_of(Role.PREFERRED, Role.ACCEPTED, Role.BEFORE_NAME, Role.SHORT):
        words = title_words(form.text)
        for i, word in enumerate(words):
            if word in CONNECTORS:
                break
            if word in TITLE_HEADS:
                if not any(w in RANK_MODIFIERS for w in words[:i]):
                    ranks.add(word)
                break
    return frozenset(ranks)


def is_description(offices: tuple[Entry, ...], phrase: str) -> bool:
    """The phrase is written in a form the glossary marks as a job description
    (`formal: false`: "foreign ministry spokesperson", "Komeito leader"): its head word is
    the head of such a form of one of the offices it names."""
    head = _head(title_words(phrase))
    return head is not None and any(head in _informal_heads(o) for o in offices)


_INFORMAL_HEADS: dict[int, tuple[Entry, frozenset[str | None]]] = {}


def _informal_heads(office: Entry) -> frozenset[str | None]:
    """The head words of the office's forms marked `formal: false` (worked out once per
    office)."""
    known = _INFORMAL_HEADS.get(id(office))
    if known is None or known[0] is not office:
        heads = frozenset(
            _head(title_words(f.text)) for f in office.forms if f.lang == "en" and not f.formal
        )
        known = _INFORMAL_HEADS[id(office)] = (office, heads - {None})
    return known[1]


def _head(words: list[str]) -> str | None:
    """The title's head: its last head word before the first connector."""
    head = None
    for word in words:
        if word in CONNECTORS and head:
            break
        if word in TITLE_HEADS:
            head = word
    return head
